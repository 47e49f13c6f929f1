"""Clock skew, retries, timeouts and every failure typed, proven against injected simulator faults.

Each test counts the requests that reached the simulator. The autouse guard in conftest checks that no log
record holds a secret; each raised error is checked with leak_free.
"""

from __future__ import annotations

import asyncio
import random
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from binance_coinm import (
    APIError,
    AsyncClient,
    AuthenticationError,
    BinanceError,
    Client,
    RateLimitError,
    RequestTimeoutError,
    RetryPolicy,
    ServerError,
    TimestampError,
    TransportError,
)
from binance_coinm.testing import DEMO_API_KEY, DEMO_API_SECRET, Exchange, Fault

from tests.conftest import AnyClient, MakeClient, leak_free

OPEN_ORDER = "/dapi/v1/openOrder"
TIME = "/dapi/v1/time"
HTML_502 = b"<html><head><title>502 Bad Gateway</title></head><body><center>502 Bad Gateway</center></body></html>"


def query(client: AnyClient) -> int:
    return client.query_current_open_order("BTCUSD_PERP", order_id=2).order_id


def raised(client: AnyClient) -> BaseException:
    with pytest.raises(Exception) as error:
        query(client)
    assert leak_free(error.value)
    return error.value


# -- clock sync ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("skew_ms", [3_000, -3_000])
def test_timestamp_error_syncs_once_and_retries(exchange: Exchange, make_client: MakeClient, skew_ms: int) -> None:
    exchange.skew_ms = skew_ms
    with make_client(recv_window=2000, retries=0) as client:
        assert query(client) == 2
        assert (exchange.count(TIME), exchange.count(OPEN_ORDER)) == (1, 2)
        assert abs(client.clock.offset_ms - skew_ms) < 500
        for _ in range(5):  # the offset holds for later requests: no more -1021, no more /time
            query(client)
        assert (exchange.count(TIME), exchange.count(OPEN_ORDER)) == (1, 7)


def test_sync_time_up_front_avoids_any_rejection(exchange: Exchange, make_client: MakeClient) -> None:
    exchange.skew_ms = -3_000
    with make_client(recv_window=2000) as client:
        assert abs(client.sync_time() + 3_000) < 500
        assert query(client) == 2
    assert (exchange.count(TIME), exchange.count(OPEN_ORDER)) == (1, 1)


def test_concurrent_syncs_wait_for_each_other_within_the_deadline(exchange: Exchange, base_url: str) -> None:
    exchange.skew_ms = 2_000
    exchange.inject(Fault("delay", seconds=0.3, times=2, path=TIME))
    with Client(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url, deadline=5.0) as client:
        start = threading.Barrier(2)

        def sync(_: int) -> int:
            start.wait(timeout=5)
            return client.sync_time()  # the second waits for the first's lock (0.3 s), well within the deadline

        with ThreadPoolExecutor(2) as pool:
            offsets = list(pool.map(sync, range(2)))
    assert all(abs(offset - 2_000) < 500 for offset in offsets) and exchange.count(TIME) == 2


def test_timestamp_error_that_survives_a_sync_is_raised(exchange: Exchange, make_client: MakeClient) -> None:
    exchange.skew_ms = 10_000
    lying_clock = Fault("status", status=200, body=b'{"serverTime": 1000}', path=TIME)  # the epoch, far behind
    exchange.inject(lying_clock)
    with make_client() as client:
        error = raised(client)
    assert isinstance(error, TimestampError) and error.code == -1021
    assert (exchange.count(TIME), exchange.count(OPEN_ORDER)) == (1, 2)


def test_sync_can_be_turned_off(exchange: Exchange, make_client: MakeClient) -> None:
    exchange.skew_ms = 10_000  # well past the default recvWindow of 5000, whatever the latency
    with make_client(sync_on_timestamp_error=False) as client:
        assert isinstance(raised(client), TimestampError)
    assert (exchange.count(TIME), exchange.count(OPEN_ORDER)) == (0, 1)


