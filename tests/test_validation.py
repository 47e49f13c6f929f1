"""Bad input gets a ValidationError before anything is sent; the rules come from the spec."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from binance_coinm import BinanceError, Client, ValidationError
from binance_coinm.testing import DEMO_API_KEY, DEMO_API_SECRET, Exchange
from binance_coinm.validation import OperationRules, Rule
from binance_coinm_openapi.api.trade import query_current_open_order
from hypothesis import given
from hypothesis import strategies as st

SPEC = yaml.safe_load((Path(__file__).parent.parent / "spec" / "openapi.yaml").read_text(encoding="utf-8"))
OPERATION = SPEC["paths"]["/dapi/v1/openOrder"]["get"]
SCHEMAS = {p["name"]: p["schema"] for p in OPERATION["parameters"]}
CLIENT_ID_PATTERN = SCHEMAS["origClientOrderId"]["pattern"]


@pytest.mark.parametrize(("kwargs", "parameter"), [
    ({}, "order_id"),                                                        # neither id
    ({"order_id": 1, "orig_client_order_id": "abc"}, "orig_client_order_id"),  # both ids
    ({"orig_client_order_id": "has space"}, "orig_client_order_id"),
    ({"orig_client_order_id": "x" * 37}, "orig_client_order_id"),
    ({"orig_client_order_id": ""}, "orig_client_order_id"),
    ({"orig_client_order_id": "abc\n"}, "orig_client_order_id"),
    ({"orig_client_order_id": "中文"}, "orig_client_order_id"),
    ({"order_id": 0}, "order_id"),
    ({"order_id": -5}, "order_id"),
    ({"order_id": True}, "order_id"),
    ({"order_id": "1917641"}, "order_id"),
    ({"order_id": 1, "recv_window": 0}, "recv_window"),
    ({"order_id": 1, "recv_window": 60001}, "recv_window"),
    ({"order_id": 1, "recv_window": 5000.0}, "recv_window"),
])  # fmt: skip
def test_bad_arguments_raise_before_any_request(
    client: Client, exchange: Exchange, kwargs: dict[str, Any], parameter: str
) -> None:
    with pytest.raises(ValidationError) as error:
        client.query_current_open_order("BTCUSD_PERP", **kwargs)
    assert error.value.parameter == parameter
    assert isinstance(error.value, ValueError) and isinstance(error.value, BinanceError)
    assert len(exchange.requests) == 0


@pytest.mark.parametrize("symbol", ["", None, 5])
def test_symbol_must_be_a_non_empty_string(client: Client, exchange: Exchange, symbol: Any) -> None:
    with pytest.raises(ValidationError) as error:
        client.query_current_open_order(symbol, order_id=1)
    assert error.value.parameter == "symbol"
    assert len(exchange.requests) == 0


@pytest.mark.parametrize(("kwargs", "parameter"), [
    ({"api_secret": None}, "api_secret"),
    ({"api_secret": "s", "private_key": "-----BEGIN PRIVATE KEY-----"}, "api_secret"),
    ({"api_secret": ""}, "api_secret"),
    ({"api_secret": "s", "recv_window": 0}, "recv_window"),
    ({"api_secret": "s", "recv_window": 60001}, "recv_window"),
    ({"api_secret": "s", "base_url": "ftp://x"}, "base_url"),
    ({"api_secret": "s", "base_url": "not a url"}, "base_url"),
    ({"api_secret": "s", "timeout": 0}, "timeout"),
    ({"api_secret": "s", "retries": -1}, "retries"),
])  # fmt: skip
def test_bad_client_configuration_raises(kwargs: dict[str, Any], parameter: str) -> None:
    with pytest.raises(ValidationError) as error:
        Client(DEMO_API_KEY, **kwargs)
    assert error.value.parameter == parameter


@pytest.mark.parametrize("api_key", ["", "has space", "tab\tkey", "ключ", None])
def test_api_key_must_be_printable_ascii(api_key: Any) -> None:
    with pytest.raises(ValidationError) as error:
        Client(api_key, DEMO_API_SECRET)
    assert error.value.parameter == "api_key"


def test_rules_come_from_the_spec_through_the_generated_code() -> None:
    generated = query_current_open_order.PARAMETERS
    for name, schema in SCHEMAS.items():
        constraints = {k: v for k, v in generated[name].items() if k not in {"python_name", "required"}}
        assert constraints == schema
    assert [list(g) for g in query_current_open_order.EXACTLY_ONE_OF] == OPERATION["x-exactly-one-of"]


RULES = OperationRules(query_current_open_order)
ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))


@given(st.text(alphabet=ALPHABET, max_size=40))
def test_client_order_id_validator_accepts_exactly_the_spec_pattern(candidate: str) -> None:
    # The reference is the spec's pattern with ECMA-262 semantics: `$` is the end of the input.
    expected = re.fullmatch(CLIENT_ID_PATTERN.strip("^$"), candidate) is not None
    try:
        RULES.check({"symbol": "S", "order_id": None, "orig_client_order_id": candidate, "recv_window": None})
    except ValidationError:
        accepted = False
    else:
        accepted = True
    assert accepted is expected


@given(st.from_regex(CLIENT_ID_PATTERN.replace("$", r"\Z")))
def test_every_id_the_pattern_allows_is_accepted(candidate: str) -> None:
    RULES.check({"symbol": "S", "order_id": None, "orig_client_order_id": candidate, "recv_window": None})


@given(st.integers(min_value=-(2**63), max_value=2**63))
def test_integer_ranges_follow_the_spec(value: int) -> None:
    limits = SCHEMAS["recvWindow"]
    try:
        RULES.check_one("recv_window", value)
        recv_ok = True
    except ValidationError:
        recv_ok = False
    assert recv_ok is (limits["minimum"] <= value <= limits["maximum"])
    try:
        RULES.check_one("order_id", value)
        id_ok = True
    except ValidationError:
        id_ok = False
    # format: int64 bounds it too: a larger id cannot be parsed by the exchange, so it is refused before sending
    assert id_ok is (SCHEMAS["orderId"]["minimum"] <= value <= 2**63 - 1)
    assert SCHEMAS["orderId"]["format"] == "int64"


def test_nothing_is_sent_for_invalid_input_on_the_async_client(exchange: Exchange, base_url: str) -> None:
    import asyncio

    from binance_coinm import AsyncClient

    async def main() -> None:
        async with AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url) as client:
            with pytest.raises(ValidationError):
                await client.query_current_open_order("BTCUSD_PERP", order_id=1, orig_client_order_id="a")

    asyncio.run(main())
    assert len(exchange.requests) == 0


@pytest.mark.parametrize("value", [2**63 - 1, 2**63, -(2**63), -(2**63) - 1])
def test_int64_bounds_are_checked_at_the_edges(value: int) -> None:
    rule = OperationRules(query_current_open_order)
    within = -(2**63) <= value <= 2**63 - 1
    try:
        rule.check_one("order_id", value)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted is (within and value >= 1)


MONEY = Rule("price", {"python_name": "price", "type": "string", "format": "decimal", "required": False})


@pytest.mark.parametrize(("value", "sent"), [
    (Decimal("1E+1"), "10"), (Decimal("0.00000001"), "0.00000001"), (Decimal("43250.10"), "43250.10"),
    ("0.40", "0.40"), ("100", "100"),
])  # fmt: skip
def test_money_parameters_are_sent_as_plain_exact_decimals(value: object, sent: str) -> None:
    MONEY.check(value)
    assert MONEY.sendable(value) == sent


@pytest.mark.parametrize("value", [0.1, 1, True, Decimal("NaN"), Decimal("Infinity"), "1e5", "0x10", "", " 1", "1."])
def test_money_parameters_refuse_floats_and_what_binance_cannot_read(value: object) -> None:
    with pytest.raises(ValidationError) as error:
        MONEY.check(value)
    assert error.value.parameter == "price"
