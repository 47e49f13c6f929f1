"""The one entry point every generated method calls: whatever the arguments or the answer, only a BinanceError
leaves it, and a request that may change something is never sent twice."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import socket
import subprocess
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from binance_coinm import APIError, AsyncClient, Client, RetryPolicy, ServerError, TransportError, ValidationError
from binance_coinm.testing import DEMO_API_KEY, DEMO_API_SECRET, Exchange, Fault, order
from binance_coinm_openapi.api.trade import query_order

from tests.conftest import both_answers, both_clients
from tests.test_cli import COMMAND, KEYS

ORDER = "/dapi/v1/order"
UNAVAILABLE = b'{"code":-1000,"msg":"Service unavailable."}'


@pytest.mark.parametrize(("call", "parameter"), [
    (lambda c: c.query_order("BTC\ud800", order_id=3), "symbol"),               # a lone surrogate: no UTF-8
    (lambda c: c.current_all_open_orders(symbol="A" * 70_000), "arguments"),   # longer than any URL may be
    (lambda c: c.query_order("BTCUSD_PERP", order_id=2**63), "order_id"),      # more than int64 holds
    (lambda c: c.query_order("BTCUSD_PERP", order_id=-(2**63) - 1), "order_id"),
])  # fmt: skip
def test_unsendable_arguments_are_validation_errors_before_sending(
    base_url: str, exchange: Exchange, call: Callable[[Any], Any], parameter: str
) -> None:
    raised = both_clients(base_url, call)
    assert [type(error) for error in raised] == [ValidationError, ValidationError]
    assert {error.parameter for error in raised if isinstance(error, ValidationError)} == {parameter}
    assert len(exchange.requests) == 0


def test_a_deeply_nested_answer_is_an_api_error(base_url: str, exchange: Exchange) -> None:
    for status in (200, 400):
        exchange.inject(Fault("status", status=status, body=b"[" * 100_000, times=2, path=ORDER))
        raised = both_clients(base_url, lambda c: c.query_order("BTCUSD_PERP", order_id=2))
        assert [type(error) for error in raised] == [APIError, APIError]
        assert all(isinstance(e, APIError) and e.status_code == status for e in raised)


def as_post(client: Client | AsyncClient) -> Any:
    """query_order's request, but as if the operation could change something (not a GET) in the spec."""
    changing = dataclasses.replace(query_order.OPERATION, method="POST")
    return client._call(changing, {"symbol": "BTCUSD_PERP", "order_id": 2})


def test_an_operation_that_may_change_something_is_not_resent_after_an_unknown_outcome(
    base_url: str, exchange: Exchange
) -> None:
    exchange.inject(Fault("status", status=503, body=UNAVAILABLE, times=2, path=ORDER))
    raised = both_clients(base_url, as_post)
    assert [type(error) for error in raised] == [ServerError, ServerError]
    assert exchange.count(ORDER) == 2  # one attempt each: a 503 leaves it unknown whether the order was placed


def test_an_operation_that_may_change_something_is_resent_when_surely_not_processed(
    base_url: str, exchange: Exchange
) -> None:
    not_processed = b'{"code":-1001,"msg":"Internal error; unable to process your request. Please try again."}'
    exchange.inject(Fault("status", status=503, body=not_processed, times=2, path=ORDER))
    assert both_clients(base_url, as_post) == []
    assert exchange.count(ORDER) == 4  # -1001, then success, on each client


def test_a_read_is_resent_after_an_unknown_outcome(base_url: str, exchange: Exchange) -> None:
    exchange.inject(Fault("status", status=503, body=UNAVAILABLE, times=2, path=ORDER))
    assert both_clients(base_url, lambda c: c.query_order("BTCUSD_PERP", order_id=2)) == []
    assert exchange.count(ORDER) == 4


def test_a_change_whose_connection_was_refused_is_tried_again_on_both_clients() -> None:
    # Nothing listens there: each attempt fails before a byte is sent, so even a request that may change something
    # is sent again, to the last attempt the policy allows (FAST_RETRIES: 3).
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"  # closed again before use
    raised = both_clients(closed, as_post)
    assert [type(error) for error in raised] == [TransportError, TransportError]
    assert [error.attempts for error in raised if isinstance(error, TransportError)] == [3, 3]


