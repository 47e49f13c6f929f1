"""make spec-diff: every change between two specs is named breaking, additive or text-only, and the version must
move as semver says for the most severe one."""

from __future__ import annotations

import copy
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "generator"))
import spec_diff  # noqa: E402
import specfile  # noqa: E402

sys.path.pop(0)

SPEC = specfile.load()
OPEN_ORDER = ("/dapi/v1/openOrder", "get")
Edit = Callable[[dict[str, Any]], None]


def _operation(spec: dict[str, Any], at: tuple[str, str] = OPEN_ORDER) -> dict[str, Any]:
    operation: dict[str, Any] = spec["paths"][at[0]][at[1]]
    return operation


def _parameter(spec: dict[str, Any], name: str) -> dict[str, Any]:
    return next(p for p in _operation(spec)["parameters"] if p["name"] == name)


def _order(spec: dict[str, Any]) -> dict[str, Any]:
    order: dict[str, Any] = spec["components"]["schemas"]["Order"]
    return order


BREAKING: dict[str, Edit] = {
    "decimal field made a float": lambda s: _order(s)["properties"]["price"].pop("x-format"),
    "operation removed": lambda s: s["paths"].pop("/dapi/v1/order"),
    "path changed": lambda s: s["paths"].update({"/dapi/v2/order": s["paths"].pop("/dapi/v1/order")}),
    "method changed": lambda s: s["paths"]["/dapi/v1/order"].update({"post": s["paths"]["/dapi/v1/order"].pop("get")}),
    "operationId changed": lambda s: _operation(s).update(operationId="getOpenOrder"),
    "parameter removed": lambda s: _operation(s)["parameters"].pop(),
    "required parameter added": lambda s: _operation(s)["parameters"].append(
        {"name": "pair", "in": "query", "required": True, "schema": {"type": "string"}}
    ),
    "optional parameter made required": lambda s: _parameter(s, "recvWindow").update(required=True),
    "maximum narrowed": lambda s: _parameter(s, "recvWindow")["schema"].update(maximum=10000),
    "pattern changed": lambda s: _parameter(s, "origClientOrderId")["schema"].update(pattern="^[a-z]{1,36}$"),
    "parameter type changed": lambda s: _parameter(s, "orderId")["schema"].update(type="string"),
    "field removed": lambda s: _order(s)["properties"].pop("avgPrice"),
    "field type narrowed": lambda s: _order(s)["properties"]["price"].update(format="double", type="number"),
    "required field made optional": lambda s: _order(s)["required"].remove("price"),
    "enum value removed": lambda s: s["components"]["schemas"]["OrderStatus"]["enum"].remove("EXPIRED"),
    "schema removed": lambda s: s["components"]["schemas"].pop("ServerTime"),
    "security type changed": lambda s: _operation(s).update({"x-security-type": "TRADE"}),
    "exactly-one-of rule added": lambda s: _operation(s, ("/dapi/v1/openOrders", "get")).update(
        {"x-exactly-one-of": [["symbol", "pair"]]}
    ),
    "server removed": lambda s: s["servers"].pop(),
    "response header removed": lambda s: _operation(s)["responses"]["200"]["headers"].pop("X-MBX-USED-WEIGHT-1M"),
    "response removed": lambda s: _operation(s)["responses"].pop("403"),
    "no rule for it (the API key header renamed)": lambda s: s["components"]["securitySchemes"]["ApiKey"].update(
        name="X-API-KEY"
    ),
    "narrowed schema that a parameter uses": lambda s: (
        s["components"]["schemas"].update(Limit={"type": "integer", "maximum": 100}),
        _parameter(s, "orderId").update(schema={"$ref": "#/components/schemas/Limit"}),
    ),
    "pattern added to a parameter": lambda s: _parameter(s, "symbol")["schema"].update(pattern="^[A-Z_]+$"),
    "additionalProperties false": lambda s: _order(s).update(additionalProperties=False),
    "required parameter made optional (no longer positional)": lambda s: _parameter(s, "symbol").update(required=False),
    "command-line alias changed": lambda s: _operation(s).update({"x-cli-alias": "open"}),
    "command-line alias removed": lambda s: _parameter(s, "origClientOrderId").pop("x-cli-alias"),
    "tag changed (the generated module moves)": lambda s: _operation(s).update(tags=["market"]),
    "schema title added (the model is renamed)": lambda s: _order(s).update(title="OpenOrder"),
}