def test_fifty_concurrent_tasks_hitting_1021_cause_one_time_call(exchange: Exchange, base_url: str) -> None:
    exchange.skew_ms = 3_000
    exchange.inject(Fault("gather", times=50, path=OPEN_ORDER))  # all 50 are sent before any -1021 comes back

    async def main() -> list[int]:
        async with AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url, recv_window=2000) as client:
            orders = await asyncio.gather(
                *(client.query_current_open_order("BTCUSD_PERP", order_id=2) for _ in range(50))
            )
            return [o.order_id for o in orders]

    assert asyncio.run(main()) == [2] * 50
    assert exchange.count(TIME) == 1
    assert exchange.count(OPEN_ORDER) == 100


def test_fifty_threads_hitting_1021_cause_one_time_call(exchange: Exchange, base_url: str) -> None:
    exchange.skew_ms = -3_000
    exchange.inject(Fault("gather", times=50, path=OPEN_ORDER))  # all 50 are sent before any -1021 comes back
    start = threading.Barrier(50)
    with Client(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url, recv_window=2000) as client:

        def worker(_: int) -> int:
            start.wait(timeout=10)
            return query(client)

        with ThreadPoolExecutor(50) as pool:
            assert list(pool.map(worker, range(50))) == [2] * 50
    assert exchange.count(TIME) == 1
    assert exchange.count(OPEN_ORDER) == 100


# -- retries -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [502, 503, 504])
def test_gateway_errors_are_retried_and_then_succeed(client: AnyClient, exchange: Exchange, status: int) -> None:
    exchange.inject(Fault("status", status=status, times=2, path=OPEN_ORDER))
    assert query(client) == 2
    assert exchange.count(OPEN_ORDER) == 3


def test_persistent_503_raises_server_error_with_binances_message(client: AnyClient, exchange: Exchange) -> None:
    exchange.inject(Fault("status", status=503, times=10, path=OPEN_ORDER))
    error = raised(client)
    assert isinstance(error, ServerError) and error.status_code == 503 and error.code == -1000
    assert error.msg == "Unknown error, please check your request or try again later."
    assert exchange.count(OPEN_ORDER) == 3  # max_attempts, not more


@pytest.mark.parametrize("code", [-1001, -1007])
def test_internal_error_codes_are_retried(client: AnyClient, exchange: Exchange, code: int) -> None:
    body = b'{"code": %d, "msg": "Internal error; unable to process your request. Please try again."}' % code
    exchange.inject(Fault("status", status=400, body=body, path=OPEN_ORDER))
    assert query(client) == 2
    assert exchange.count(OPEN_ORDER) == 2


@pytest.mark.parametrize(("status", "expected"), [
    (400, APIError), (401, AuthenticationError), (403, APIError), (404, APIError), (500, ServerError),
    (520, ServerError),
])  # fmt: skip
def test_other_errors_are_not_retried(client: AnyClient, exchange: Exchange, status: int, expected: type) -> None:
    exchange.inject(Fault("status", status=status, body=b'{"code": -1000, "msg": "no"}', path=OPEN_ORDER))
    error = raised(client)
    assert type(error) is expected and isinstance(error, APIError) and error.status_code == status
    assert exchange.count(OPEN_ORDER) == 1


def test_retries_zero_disables_retrying(exchange: Exchange, make_client: MakeClient) -> None:
    exchange.inject(Fault("status", status=503, path=OPEN_ORDER))
    with make_client(retries=0) as client:
        assert isinstance(raised(client), ServerError)
    assert exchange.count(OPEN_ORDER) == 1


