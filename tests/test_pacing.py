"""Weight-aware pacing (binance_coinm/pacing.py): a client keeps under the exchange's request-weight budget, which
the simulator enforces per window with 429 -1003 and Retry-After, as Binance does."""

from __future__ import annotations

import time

import pytest
from binance_coinm import Client, RateLimitError, ValidationError
from binance_coinm.pacing import BANNED, NOT_SAID, ROLLOVER_GUARD_SECONDS, WeightAccount
from binance_coinm.signing import ServerClock
from binance_coinm.testing import DEMO_API_KEY, DEMO_API_SECRET, ExchangeSimulator, Fault, demo_exchange

from bench.pacing import run
from tests.conftest import both_answers

LIMIT, WINDOW = 60, 1.0  # the simulator's budget: 60 weight per second
CALLS = 150  # enough to need three windows


@pytest.mark.parametrize("paced", [True, False], ids=["paced", "not paced"])
@pytest.mark.parametrize("kind", ["Client", "AsyncClient"])  # 8 threads; 100 concurrent tasks
def test_one_client_under_load_stays_under_the_budget(kind: str, paced: bool) -> None:
    result = run(kind, paced, LIMIT, WINDOW, CALLS)
    if paced:
        assert (result.answered, result.refused) == (CALLS, 0)  # every call made, none refused
    else:
        assert result.refused > 0  # the same load without pacing is refused


def test_the_weight_of_each_operation_comes_from_the_spec() -> None:
    while 3600 - time.time() % 3600 < 5:  # the windows are the clock's hours: not about to roll over
        time.sleep(0.5)
    with ExchangeSimulator(demo_exchange(weight_limit=LIMIT, weight_window=3600.0)) as sandbox:
        with sandbox.client(weight_limit=LIMIT, weight_window=3600.0, deadline=1.0) as client:
            client.current_all_open_orders()  # without a symbol: weight 40
            client.current_all_open_orders(symbol="BTCUSD_PERP")  # with one: 1
            with pytest.raises(RateLimitError) as refused:  # 41 + 40 > 60, and the next window is past the deadline
                client.current_all_open_orders()
        assert len(sandbox.requests) == 2 and sandbox.used_weight == 41  # refused locally: never sent
    assert refused.value.retry_after is not None and 0 < refused.value.retry_after <= 3600.1
    assert "not sent" in str(refused.value)


def test_a_429_is_waited_out_before_the_next_request() -> None:
    with ExchangeSimulator() as sandbox, sandbox.client(deadline=1.0, retries=0) as client:
        sandbox.fail_next(429, {"code": -1003, "msg": "Too many requests."}, retry_after=5)
        with pytest.raises(RateLimitError):
            client.check_server_time()
        with pytest.raises(RateLimitError) as waiting:  # 5 s of silence asked for; the call may take 1 s
            client.check_server_time()
        assert len(sandbox.requests) == 1 and 4 < (waiting.value.retry_after or 0) <= 5


def _clear_of_midnight() -> None:
    """Wait out the last seconds of a UTC day: a day's window would roll over within a call's 1 s deadline."""
    left = 86_400.0 - time.time() % 86_400.0
    if left < 3.0:
        time.sleep(left + 0.05)


def test_a_request_past_the_budget_is_refused_unsent_when_the_next_window_begins_after_the_deadline() -> None:
    _clear_of_midnight()  # a day's window: the next begins at midnight UTC
    options = {"deadline": 1.0, "retries": 0, "weight_limit": 1, "weight_window": 86_400.0}
    with ExchangeSimulator() as sandbox, sandbox.client(**options) as client:
        client.check_server_time()
        with pytest.raises(RateLimitError) as refused:
            client.check_server_time()
        assert len(sandbox.requests) == 1 and refused.value.status_code == 429
        assert refused.value.msg == (
            "not sent: the request weight would pass weight_limit=1 in this 86400 s window, and the next one "
            "begins after the call's deadline"
        )


def test_a_used_weight_the_exchange_reports_counts_against_the_budget() -> None:
    # Another client on the same IP used the budget: the exchange's count, not this client's 1, decides.
    _clear_of_midnight()
    options = {"deadline": 1.0, "retries": 0, "weight_limit": 3, "weight_window": 86_400.0}
    with ExchangeSimulator() as sandbox, sandbox.client(**options) as client:
        used_up = Fault("status", status=200, body=b'{"serverTime":1}', headers={"X-MBX-USED-WEIGHT-1M": "3"})
        sandbox.exchange.inject(used_up)
        assert client.check_server_time().server_time == 1
        with pytest.raises(RateLimitError, match="would pass weight_limit=3"):
            client.check_server_time()
        assert len(sandbox.requests) == 1


