"""The simulator itself answers as Binance documents, driven by raw HTTP signed with this test's own code."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import time
from decimal import Decimal
from importlib.resources import files
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from binance_coinm.testing import DEMO_API_KEY, DEMO_API_SECRET, DOC_ORDER, Exchange, ExchangeSimulator, Fault
from binance_coinm.testing.exchange import (
    Route,
    check_order,
    demo_exchange,
    demo_orders,
    load_routes,
    packaged_spec,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.conftest import examples


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


# -- the simulator's order check against an independent oracle ------------------------------------------------

ORDER_SPEC = json.loads(files("binance_coinm_openapi").joinpath("openapi.json").read_text(encoding="utf-8"))
ORDER_SCHEMAS = ORDER_SPEC["components"]["schemas"]


def _without_enums(node: Any) -> Any:
    # The simulator lets unknown enum values through, as Binance may send new ones: the oracle does too.
    if isinstance(node, dict):
        return {k: _without_enums(v) for k, v in node.items() if k != "enum"}
    if isinstance(node, list):
        return [_without_enums(v) for v in node]
    return node


ORACLE_REGISTRY = Registry().with_resource(
    "urn:spec", Resource.from_contents({"components": {"schemas": _without_enums(ORDER_SCHEMAS)}}, DRAFT202012)
)


def _oracle_fits(name: str, value: object) -> bool:
    """jsonschema's verdict on value for Order.name (null aside: check_order skips None), plus int64's range, which
    JSON Schema leaves to `format` and the exchange enforces."""
    schema = {"$ref": f"urn:spec#/components/schemas/Order/properties/{name}"}
    valid = Draft202012Validator(schema, registry=ORACLE_REGISTRY).is_valid(value)
    if type(value) is int and ORDER_SCHEMAS["Order"]["properties"][name].get("format") == "int64":
        valid = valid and -(2**63) <= value < 2**63
    return valid


VALUES = st.one_of(
    st.sampled_from([0, 1, -1, 2**63 - 1, 2**63, -(2**63), -(2**63) - 1, True, False, 1.5, "", "0", "1.50", "-2",
                     "1e3", "1E+999", "abc", "0x10", "1.", ".5", "NEW", "BUY", [], {}, ["a"], {"a": 1}]),
    st.integers(),
    st.from_regex(r"-?[0-9]{1,5}(\.[0-9]{1,3})?", fullmatch=True),
    st.text(max_size=8),
)  # fmt: skip


@settings(max_examples=examples(300), deadline=None)
@given(name=st.sampled_from(sorted(ORDER_SCHEMAS["Order"]["properties"])), value=VALUES)
def test_check_order_agrees_with_jsonschema_on_every_field(name: str, value: object) -> None:
    order = {**DOC_ORDER, name: value}
    if _oracle_fits(name, value):
        check_order(ORDER_SCHEMAS["Order"], ORDER_SCHEMAS, order)
        return
    with pytest.raises(TypeError) as error:
        check_order(ORDER_SCHEMAS["Order"], ORDER_SCHEMAS, order)
    assert str(error.value) == f"{name}={value!r} does not fit the spec's Order.{name}"


@pytest.mark.parametrize(("change", "error", "message"), [
    ({"status": None}, ValueError, "an order needs status (the spec's Order requires them)"),
    ({"status": None, "time": None}, ValueError, "an order needs status, time (the spec's"),
    ({"price": float("nan")}, TypeError, "an order holds JSON values only: Out of range float values"),
    ({"price": object()}, TypeError, "an order holds JSON values only: Object of type object"),
])  # fmt: skip
def test_check_order_says_what_is_wrong(change: dict[str, Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error) as raised:
        check_order(ORDER_SCHEMAS["Order"], ORDER_SCHEMAS, {**DOC_ORDER, **change})
    assert type(raised.value) is error and str(raised.value).startswith(message)


# -- queryOrder's history rules at their edges, on a stopped clock ------------------------------------------------

DAY = 86_400_000
FROZEN = 1_796_000_000_000


@pytest.mark.parametrize("case", [
    ("FILLED", "1", 90 * DAY, True), ("FILLED", "1", 90 * DAY + 1, False),        # any order: 90 days
    ("NEW", "0", 90 * DAY + 1, False),
    ("CANCELED", "0", 3 * DAY, True), ("CANCELED", "0", 3 * DAY + 1, False),     # ended unfilled: 3 days
    ("EXPIRED", "0", 3 * DAY, True), ("EXPIRED", "0", 3 * DAY + 1, False),
    ("CANCELED", "0.5", 3 * DAY + 1, True), ("EXPIRED", "0.5", 89 * DAY, True),  # partly filled: 90 days
    ("NEW", "0", 4 * DAY, True),
])  # fmt: skip
def test_query_order_keeps_history_for_as_long_as_binance_says(
    monkeypatch: pytest.MonkeyPatch, base_url: str, exchange: Exchange, case: tuple[str, str, int, bool]
) -> None:
    status, executed, age, found = case  # status, executedQty, age in ms, whether the exchange still has it
    exchange.add_order({**DOC_ORDER, "orderId": 500, "symbol": "BTCUSD_PERP", "status": status,
                        "executedQty": executed, "time": FROZEN - age, "updateTime": FROZEN - age})  # fmt: skip
    monkeypatch.setattr(exchange, "server_ms", lambda: FROZEN)  # age is then exact to the ms
    response = get(base_url, {"symbol": "BTCUSD_PERP", "orderId": 500, "timestamp": FROZEN}, path="/dapi/v1/order")
    if found:
        assert response.status_code == 200 and response.json()["orderId"] == 500
    else:
        assert (response.status_code, response.json()) == (400, {"code": -2013, "msg": "Order does not exist."})


@pytest.mark.parametrize(("path", "params"), [
    ("/dapi/v1/order", {"symbol": "NOPE_PERP", "orderId": 1}),
    ("/dapi/v1/openOrder", {"symbol": "NOPE_PERP", "orderId": 1}),
    ("/dapi/v1/openOrders", {"symbol": "NOPE_PERP"}),
])  # fmt: skip
def test_an_unknown_symbol_gets_binances_exact_answer(base_url: str, path: str, params: dict[str, object]) -> None:
    response = get(base_url, {**params, "timestamp": now()}, path=path)
    assert (response.status_code, response.json()) == (400, {"code": -1121, "msg": "Invalid symbol."})


def _hmac_query(params: str, secret: str = DEMO_API_SECRET) -> bytes:
    return f"{params}&signature={hmac.new(secret.encode(), params.encode(), hashlib.sha256).hexdigest()}".encode()


SIGNATURE_MISSING = (
    400,
    {"code": -1102, "msg": "Mandatory parameter 'signature' was not sent, was empty/null, or malformed."},
)
SIGNATURE_INVALID = (400, {"code": -1022, "msg": "Signature for this request is not valid."})


def test_a_signed_request_is_refused_as_binance_refuses_it() -> None:
    exchange = demo_exchange()
    route = exchange.routes[("GET", "/dapi/v1/order")]
    params = f"symbol=BTCUSD_PERP&orderId=2&timestamp={now()}"
    signed = _hmac_query(params)
    cases: list[tuple[str | None, bytes, tuple[int, Any]]] = [
        (None, signed, (401, {"code": -2014, "msg": "API-key format invalid."})),
        ("", signed, (401, {"code": -2014, "msg": "API-key format invalid."})),
        ("nobody", signed, (401, {"code": -2015, "msg": "Invalid API-key, IP, or permissions for action."})),
        (DEMO_API_KEY, params.encode(), SIGNATURE_MISSING),  # no signature at all
        (DEMO_API_KEY, b"symbol=BTCUSD_PERP&signature=ab&timestamp=1", SIGNATURE_MISSING),  # not the last parameter
        # Everything before the last signature is what was signed: a second one makes that a different payload.
        (DEMO_API_KEY, signed + b"&signature=" + signed.rpartition(b"=")[2], SIGNATURE_INVALID),
    ]
    for api_key, query, answer in cases:
        assert exchange.handle(route, query, api_key) == answer, (api_key, query)
    assert exchange.handle(route, signed, DEMO_API_KEY)[0] == 200


def test_the_signed_parameters_are_checked_as_binance_checks_them() -> None:
    exchange = demo_exchange()
    server = 1_796_000_000_000
    exchange.server_ms = lambda: server  # type: ignore[method-assign] # the exchange's clock, stopped for the edges
    route = exchange.routes[("GET", "/dapi/v1/order")]
    order = "symbol=BTCUSD_PERP&orderId=2"
    missing = "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed."
    no_timestamp = (400, {"code": -1102, "msg": missing})
    outside = (400, {"code": -1021, "msg": "Timestamp for this request is outside of the recvWindow."})
    malformed_window = (400, {"code": -1102, "msg": "Param 'recvWindow' was malformed."})
    cases: list[tuple[str, tuple[int, Any] | int]] = [
        (order, no_timestamp),
        (f"{order}&timestamp=soon", no_timestamp),
        (f"{order}&orderId=2&timestamp={server}",
         (400, {"code": -1101, "msg": "Duplicate values for a parameter detected."})),
        (f"{order}&recvWindow=&timestamp={server}", malformed_window),  # blank: sent, and malformed
        (f"{order}&recvWindow=0&timestamp={server}", malformed_window),
        (f"{order}&recvWindow=60001&timestamp={server}", malformed_window),
        (f"{order}&recvWindow=60000&timestamp={server - 60000}", 200),
        (f"{order}&recvWindow=1&timestamp={server - 1}", 200),
        (f"{order}&recvWindow=1&timestamp={server - 2}", outside),
        (f"{order}&timestamp={server + 999}", 200), (f"{order}&timestamp={server + 1000}", outside),  # ahead of it
        (f"{order}&timestamp={server - 5000}", 200), (f"{order}&timestamp={server - 5001}", outside),  # recvWindow 5000
    ]  # fmt: skip
    for params, answer in cases:
        got = exchange.handle(route, _hmac_query(params), DEMO_API_KEY)
        assert (got[0] if isinstance(answer, int) else got) == answer, params


def test_neither_of_two_either_or_parameters_is_refused_naming_both() -> None:
    exchange = demo_exchange()
    route = exchange.routes[("GET", "/dapi/v1/order")]
    query = _hmac_query(f"symbol=BTCUSD_PERP&timestamp={exchange.server_ms()}")
    message = "Param 'orderId' or 'origClientOrderId' must be sent, but both were empty/null!"
    assert exchange.handle(route, query, DEMO_API_KEY) == (400, {"code": -1102, "msg": message})


def test_routes_are_read_from_any_spec_with_shared_parameters_and_references_resolved() -> None:
    schema = {"type": "integer", "format": "int64"}
    spec = {
        "components": {
            "parameters": {"Limit": {"name": "limit", "in": "query", "schema": {"$ref": "#/components/schemas/N"}}},
            "schemas": {"N": {"type": "integer", "minimum": 1}},
        },
        "paths": {
            "/v1/thing": {
                "summary": "not an operation",
                "parameters": [{"name": "id", "in": "query", "schema": {"type": "string"}},
                               {"$ref": "#/components/parameters/Limit"}],
                "get": {"operationId": "getThing", "x-weight": 2, "x-security-type": "NONE",
                        "responses": {"200": {"content": {"application/json": {"example": {"old": 1}}}}}},
                "post": {"operationId": "postThing", "x-security-type": "TRADE",
                         "x-weight": [{"if-present": ["id"], "weight": 1}, {"weight": 5}],
                         "x-exactly-one-of": [["id", "limit"]], "x-simulator": {"answers": "clock"},
                         "parameters": [{"name": "id", "in": "query", "required": True, "schema": schema},
                                        {"name": "limit", "in": "query",
                                         "schema": {"$ref": "#/components/schemas/N", "maximum": 9}}],
                         "responses": {"200": {"content": {"application/json": {
                             "examples": {"first": {"value": {"a": 1}}, "second": {"value": {"b": 2}}},
                             "example": {"old": 1}}}}}},
                **{method: {"operationId": f"{method}Thing", "x-weight": 1, "x-security-type": "USER_DATA"}
                   for method in ("put", "delete", "patch")},
            },
        },
    }  # fmt: skip
    bare = {"paths": {"/v1/ping": {"get": {"operationId": "ping", "x-weight": 1, "x-security-type": "NONE"}}}}
    assert load_routes(bare) == {("GET", "/v1/ping"): Route("ping", "NONE", {}, [], [([], 1)])}  # no components
    routes = load_routes(spec)
    assert sorted(routes) == [("DELETE", "/v1/thing"), ("GET", "/v1/thing"), ("PATCH", "/v1/thing"),
                              ("POST", "/v1/thing"), ("PUT", "/v1/thing")]  # fmt: skip
    path_id = {"name": "id", "in": "query", "schema": {"type": "string"}}
    limit = {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1}}
    assert routes[("GET", "/v1/thing")] == Route(
        "getThing", "NONE", {"id": path_id, "limit": limit}, [], [([], 2)], None, {"old": 1}
    )
    post = routes[("POST", "/v1/thing")]
    assert post.parameters == {  # the operation's own win over the path's, and a reference's siblings over it
        "id": {"name": "id", "in": "query", "required": True, "schema": schema},
        "limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 9}},
    }
    assert (post.operation_id, post.security_type, post.exactly_one_of) == ("postThing", "TRADE", [["id", "limit"]])
    assert (post.weight, post.simulator, post.example) == ([(["id"], 1), ([], 5)], {"answers": "clock"}, {"a": 1})
    assert routes[("PUT", "/v1/thing")] == Route("putThing", "USER_DATA", {"id": path_id, "limit": limit}, [],
                                                 [([], 1)], None, None)  # fmt: skip


def test_the_demo_account_holds_the_orders_make_demo_and_the_readme_show() -> None:
    btc = {"symbol": "BTCUSD_PERP"}
    expected = [  # (orderId, its changes to the documentation's order, created how many hours ago)
        (2, {**btc, "clientOrderId": "web_:/.x-1", "type": "LIMIT", "origType": "LIMIT", "status": "PARTIALLY_FILLED",
             "price": "43250.10", "origQty": "12", "executedQty": "5", "cumBase": "0.01156066", "avgPrice": "43250.10",
             "stopPrice": "0", "activatePrice": None, "priceRate": None}, 1),
        (3, {**btc, "clientOrderId": "filled", "status": "FILLED", "executedQty": "0.40"}, 2),
        (4, {**btc, "clientOrderId": "cancelled", "status": "CANCELED"}, 3),
        (5, {"clientOrderId": "chinese", "symbol": "币安人生USD_PERP", "pair": "币安人生USD", "status": "NEW"}, 4),
        (6, {**btc, "clientOrderId": "old-cancelled", "status": "CANCELED"}, 96),  # forgotten after 3 days
        (7, {**btc, "clientOrderId": "old-filled", "status": "FILLED", "executedQty": "0.40"}, 2400),  # 90 days
    ]  # fmt: skip
    before = time.time_ns() // 1_000_000
    book = demo_orders()
    after = time.time_ns() // 1_000_000
    assert book[0] == DOC_ORDER and len(book) == 1 + len(expected)
    for held, (order_id, changes, hours) in zip(book[1:], expected, strict=True):
        made = {**DOC_ORDER, **changes, "orderId": order_id, "time": held["time"], "updateTime": held["time"] + 1234}
        assert held == {name: value for name, value in made.items() if value is not None}
        assert before - hours * 3_600_000 <= held["time"] <= after - hours * 3_600_000


def test_an_empty_exchange_keeps_the_machines_time_numbers_orders_from_1_and_hands_out_copies() -> None:
    exchange = Exchange()
    before = time.time_ns() // 1_000_000
    assert before <= exchange.server_ms() <= time.time_ns() // 1_000_000  # no skew until a test sets one
    assert (exchange.weight_limit, exchange.weight_window, exchange.orders, exchange.credentials) == (
        None,
        60.0,
        {},
        {},
    )
    first = exchange.add_order({"symbol": "BTCUSD_PERP", "price": Decimal("1E+1"), "fills": [{"qty": "1"}]})
    assert first == {"symbol": "BTCUSD_PERP", "price": "10", "fills": [{"qty": "1"}], "orderId": 1}
    first["price"], first["fills"][0]["qty"] = "11", "2"  # the caller's copy, to its depth: the book keeps its own
    assert exchange.add_order({"symbol": "ETHUSD_PERP"})["orderId"] == 2
    assert exchange.orders[("BTCUSD_PERP", 1)] == {"symbol": "BTCUSD_PERP", "price": "10", "fills": [{"qty": "1"}],
                                                   "orderId": 1}  # fmt: skip
    assert exchange.symbols == {"BTCUSD_PERP", "ETHUSD_PERP"}


def _time_route(**changes: Any) -> tuple[Exchange, Route]:
    """The demo exchange, and its checkServerTime route with changes: a route no operation of the spec has yet."""

    exchange = demo_exchange()
    return exchange, dataclasses.replace(exchange.routes[("GET", "/dapi/v1/time")], **changes)


@pytest.mark.parametrize("security_type", ["MARKET_DATA", "USER_STREAM"])
def test_an_operation_that_needs_only_the_key_refuses_a_missing_or_unknown_one(security_type: str) -> None:
    exchange, route = _time_route(security_type=security_type)
    assert exchange.handle(route, b"", None) == (401, {"code": -2014, "msg": "API-key format invalid."})
    unknown = {"code": -2015, "msg": "Invalid API-key, IP, or permissions for action."}
    assert exchange.handle(route, b"", "not-a-key") == (401, unknown)
    status, answer = exchange.handle(route, b"", DEMO_API_KEY)  # no signature needed
    assert status == 200 and answer["serverTime"] > 0


def test_an_operation_without_x_simulator_answers_its_example_afresh_each_time() -> None:
    example = {"serverTime": 1, "nested": {"list": [1]}}
    exchange, route = _time_route(simulator=None, example=example)
    status, answer = exchange.handle(route, b"", None)
    assert (status, answer) == (200, example)
    answer["nested"]["list"].append(2)  # what a caller does with one answer changes no later one
    assert exchange.handle(route, b"", None) == (200, {"serverTime": 1, "nested": {"list": [1]}})


def test_what_the_simulator_cannot_answer_is_a_501_that_says_why() -> None:
    exchange, route = _time_route(simulator=None, example=None)
    no_answer = {"code": -1000, "msg": "The simulator has no answer for checkServerTime."}
    assert exchange.handle(route, b"", None) == (501, no_answer)
    exchange, route = _time_route(simulator={"answers": "nonsense"})
    no_behaviour = {"code": -1000, "msg": "The simulator has no behaviour 'nonsense'."}
    assert exchange.handle(route, b"", None) == (501, no_behaviour)


def test_a_conditional_weight_applies_when_exactly_its_parameters_are_sent() -> None:
    open_orders = demo_exchange().routes[("GET", "/dapi/v1/openOrders")]  # x-weight: 1 with a symbol, 40 without
    assert [open_orders.weight_for(sent) for sent in ({"symbol"}, {"symbol", "timestamp"}, set())] == [1, 1, 40]


def test_an_empty_parameter_is_sent_and_weighed_as_sent(base_url: str) -> None:
    # Found by make mutate: nothing checked that "symbol=" weighs as the invalid symbol it is answered as, not as
    # the request for every symbol that the absent parameter makes (weight 1, not 40).
    answers = [get(base_url, {**params, "timestamp": now()}, path="/dapi/v1/openOrders") for params in
               ({"symbol": "BTCUSD_PERP"}, {"symbol": ""}, {})]  # fmt: skip
    assert answers[1].json() == {"code": -1121, "msg": "Invalid symbol."}
    assert [int(answer.headers["x-mbx-used-weight-1m"]) for answer in answers] == [1, 2, 42]


def test_past_its_budget_the_simulator_counts_nothing_and_says_when_its_window_rolls_over() -> None:
    exchange = demo_exchange(weight_limit=10, weight_window=60.0)
    exchange.skew_ms = 75_000 - time.time_ns() // 1_000_000 % 60_000  # the exchange's clock: 15 s into a window
    assert exchange.spend_weight(10) == (10, None)
    used, wait = exchange.spend_weight(1)
    assert used == exchange.used_weight == 10 and wait is not None and 44 < wait <= 45, wait


def test_a_path_or_method_the_spec_lacks_gets_binances_404_or_405_with_the_weight_header(base_url: str) -> None:
    with httpx.Client(base_url=base_url) as http:
        missing, wrong_method = http.get("/dapi/v1/nothing"), http.post("/dapi/v1/time")
    assert (missing.status_code, missing.json()) == (404, {"code": -1000, "msg": "Not found."})
    assert (wrong_method.status_code, wrong_method.json()) == (405, {"code": -1000, "msg": "Method not allowed."})
    assert [missing.headers["x-mbx-used-weight-1m"], wrong_method.headers["x-mbx-used-weight-1m"]] == ["1", "2"]


def test_the_stats_path_counts_connections_and_requests_for_a_load_test_in_another_process(base_url: str) -> None:
    with httpx.Client(base_url=base_url) as http:
        for _ in range(3):
            http.get("/dapi/v1/time")
        stats = http.get("/_simulator/stats")
        assert (stats.status_code, stats.json()) == (200, {"connections": 1, "requests": 4})  # itself included
    with httpx.Client(base_url=base_url) as http:
        assert http.get("/_simulator/stats").json() == {"connections": 2, "requests": 5}


def test_past_the_weight_budget_the_answer_is_binances_429_with_retry_after_in_whole_seconds() -> None:
    exchange = demo_exchange(weight_limit=2, weight_window=60.0)
    exchange.skew_ms = 75_500 - time.time_ns() // 1_000_000 % 60_000  # the exchange's clock: 15.5 s into a window
    with ExchangeSimulator(exchange) as simulator, httpx.Client(base_url=simulator.base_url) as http:
        answers = [http.get("/dapi/v1/time") for _ in range(3)]
        left = 60 - exchange.server_ms() % 60_000 / 1000  # seconds left in the window, just after the answer
    assert [a.status_code for a in answers] == [200, 200, 429]
    message = (
        "Too many requests; current limit is 2 requests per minute. Please use the websocket for live updates to "
        "avoid polling the API."
    )
    assert answers[2].json() == {"code": -1003, "msg": message}
    assert left <= int(answers[2].headers["retry-after"]) < left + 2, left  # rounded up: never too early
    assert answers[2].headers["x-mbx-used-weight-1m"] == "2"


def test_a_status_fault_carries_the_used_weight_unless_it_says_otherwise(base_url: str, exchange: Exchange) -> None:
    exchange.inject(Fault("status", status=503, body=b"busy"))
    exchange.inject(Fault("status", status=503, body=b"busy", headers={"X-MBX-USED-WEIGHT-1M": "2399"}))
    with httpx.Client(base_url=base_url) as http:
        first, second = http.get("/dapi/v1/time"), http.get("/dapi/v1/time")
    assert (first.status_code, first.content, first.headers["x-mbx-used-weight-1m"]) == (503, b"busy", "1")
    assert (second.status_code, second.headers["x-mbx-used-weight-1m"]) == (503, "2399")


def test_a_query_that_is_not_utf_8_is_illegal_characters_not_a_server_error(base_url: str) -> None:
    # Found by make mutate: %ff in a signed query made the simulator answer 500 with a traceback in its log.
    illegal = {"code": -1100, "msg": "Illegal characters found in a parameter."}
    params = f"symbol=%ff&orderId=2&timestamp={now()}"
    signed = _hmac_query(params).decode()
    answer = httpx.get(f"{base_url}/dapi/v1/order?{signed}", headers={"X-MBX-APIKEY": DEMO_API_KEY})
    assert (answer.status_code, answer.json()) == (400, illegal)
    unsigned = httpx.get(f"{base_url}/dapi/v1/time?x=%C3%28")  # a broken two-byte sequence
    assert (unsigned.status_code, unsigned.json()) == (400, illegal)
    assert httpx.get(f"{base_url}/dapi/v1/time?x=%E4%B8%AD").status_code == 200  # 中: UTF-8, and ignored


def test_chinese_in_an_answer_is_utf_8_on_the_wire_not_json_escapes(base_url: str) -> None:
    # Binance's answers carry a Chinese symbol as UTF-8; \u escapes would leave the clients' decoding of non-ASCII
    # bytes untested (found by make mutate: ensure_ascii=True in the simulator went unnoticed).
    answer = get(base_url, {"symbol": "币安人生USD_PERP", "orderId": 5, "timestamp": now()})
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    assert "币安人生USD_PERP".encode() in answer.content and b"\\u" not in answer.content


def test_an_ed25519_signature_must_be_strict_base64(ed25519_pem: tuple[bytes, bytes]) -> None:
    import base64
    from urllib.parse import quote

    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    exchange = demo_exchange()
    exchange.add_public_key("ed-key", ed25519_pem[1])
    route = exchange.routes[("GET", "/dapi/v1/order")]
    params = f"symbol=BTCUSD_PERP&orderId=2&timestamp={now()}"
    key = load_pem_private_key(ed25519_pem[0], None)
    signature = quote(base64.b64encode(key.sign(params.encode())).decode(), safe="")  # type: ignore[call-arg]
    assert exchange.handle(route, f"{params}&signature={signature}".encode(), "ed-key")[0] == 200
    # A character outside base64's alphabet is refused, not skipped (as a lenient decoder would).
    assert exchange.handle(route, f"{params}&signature={signature}%21".encode(), "ed-key") == SIGNATURE_INVALID


# -- what the exchange does with an operation comes from the spec's x-simulator ---------------------------------


def _exchange_with(edit: Any) -> tuple[Exchange, Any]:
    """An exchange serving a copy of the spec, edited; and the route of the server-time path (no key needed)."""
    import copy

    spec = copy.deepcopy(packaged_spec())
    edit(spec["paths"]["/dapi/v1/time"]["get"])
    exchange = demo_exchange(spec=spec)
    return exchange, exchange.routes[("GET", "/dapi/v1/time")]


def test_an_operation_without_x_simulator_answers_its_first_example() -> None:
    exchange, route = _exchange_with(lambda operation: operation.pop("x-simulator"))
    assert exchange.handle(route, b"", None) == (200, {"serverTime": 1499827319559})  # the spec's example


def test_an_operation_with_neither_gets_501_saying_so() -> None:
    def edit(operation: dict[str, Any]) -> None:
        operation.pop("x-simulator")
        operation["responses"]["200"]["content"]["application/json"].pop("examples")

    exchange, route = _exchange_with(edit)
    assert exchange.handle(route, b"", None) == (
        501, {"code": -1000, "msg": "The simulator has no answer for checkServerTime."})  # fmt: skip


def test_a_behaviour_a_test_adds_answers_with_the_operations_options() -> None:
    exchange, route = _exchange_with(lambda operation: operation.update({"x-simulator": {"answers": "echo", "n": 2}}))
    assert exchange.handle(route, b"", None)[0] == 501  # not a behaviour of the simulator
    exchange.behaviours["echo"] = lambda ex, params, rules: (200, {"params": params, "n": rules["n"]})
    assert exchange.handle(route, b"a=1", None) == (200, {"params": {"a": "1"}, "n": 2})


def test_the_orders_behaviour_follows_its_statuses_and_filters() -> None:
    rules = {"answers": "orders", "statuses": ["FILLED", "CANCELED"], "filters": ["symbol"]}
    exchange, route = _exchange_with(lambda operation: operation.update({"x-simulator": rules}))
    status, body = exchange.handle(route, b"", None)
    assert status == 200 and [o["orderId"] for o in body] == [3, 4, 6, 7]  # by orderId, the ended ones only
    assert [o["orderId"] for o in exchange.handle(route, b"pair=NOPE", None)[1]] == [3, 4, 6, 7]  # not a filter


def test_the_orders_behaviour_without_filters_ignores_every_parameter() -> None:
    exchange, route = _exchange_with(lambda operation: operation.update({"x-simulator": {"answers": "orders"}}))
    assert [o["orderId"] for o in exchange.handle(route, b"pair=NOPE&symbol=BTCUSD_PERP", None)[1]] == [
        2, 3, 4, 5, 6, 7, 1917641]  # fmt: skip


@pytest.mark.parametrize("answers", ["orders", "order"])
def test_an_answer_is_the_callers_to_change_and_the_book_stays_as_it_was(answers: str) -> None:
    # The server serializes an answer after the exchange's lock is released: it must share nothing with the book.
    rules = {"answers": answers, "filters": ["symbol"]} if answers == "orders" else {"answers": answers}
    exchange, route = _exchange_with(lambda operation: operation.update({"x-simulator": rules}))
    kept = {"symbol": "ETHUSD_PERP", "orderId": 9, "status": "NEW", "time": 1796000000000, "extra": {"levels": [1, 2]}}
    exchange.add_order(kept)

    def answered() -> dict[str, Any]:
        body = exchange.handle(route, b"symbol=ETHUSD_PERP&orderId=9", None)[1]
        return body[0] if answers == "orders" else body

    changed = answered()
    changed["extra"]["levels"].append(3)
    changed["status"] = "FILLED"
    assert answered() == kept


# -- the simulator's schema check, on schemas of its own: it serves any spec, not only this one's Order ----------


@pytest.mark.parametrize(("schema", "value", "fits"), [
    ({"type": "number"}, 1.5, True), ({"type": "number"}, 2, True), ({"type": "number"}, True, False),
    ({"type": "number"}, "1.5", False),
    ({"type": "object"}, {"a": 1}, True), ({"type": "object"}, [], False),
    ({"type": "array"}, ["a"], True), ({"type": "array"}, {}, False),
    ({"type": ["string", "null"]}, "x", True), ({"type": ["string", "null"]}, 1, False),
    ({"type": "integer", "minimum": 1, "maximum": 5}, 1, True), ({"type": "integer", "minimum": 1}, 0, False),
    ({"type": "integer", "minimum": 1, "maximum": 5}, 5, True), ({"type": "integer", "maximum": 5}, 6, False),
    ({"type": "integer", "format": "int64"}, -(2**63), True),
    ({"type": "integer", "format": "int64"}, -(2**63) - 1, False),
    ({"type": "integer", "format": "int64"}, 2**63 - 1, True), ({"type": "integer", "format": "int64"}, 2**63, False),
    ({}, object(), True),  # no type: anything
])  # fmt: skip
def test_the_schema_check_follows_json_schema_at_its_edges(schema: dict[str, Any], value: object, fits: bool) -> None:
    from binance_coinm.testing.exchange import _fits

    assert _fits(schema, {}, value) is fits


def test_check_order_takes_a_schema_without_required_or_properties() -> None:
    check_order({"type": "object"}, {}, {"anything": [1, {"nested": True}]})  # nothing to require, nothing to type


def test_examples_are_found_nested_and_only_with_a_value() -> None:
    from binance_coinm.testing.exchange import _examples

    spec = {
        "paths": {
            "/x": {
                "get": {
                    "responses": {
                        "200": {
                            "content": {
                                "application/json": {
                                    "examples": {
                                        "inline": {"value": {"a": 1}},
                                        "external": {"externalValue": "https://example.com/a.json"},
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    assert list(_examples(spec)) == [("inline", {"a": 1})]
    assert list(_examples([{"examples": {"in-list": {"value": 2}}}])) == [("in-list", 2)]


def test_a_request_without_a_query_shows_its_path_alone() -> None:
    from binance_coinm.testing.exchange import Request

    assert (
        repr(Request("GET", "/dapi/v1/time", "", None, 200)) == "Request(GET /dapi/v1/time, api_key=None, status=200)"
    )
    signed = Request("GET", "/p", "a=1&signature=abc", "k", None)
    assert repr(signed) == "Request(GET /p?a=1&signature=<redacted>, api_key='k', status=None)"


def test_a_key_of_neither_algorithm_is_refused_saying_which_are_taken(tmp_path: Any) -> None:
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    pem = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    )
    with pytest.raises(ValueError) as refused:
        Exchange().add_public_key("k", pem)
    assert str(refused.value) == "not an Ed25519 or RSA public key"


@pytest.mark.parametrize(("schema", "value", "legal"), [
    ({"enum": ["BUY", "SELL"]}, "HOLD", "BUY|SELL"), ({"enum": ["BUY", "SELL"]}, "SELL", None),
    ({"type": "boolean"}, "false", None), ({"type": "boolean"}, "true", None),
    ({"type": "boolean"}, "False", "true|false"),
    ({"type": "string", "x-format": "decimal"}, "1e5", "^([0-9]{1,20})(\\.[0-9]{1,20})?$"),
    ({"type": "integer"}, "12a", "^[0-9]{1,20}$"),
    ({"type": "integer", "minimum": 1, "maximum": 1000}, "0", "1-1000"),
    ({"type": "integer", "minimum": 1}, "0", "1-"), ({"type": "integer", "maximum": 1000}, "1001", "-1000"),
    ({"type": "integer", "minimum": 1, "maximum": 1000}, "1000", None),
    ({"type": "string", "pattern": "^[a-z]+$"}, "abc", None),
    ({"type": "string", "pattern": "^[a-z]+$"}, "ab1", "^[a-z]+$"),
    ({"type": "string", "minLength": 2, "maxLength": 3}, "a", "2-3 characters"),
    ({"type": "string", "minLength": 2, "maxLength": 3}, "abcd", "2-3 characters"),
    ({"type": "string", "maxLength": 3}, "abcd", "0-3 characters"), ({"type": "string", "minLength": 2}, "ab", None),
    ({"type": "string", "minLength": 2}, "a", "2- characters"), ({"type": "string"}, "", None),  # no bound: none
])  # fmt: skip
def test_the_legal_range_binance_names_in_minus_1100(schema: dict[str, Any], value: str, legal: str | None) -> None:
    from binance_coinm.testing.exchange import _legal_range

    assert _legal_range(schema, value) == legal