def test_every_attempt_is_signed_afresh(exchange: Exchange, make_client: MakeClient) -> None:
    exchange.inject(Fault("status", status=503, times=2, path=OPEN_ORDER))
    policy = RetryPolicy(backoff=0.02, max_backoff=0.04)  # at least 10 ms apart: distinct ms timestamps
    with make_client(retries=policy) as client:
        query(client)
    queries = [r.query for r in exchange.requests if r.path == OPEN_ORDER]
    timestamps = {q.split("timestamp=")[1].split("&")[0] for q in queries}
    signatures = {q.rsplit("&signature=", 1)[1] for q in queries}
    assert len(queries) == 3 and len(timestamps) == 3 and len(signatures) == 3


def test_retry_policy_backoff_is_bounded_jittered_and_budgeted() -> None:
    policy = RetryPolicy(max_attempts=5, budget=1.0, backoff=0.2, max_backoff=0.5)
    error = ServerError(503, None, "x")
    for attempt, ceiling in [(1, 0.2), (2, 0.4), (3, 0.5), (4, 0.5)]:
        delays = {policy.delay(attempt, error, 0.0) for _ in range(50)}
        assert all(d is not None and ceiling / 2 <= d <= ceiling for d in delays)
        assert len(delays) > 1  # jittered
    assert policy.delay(5, error, 0.0) is None  # attempts exhausted
    assert policy.delay(1, error, 0.95) is None  # would overrun the budget
    assert policy.delay(1, TransportError("reset"), 0.0) is not None
    assert policy.delay(1, APIError(400, -1102, "x"), 0.0) is None


def test_retrying_stops_at_the_exact_edge_of_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    # A wait that would end right at the deadline is not waited (the next attempt would have no time at all), and
    # with no time left the error is the deadline's. The clock is stopped at each edge.
    from binance_coinm.client import DEADLINE

    policy = RetryPolicy(max_attempts=5, budget=100.0, backoff=1.0, max_backoff=1.0)
    monkeypatch.setattr(random, "uniform", lambda low, high: low)  # every backoff 0.5 s
    with Client(DEMO_API_KEY, DEMO_API_SECRET, base_url="http://127.0.0.1:9", retries=policy, deadline=10) as client:
        token = DEADLINE.set(100.5)
        try:
            monkeypatch.setattr(time, "monotonic", lambda: 99.9)
            assert client._retry_delay(1, ServerError(503, None, "x"), 99.0, True) == 0.5  # ends before it: waited
            monkeypatch.setattr(time, "monotonic", lambda: 100.0)
            with pytest.raises(ServerError):  # would end exactly at it
                client._retry_delay(1, ServerError(503, None, "x"), 99.0, True)
            monkeypatch.setattr(time, "monotonic", lambda: 100.5)
            with pytest.raises(RequestTimeoutError, match="deadline of 10 s"):  # none left
                client._retry_delay(1, ServerError(503, None, "x"), 99.0, True)
        finally:
            monkeypatch.undo()
            DEADLINE.reset(token)


def test_retry_policy_jitter_spans_the_upper_half_and_the_budget_is_inclusive(monkeypatch: pytest.MonkeyPatch) -> None:
    error = ServerError(503, None, "x")
    monkeypatch.setattr(random, "uniform", lambda low, high: high)  # the jitter at its largest
    policy = RetryPolicy(max_attempts=5, budget=10.0, backoff=1.0, max_backoff=8.0)
    assert policy.delay(3, error, 0.0) == 4.0  # ceiling 1.0 * 2 ** 2: up to the whole ceiling, from half of it
    monkeypatch.setattr(random, "uniform", lambda low, high: low)  # at its smallest
    assert policy.delay(3, error, 0.0) == 2.0
    policy = RetryPolicy(max_attempts=5, budget=2.0, backoff=1.0, max_backoff=8.0)
    assert policy.delay(1, error, 1.5) == 0.5  # ends exactly at the budget: still within it
    assert policy.delay(1, error, 1.5 + 2**-40) is None
    waited = RetryPolicy(max_attempts=5, budget=10.0, rate_limit_wait=2.0)
    assert waited.delay(1, RateLimitError(429, -1003, "x", retry_after=2.0), 0.0) == 2.0  # as long as it may wait
    assert waited.delay(1, RateLimitError(429, -1003, "x", retry_after=2.001), 0.0) is None


