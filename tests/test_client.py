"""The public Client and AsyncClient against the simulator over real loopback HTTP."""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import logging
import pickle
import re
from decimal import Decimal

import httpx
import pytest
from binance_coinm import (
    PRODUCTION_URL,
    TESTNET_URL,
    APIError,
    AsyncClient,
    AuthenticationError,
    BinanceError,
    Client,
    DetailedResponse,
    Order,
    OrderNotFoundError,
    OrderStatus,
    TransportError,
    ValidationError,
)
from binance_coinm.testing import DEMO_API_KEY, DEMO_API_SECRET, DOC_ORDER, Exchange, Fault

from tests.conftest import MakeClient, both_answers, leak_free

OPEN_ORDER = "/dapi/v1/openOrder"


def test_query_by_order_id_returns_the_typed_order(client: Client, exchange: Exchange) -> None:
    order = client.query_current_open_order("BTCUSD_200925", order_id=1917641)
    assert isinstance(order, Order)
    assert order.order_id == 1917641 and order.status is OrderStatus.NEW
    assert order.orig_qty == Decimal("0.40") and str(order.orig_qty) == "0.40"
    assert order.to_dict() == DOC_ORDER
    assert exchange.count(OPEN_ORDER) == 1


def test_query_by_client_order_id_with_colon_slash_and_dot(client: Client) -> None:
    order = client.query_current_open_order("BTCUSD_PERP", orig_client_order_id="web_:/.x-1")
    assert order.order_id == 2 and order.client_order_id == "web_:/.x-1"
    assert order.cum_base == Decimal("0.01156066")


def test_query_with_a_chinese_symbol(client: Client, exchange: Exchange) -> None:
    order = client.query_current_open_order("币安人生USD_PERP", order_id=5)
    assert order.symbol == "币安人生USD_PERP"
    assert exchange.requests[-1].query.startswith("symbol=%E5%B8%81%E5%AE%89")


@pytest.mark.parametrize("order_id", [3, 4, 999])  # filled, cancelled, never existed
def test_filled_cancelled_and_unknown_orders_raise_order_not_found(client: Client, order_id: int) -> None:
    with pytest.raises(OrderNotFoundError) as error:
        client.query_current_open_order("BTCUSD_PERP", order_id=order_id)
    assert error.value.code == -2013 and error.value.status_code == 400
    assert error.value.msg == "Order does not exist."
    assert isinstance(error.value, APIError) and isinstance(error.value, BinanceError)


def test_unknown_symbol_is_an_api_error_with_its_code(client: Client) -> None:
    with pytest.raises(APIError) as error:
        client.query_current_open_order("NOPE_PERP", order_id=1)
    assert error.value.code == -1121 and type(error.value) is APIError


def test_wrong_secret_is_an_authentication_error_without_the_secret(make_client: MakeClient) -> None:
    with (
        make_client(DEMO_API_KEY, "not-the-secret") as client,
        pytest.raises(AuthenticationError) as error,
    ):
        client.query_current_open_order("BTCUSD_PERP", order_id=2)
    assert error.value.code == -1022
    assert "not-the-secret" not in str(error.value) and "not-the-secret" not in repr(error.value)


def test_unknown_api_key_is_an_authentication_error(make_client: MakeClient) -> None:
    with (
        make_client("unknown-key", DEMO_API_SECRET) as client,
        pytest.raises(AuthenticationError) as error,
    ):
        client.query_current_open_order("BTCUSD_PERP", order_id=2)
    assert (error.value.status_code, error.value.code) == (401, -2015)
    assert leak_free(error.value)


@pytest.mark.parametrize("key", ["ed25519_pem", "rsa_pem"])
def test_private_key_clients_are_accepted_by_the_exchange(
    key: str, request: pytest.FixtureRequest, exchange: Exchange, make_client: MakeClient
) -> None:
    private, public = request.getfixturevalue(key)
    exchange.add_public_key("key-" + key, public)
    with make_client("key-" + key, private_key=private) as client:
        assert client.query_current_open_order("BTCUSD_PERP", orig_client_order_id="web_:/.x-1").order_id == 2
        assert client.query_current_open_order("币安人生USD_PERP", order_id=5).order_id == 5


