"""The one entry point every generated method calls: whatever the arguments or the answer, only a BinanceError
leaves it, and a request that may change something is never sent twice."""

from __future__ import annotations

import asyncio
import os
import subprocess
from collections.abc import Awaitable, Callable
from typing import Any

import attrs
import httpx
import pytest
from binance_coinm import APIError, AsyncClient, Client, ServerError, TransportError, ValidationError
from binance_coinm_openapi.api.trade import query_order

from tests.conftest import FAST_RETRIES
from tests.simulator import DEMO_API_KEY, DEMO_API_SECRET, Exchange, Fault
from tests.test_cli import COMMAND, KEYS

ORDER = "/dapi/v1/order"
UNAVAILABLE = b'{"code":-1000,"msg":"Service unavailable."}'


def both_clients(base_url: str, call: Callable[[Any], Any]) -> list[BaseException]:
    """What call raises on a Client and on an AsyncClient (call's result is awaited for the async one)."""
    raised: list[BaseException] = []
    with Client(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url, retries=FAST_RETRIES) as client:
        try:
            call(client)
        except Exception as error:
            raised.append(error)

    async def run() -> None:
        async with AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url, retries=FAST_RETRIES) as client:
            awaitable: Awaitable[Any] = call(client)
            await awaitable

    try:
        asyncio.run(run())
    except Exception as error:
        raised.append(error)
    return raised


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
    changing = attrs.evolve(query_order.OPERATION, method="POST")
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


def test_a_change_is_resent_only_when_its_connection_was_never_made() -> None:
    from binance_coinm.client import _resend_safe

    changing = attrs.evolve(query_order.OPERATION, method="POST")
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