# -- rate limits -------------------------------------------------------------------------------------------


def test_429_raises_rate_limit_error_with_retry_after_and_is_not_retried(client: AnyClient, exchange: Exchange) -> None:
    body = b'{"code": -1003, "msg": "Too many requests; current limit is 2400 requests per minute."}'
    exchange.inject(Fault("status", status=429, body=body, headers={"Retry-After": "7"}, path=OPEN_ORDER))
    error = raised(client)
    assert isinstance(error, RateLimitError)
    assert (error.status_code, error.code, error.retry_after) == (429, -1003, 7.0)
    assert exchange.count(OPEN_ORDER) == 1


def test_429_is_waited_out_when_opted_in_and_short_enough(exchange: Exchange, make_client: MakeClient) -> None:
    policy = RetryPolicy(rate_limit_wait=1.0)
    exchange.inject(Fault("status", status=429, headers={"Retry-After": "0.05"}, path=OPEN_ORDER))
    with make_client(retries=policy) as client:
        assert query(client) == 2
        exchange.inject(Fault("status", status=429, headers={"Retry-After": "30"}, path=OPEN_ORDER))
        assert isinstance(raised(client), RateLimitError)  # longer than the cap: raised at once
    assert exchange.count(OPEN_ORDER) == 3


def test_418_is_never_retried(exchange: Exchange, make_client: MakeClient) -> None:
    body = b'{"code": -1003, "msg": "Way too many requests; IP banned until 1579276756075."}'
    exchange.inject(Fault("status", status=418, body=body, headers={"Retry-After": "0.01"}, path=OPEN_ORDER))
    with make_client(retries=RetryPolicy(rate_limit_wait=60)) as c:
        error = raised(c)
    assert isinstance(error, RateLimitError) and error.status_code == 418 and error.retry_after == 0.01
    assert exchange.count(OPEN_ORDER) == 1


# -- every failure typed -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "body", "expected"), [
    (403, b"<html><body><h1>403 Forbidden</h1> Request blocked by WAF</body></html>", APIError),
    (502, HTML_502, ServerError),
    (520, b"<html>Cloudflare: Web server is returning an unknown error</html>", ServerError),
    (525, b"SSL handshake failed", ServerError),
    (200, b'{"orderId": 2, "symbol": "BTCUSD_PE', APIError),            # truncated JSON
    (200, b"{'orderId': 2}", APIError),                                   # malformed JSON
    (200, b"", APIError),                                                 # empty body
    (200, b'[{"orderId": 2}]', APIError),                                 # an array
    (200, b'{"symbol": "BTCUSD_PERP"}', APIError),                        # orderId missing
    (200, b'{"orderId": "2", "symbol": "X"}', APIError),                  # orderId as a string
    (400, b'{"code": "-2013"}', APIError),                                # an error of the wrong shape
])  # fmt: skip
def test_every_bad_answer_is_a_typed_error_with_status_and_excerpt(
    exchange: Exchange, make_client: MakeClient, status: int, body: bytes, expected: type[APIError]
) -> None:
    exchange.inject(Fault("status", status=status, body=body, times=5, path=OPEN_ORDER))
    with make_client() as client:
        error = raised(client)
    assert isinstance(error, expected)
    assert not isinstance(error, (ValueError, KeyError, TypeError))
    assert error.status_code == status
    excerpt = body.decode()[:40] if body else "(empty body)"
    assert excerpt.split()[0] in error.msg and excerpt.split()[0] in str(error)
    assert error.__cause__ is None