def test_detailed_variant_reports_used_weight(client: Client) -> None:
    first = client.query_current_open_order_detailed("BTCUSD_PERP", order_id=2)
    second = client.query_current_open_order_detailed("BTCUSD_PERP", order_id=2)
    assert first.status_code == 200 and first.data == second.data
    assert first.used_weight == {"1m": 1} and second.used_weight == {"1m": 2}
    assert second.headers["content-type"] == "application/json"


def test_a_detailed_answer_is_the_same_immutable_value_from_both_clients(base_url: str) -> None:
    sync, aio = both_answers(base_url, lambda c: c.query_current_open_order_detailed("BTCUSD_PERP", order_id=2))
    assert isinstance(sync, DetailedResponse) and isinstance(aio, DetailedResponse)
    for detailed in (sync, aio):
        assert isinstance(detailed.headers, httpx.Headers)
        assert [field.name for field in dataclasses.fields(detailed)] == ["data", "status_code", "headers"]
        assert dataclasses.replace(detailed, status_code=201).status_code == 201  # a dataclass, for users' fakes
        assert detailed.headers["Content-Type"] == "application/json" and "X-MBX-USED-WEIGHT-1M" in detailed.headers
        assert repr(detailed).startswith("DetailedResponse(data=Order(") and "headers=Headers(" in repr(detailed)
        with pytest.raises(dataclasses.FrozenInstanceError):
            detailed.headers = httpx.Headers()  # type: ignore[misc]
    assert sync.data == aio.data and sync.status_code == aio.status_code == 200
    assert sync != aio  # the clock's Date and the used weight differ
    assert sync == DetailedResponse(sync.data, 200, httpx.Headers(sync.headers))
    with pytest.raises(TypeError):
        hash(sync)  # equal by value: unhashable, as its models are
    for copied in (copy.copy(aio), copy.deepcopy(aio), pickle.loads(pickle.dumps(aio))):  # noqa: S301 - own bytes
        assert copied == aio and copied is not aio


def test_check_server_time_is_unsigned(client: Client, exchange: Exchange) -> None:
    exchange.skew_ms = 7_000
    assert abs(client.check_server_time().server_time - exchange.server_ms()) < 2_000
    assert (exchange.requests[-1].path, exchange.requests[-1].query) == ("/dapi/v1/time", "")


def test_per_call_recv_window_is_sent(client: Client, exchange: Exchange) -> None:
    client.query_current_open_order("BTCUSD_PERP", order_id=2, recv_window=2500)
    assert "recvWindow=2500" in exchange.requests[-1].query
    client.query_current_open_order("BTCUSD_PERP", order_id=2)
    assert "recvWindow=5000" in exchange.requests[-1].query


def test_the_clients_recv_window_is_the_default(exchange: Exchange, make_client: MakeClient) -> None:
    with make_client(recv_window=1234) as client:
        client.query_current_open_order("BTCUSD_PERP", order_id=2)
        assert (
            exchange.requests[-1].query.count("recvWindow=") == 1 and "recvWindow=1234&" in exchange.requests[-1].query
        )
        client.query_current_open_order("BTCUSD_PERP", order_id=2, recv_window=60000)
        assert "recvWindow=60000&" in exchange.requests[-1].query


def test_constructors_send_nothing(exchange: Exchange, base_url: str) -> None:
    Client(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url)
    AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url)
    assert len(exchange.requests) == 0 and exchange.connections == 0


def test_base_urls_are_the_spec_servers() -> None:
    from pathlib import Path

    import yaml

    spec = yaml.safe_load((Path(__file__).parent.parent / "spec" / "openapi.yaml").read_text(encoding="utf-8"))
    assert [server["url"] for server in spec["servers"]] == [PRODUCTION_URL, TESTNET_URL]
    assert Client("k", "s").base_url == PRODUCTION_URL
    assert Client("k", "s", base_url=TESTNET_URL).base_url == TESTNET_URL