ADDITIVE: dict[str, Edit] = {
    "operation added": lambda s: s["paths"].update(
        {"/dapi/v1/ping": {"get": {**_operation(s, ("/dapi/v1/time", "get")), "operationId": "testConnectivity"}}}
    ),
    "optional parameter added": lambda s: _operation(s)["parameters"].append(
        {"name": "pair", "in": "query", "required": False, "schema": {"type": "string"}}
    ),
    "field added": lambda s: _order(s)["properties"].update(goodTillDate={"type": "integer", "format": "int64"}),
    "enum value added": lambda s: s["components"]["schemas"]["TimeInForce"]["enum"].append("GTD"),
    "maximum widened": lambda s: _parameter(s, "recvWindow")["schema"].update(maximum=90000),
    "weight changed": lambda s: _operation(s).update({"x-weight": 2}),
    "error code documented": lambda s: _operation(s, ("/dapi/v1/openOrders", "get"))["x-error-codes"].append(-2013),
    "command-line alias added": lambda s: _operation(s, ("/dapi/v1/order", "get")).update({"x-cli-alias": "order"}),
    "tag added": lambda s: s["tags"].append(
        {"name": "account", "description": "Account.", "x-description-zh": "账户。"}
    ),
    "operation deprecated": lambda s: _operation(s).update(deprecated=True),
    "response header documented": lambda s: _operation(s, ("/dapi/v1/time", "get"))["responses"]["200"][
        "headers"
    ].update({"X-MBX-ORDER-COUNT-1M": {"description": "Orders.", "schema": {"type": "integer"}}}),
    "pattern dropped from a parameter": lambda s: _parameter(s, "origClientOrderId")["schema"].pop("pattern"),
    "response content type documented": lambda s: s["components"]["responses"]["BadRequest"]["content"].update(
        {"text/plain": {"schema": {"type": "string"}}}
    ),
    "shared response added": lambda s: s["components"]["responses"].update(
        {"Gone": {"description": "Gone.", "x-description-zh": "已下线。"}}
    ),
}

TEXT_ONLY: dict[str, Edit] = {
    "description": lambda s: _order(s)["properties"]["avgPrice"].update(description="Mean fill price."),
    "Chinese description": lambda s: _operation(s).update({"x-description-zh": "查询挂单。"}),
    "example": lambda s: _operation(s)["responses"]["200"]["content"]["application/json"]["examples"][
        "seed-en-open-order"
    ]["value"].update(price="1"),
    "API title": lambda s: s["info"].update(title="Binance COIN-M Futures API"),
    "error catalogue message": lambda s: s["components"]["x-error-catalogue"][0].update(message="Unknown error."),
    "error meaning": lambda s: _operation(s)["x-error-meanings"][0].update(description="Not open."),
}


def _classified(edit: Edit) -> tuple[str | None, list[spec_diff.Change]]:
    new = copy.deepcopy(SPEC)
    edit(new)
    changes = spec_diff.classify(SPEC, new)
    return spec_diff.overall(changes), changes


@pytest.mark.parametrize("edit", BREAKING.values(), ids=BREAKING.keys())
def test_breaking_changes_are_named_breaking(edit: Edit) -> None:
    kind, changes = _classified(edit)
    assert kind == "breaking", changes


@pytest.mark.parametrize("edit", ADDITIVE.values(), ids=ADDITIVE.keys())
def test_additive_changes_are_named_additive(edit: Edit) -> None:
    kind, changes = _classified(edit)
    assert kind == "additive", changes


@pytest.mark.parametrize("edit", TEXT_ONLY.values(), ids=TEXT_ONLY.keys())
def test_text_changes_are_named_text_only(edit: Edit) -> None:
    kind, changes = _classified(edit)
    assert kind == "text-only", changes
    assert all(change.kind == "text-only" for change in changes)


def test_no_change_is_no_class() -> None:
    assert spec_diff.classify(SPEC, copy.deepcopy(SPEC)) == []


def test_additional_properties_written_out_as_its_default_is_no_change() -> None:
    old = copy.deepcopy(SPEC)
    old["components"]["schemas"]["ServerTime"].pop("additionalProperties")
    assert spec_diff.classify(old, SPEC) == []


def test_a_schema_a_parameter_uses_is_compared_as_input() -> None:
    old = copy.deepcopy(SPEC)
    old["components"]["schemas"]["Limit"] = {"type": "integer", "maximum": 500}
    _parameter(old, "orderId")["schema"] = {"$ref": "#/components/schemas/Limit"}
    new = copy.deepcopy(old)
    new["components"]["schemas"]["Limit"]["maximum"] = 100
    assert spec_diff.overall(spec_diff.classify(old, new)) == "breaking"
    new["components"]["schemas"]["Limit"]["maximum"] = 1000
    assert spec_diff.overall(spec_diff.classify(old, new)) == "additive"


