"""The spec drives the whole SDK: no hand-written line names an operation, and operations the SDK has never seen,
added to a copy of the spec and run through `make generate`, are signed, validated, typed methods of both clients."""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from binance_coinm import AsyncClient, Client
from binance_coinm_openapi.api import OPERATIONS
from openapi_python_client import strings

from tests.test_generation import ROOT, make, repo_copy  # noqa: F401 - repo_copy is a fixture

SPEC = yaml.safe_load((ROOT / "spec" / "openapi.yaml").read_text(encoding="utf-8"))
# The simulator included: what the exchange does with an operation is the spec's x-simulator, naming a behaviour.
HAND_WRITTEN = [
    *sorted(p for p in (ROOT / "overrides").rglob("*") if p.is_file() and "__pycache__" not in p.parts),
    ROOT / "generator" / "docs.py",
]
# The one allowed mention: sync_time fetches the server time through the generated method.
ALLOWED = {("client.py", "check_server_time")}


def _names_of_every_operation() -> set[str]:
    names = set()
    for path, item in SPEC["paths"].items():
        for operation in item.values():
            operation_id = operation["operationId"]
            snake = strings.snake_case(operation_id)
            names |= {operation_id, snake, f"{snake}_detailed", strings.kebab_case(operation_id), path}
            names |= {operation["x-cli-alias"]} if "x-cli-alias" in operation else set()
    return names


def test_no_hand_written_line_names_an_operation() -> None:
    names = _names_of_every_operation()
    assert len(names) >= 4 * len(OPERATIONS)
    # Any case; "_" bounds a name (so _queryOrder and query_order_detailed are found); a path is found inside a URL.
    patterns = {
        name: re.compile(
            rf"{'' if name.startswith('/') else '(?<![A-Za-z0-9/-])'}{re.escape(name)}(?![A-Za-z0-9-])", re.I
        )
        for name in names
    }
    found = []
    for source in HAND_WRITTEN:
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            for name, pattern in patterns.items():
                if pattern.search(line) and (source.name, name) not in ALLOWED:
                    found.append(f"{source.relative_to(ROOT)}:{number}: {name}")
    assert found == []


def test_every_operation_of_the_spec_is_a_method_of_both_clients() -> None:
    for operation in OPERATIONS:
        for client in (Client, AsyncClient):
            assert callable(getattr(client, operation.python_name))
            assert callable(getattr(client, f"{operation.python_name}_detailed"))
    assert [o.operation_id for o in OPERATIONS] == [
        operation["operationId"] for item in SPEC["paths"].values() for operation in item.values()
    ]


def test_every_operation_has_a_behaviour_of_the_simulator_or_an_example_to_answer() -> None:
    from binance_coinm.testing.exchange import BEHAVIOURS, Exchange

    from generator import specfile

    assert set(specfile.SIMULATOR_OPTIONS) == set(BEHAVIOURS)  # what make check accepts is what the simulator has
    assert set(specfile.SIMULATOR_NEEDS) <= set(BEHAVIOURS)
    for route in Exchange().routes.values():
        if route.simulator is None:
            assert route.example is not None, route.operation_id
        else:
            assert route.simulator["answers"] in BEHAVIOURS, route.operation_id


def test_generated_docstrings_are_bilingual_per_argument() -> None:
    doc = Client.current_all_open_orders.__doc__ or ""
    assert "Current All Open Orders (USER_DATA) · 查看当前全部挂单 (USER_DATA)" in doc
    assert "`GET /dapi/v1/openOrders` · weight 1 with `symbol`; 40 otherwise · USER_DATA" in doc
    assert "pair: Underlying pair" in doc and "标的交易对" in doc
    assert "list[Order]" in doc
    query_order = Client.query_order.__doc__ or ""
    assert "more than 90 days ago" in query_order and "-2013 NO_SUCH_ORDER" in query_order
    open_order = Client.query_current_open_order.__doc__ or ""
    assert "filled, cancelled or expired" in open_order and "90 days" not in open_order