def test_connection_refused_is_a_transport_error_after_retries(make_client: MakeClient) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again before use: nothing listens there
    with make_client(base_url=f"http://127.0.0.1:{port}") as c:
        error = raised(c)
    assert type(error) is TransportError and "ConnectError" in str(error)


def test_connection_closed_without_answer_is_retried(client: AnyClient, exchange: Exchange) -> None:
    exchange.inject(Fault("close", times=2, path=OPEN_ORDER))
    assert query(client) == 2
    assert exchange.count(OPEN_ORDER) == 3


def test_connection_closed_every_time_is_a_transport_error(client: AnyClient, exchange: Exchange) -> None:
    exchange.inject(Fault("close", times=10, path=OPEN_ORDER))
    error = raised(client)
    # Not a timeout: a dropped connection must not be reported as one. Neither library's message says which
    # server dropped it: the host is added.
    assert type(error) is TransportError and str(error).startswith("RemoteProtocolError (127.0.0.1): ")
    assert "disconnected" in str(error).lower()
    assert exchange.count(OPEN_ORDER) == 3


def test_read_timeout_is_typed_and_retried_within_bounds(exchange: Exchange, make_client: MakeClient) -> None:
    exchange.inject(Fault("delay", seconds=0.6, times=3, path=OPEN_ORDER))
    timeout = httpx.Timeout(0.2, connect=1.0)
    with make_client(timeout=timeout) as c:
        error = raised(c)
    assert isinstance(error, RequestTimeoutError) and isinstance(error, TransportError)
    assert exchange.count(OPEN_ORDER) == 3


def test_a_slow_answer_within_the_timeout_succeeds(exchange: Exchange, make_client: MakeClient) -> None:
    exchange.inject(Fault("delay", seconds=0.1, path=OPEN_ORDER))
    with make_client(timeout=2.0) as client:
        assert query(client) == 2
    assert exchange.count(OPEN_ORDER) == 1


# -- connections -------------------------------------------------------------------------------------------


def eventually(condition: Callable[[], bool], seconds: float = 5.0) -> bool:
    """True once condition() is, polled every 10 ms; False if it is still false after `seconds`."""
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            return False
        time.sleep(0.01)
    return True


def test_one_connection_is_reused_and_closing_the_client_closes_it(make_client: MakeClient, exchange: Exchange) -> None:
    client = make_client()
    for _ in range(5):
        assert query(client) == 2
    assert (exchange.connections, exchange.open_connections) == (1, 1)  # keep-alive: one connection for all five
    client.close()  # AsyncClient: aclose(), which must close the aiohttp session and its connector
    assert eventually(lambda: exchange.open_connections == 0), "the client left its connection open"
    with pytest.raises(BinanceError):
        query(client)  # closed: a call raises, and opens nothing
    assert exchange.connections == 1 and exchange.count(OPEN_ORDER) == 5


def test_async_with_closes_the_session(base_url: str, exchange: Exchange) -> None:
    async def main() -> None:
        async with AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url) as client:
            await client.query_current_open_order("BTCUSD_PERP", order_id=2)
            assert exchange.open_connections == 1

    asyncio.run(main())
    assert eventually(lambda: exchange.open_connections == 0), "async with left the connection open"


@pytest.mark.parametrize(("header", "seconds"), [("7", 7.0), ("0", 0.0), ("0.5", 0.5), ("-1", None), ("soon", None),
                                                 ("Wed, 21 Oct 2026 07:28:00 GMT", None)])  # fmt: skip
def test_retry_after_is_seconds_at_least_zero(
    client: AnyClient, exchange: Exchange, header: str, seconds: object
) -> None:
    exchange.inject(Fault("status", status=429, body=b'{"code": -1003, "msg": "x"}', headers={"Retry-After": header},
                          path=OPEN_ORDER))  # fmt: skip
    error = raised(client)
    assert isinstance(error, RateLimitError) and error.retry_after == seconds
    assert error.headers is not None and error.headers["retry-after"] == header  # the answer's headers, kept
