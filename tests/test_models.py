"""The generated models: exact Decimal round-trips, open enums, kept unknown fields, loud failures on bad shapes."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from binance_coinm import Client, Order, OrderStatus, OrderType, PositionSide
from binance_coinm.testing import DOC_ORDER, Exchange, Fault, demo_orders, order
from binance_coinm_openapi.models import Error, ServerTime
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import both_clients

SPEC = yaml.safe_load((Path(__file__).parent.parent / "spec" / "openapi.yaml").read_text(encoding="utf-8"))
DECIMAL_FIELDS = [
    name for name, p in SPEC["components"]["schemas"]["Order"]["properties"].items() if p.get("x-format") == "decimal"
]


def test_every_decimal_field_of_the_spec_is_a_decimal() -> None:
    wire = {**DOC_ORDER, "cumQuote": "0.5", "cumQty": "12"}  # USDⓈ-M's fields, which the spec documents too
    parsed = Order.from_dict(wire)
    assert len(DECIMAL_FIELDS) == 10
    wire_to_python = {"avgPrice": parsed.avg_price, "cumBase": parsed.cum_base, "executedQty": parsed.executed_qty,
                      "origQty": parsed.orig_qty, "price": parsed.price, "stopPrice": parsed.stop_price,
                      "activatePrice": parsed.activate_price, "priceRate": parsed.price_rate,
                      "cumQuote": parsed.cum_quote, "cumQty": parsed.cum_qty}  # fmt: skip
    assert set(wire_to_python) == set(DECIMAL_FIELDS)
    for name, value in wire_to_python.items():
        assert type(value) is Decimal and value == Decimal(wire[name])


@pytest.mark.parametrize("wire", ["0.40", "0.00000000", "0", "0.0", "43250.10", "-1.5", "100000000000.000000000001"])
def test_decimal_strings_round_trip_exactly(wire: str) -> None:
    parsed = Order.from_dict(order(price=wire, origQty=wire))
    assert parsed.price == Decimal(wire)
    assert parsed.to_dict()["price"] == wire
    assert parsed.to_dict()["origQty"] == wire


@given(st.from_regex(r"\A-?(0|[1-9][0-9]{0,19})(\.[0-9]{1,20})?\Z"))
def test_any_binance_decimal_string_round_trips(wire: str) -> None:
    assert Order.from_dict(order(cumBase=wire)).to_dict()["cumBase"] == wire


@pytest.mark.parametrize("number", [0.1, 3])
def test_a_decimal_sent_as_a_json_number_is_refused_as_the_schema_refuses_it(number: float) -> None:
    with pytest.raises(TypeError, match=r"Order\.origQty: expected a decimal string"):
        Order.from_dict(json.loads(json.dumps(order(origQty=number))))


@pytest.mark.parametrize("bad", ["abc", "", "NaN", "Infinity", None, True, [], {}])
def test_a_value_that_is_not_a_finite_decimal_is_rejected(bad: Any) -> None:
    with pytest.raises((TypeError, ValueError), match=r"Order\.price"):
        Order.from_dict({**DOC_ORDER, "price": bad})


@pytest.mark.parametrize(("field", "value", "cls"), [
    ("status", "NEW_INSURANCE", OrderStatus), ("status", "EXPIRED_IN_MATCH", OrderStatus),
    ("type", "LIQUIDATION", OrderType), ("origType", "LIQUIDATION", OrderType), ("positionSide", "NET", PositionSide),
])  # fmt: skip
def test_unknown_enum_values_parse_and_equal_their_wire_string(field: str, value: str, cls: type) -> None:
    parsed = Order.from_dict(order(**{field: value}))
    member = {"status": parsed.status, "type": parsed.type_, "origType": parsed.orig_type}.get(
        field, parsed.position_side
    )
    assert isinstance(member, cls)
    assert member == value and str(member) == value and member.value == value
    assert parsed.to_dict()[field] == value


def test_known_enum_values_are_the_enum_members() -> None:
    parsed = Order.from_dict(DOC_ORDER)
    assert parsed.status is OrderStatus.NEW
    assert parsed.type_ is OrderType.TRAILING_STOP_MARKET


def test_an_enum_value_that_is_not_a_string_is_rejected() -> None:
    with pytest.raises(ValueError):
        Order.from_dict(order(status=5))


def test_unknown_fields_are_kept_and_written_back() -> None:
    wire = order(newField={"nested": [1, "2"]}, goodTillDate=0)
    parsed = Order.from_dict(wire)
    assert parsed.additional_properties == {"newField": {"nested": [1, "2"]}}
    assert parsed["newField"] == {"nested": [1, "2"]} and parsed.good_till_date == 0
    assert parsed.to_dict() == wire


@pytest.mark.parametrize("wire", demo_orders(), ids=lambda o: str(o["orderId"]))
def test_to_dict_equals_the_wire_json(wire: dict[str, Any]) -> None:
    assert Order.from_dict(json.loads(json.dumps(wire))).to_dict() == wire


def test_the_chinese_documentation_example_without_position_side_parses() -> None:
    parsed = Order.from_dict(order(positionSide=None))
    assert parsed.position_side is None
    assert "positionSide" not in parsed.to_dict()


def test_the_older_example_without_price_match_and_stp_parses() -> None:
    parsed = Order.from_dict(order(priceMatch=None, selfTradePreventionMode=None, activatePrice=None, priceRate=None))
    assert parsed.price_match is None and parsed.activate_price is None


def test_the_spec_response_examples_are_valid_orders() -> None:
    examples = SPEC["paths"]["/dapi/v1/openOrder"]["get"]["responses"]["200"]["content"]["application/json"]["examples"]
    for example in examples.values():
        assert Order.from_dict(example["value"]).to_dict() == example["value"]
    assert examples["seed-en-open-order"]["value"] == DOC_ORDER


@pytest.mark.parametrize(("wire", "error"), [
    ([DOC_ORDER], TypeError),                      # an array instead of an object
    ("order", TypeError),
    (order(orderId=None), KeyError),               # a required field missing
    (order(orderId="1917641"), TypeError),         # an id as a string
    (order(orderId=True), TypeError),              # a bool is not an int
    (order(time=1.5), TypeError),
    (order(reduceOnly="false"), TypeError),
    (order(symbol=7), TypeError),
])  # fmt: skip
def test_wrong_shapes_fail_loudly(wire: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        Order.from_dict(wire)


def test_error_and_server_time_models() -> None:
    assert Error.from_dict({"code": -2013, "msg": "Order does not exist."}).code == -2013
    assert ServerTime.from_dict({"serverTime": 1499827319559}).server_time == 1499827319559
    with pytest.raises(TypeError):
        ServerTime.from_dict({"serverTime": "1499827319559"})


def test_field_descriptions_are_bilingual_and_cover_every_property() -> None:
    properties = SPEC["components"]["schemas"]["Order"]["properties"]
    assert list(Order.FIELD_DESCRIPTIONS) == list(properties)
    for name, (english, chinese) in Order.FIELD_DESCRIPTIONS.items():
        assert english == properties[name]["description"] and chinese == properties[name]["x-description-zh"]


OPTIONAL_ORDER_FIELDS = [name for name in DOC_ORDER if name not in SPEC["components"]["schemas"]["Order"]["required"]]


def test_every_optional_field_sent_as_null_reads_as_absent_and_round_trips() -> None:
    # Before: a null stopPrice or positionSide made the whole order an APIError on a 200 answer.
    assert len(OPTIONAL_ORDER_FIELDS) >= 10
    received = {**DOC_ORDER, **dict.fromkeys(OPTIONAL_ORDER_FIELDS)}
    parsed = Order.from_dict(received)
    absent = Order.from_dict({k: v for k, v in DOC_ORDER.items() if k not in OPTIONAL_ORDER_FIELDS})
    assert parsed == absent  # null and absent mean the same
    assert parsed.to_dict() == received  # and the nulls are given back as received
    assert absent.to_dict() == {k: v for k, v in DOC_ORDER.items() if k not in OPTIONAL_ORDER_FIELDS}


def test_a_value_set_after_a_null_is_written_instead_of_the_null() -> None:
    parsed = Order.from_dict({**DOC_ORDER, "stopPrice": None})
    parsed.stop_price = Decimal("1.5")
    assert parsed.to_dict()["stopPrice"] == "1.5"


@pytest.mark.parametrize("field", SPEC["components"]["schemas"]["Order"]["required"])
def test_a_required_field_sent_as_null_is_refused(field: str) -> None:
    with pytest.raises((TypeError, ValueError)):
        Order.from_dict({**DOC_ORDER, field: None})


def test_both_clients_read_an_order_with_null_optional_fields(base_url: str, exchange: Exchange) -> None:
    body = json.dumps({**order(orderId=2, symbol="BTCUSD_PERP"), "stopPrice": None, "positionSide": None}).encode()
    exchange.inject(Fault("status", status=200, body=body, times=2, path="/dapi/v1/openOrder"))
    got: list[Order] = []

    def call(client: Any) -> Any:
        if isinstance(client, Client):
            got.append(client.query_current_open_order("BTCUSD_PERP", order_id=2))
            return None

        async def read() -> None:
            got.append(await client.query_current_open_order("BTCUSD_PERP", order_id=2))

        return read()

    assert both_clients(base_url, call) == []
    assert [(o.order_id, o.stop_price, o.position_side) for o in got] == [(2, None, None)] * 2
