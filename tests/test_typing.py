"""The public API is typed for its users: mypy --strict accepts correct calls and rejects wrong ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).resolve().parent.parent

GOOD = """
from decimal import Decimal
from binance_coinm import AsyncClient, Client, Order, OrderStatus

def run(client: Client) -> Decimal:
    order: Order = client.query_current_open_order("BTCUSD_PERP", order_id=1)
    weight: dict[str, int] = client.query_current_open_order_detailed("X", orig_client_order_id="a").used_weight
    assert order.status == OrderStatus.NEW and weight
    return order.orig_qty

async def run_async(client: AsyncClient) -> Decimal:
    return (await client.query_current_open_order("BTCUSD_PERP", order_id=1)).price

def average(order: Order) -> Decimal:  # an absent optional field is None, and `is None` narrows it
    return Decimal(0) if order.avg_price is None else order.avg_price

client = Client("key", "secret", base_url="https://testnet.binancefuture.com", recv_window=2000, timeout=3.0)
"""

BAD = """
from decimal import Decimal
from binance_coinm import Client

Client("key", "secret", recv_window="2000")
Client("key", "secret").query_current_open_order("BTCUSD_PERP", order_id="1")
price: float = Client("key", "secret").query_current_open_order("X", order_id=1).price
average: Decimal = Client("key", "secret").query_current_open_order("X", order_id=1).avg_price
"""


@pytest.fixture(autouse=True)
def packages_on_mypy_path(monkeypatch: pytest.MonkeyPatch) -> None:
    # The editable install is an import hook mypy cannot follow; a wheel install needs none of this.
    monkeypatch.setenv("MYPYPATH", f"{ROOT / 'overrides'}:{ROOT / 'generated'}")


def check(tmp_path: Path, source: str) -> tuple[str, int]:
    path = tmp_path / "user_code.py"
    path.write_text(source)
    stdout, _, status = api.run(["--strict", "--no-incremental", "--cache-dir=/dev/null", str(path)])
    return stdout, status


def test_correct_usage_type_checks(tmp_path: Path) -> None:
    stdout, status = check(tmp_path, GOOD)
    assert status == 0, stdout


def test_wrong_usage_is_caught_by_the_type_checker(tmp_path: Path) -> None:
    stdout, status = check(tmp_path, BAD)
    assert status == 1
    assert stdout.count("error:") == 4, stdout
    assert '"recv_window"' in stdout and '"order_id"' in stdout and '"Decimal"' in stdout
    assert '"Decimal | None"' in stdout  # an optional field must be narrowed before use


GENERATED_GOOD = """
from decimal import Decimal
from binance_coinm import AsyncClient, Client, DetailedResponse, Order

def run(client: Client) -> list[Decimal]:
    found: Order = client.query_order("BTCUSD_PERP", orig_client_order_id="abc", recv_window=2000)
    every: list[Order] = client.current_all_open_orders()
    mine: DetailedResponse[list[Order]] = client.current_all_open_orders_detailed(symbol="BTCUSD_PERP")
    return [found.price, *(o.orig_qty for o in every), *(o.price for o in mine.data)]

async def run_async(client: AsyncClient) -> list[Order]:
    return await client.current_all_open_orders(pair="BTCUSD")
"""

GENERATED_BAD = """
from binance_coinm import Client

client = Client("key", "secret")
client.query_order("BTCUSD_PERP", orderId=1)
client.query_order("BTCUSD_PERP", order_id="1")
client.current_all_open_orders("BTCUSD_PERP")
one: str = client.current_all_open_orders()[0].symbol.upper() + client.query_order("X", order_id=1).price
"""


def test_generated_methods_type_check(tmp_path: Path) -> None:
    stdout, status = check(tmp_path, GENERATED_GOOD)
    assert status == 0, stdout


def test_wrong_calls_of_generated_methods_are_caught(tmp_path: Path) -> None:
    stdout, status = check(tmp_path, GENERATED_BAD)
    assert status == 1
    lines = [line for line in stdout.splitlines() if "error:" in line]
    assert [int(line.split(":")[1]) for line in lines] == [5, 6, 7, 8], stdout
    assert '"orderId"' in stdout and '"order_id"' in stdout and "positional" in stdout and '"Decimal"' in stdout