@pytest.mark.parametrize(("digits", "counted"), [(18, True), (19, False)])
def test_a_used_weight_counts_up_to_eighteen_digits(digits: int, counted: bool) -> None:
    _clear_of_midnight()
    options = {"deadline": 1.0, "retries": 0, "weight_limit": 3, "weight_window": 86_400.0}
    with ExchangeSimulator() as sandbox, sandbox.client(**options) as client:
        three = "3".rjust(digits, "0")  # the budget used up, in as many digits
        sandbox.exchange.inject(
            Fault("status", status=200, body=b'{"serverTime":1}', headers={"X-MBX-USED-WEIGHT-1M": three})
        )
        client.check_server_time()
        if counted:
            with pytest.raises(RateLimitError, match="would pass weight_limit=3"):
                client.check_server_time()
        else:
            assert client.check_server_time().server_time > 1  # ignored: sent, and answered by the exchange
        assert len(sandbox.requests) == (1 if counted else 2)


@pytest.mark.parametrize("value", ["lots", "9" * 5000], ids=["words", "more digits than int() takes"])
def test_a_used_weight_that_is_not_a_count_is_ignored(value: str) -> None:
    with ExchangeSimulator() as sandbox:
        odd = Fault("status", status=200, body=b'{"serverTime":1}', headers={"X-MBX-USED-WEIGHT-1M": value}, times=2)
        sandbox.exchange.inject(odd)
        answers = both_answers(sandbox.base_url, lambda client: client.check_server_time_detailed())
        assert [(a.data.server_time, a.used_weight) for a in answers] == [(1, {}), (1, {})], answers  # type: ignore[attr-defined]


def test_a_ban_without_retry_after_waits_for_the_next_window() -> None:
    # The ban lasts to the end of the 30 s window, and the second call's deadline is 1 s: started within 1 s of
    # the window's end, that call would rightly wait and send. Windows follow the clock, so start clear of the end.
    left = 30.0 - time.time() % 30.0
    if left < 3.0:
        time.sleep(left + 0.05)
    with ExchangeSimulator() as sandbox, sandbox.client(deadline=1.0, retries=0, weight_window=30.0) as client:
        sandbox.fail_next(418, {"code": -1003, "msg": "Way too many requests; IP banned."})
        with pytest.raises(RateLimitError):
            client.check_server_time()
        with pytest.raises(RateLimitError, match="not sent"):
            client.check_server_time()
        assert len(sandbox.requests) == 1


def test_pacing_is_configured_or_refused_before_anything_is_sent() -> None:
    for bad in (0, -1, 2.5, "2400", True):
        with pytest.raises(ValidationError) as error:
            Client(DEMO_API_KEY, DEMO_API_SECRET, weight_limit=bad)
        assert error.value.parameter == "weight_limit"
    for bad_window in (0, -1.0, float("nan"), "60"):
        with pytest.raises(ValidationError) as error:
            Client(DEMO_API_KEY, DEMO_API_SECRET, weight_window=bad_window)
        assert error.value.parameter == "weight_window"
    Client(DEMO_API_KEY, DEMO_API_SECRET, weight_limit=None).close()  # off


def test_a_clock_sync_measures_the_answered_attempt_not_the_pacing_wait() -> None:
    # Before: the sync timed from before the pacing wait, and set an offset of half that wait (1.8 s here).
    sandbox = ExchangeSimulator(demo_exchange(weight_limit=10, weight_window=2.0))
    with sandbox, sandbox.client(weight_limit=10, weight_window=2.0) as client:
        while time.time() % 2.0 > 0.5:  # early in a window: the sync below must wait for the next one
            time.sleep(0.05)
        for _ in range(10):
            client.check_server_time()
        started = time.monotonic()
        offset = client.sync_time()
        assert time.monotonic() - started > 1.0  # it did wait for the next window
        assert abs(offset) < 200, offset  # the exchange's clock is this machine's


