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


def _rule(**schema: Any) -> Rule:
    return Rule("wireName", {"python_name": "p", **schema})


LONG = "x" * 70  # messages show 60 characters of a bad value, no more


@pytest.mark.parametrize(("rule", "value", "english", "chinese"), [
    (_rule(type="integer"), "5", "p must be int, not str", "p 应为 int 类型，而不是 str"),
    (_rule(type="integer"), True, "p must be int, not bool", "p 应为 int 类型，而不是 bool"),
    (_rule(type="boolean"), 1, "p must be bool, not int", "p 应为 bool 类型，而不是 int"),
    (_rule(type="string"), None, "p must be str, not NoneType", "p 应为 str 类型，而不是 NoneType"),
    (_rule(type="integer", minimum=1), 0, "p must be at least 1 (got 0)", "p 不能小于 1（实际为 0）"),
    (_rule(type="integer", maximum=9), 10, "p must be at most 9 (got 10)", "p 不能大于 9（实际为 10）"),
    (_rule(type="integer", format="int32"), 2**31, f"p must be at most {2**31 - 1} (got {2**31})",
     f"p 不能大于 {2**31 - 1}（实际为 {2**31}）"),
    (_rule(type="integer", format="int32"), -(2**31) - 1, f"p must be at least {-(2**31)} (got {-(2**31) - 1})",
     f"p 不能小于 {-(2**31)}（实际为 {-(2**31) - 1}）"),
    (_rule(type="string", minLength=2), "a", "p must have at least 2 character(s)", "p 至少需要 2 个字符"),
    (_rule(type="string", maxLength=2), "abc", "p must have at most 2 characters", "p 最多 2 个字符"),
    (_rule(type="string", pattern="^[a-z]+$"), "abc\n", "p must match '^[a-z]+\\\\Z' (got 'abc\\n')",
     "p 应符合 ^[a-z]+\\Z（实际为 abc\n）"),
    (_rule(type="string", pattern="^[a-z]+$"), LONG + "!", f"p must match '^[a-z]+\\\\Z' (got {LONG[:60]!r})",
     f"p 应符合 ^[a-z]+\\Z（实际为 {LONG[:60]}）"),
    (_rule(type="string"), "a\ud800", "p is not valid Unicode text (got 'a\\ud800')", "p 不是有效的 Unicode 文本"),
    (_rule(type="string"), LONG + "\ud800", f"p is not valid Unicode text (got {LONG[:60]!r})",
     "p 不是有效的 Unicode 文本"),
    (_rule(type="string", enum=["A", "B"]), "C", "p must be one of A, B", "p 应为以下值之一：A, B"),
    (_rule(type="string", format="decimal"), Decimal("NaN"), "p must be a finite decimal (got NaN)",
     "p 应为有限小数（实际为 NaN）"),
    (_rule(type="string", format="decimal"), 0.5, "p must be a Decimal or a decimal string, not float",
     "p 应为 Decimal 或小数字符串，而不是 float"),
    (_rule(type="string", format="decimal"), "1e5", "p must be a plain decimal number such as 0.25 (got '1e5')",
     "p 应为普通小数，例如 0.25（实际为 1e5）"),
    (_rule(type="string", format="decimal"), "1" + LONG, f"p must be a plain decimal number such as 0.25 (got "
     f"{('1' + LONG)[:60]!r})", f"p 应为普通小数，例如 0.25（实际为 {('1' + LONG)[:60]}）"),
])  # fmt: skip
def test_each_rule_says_what_is_wrong_in_english_and_chinese(
    rule: Rule, value: object, english: str, chinese: str
) -> None:
    with pytest.raises(ValidationError) as error:
        rule.check(value)
    assert (error.value.parameter, str(error.value), error.value.message_zh) == ("p", english, chinese)


@pytest.mark.parametrize(("rule", "value"), [
    (_rule(type="integer", minimum=1, maximum=9), 1), (_rule(type="integer", minimum=1, maximum=9), 9),
    (_rule(type="string", minLength=2, maxLength=3), "ab"), (_rule(type="string", minLength=2, maxLength=3), "abc"),
    (_rule(type="string"), "币安"), (_rule(type="string", enum=["A", "B"]), "B"),
    (_rule(type="string", format="decimal"), Decimal("1E+3")), (_rule(type="string", format="decimal"), "-0.5"),
    (_rule(type="boolean"), False), (_rule(type="integer", format="int32"), 2**31 - 1),
])  # fmt: skip
def test_each_rule_accepts_its_edges(rule: Rule, value: object) -> None:
    rule.check(value)


@pytest.mark.parametrize(("arguments", "parameter", "english", "chinese"), [
    ({"symbol": "S", "order_id": None, "orig_client_order_id": None, "recv_window": None}, "order_id",
     "pass exactly one of order_id or orig_client_order_id: neither was given",
     "order_id 和 orig_client_order_id 必须且只能传一个：两者都没有传"),
    ({"symbol": "S", "order_id": 1, "orig_client_order_id": "a", "recv_window": None}, "orig_client_order_id",
     "pass exactly one of order_id or orig_client_order_id: both were given",
     "order_id 和 orig_client_order_id 必须且只能传一个：两者都传了"),
    ({"symbol": None, "order_id": 1, "orig_client_order_id": None, "recv_window": None}, "symbol",
     "symbol is required", "symbol 为必填项"),
])  # fmt: skip
def test_operation_rules_say_which_argument_is_wrong(
    arguments: dict[str, Any], parameter: str, english: str, chinese: str
) -> None:
    with pytest.raises(ValidationError) as error:
        RULES.check(arguments)
    assert (error.value.parameter, str(error.value), error.value.message_zh) == (parameter, english, chinese)


def test_operation_rules_return_what_is_sent() -> None:
    arguments = {"symbol": "S", "order_id": None, "orig_client_order_id": "a", "recv_window": 5000}
    assert RULES.check(arguments) == {"symbol": "S", "orig_client_order_id": "a", "recv_window": 5000}
    assert OperationRules(query_current_open_order.OPERATION).check(arguments) == RULES.check(arguments)


@pytest.mark.parametrize(("pattern", "value", "accepted"), [
    ("^[a-z]+$", "abc", True), ("^[a-z]+$", "abc\n", False),  # ECMA-262: `$` is the end, not before a newline
    ("^ab", "abc", True), ("^ab", "xab", False),              # unanchored at the end: a prefix is enough
    ("b", "abc", True),                                       # JSON Schema patterns search, they do not match
    ("^a\\$", "a$", True), ("^a\\$", "a", False),              # an escaped dollar is a dollar sign
])  # fmt: skip
def test_patterns_follow_json_schema_semantics(pattern: str, value: str, accepted: bool) -> None:
    rule = _rule(type="string", pattern=pattern)
    if accepted:
        rule.check(value)
    else:
        with pytest.raises(ValidationError):
            rule.check(value)