# Two operations the SDK has never seen: a signed one answering an array of a new, inline schema with decimal
# fields, and an unsigned MARKET_DATA one (API key only) with an integer range and an enum parameter.
NEW_PATHS: dict[str, Any] = {
    "/dapi/v1/balance": {"get": {
        "operationId": "futuresAccountBalance", "tags": ["account"],
        "summary": "Futures Account Balance (USER_DATA)", "x-summary-zh": "账户余额 (USER_DATA)",
        "description": "Balance of each asset.", "x-description-zh": "每个资产的余额。",
        "x-weight": 1, "x-security-type": "USER_DATA", "x-error-codes": [-1000, -1022],
        "security": [{"ApiKey": [], "Signature": []}],
        "parameters": [SPEC["paths"]["/dapi/v1/order"]["get"]["parameters"][-1]],  # recvWindow
        "responses": {"200": {
            "description": "The balances.", "x-description-zh": "余额。",
            "content": {"application/json": {"schema": {"type": "array", "items": {
                "type": "object", "required": ["asset", "balance"], "additionalProperties": True,
                "description": "One asset's balance.", "x-description-zh": "单个资产的余额。",
                "properties": {
                    "asset": {"type": "string", "description": "Asset.", "x-description-zh": "资产。"},
                    "balance": {"type": "string", "x-format": "decimal", "description": "Balance.",
                                "x-description-zh": "余额。"},
                    "crossUnPnl": {"type": "string", "x-format": "decimal", "description": "Unrealised PnL.",
                                   "x-description-zh": "未实现盈亏。"},
                },
            }}, "examples": {"one": {"summary": "One asset.", "x-summary-zh": "一个资产。", "value": [
                {"asset": "BTC", "balance": "0.00000001", "crossUnPnl": "-0.10", "newField": 1}]}}}},
        }},
    }},
    "/dapi/v1/historicalTrades": {"get": {
        "operationId": "oldTradesLookup", "tags": ["market"],
        "summary": "Old Trades Lookup (MARKET_DATA)", "x-summary-zh": "查询历史成交 (MARKET_DATA)",
        "description": "Older market trades.", "x-description-zh": "历史成交。",
        "x-weight": 20, "x-security-type": "MARKET_DATA", "x-error-codes": [-1000, -1121],
        "security": [{"ApiKey": []}],
        "parameters": [
            {"name": "symbol", "in": "query", "required": True, "description": "Symbol.",
             "x-description-zh": "交易对。", "schema": {"type": "string", "minLength": 1}},
            {"name": "limit", "in": "query", "required": False, "description": "How many.",
             "x-description-zh": "数量。", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
            {"name": "side", "in": "query", "required": False, "description": "Side.", "x-description-zh": "方向。",
             "schema": {"$ref": "#/components/schemas/OrderSide"}},
            {"name": "minPrice", "in": "query", "required": False, "description": "Lowest price.",
             "x-description-zh": "最低价格。", "schema": {"type": "string", "x-format": "decimal"}},
        ],
        "responses": {"200": {
            "description": "The trades.", "x-description-zh": "成交。",
            "content": {"application/json": {"schema": {"type": "array", "items": {
                "title": "Trade", "type": "object", "required": ["id", "price"],
                "description": "One trade.", "x-description-zh": "一笔成交。",
                "properties": {
                    "id": {"type": "integer", "format": "int64", "description": "Trade ID.",
                           "x-description-zh": "成交 ID。"},
                    "price": {"type": "string", "x-format": "decimal", "description": "Price.",
                              "x-description-zh": "价格。"},
                },
            }}, "examples": {"one": {"summary": "One trade.", "x-summary-zh": "一笔成交。",
                                     "value": [{"id": 28457, "price": "43250.10"}]}}}},
        }},
    }},
}  # fmt: skip

# Runs against the regenerated tree: the simulator serves the copied spec, and answers each new operation (no
# x-simulator) with its response's example.
CALLER = r"""
import asyncio, json, sys
from pathlib import Path
import binance_coinm, binance_coinm_openapi
from decimal import Decimal
from binance_coinm import AsyncClient, Client, ValidationError
from binance_coinm.testing import DEMO_API_KEY, DEMO_API_SECRET, Exchange, ExchangeSimulator

exchange = Exchange()  # serves the spec the regenerated SDK ships: the copy, with its new operations
exchange.add_hmac_key(DEMO_API_KEY, DEMO_API_SECRET)
out = {"generated": binance_coinm_openapi.__file__, "sdk": binance_coinm.__file__}
with ExchangeSimulator(exchange) as simulator:
    url = simulator.base_url
    with Client(DEMO_API_KEY, DEMO_API_SECRET, base_url=url) as client:
        balance = client.futures_account_balance()[0]
        trades = client.old_trades_lookup_detailed("BTCUSD_PERP", limit=500, side="SELL", min_price=Decimal("1E+1"))
        try:
            client.old_trades_lookup("BTCUSD_PERP", limit=1001)
        except ValidationError as error:
            out["limit_error"] = error.parameter
        try:
            client.old_trades_lookup("BTCUSD_PERP", min_price=0.1)
        except ValidationError as error:
            out["float_error"] = error.parameter
    async def run():
        async with AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, base_url=url) as client:
            return await client.futures_account_balance(recv_window=2000), await client.old_trades_lookup("X")
    async_balance, async_trades = asyncio.run(run())
out.update(
    balance=[type(balance).__name__, type(balance.balance).__name__, str(balance.balance), str(balance.cross_un_pnl),
             balance.additional_properties],
    trade=[type(trades.data[0].price).__name__, str(trades.data[0].price), trades.data[0].to_dict(),
           trades.used_weight],
    async_balance=str(async_balance[0].balance), async_trade=async_trades[0].id,
    trade_class=type(trades.data[0]).__name__,
    requests=[[r.path, r.query] for r in exchange.requests],
    api_keys=[r.api_key for r in exchange.requests],
)
print(json.dumps(out))
"""


def test_operations_added_to_the_spec_become_working_methods(repo_copy: Path) -> None:  # noqa: F811
    spec_path = repo_copy / "spec" / "openapi.yaml"
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    spec["paths"].update(copy.deepcopy(NEW_PATHS))
    # Valid OpenAPI the tools must read like inline parameters: a path-level one and a components/parameters one.
    trades = spec["paths"]["/dapi/v1/historicalTrades"]
    symbol, limit, side, min_price = trades["get"].pop("parameters")
    trades["parameters"] = [symbol]
    spec["components"]["parameters"] = {"Limit": limit}
    trades["get"]["parameters"] = [{"$ref": "#/components/parameters/Limit"}, side, min_price]
    spec["tags"].append({"name": "account", "description": "Account.", "x-description-zh": "账户。"})
    spec_path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    overrides_before = {p: p.read_bytes() for p in (repo_copy / "overrides").rglob("*.py")}

    generated = make(repo_copy, "generate")
    assert generated.returncode == 0, generated.stderr
    assert (repo_copy / "generated/binance_coinm_openapi/api/account/futures_account_balance.py").exists()
    assert {p: p.read_bytes() for p in (repo_copy / "overrides").rglob("*.py")} == overrides_before

    environ = {**os.environ, "PYTHONPATH": os.pathsep.join(str(repo_copy / d) for d in ("generated", "overrides", "."))}
    result = subprocess.run(
        [sys.executable, "-c", CALLER],
        cwd=repo_copy, env=environ, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["generated"].startswith(str(repo_copy)) and out["sdk"].startswith(str(repo_copy))
    assert out["balance"] == ["FuturesAccountBalanceResponse200Item", "Decimal", "1E-8", "-0.10", {"newField": 1}]
    assert out["trade"][:2] == ["Decimal", "43250.10"]
    assert out["trade_class"] == "OldTradesLookupTrade"  # a titled inline schema: operation + title
    assert out["trade"][2]["price"] == "43250.10"  # written back as the exact wire string
    assert out["trade"][3] == {"1m": 21}  # x-weight 20, after the balance call's 1
    assert out["limit_error"] == "limit"  # the spec's maximum, checked before sending
    assert out["async_balance"] == "1E-8" and out["async_trade"] == 28457
    paths = [path for path, _ in out["requests"]]
    assert paths == ["/dapi/v1/balance", "/dapi/v1/historicalTrades", "/dapi/v1/balance", "/dapi/v1/historicalTrades"]
    balance_query, trades_query = out["requests"][0][1], out["requests"][1][1]
    assert re.fullmatch(r"recvWindow=5000&timestamp=\d+&signature=[0-9a-f]{64}", balance_query)  # signed
    assert trades_query == "symbol=BTCUSD_PERP&limit=500&side=SELL&minPrice=10"  # MARKET_DATA: key only, not signed
    assert out["float_error"] == "min_price"  # money is never a float
    annotations = (repo_copy / "generated/binance_coinm_openapi/api/__init__.py").read_text(encoding="utf-8")
    assert "min_price: Decimal | str | None = None," in annotations
    assert out["api_keys"] == ["demo-api-key"] * 4

    docs = make(repo_copy, "docs")
    assert docs.returncode == 0, docs.stderr
    reference = (repo_copy / "docs" / "reference.en.md").read_text(encoding="utf-8")
    assert "| SDK method | `Client.futures_account_balance()`, `Client.futures_account_balance_detailed()`" in reference
    assert "### Response: array of object" in reference  # an inline schema: its fields follow
    assert "| `balance` | decimal string | yes | Balance. |" in reference
    assert "| Request weight | 20 |" in reference and "`binance-coinm old-trades-lookup`" in reference
