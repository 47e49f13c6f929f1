"""The simulator itself answers as Binance documents, driven by raw HTTP signed with this test's own code."""

from __future__ import annotations

import hashlib
import hmac
import time
from urllib.parse import urlencode

import httpx
import pytest
from binance_coinm.testing import DEMO_API_KEY, DEMO_API_SECRET, Exchange


def get(
    base_url: str,
    params: dict[str, object],
    key: str = DEMO_API_KEY,
    secret: str = DEMO_API_SECRET,
    path: str = "/dapi/v1/openOrder",
) -> httpx.Response:
    query = urlencode(params)
    signature = hmac.new(secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    return httpx.get(f"{base_url}{path}?{query}&signature={signature}", headers={"X-MBX-APIKEY": key})


def now() -> int:
    return time.time_ns() // 1_000_000


@pytest.mark.parametrize(("params", "status", "code"), [
    ({"orderId": 2}, 400, -1102),                                              # no symbol
    ({"symbol": "BTCUSD_PERP"}, 400, -1102),                                   # neither id
    ({"symbol": "BTCUSD_PERP", "orderId": 3}, 400, -2013),                     # filled
    ({"symbol": "BTCUSD_PERP", "orderId": 4}, 400, -2013),                     # cancelled
    ({"symbol": "BTCUSD_PERP", "orderId": 99}, 400, -2013),                    # unknown
    ({"symbol": "NOPE_PERP", "orderId": 2}, 400, -1121),
    ({"symbol": "BTCUSD_PERP", "orderId": 2}, 200, None),
])  # fmt: skip
def test_open_order_answers(base_url: str, params: dict[str, object], status: int, code: int | None) -> None:
    response = get(base_url, {**params, "timestamp": now()})
    assert response.status_code == status
    assert response.json().get("code") == code


def test_timing_rule(base_url: str) -> None:
    assert get(base_url, {"symbol": "BTCUSD_PERP", "orderId": 2, "timestamp": now() - 6_000}).json()["code"] == -1021
    ahead = {"symbol": "BTCUSD_PERP", "orderId": 2, "timestamp": now() + 1_500}
    assert get(base_url, ahead).json()["code"] == -1021  # more than 1000 ms ahead of the server
    within = {"symbol": "BTCUSD_PERP", "orderId": 2, "recvWindow": 10_000, "timestamp": now() - 6_000}
    assert get(base_url, within).status_code == 200


def test_signatures_and_keys(base_url: str) -> None:
    params = {"symbol": "BTCUSD_PERP", "orderId": 2, "timestamp": now()}
    assert get(base_url, params, secret="wrong").json()["code"] == -1022
    unknown = get(base_url, params, key="someone-else")
    assert (unknown.status_code, unknown.json()["code"]) == (401, -2015)
    unsigned = httpx.get(f"{base_url}/dapi/v1/openOrder?{urlencode(params)}", headers={"X-MBX-APIKEY": DEMO_API_KEY})
    assert unsigned.json()["code"] == -1102
    query = urlencode(params)
    signature = hmac.new(DEMO_API_SECRET.encode(), query.encode(), hashlib.sha256).hexdigest()
    not_last = httpx.get(
        f"{base_url}/dapi/v1/openOrder?signature={signature}&{query}", headers={"X-MBX-APIKEY": DEMO_API_KEY}
    )
    assert not_last.json()["code"] == -1102  # the signature must be the last parameter


def test_server_time_follows_the_skew(base_url: str, exchange: Exchange) -> None:
    exchange.skew_ms = -3_000
    assert abs(httpx.get(f"{base_url}/dapi/v1/time").json()["serverTime"] - (now() - 3_000)) < 500


@pytest.mark.parametrize(("params", "status", "code"), [
    ({"symbol": "BTCUSD_PERP", "orderId": 3}, 200, None),                      # filled: found
    ({"symbol": "BTCUSD_PERP", "orderId": 4}, 200, None),                      # cancelled 3 hours ago: found
    ({"symbol": "BTCUSD_PERP", "orderId": 6}, 400, -2013),                     # cancelled, no fill, 4 days ago
    ({"symbol": "BTCUSD_PERP", "orderId": 7}, 400, -2013),                     # 100 days old
    ({"symbol": "BTCUSD_PERP"}, 400, -1102),                                   # neither id (x-exactly-one-of)
    ({"symbol": "BTCUSD_PERP", "orderId": "x1"}, 400, -1100),                  # not an integer
    ({"symbol": "BTCUSD_PERP", "origClientOrderId": "has space"}, 400, -1100),  # breaks the spec's pattern
])  # fmt: skip
def test_query_order_answers(base_url: str, params: dict[str, object], status: int, code: int | None) -> None:
    response = get(base_url, {**params, "timestamp": now()}, path="/dapi/v1/order")
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code if code is not None else body["orderId"] == params["orderId"]


def test_weight_headers_follow_the_spec(base_url: str) -> None:
    one = get(base_url, {"symbol": "BTCUSD_PERP", "timestamp": now()}, path="/dapi/v1/openOrders")
    assert one.headers["X-MBX-USED-WEIGHT-1M"] == "1"
    every = get(base_url, {"timestamp": now()}, path="/dapi/v1/openOrders")
    assert every.headers["X-MBX-USED-WEIGHT-1M"] == "41"
    assert [o["orderId"] for o in every.json()] == [2, 5, 1917641]


def test_parameter_rules_come_from_each_schema() -> None:
    from binance_coinm.testing.exchange import Route, check_parameters

    schemas = {
        "side": {"type": "string", "enum": ["BUY", "SELL"]},
        "flag": {"type": "boolean"},
        "price": {"type": "string", "x-format": "decimal"},
        "limit": {"type": "integer", "minimum": 1, "maximum": 1000},
    }
    route = Route("x", "NONE", {n: {"name": n, "schema": s} for n, s in schemas.items()}, [], [([], 1)])
    assert check_parameters(route, {"side": "SELL", "flag": "true", "price": "0.25", "limit": "1000"}) is None
    for name, bad in (("side", "BOGUS"), ("flag", "maybe"), ("price", "1e5"), ("limit", "1001")):
        status, body = check_parameters(route, {name: bad}) or (None, {})
        assert (status, body.get("code")) == (400, -1100), name
        assert f"parameter '{name}'" in body["msg"]