def test_async_client_queries_concurrently(async_client: AsyncClient, exchange: Exchange) -> None:
    async def main() -> list[Order]:
        async with async_client as client:
            return await asyncio.gather(
                *(client.query_current_open_order("BTCUSD_200925", order_id=1917641) for _ in range(20)),
                client.query_current_open_order("BTCUSD_PERP", orig_client_order_id="web_:/.x-1"),
                client.query_current_open_order("币安人生USD_PERP", order_id=5),
            )

    orders = asyncio.run(main())
    assert [o.order_id for o in orders] == [1917641] * 20 + [2, 5]
    assert orders[0].to_dict() == DOC_ORDER
    assert exchange.count(OPEN_ORDER) == 22


def test_async_errors_are_the_same_types(async_client: AsyncClient) -> None:
    async def main() -> None:
        async with async_client as client:
            with pytest.raises(OrderNotFoundError):
                await client.query_current_open_order("BTCUSD_PERP", order_id=3)
            with pytest.raises(ValidationError):
                await client.query_current_open_order("BTCUSD_PERP")
            detailed = await client.query_current_open_order_detailed("BTCUSD_PERP", order_id=2)
            assert detailed.used_weight == {"1m": 2}
            assert (await client.check_server_time()).server_time > 0

    asyncio.run(main())


@pytest.mark.parametrize("path", ["/dapi/v1", "/dapi/v1/", "/dapi"])
def test_a_base_url_ending_in_the_api_path_is_refused_with_the_url_to_use(path: str) -> None:
    for client_class in (Client, AsyncClient):
        with pytest.raises(ValidationError, match=r"API path /dapi.*\(use https://dapi\.binance\.com\)"):
            client_class(DEMO_API_KEY, DEMO_API_SECRET, base_url=f"https://dapi.binance.com{path}")
    Client(DEMO_API_KEY, DEMO_API_SECRET, base_url="https://gateway.example/binance").close()  # a prefix is fine


@pytest.mark.parametrize(("base_url", "english", "chinese"), [
    ("dapi.binance.com", "base_url must be an http(s) URL such as https://dapi.binance.com",
     "base_url 应为 http(s) 地址，例如 https://dapi.binance.com"),
    ("https://dapi.binance.com/?", "base_url must not have a query or fragment: each call adds its own path",
     "base_url 不能带查询参数或片段：每次调用会加上自己的路径"),
    ("https://me:pw@dapi.binance.com", "base_url must not carry a user name or password",
     "base_url 不能包含用户名或密码"),
    ("https://dapi.binance.com:8443/dapi/v1/",
     "base_url must not end with the API path /dapi/v1: each call adds its own path (use https://dapi.binance.com:8443)",
     "base_url 不能以接口路径 /dapi/v1 结尾：每次调用会加上自己的路径（请使用 https://dapi.binance.com:8443）"),
    ("http://10.0.0.8", "base_url must be https:// (plain http only to a loopback host, or with allow_http=True): "
     "anyone on the way could read and replay each signed request",
     "base_url 应使用 https（只有本机回环地址或设置 allow_http=True 时才可用 http）："
     "否则途中任何人都能读取并重放每个签名请求"),
])  # fmt: skip
def test_a_refused_base_url_says_what_to_fix_in_both_languages(base_url: str, english: str, chinese: str) -> None:
    for client_class in (Client, AsyncClient):
        with pytest.raises(ValidationError) as refused:
            client_class(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url)
        assert (refused.value.parameter, str(refused.value), refused.value.message_zh) == ("base_url", english, chinese)


