"""When to try a failed background job again. Pure rules, no Django."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with jitter: base, 2×base, 4×base … capped at ``max_delay`` seconds.

    ``max_attempts`` counts every run, the first included; a job that has failed that many times
    stays failed and is shown to administrators.
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

    def should_retry(self, attempts: int) -> bool:
        """Whether a job that has now failed ``attempts`` times may run again."""
        return attempts < self.max_attempts

    def delay(self, attempts: int, rng: random.Random | None = None) -> float:
        """Seconds to wait after the ``attempts``-th failure (1-based)."""
        raw = min(self.max_delay, self.base_delay * (2 ** max(0, attempts - 1)))
        if not self.jitter:
            return raw
        spread = raw * self.jitter
        # Jitter spreads retries of jobs that failed together (a mail server down) over time.
        return max(0.0, (rng or random).uniform(raw - spread, raw + spread))


DEFAULT_POLICY = RetryPolicy()
