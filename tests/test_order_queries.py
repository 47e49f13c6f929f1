"""queryOrder and currentAllOpenOrders, added through the spec alone: signed, validated, typed and Decimal-exact on
both clients, and on the command line, against the simulator's order book of open, filled and cancelled orders."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
from decimal import Decimal

import pytest
from binance_coinm import (
    APIError,
    AsyncClient,
    Client,
    Order,
    OrderNotFoundError,
    OrderStatus,
    ValidationError,
)
from binance_coinm.testing import DOC_ORDER, Exchange, order

from tests.test_cli import COMMAND, KEYS, assert_clean_failure, cli

ORDER = "/dapi/v1/order"
OPEN_ORDERS = "/dapi/v1/openOrders"


@pytest.mark.parametrize(("order_id", "status"), [(2, "PARTIALLY_FILLED"), (3, "FILLED"), (4, "CANCELED")])
def test_query_order_finds_open_filled_and_recently_cancelled_orders(
    client: Client, order_id: int, status: str
) -> None:
    found = client.query_order("BTCUSD_PERP", order_id=order_id)
    assert isinstance(found, Order)
    assert found.order_id == order_id and found.status == OrderStatus(status)


def test_query_order_is_decimal_exact_and_finds_by_client_order_id(client: Client, exchange: Exchange) -> None:
    found = client.query_order("BTCUSD_PERP", orig_client_order_id="web_:/.x-1")
    assert found.order_id == 2
    assert found.cum_base == Decimal("0.01156066") and str(found.price) == "43250.10"
    assert exchange.requests[-1].path == ORDER
    assert "origClientOrderId=web_%3A%2F.x-1&" in exchange.requests[-1].query  # sent encoded, and signed as sent


@pytest.mark.parametrize("order_id", [
    6,    # cancelled with no fill, 4 days ago
    7,    # filled, but 100 days ago
    999,  # never existed
])  # fmt: skip
def test_query_order_does_not_find_what_binance_no_longer_keeps(client: Client, order_id: int) -> None:
    with pytest.raises(OrderNotFoundError) as error:
        client.query_order("BTCUSD_PERP", order_id=order_id)
    assert error.value.code == -2013


@pytest.mark.parametrize(("symbol", "client_order_id"), [
    ("BTCUSD_PERP", "nobody-has-this-id"),  # no order has it
    ("币安人生USD_PERP", "web_:/.x-1"),      # an order of another symbol has it
])  # fmt: skip
def test_query_order_by_a_client_order_id_no_order_of_the_symbol_has_is_not_found(
    client: Client, symbol: str, client_order_id: str
) -> None:
    with pytest.raises(OrderNotFoundError) as error:
        client.query_order(symbol, orig_client_order_id=client_order_id)
    assert error.value.code == -2013


def test_a_cancelled_order_with_a_fill_is_found_after_3_days(client: Client, exchange: Exchange) -> None:
    days_ago = exchange.server_ms() - 5 * 86_400_000
    exchange.add_order(order(orderId=8, symbol="BTCUSD_PERP", status="CANCELED", executedQty="0.1", time=days_ago))
    assert client.query_order("BTCUSD_PERP", order_id=8).executed_qty == Decimal("0.1")


@pytest.mark.parametrize(("kwargs", "parameter"), [
    ({}, "order_id"),
    ({"order_id": 1, "orig_client_order_id": "a"}, "orig_client_order_id"),
    ({"order_id": 0}, "order_id"),
    ({"orig_client_order_id": "x" * 37}, "orig_client_order_id"),
    ({"order_id": 1, "recv_window": 60_001}, "recv_window"),
])  # fmt: skip
def test_query_order_validates_before_sending(
    client: Client, exchange: Exchange, kwargs: dict[str, object], parameter: str
) -> None:
    with pytest.raises(ValidationError) as error:
        client.query_order("BTCUSD_PERP", **kwargs)  # type: ignore[arg-type]
    assert error.value.parameter == parameter
    assert len(exchange.requests) == 0


def test_unknown_symbol_is_1121_for_both_operations(client: Client) -> None:
    with pytest.raises(APIError) as error:
        client.query_order("NOPE_PERP", order_id=2)
    assert error.value.code == -1121
    with pytest.raises(APIError) as error:
        client.current_all_open_orders(symbol="NOPE_PERP")
    assert error.value.code == -1121 and type(error.value) is APIError


def test_all_open_orders_of_a_symbol_cost_weight_1(client: Client) -> None:
    detailed = client.current_all_open_orders_detailed(symbol="BTCUSD_PERP")
    assert [o.order_id for o in detailed.data] == [2]  # 3, 4, 6 and 7 are not open
    assert all(isinstance(o, Order) for o in detailed.data)
    assert detailed.used_weight == {"1m": 1}


def test_all_open_orders_of_the_account_cost_weight_40(client: Client, exchange: Exchange) -> None:
    detailed = client.current_all_open_orders_detailed()
    assert [o.order_id for o in detailed.data] == [2, 5, 1917641]
    assert detailed.data[2].to_dict() == DOC_ORDER
    assert detailed.used_weight == {"1m": 40}
    assert "symbol=" not in exchange.requests[-1].query


def test_all_open_orders_of_a_pair(client: Client) -> None:
    assert [o.order_id for o in client.current_all_open_orders(pair="币安人生USD")] == [5]
    assert [o.order_id for o in client.current_all_open_orders(pair="BTCUSD")] == [2, 1917641]


def test_a_symbol_with_no_open_orders_gives_an_empty_list(client: Client, exchange: Exchange) -> None:
    exchange.add_order(order(orderId=9, symbol="ETHUSD_PERP", pair="ETHUSD", status="FILLED"))
    assert client.current_all_open_orders(symbol="ETHUSD_PERP") == []


def test_a_non_array_answer_to_an_array_operation_is_an_api_error(client: Client, exchange: Exchange) -> None:
    from binance_coinm.testing import Fault

    exchange.inject(Fault("status", status=200, body=b"{}", path=OPEN_ORDERS))
    with pytest.raises(APIError) as error:
        client.current_all_open_orders(symbol="BTCUSD_PERP")
    assert error.value.status_code == 200 and "expected a JSON array" in error.value.msg


def test_async_twins_behave_the_same(async_client: AsyncClient, exchange: Exchange) -> None:
    async def main() -> None:
        async with async_client as c:
            filled, every, mine = await asyncio.gather(
                c.query_order("BTCUSD_PERP", order_id=3),
                c.current_all_open_orders(),
                c.current_all_open_orders_detailed(symbol="BTCUSD_200925"),
            )
            assert filled.status is OrderStatus.FILLED and filled.executed_qty == Decimal("0.40")
            assert [o.order_id for o in every] == [2, 5, 1917641]
            assert [o.order_id for o in mine.data] == [1917641]
            with pytest.raises(OrderNotFoundError):
                await c.query_order("BTCUSD_PERP", order_id=6)
            with pytest.raises(ValidationError):
                await c.query_order("BTCUSD_PERP")

    asyncio.run(main())
    assert exchange.count(ORDER) == 2 and exchange.count(OPEN_ORDERS) == 2


@pytest.mark.parametrize("json_first", [True, False])
def test_cli_query_order_with_json_before_or_after_the_subcommand(base_url: str, json_first: bool) -> None:
    query = ["query-order", "--symbol", "BTCUSD_PERP", "--order-id", "3"]
    args = ["--json", "--base-url", base_url, *query] if json_first else [*query, "--base-url", base_url, "--json"]
    result = cli(*args, env=KEYS)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "FILLED"


def test_cli_current_all_open_orders(base_url: str) -> None:
    result = cli("current-all-open-orders", "--base-url", base_url, "--json", env=KEYS)
    assert result.returncode == 0, result.stderr
    assert [o["orderId"] for o in json.loads(result.stdout)] == [2, 5, 1917641]
    table = cli("current-all-open-orders", "--symbol", "BTCUSD_PERP", "--base-url", base_url, "--lang", "zh", env=KEYS)
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[0].split() == ["字段", "值", "含义"]
    assert any(line.split()[:2] == ["orderId", "2"] for line in table.stdout.splitlines())


def test_cli_query_order_not_found_exits_3(base_url: str) -> None:
    result = cli("query-order", "--symbol", "BTCUSD_PERP", "--client-order-id", "old-cancelled",
                 "--base-url", base_url, env=KEYS)  # fmt: skip
    assert_clean_failure(result, 3)
    assert "-2013" in result.stderr


def test_cli_tables_show_epoch_millisecond_fields_also_in_utc(base_url: str, exchange: Exchange) -> None:
    exchange.add_order(order(orderId=10, symbol="BTCUSD_PERP", time=1_700_000_000_123, updateTime=1_700_000_000_999))
    result = cli("open-order", "--symbol", "BTCUSD_PERP", "--order-id", "10", "--base-url", base_url, env=KEYS)
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split()[1:3] for line in result.stdout.splitlines()}
    assert rows["time"] == ["1700000000123", "(2023-11-14T22:13:20.123+00:00)"]
    assert rows["updateTime"] == ["1700000000999", "(2023-11-14T22:13:20.999+00:00)"]
    assert rows["orderId"] == ["10", "System"]  # not a time: shown as it is


def test_security_types_decide_what_is_sent(client: Client, exchange: Exchange) -> None:
    client.check_server_time()  # NONE: no key, no signature
    client.query_order("BTCUSD_PERP", order_id=2)  # USER_DATA: key and signature
    assert [r.api_key for r in exchange.requests] == [None, "demo-api-key"]
    assert exchange.requests[0].query == ""
    assert exchange.requests[1].query.startswith("symbol=BTCUSD_PERP&orderId=2&recvWindow=5000&timestamp=")


def test_cli_testnet_and_base_url_exclude_each_other_on_either_side(base_url: str, exchange: Exchange) -> None:
    result = cli("--base-url", base_url, "query-order", "--testnet", "--symbol", "BTCUSD_PERP", "--order-id", "3",
                 env=KEYS)  # fmt: skip
    assert_clean_failure(result, 2)
    assert "not allowed with argument --testnet" in result.stderr
    assert len(exchange.requests) == 0


def test_cli_operations_that_send_no_key_ignore_the_keys_set(base_url: str) -> None:
    result = cli("server-time", "--base-url", base_url, "--json",
                 env={"BINANCE_API_KEY": "has a space", "BINANCE_PRIVATE_KEY_FILE": "/nonexistent"})  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["serverTime"] > 0


def test_cli_table_columns_line_up_with_chinese_text(base_url: str) -> None:
    query = ["open-order", "--symbol", "币安人生USD_PERP", "--order-id", "5", "--lang", "zh"]
    result = cli(*query, "--base-url", base_url, env=KEYS)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    symbol_row = next(row for row in lines if row.startswith("symbol "))
    header_at = _display_width(lines[0][: lines[0].index("含义")])
    assert header_at == _display_width(symbol_row[: symbol_row.index("交易对")])  # one column for both


def _display_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def test_cli_output_into_a_closed_pipe_is_quiet(base_url: str) -> None:
    environ = {**{k: v for k, v in os.environ.items() if not k.startswith("BINANCE_")}, **KEYS}
    command = f"'{COMMAND}' current-all-open-orders --base-url {base_url} | head -c 10"
    result = subprocess.run(
        ["bash", "-c", command], env=environ, capture_output=True, text=True, timeout=60, check=False
    )
    assert len(result.stdout) == 10 and "Traceback" not in result.stderr and "Broken pipe" not in result.stderr


def test_cli_boolean_parameters_are_written_as_on_the_wire() -> None:
    import dataclasses

    from binance_coinm.cli import _add_operation
    from binance_coinm_openapi.api.trade import current_all_open_orders

    operation = dataclasses.replace(
        current_all_open_orders.OPERATION,
        parameters={"includeAll": {"python_name": "include_all", "type": "boolean", "required": False}},
        parameter_descriptions={"includeAll": ("Everything.", "全部。")},
    )
    import argparse

    parser = argparse.ArgumentParser(exit_on_error=False)
    _add_operation(parser.add_subparsers(), operation, "en")
    assert parser.parse_args(["current-all-open-orders", "--include-all", "true"]).include_all is True
    assert parser.parse_args(["current-all-open-orders", "--include-all", "false"]).include_all is False
    with pytest.raises(SystemExit):
        parser.parse_args(["current-all-open-orders", "--include-all", "maybe"])