def test_a_change_is_resent_only_when_its_connection_was_never_made() -> None:
    from binance_coinm.client import _resend_safe

    changing = dataclasses.replace(query_order.OPERATION, method="POST")
    request = httpx.Request("POST", "http://127.0.0.1/")
    never_connected = [httpx.ConnectError("refused", request=request), httpx.ConnectTimeout("", request=request)]
    maybe_processed = [httpx.ReadTimeout("", request=request), httpx.RemoteProtocolError("", request=request)]
    assert all(_resend_safe(changing, TransportError("x"), exc) for exc in never_connected)
    assert not any(_resend_safe(changing, TransportError("x"), exc) for exc in maybe_processed)
    assert all(_resend_safe(query_order.OPERATION, TransportError("x"), exc) for exc in maybe_processed)


def test_cli_rejects_undecodable_arguments_without_a_traceback(base_url: str, exchange: Exchange) -> None:
    environ = {**{k: v for k, v in os.environ.items() if not k.startswith("BINANCE_")}, **KEYS}
    result = subprocess.run(
        [COMMAND, "--base-url", base_url, "query-order", "--symbol", b"BTC\xff", "--order-id", "3"],
        env=environ, capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert b"Traceback" not in result.stderr and b"ValidationError" in result.stderr
    assert len(exchange.requests) == 0


def test_an_answer_that_cannot_be_decoded_is_an_api_error(base_url: str, exchange: Exchange) -> None:
    not_gzip = Fault("status", status=200, body=b'{"serverTime":1}', headers={"Content-Encoding": "gzip"}, times=6)
    exchange.inject(not_gzip)
    raised = both_clients(base_url, lambda c: c.check_server_time())
    assert [type(error) for error in raised] == [APIError, APIError]
    assert all(e.status_code == 200 and "cannot be decoded as 'gzip'" in str(e) for e in raised)  # type: ignore[attr-defined]


def test_only_a_2xx_answer_is_a_result_even_with_the_body_of_one(base_url: str, exchange: Exchange) -> None:
    for status in (299, 300):
        exchange.inject(Fault("status", status=status, body=b'{"serverTime":1796000000000}', times=2))
    answers = both_answers(base_url, lambda c: c.check_server_time(), retries=0)
    answers += both_answers(base_url, lambda c: c.check_server_time(), retries=0)
    assert [getattr(answer, "server_time", None) for answer in answers[:2]] == [1796000000000] * 2  # 299
    assert [(type(answer), getattr(answer, "status_code", None)) for answer in answers[2:]] == [(APIError, 300)] * 2


def test_a_decimal_too_large_to_write_out_is_an_api_error(base_url: str, exchange: Exchange) -> None:
    # 9,999 digits written out: the spec's pattern allows exponents of 3 digits, and Python refuses what it refuses
    exchange.add_order(order(orderId=11, symbol="BTCUSD_PERP", price="1e9999"))
    raised = both_clients(base_url, lambda c: c.query_current_open_order("BTCUSD_PERP", order_id=11))
    assert [type(error) for error in raised] == [APIError, APIError]
    assert "'1e9999' is not a plain decimal number" in str(raised[0])


def test_used_weight_ignores_what_is_not_a_plain_number(base_url: str, exchange: Exchange) -> None:
    exchange.inject(Fault("status", status=200, body=b'{"serverTime":1}', headers={"X-MBX-USED-WEIGHT-1S": "²"}))
    with Client(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url) as client:
        assert client.check_server_time_detailed().used_weight == {"1m": 1}


@pytest.mark.parametrize(("make", "parameter"), [
    (lambda: Client(DEMO_API_KEY, DEMO_API_SECRET + "\udcff"), "api_secret"),
    (lambda: Client(DEMO_API_KEY, DEMO_API_SECRET, timeout=float("inf")), "timeout"),
    (lambda: Client(DEMO_API_KEY, DEMO_API_SECRET, base_url="https://dapi.binance.com?x=1"), "base_url"),
    (lambda: Client(DEMO_API_KEY, DEMO_API_SECRET, base_url="https://dapi.binance.com#top"), "base_url"),
    (lambda: RetryPolicy(backoff=-1), "backoff"),
    (lambda: RetryPolicy(budget=float("nan")), "budget"),
    (lambda: RetryPolicy(max_attempts=-1), "max_attempts"),
    (lambda: RetryPolicy(max_attempts=True), "max_attempts"),  # a bool is not a count, though Python calls it an int
    (lambda: RetryPolicy(max_attempts=2.5), "max_attempts"),
    (lambda: RetryPolicy(backoff=float("inf")), "backoff"),
])  # fmt: skip
def test_bad_settings_are_validation_errors_that_keep_secrets(make: Callable[[], Any], parameter: str) -> None:
    with pytest.raises(ValidationError) as error:
        make()
    assert error.value.parameter == parameter
    assert DEMO_API_SECRET not in repr(error.value) and error.value.__cause__ is None
    if parameter == "max_attempts":
        assert str(error.value) == "max_attempts must be a whole number (0 and 1 mean one attempt)"


_SECONDS = "must be a number of seconds, above 0 and at most 86400"
_TIMEOUT = "timeout must be a number of seconds (0 to 86400, 0 excluded) or an httpx.Timeout of such numbers"
_KEY = ("api_key must be a non-empty string of printable ASCII characters", "api_key 应为非空的可打印 ASCII 字符串")
_PASTED = (
    "api_secret has spaces at an end or control characters (pasted?)",
    "api_secret 首尾有空格或含控制字符（是否粘贴时带入了？）",
)
_RETRIES = ("retries must be a RetryPolicy or a whole number of retries (0 disables them)", None)
_BYTES = ("max_body_size must be a whole number of bytes, from 1 to 2**32", None)
_POOL = ("pool_size must be a positive whole number", None)
_WEIGHT = ("weight_limit must be a whole number of at least 1, or None (no pacing)", None)
_ONE_OF = (
    "pass exactly one of api_secret (HMAC) or private_key (Ed25519/RSA PEM)",
    "api_secret（HMAC）和 private_key（Ed25519/RSA PEM）必须且只能传一个",
)


@pytest.mark.parametrize(("arguments", "parameter", "messages"), [
    ({"api_key": ""}, "api_key", _KEY),
    ({"api_key": 42}, "api_key", _KEY),
    ({"api_key": "clé"}, "api_key", _KEY),
    ({"api_key": "key\t"}, "api_key", _KEY),
    ({"api_key": "my key"}, "api_key", ("api_key must not contain spaces", "api_key 不能包含空格")),
    ({"api_secret": None}, "api_secret", _ONE_OF),
    ({"private_key": "-----BEGIN PRIVATE KEY-----"}, "api_secret", _ONE_OF),
    ({"api_secret": ""}, "api_secret", ("api_secret must be a non-empty string", None)),
    ({"api_secret": b"secret"}, "api_secret", ("api_secret must be a non-empty string", None)),
    ({"api_secret": " secret"}, "api_secret", _PASTED),
    ({"api_secret": "secret\n"}, "api_secret", _PASTED),
    ({"timeout": 0}, "timeout", (_TIMEOUT, None)),
    ({"timeout": 86_400.5}, "timeout", (_TIMEOUT, None)),
    ({"timeout": True}, "timeout", (_TIMEOUT, None)),
    ({"timeout": httpx.Timeout(5, read=0)}, "timeout", (_TIMEOUT, None)),
    ({"deadline": 0}, "deadline", (f"deadline {_SECONDS}", None)),
    ({"deadline": "60"}, "deadline", (f"deadline {_SECONDS}", None)),
    ({"pool_size": 0}, "pool_size", _POOL),
    ({"pool_size": True}, "pool_size", _POOL),
    ({"pool_size": 2.0}, "pool_size", _POOL),
    ({"max_body_size": 0}, "max_body_size", _BYTES),
    ({"max_body_size": 2**32 + 1}, "max_body_size", _BYTES),
    ({"max_body_size": True}, "max_body_size", _BYTES),
    ({"retries": -1}, "retries", _RETRIES),
    ({"retries": True}, "retries", _RETRIES),
    ({"retries": 1.0}, "retries", _RETRIES),
    ({"weight_limit": 0}, "weight_limit", _WEIGHT),
    ({"weight_limit": 2400.0}, "weight_limit", _WEIGHT),
    ({"weight_limit": True}, "weight_limit", _WEIGHT),
    ({"weight_window": 0}, "weight_window", ("weight_window must be seconds, from 0.001 to 86400", None)),
    ({"weight_window": 1e-300}, "weight_window", ("weight_window must be seconds, from 0.001 to 86400", None)),
    ({"weight_window": 86_401}, "weight_window", ("weight_window must be seconds, from 0.001 to 86400", None)),
])  # fmt: skip
def test_each_refused_setting_names_itself_and_says_what_is_allowed(
    arguments: dict[str, Any], parameter: str, messages: tuple[str, str | None]
) -> None:
    settings = {"api_key": DEMO_API_KEY, "api_secret": DEMO_API_SECRET} | arguments
    api_key, api_secret = settings.pop("api_key"), settings.pop("api_secret")
    for client_class in (Client, AsyncClient):
        with pytest.raises(ValidationError) as refused:
            client_class(api_key, api_secret, **settings)
        assert (refused.value.parameter, str(refused.value), refused.value.message_zh) == (parameter, *messages)


def test_each_setting_is_accepted_up_to_its_limit() -> None:
    limits = {"timeout": 86_400, "deadline": 86_400.0, "pool_size": 1, "max_body_size": 2**32, "retries": 0,
              "weight_limit": 1, "weight_window": 86_400}  # fmt: skip
    Client(DEMO_API_KEY, DEMO_API_SECRET, **limits).close()
    Client(DEMO_API_KEY, DEMO_API_SECRET, timeout=httpx.Timeout(1e-9, pool=None), deadline=1e-9).close()
    Client("~" * 64, "~" * 64, weight_limit=None).close()  # the last printable ASCII character, in key and secret
    Client(DEMO_API_KEY, DEMO_API_SECRET, weight_window=0.001).close()  # the shortest window


def test_an_encrypted_key_with_a_password_that_is_not_unicode(ed25519_pem: tuple[bytes, bytes]) -> None:
    with pytest.raises(ValidationError) as error:
        Client("key", private_key=ed25519_pem[0], private_key_password="s3cr3t\udcff")
    assert error.value.parameter == "private_key_password" and "s3cr3t" not in repr(error.value)


def test_cli_on_a_terminal_that_cannot_show_chinese(base_url: str) -> None:
    environ = {**{k: v for k, v in os.environ.items() if not k.startswith("BINANCE_")}, **KEYS}
    result = subprocess.run(
        [COMMAND, "--base-url", base_url, "--lang", "zh", "open-order", "--symbol", "币安人生USD_PERP",
         "--order-id", "5"],
        env={**environ, "PYTHONIOENCODING": "cp1252"}, capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr and b"\\u5e01\\u5b89" in result.stdout  # 币安, escaped


def test_retry_policy_limits_may_be_unlimited_as_before() -> None:
    inf = float("inf")
    assert RetryPolicy(budget=inf, max_backoff=inf, rate_limit_wait=inf).budget == inf
    assert RetryPolicy(max_attempts=0).max_attempts == 0  # one attempt, as it always meant


def test_an_operation_that_sends_the_key_unsigned_carries_the_key_and_no_signature(
    exchange: Exchange, base_url: str
) -> None:
    # No operation of the spec is MARKET_DATA yet: the descriptor is made from another, as the generator would make it.
    keyed = dataclasses.replace(query_order.OPERATION, signed=False, sends_api_key=True, security_type="MARKET_DATA")
    client = Client(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url, retries=0)
    with client, contextlib.suppress(APIError):  # the simulator wants this route signed; what was sent is the point
        client._call(keyed, {"symbol": "BTCUSD_PERP", "order_id": 2})
    sent = exchange.requests[-1]
    assert sent.api_key == DEMO_API_KEY and "signature=" not in sent.query and "timestamp=" not in sent.query


def test_a_backoff_doubled_past_any_float_is_capped_not_an_overflow() -> None:
    error = TransportError("ConnectError: refused")
    policy = RetryPolicy(max_attempts=5000, backoff=0.5, max_backoff=2.0, budget=float("inf"))
    assert 1.0 <= (policy.delay(2000, error, 0.0) or 0) <= 2.0  # 0.5 * 2**1999 is past any float: the cap
    unbounded = RetryPolicy(max_attempts=5000, backoff=0.5, max_backoff=float("inf"), budget=10.0)
    assert unbounded.delay(2000, error, 0.0) is None  # an endless wait passes the budget: give up
    assert RetryPolicy(max_attempts=5000, backoff=0.0, budget=float("inf")).delay(2000, error, 0.0) == 0.0


def test_a_url_of_exactly_the_longest_length_is_sent_and_one_longer_is_not(base_url: str) -> None:
    # httpx's limit (65,536 characters, the URL before it is signed), which Client inherits; AsyncClient keeps the
    # same edge.
    from binance_coinm.client import _MAX_URL_LENGTH
    from binance_coinm_openapi.api import OPERATIONS

    operation = next(o for o in OPERATIONS if o.operation_id == "currentAllOpenOrders")
    with Client(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url) as client:
        kwargs, _, _ = client._request(operation, {"symbol": "A"})
    longest = _MAX_URL_LENGTH - len(kwargs["url"]) + 1

    def symbol_of(length: int) -> Callable[[Any], Any]:
        return lambda c: c.current_all_open_orders(symbol="A" * length)

    sent = both_clients(base_url, symbol_of(longest))  # sent: refused by the server (its line limit), not before
    assert [type(error) for error in sent] == [APIError, APIError], sent
    refused = both_clients(base_url, symbol_of(longest + 1))
    assert [type(error) for error in refused] == [ValidationError, ValidationError]
    assert all(str(error).endswith("the request cannot be sent: URL too long") for error in refused), refused
