"""When to try a failed background job again. Pure rules, no Django."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with jitter: base, 2×base, 4×base … capped at ``max_delay`` seconds.

    ``max_attempts`` counts every run, the first included; a job that has failed that many times
    stays failed and is shown to administrators. ``jitter`` is the fraction (0 to 1) by which a
    delay may randomly differ from the plain backoff, never beyond the cap.
    """

    max_attempts: int = 5
    base_delay: float = 10.0
    max_delay: float = 3600.0
    jitter: float = 0.2

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.base_delay < 0 or self.max_delay < self.base_delay:
            raise ValueError("delays must satisfy 0 <= base_delay <= max_delay")
        if not 0 <= self.jitter <= 1:
            raise ValueError("jitter must be a fraction between 0 and 1")

    def should_retry(self, attempts: int) -> bool:
        """Whether a job that has now failed ``attempts`` times may run again."""
        return attempts < self.max_attempts

    def delay(self, attempts: int, rng: random.Random | None = None) -> float:
        """Seconds to wait after the ``attempts``-th failure (1-based)."""
        try:
            raw = min(self.max_delay, self.base_delay * 2.0 ** max(0, attempts - 1))
        except OverflowError:
            # Some thousand attempts in, the power no longer fits a float; the cap has long won.
            raw = self.max_delay if self.base_delay else 0.0
        if not self.jitter:
            return raw
        spread = raw * self.jitter
        # Jitter spreads retries of jobs that failed together (a mail server down) over time.
        return min(self.max_delay, max(0.0, (rng or random).uniform(raw - spread, raw + spread)))


DEFAULT_POLICY = RetryPolicy()