def test_a_ban_is_said_as_such_when_waiting_it_out_would_pass_the_deadline() -> None:
    with ExchangeSimulator() as sandbox, sandbox.client(deadline=1.0, retries=0) as client:
        sandbox.fail_next(418, {"code": -1003, "msg": "Way too many requests; IP banned."}, retry_after=600)
        with pytest.raises(RateLimitError):
            client.check_server_time()
        with pytest.raises(RateLimitError) as held:
            client.check_server_time()
        assert held.value.msg == (
            "not sent: the exchange asked for no requests for that long (the Retry-After of its 429 or 418)"
        )
        assert held.value.status_code == 429 and 599.9 < (held.value.retry_after or 0) <= 600  # to the ms, rounded up


def test_a_retry_after_of_zero_asks_for_no_wait() -> None:
    with ExchangeSimulator() as sandbox, sandbox.client(deadline=1.0, retries=0) as client:
        sandbox.fail_next(429, {"code": -1003, "msg": "Too many requests."}, retry_after=0)
        with pytest.raises(RateLimitError):
            client.check_server_time()
        assert client.check_server_time().server_time > 0  # sent at once, not held for the rest of the window


class _Clock(ServerClock):
    """The exchange's clock, set by the test."""

    def __init__(self, now_ms: int) -> None:
        super().__init__()
        self.at = now_ms

    def now_ms(self) -> int:
        return self.at


def test_a_request_answered_after_the_rollover_counts_in_the_new_window() -> None:
    # Before: settle dropped the request from the in-flight count before rolling over, so a request sent at the end
    # of one window and counted by the exchange in the next was counted in neither (CI: 149 answered, one 429).
    clock = _Clock(59_990)
    account = WeightAccount(limit=2, window=60.0, clock=clock)
    assert account.reserve(1) == (0.0, 0)
    assert account.reserve(1) == (0.0, 0)
    clock.at = 60_010  # the window rolls over while both are unanswered
    account.settle(1, 0, reported=1)
    account.settle(1, 0, reported=2)
    assert account.used == 2  # both may have reached the exchange after the rollover: the new window is full
    wait, window = account.reserve(1)
    assert window == -1 and wait == pytest.approx(60.0 - 0.01 + ROLLOVER_GUARD_SECONDS)


def test_a_new_window_starts_empty_and_takes_even_a_request_heavier_than_the_budget() -> None:
    clock = _Clock(0)
    account = WeightAccount(limit=5, window=60.0, clock=clock)
    assert account.reserve(5) == (0.0, 0)  # the whole budget, in a window nothing was reported for
    account.settle(5, 0, reported=5)
    assert account.reserve(1)[1] == -1
    clock.at = 60_000
    assert account.used == 0
    assert account.reserve(20) == (0.0, 1)  # heavier than the budget: it can only ever go into an empty window
    assert account.reserve(1)[1] == -1


def test_a_window_with_any_weight_used_takes_no_request_past_the_budget() -> None:
    account = WeightAccount(limit=2, window=60.0, clock=_Clock(0))
    assert account.reserve(1) == (0.0, 0)
    account.settle(1, 0, reported=1)
    assert account.reserve(2) == (pytest.approx(60.0 + ROLLOVER_GUARD_SECONDS), -1)  # 1 + 2 > 2


def test_answered_requests_leave_nothing_in_flight_for_the_next_window() -> None:
    clock = _Clock(0)
    account = WeightAccount(limit=10, window=60.0, clock=clock)
    for _ in range(2):
        assert account.reserve(1) == (0.0, 0)
    account.settle(1, 0, reported=1)
    account.settle(1, 0, reported=2)
    clock.at = 60_000
    assert account.used == 0  # nothing unanswered was carried into the new window


def test_a_ban_holds_every_request_until_its_last_moment() -> None:
    account = WeightAccount(limit=10, window=60.0, clock=_Clock(0))
    account.settle(0, -1, reported=None, retry_after=0.5)
    wait, window = account.reserve(1)
    assert window == BANNED and 0 < wait <= 0.5  # held for the rest of the half second, not sent before it ends


def test_a_ban_without_a_duration_holds_requests_until_the_window_rolls_over() -> None:
    account = WeightAccount(limit=10, window=60.0, clock=_Clock(30_000))
    account.settle(0, -1, reported=None, retry_after=NOT_SAID)
    wait, window = account.reserve(1)
    assert window == BANNED and 30.0 - ROLLOVER_GUARD_SECONDS / 2 < wait <= 30.0 + ROLLOVER_GUARD_SECONDS