def test_the_same_either_or_rule_written_in_another_order_is_no_change() -> None:
    _, changes = _classified(lambda s: _operation(s).update({"x-exactly-one-of": [["origClientOrderId", "orderId"]]}))
    assert changes == []


def test_reordered_required_parameters_are_breaking() -> None:
    old = copy.deepcopy(SPEC)
    _parameter(old, "orderId").update(required=True)
    new = copy.deepcopy(old)
    parameters = _operation(new)["parameters"]
    parameters[0], parameters[1] = parameters[1], parameters[0]
    changes = spec_diff.classify(old, new)
    assert [(c.kind, c.what) for c in changes] == [
        ("breaking", "required parameters reordered: query:orderId, query:symbol")
    ]


def test_shared_and_path_level_parameters_read_as_the_operations_own(tmp_path: Path) -> None:
    """components/parameters references and path-level parameters are the same parameters as inline ones."""
    moved = copy.deepcopy(SPEC)
    operation = _operation(moved)
    recv_window = operation["parameters"].pop()
    moved["components"]["parameters"] = {"RecvWindow": recv_window}
    operation["parameters"].append({"$ref": "#/components/parameters/RecvWindow"})
    moved["paths"]["/dapi/v1/openOrder"]["parameters"] = [operation["parameters"].pop(0)]  # symbol, path-level
    base, new = tmp_path / "base.yaml", tmp_path / "new.yaml"
    base.write_text(yaml.safe_dump(SPEC, allow_unicode=True), encoding="utf-8")
    new.write_text(yaml.safe_dump(moved, allow_unicode=True), encoding="utf-8")
    changes = spec_diff.classify(specfile.load(base), specfile.load(new))
    assert changes == []  # compared where they are used: the same parameters
    assert [p["name"] for p in _operation(specfile.load(new))["parameters"]] == [
        "symbol", "orderId", "origClientOrderId", "recvWindow"
    ]  # fmt: skip


def test_a_change_names_where_it_is() -> None:
    _, changes = _classified(BREAKING["field removed"])
    assert [(c.kind, c.where, c.what) for c in changes] == [
        ("breaking", "#/components/schemas/Order/properties/avgPrice", "field avgPrice removed")
    ]


@pytest.mark.parametrize(("old", "new", "kind", "ok"), [
    ("0.1.0", "0.2.0", "breaking", True),
    ("0.1.0", "0.1.1", "breaking", False),
    ("0.1.0", "0.1.1", "additive", True),
    ("0.1.0", "0.1.0", "additive", False),
    ("0.1.0", "0.1.0", "text-only", True),
    ("0.1.0", "0.1.0", None, True),
    ("1.2.3", "2.0.0", "breaking", True),
    ("1.2.3", "1.3.0", "breaking", False),
    ("1.2.3", "1.2.4", "additive", False),
    ("1.2.3", "1.3.0", "additive", True),
    ("0.2.0", "0.1.9", "text-only", False),
    ("0.2.1", "0.3.0rc1", "breaking", True),
    ("0.2.1", "0.3.0-rc.1", "breaking", True),
    ("0.2.1", "0.2.2.dev1", "breaking", False),
    ("0.2.1", "banana", "text-only", False),
])  # fmt: skip
def test_the_version_must_move_as_semver_says(old: str, new: str, kind: str | None, ok: bool) -> None:
    assert (spec_diff.version_problem(old, new, kind) is None) == ok


def test_the_command_fails_on_a_missing_bump_and_writes_markdown(tmp_path: Path) -> None:
    base, new = tmp_path / "base.yaml", tmp_path / "new.yaml"
    base.write_text(yaml.safe_dump(SPEC, allow_unicode=True), encoding="utf-8")
    changed = copy.deepcopy(SPEC)
    BREAKING["field removed"](changed)
    new.write_text(yaml.safe_dump(changed, allow_unicode=True), encoding="utf-8")
    summary = tmp_path / "summary.md"
    assert spec_diff.main(["spec_diff", "--check", "--markdown", str(summary), str(base), str(new)]) == 1
    assert "| breaking | `#/components/schemas/Order/properties/avgPrice` | field avgPrice removed |" in (
        summary.read_text(encoding="utf-8")
    )
    major, minor, _ = SPEC["info"]["version"].split(".")
    changed["info"]["version"] = f"{major}.{int(minor) + 1}.0"
    new.write_text(yaml.safe_dump(changed, allow_unicode=True), encoding="utf-8")
    assert spec_diff.main(["spec_diff", "--check", str(base), str(new)]) == 0


def test_the_committed_spec_moved_as_semver_says_since_the_last_release() -> None:
    assert spec_diff.main(["spec_diff", "--check"]) == 0
