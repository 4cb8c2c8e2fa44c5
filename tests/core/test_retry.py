"""The retry policy of background jobs (core/retry.py): pure rules."""

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vanphong.core.retry import DEFAULT_POLICY, RetryPolicy

attempts = st.integers(min_value=1, max_value=5000)
delays = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)


def test_default_backoff_waits_ten_seconds_then_doubles_up_to_an_hour():
    policy = RetryPolicy(jitter=0)
    assert [policy.delay(n) for n in range(1, 8)] == [10, 20, 40, 80, 160, 320, 640]
    assert policy.delay(9) == 2560
    assert policy.delay(10) == policy.delay(50) == 3600


@given(base=delays, extra=delays, n=attempts)
def test_backoff_never_shrinks_and_never_passes_the_cap(base, extra, n):
    policy = RetryPolicy(base_delay=base, max_delay=base + extra, jitter=0)
    assert 0 <= policy.delay(n) <= policy.delay(n + 1) <= policy.max_delay


@given(n=attempts, seed=st.integers())
def test_jitter_stays_within_a_fifth_of_the_backoff_and_under_the_cap(n, seed):
    raw = min(3600.0, 10.0 * 2 ** min(n - 1, 20))
    delay = DEFAULT_POLICY.delay(n, random.Random(seed))
    assert raw * 0.8 <= delay <= min(raw * 1.2, 3600.0)


def test_jitter_spreads_jobs_that_failed_together():
    # Fifty mails refused by one SMTP outage must not all come back in the same second.
    delays = [DEFAULT_POLICY.delay(3, random.Random(seed)) for seed in range(50)]
    assert len({round(d) for d in delays}) > 10
    assert min(delays) >= 32
    assert max(delays) <= 48


def test_max_attempts_counts_every_run_the_first_included():
    policy = RetryPolicy(max_attempts=3)
    assert [policy.should_retry(n) for n in (1, 2, 3, 4)] == [True, True, False, False]
    assert not RetryPolicy(max_attempts=1).should_retry(1)


@pytest.mark.parametrize(
    "settings",
    [
        {"max_attempts": 0},
        {"base_delay": -1.0},
        {"base_delay": 60.0, "max_delay": 30.0},
        {"jitter": -0.1},
        {"jitter": 1.5},
    ],
)
def test_nonsensical_policies_are_refused(settings):
    with pytest.raises(ValueError):  # noqa: PT011 - the message is for the programmer
        RetryPolicy(**settings)