@pytest.mark.parametrize("proxy", ["socks5://127.0.0.1:1080", "127.0.0.1:3128", "http://", 3128])
def test_a_proxy_that_is_not_an_http_url_is_refused_with_an_example(proxy: object) -> None:
    example = "http://proxy.example:3128 (or None)"
    for client_class in (Client, AsyncClient):
        with pytest.raises(ValidationError) as refused:
            client_class(DEMO_API_KEY, DEMO_API_SECRET, proxy=proxy)
        assert (refused.value.parameter, str(refused.value), refused.value.message_zh) == (
            "proxy",
            f"proxy must be an http(s) URL such as {example}",
            f"proxy 应为 http(s) 地址，例如 {example}",
        )


def test_a_connection_error_names_the_host() -> None:
    answers = both_answers("http://127.0.0.1:9", lambda client: client.check_server_time(), retries=0)
    assert all(isinstance(answer, TransportError) and "127.0.0.1" in str(answer) for answer in answers), answers


def test_an_attempt_line_names_the_error_or_says_the_weight_was_not_given(caplog: pytest.LogCaptureFixture) -> None:
    import time

    import httpx
    from binance_coinm.client import _log_attempt
    from binance_coinm_openapi.api.market.check_server_time import OPERATION

    caplog.set_level(logging.DEBUG, logger="binance_coinm")
    sent = time.monotonic() - 1000  # sent 1,000 s ago
    _log_attempt(OPERATION, 1, sent, 200, httpx.Headers({"Content-Type": "application/json"}))
    _log_attempt(OPERATION, 2, time.monotonic(), httpx.ConnectError("refused"))
    lines = [r.getMessage() for r in caplog.records if r.name == "binance_coinm"]
    pattern = r"GET /dapi/v1/time \(checkServerTime\) attempt {}: {} in (\d+\.\d) ms, used weight -"
    first = re.fullmatch(pattern.format(1, "200"), lines[0])
    assert first and 1_000_000 <= float(first[1]) < 1_000_500, lines  # milliseconds
    assert re.fullmatch(pattern.format(2, r"no answer \(ConnectError\)"), lines[1]), lines


def test_each_attempt_is_one_debug_line_without_the_query(
    base_url: str, exchange: Exchange, caplog: pytest.LogCaptureFixture
) -> None:
    exchange.inject(Fault("status", status=503, path="/dapi/v1/order"))  # Client's first attempt: then a retry
    answers = both_answers(base_url, lambda c: c.query_order("BTCUSD_PERP", order_id=2))
    assert [getattr(a, "order_id", a) for a in answers] == [2, 2]
    line = re.compile(r"GET /dapi/v1/(\w+) \((\w+)\) attempt (\d): (.+) in (\d+\.\d) ms, used weight (\S+)")
    found = [line.fullmatch(r.getMessage()) for r in caplog.records if r.name == "binance_coinm"]
    assert all(found), [r.getMessage() for r in caplog.records]
    seen = [m.groups() for m in found if m]
    # Client: a 503 on attempt 1, then attempt 2; AsyncClient: attempt 1. The weight is the exchange's count.
    assert [(path, op, attempt, status) for path, op, attempt, status, _, _ in seen] == [
        ("order", "queryOrder", "1", "503"), ("order", "queryOrder", "2", "200"), ("order", "queryOrder", "1", "200")
    ]  # fmt: skip
    assert [used for *_, used in seen] == ["1", "2", "3"] and all(0 < float(ms) < 60_000 for *_, ms, _ in seen)
    exchange.inject(Fault("close", path="/dapi/v1/time"))
    both_answers(base_url, lambda c: c.check_server_time(), retries=0)
    lines = [r.getMessage() for r in caplog.records if r.name == "binance_coinm"][3:]
    assert [line.startswith("GET /dapi/v1/time (checkServerTime) attempt 1: ") for line in lines] == [True, True]
    assert "no answer (" in lines[0] and lines[0].endswith("used weight -")  # the first client met the fault
    assert lines[1].endswith("used weight 5")
    for record in caplog.records:  # ours never hold the query (it carries the signature), nor the key
        if record.name == "binance_coinm":
            assert "?" not in record.getMessage() and DEMO_API_KEY not in record.getMessage()
