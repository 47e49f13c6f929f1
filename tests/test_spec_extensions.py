"""The x- keys the SDK is generated from are checked by make spec-check: a typo there fails, it does not silently
change what the SDK sends."""

from __future__ import annotations

import copy
import sys
from collections.abc import Callable
from typing import Any

import pytest

from tests.test_generation import ROOT

sys.path.insert(0, str(ROOT / "generator"))
import check_spec
import specfile

sys.path.pop(0)

SPEC = specfile.load()


def _op(spec: dict[str, Any], path: str) -> dict[str, Any]:
    operation: dict[str, Any] = spec["paths"][path]["get"]
    return operation


BROKEN: dict[str, tuple[Callable[[dict[str, Any]], Any], str]] = {
    "unknown security type": (lambda s: _op(s, "/dapi/v1/order").update({"x-security-type": "SIGNED"}),
                              "x-security-type must be one of"),
    "security type and security disagree": (lambda s: _op(s, "/dapi/v1/time").update({"x-security-type": "TRADE"}),
                                            "does not match x-security-type TRADE"),
    "weight without a default case": (lambda s: _op(s, "/dapi/v1/openOrders")["x-weight"].pop(),
                                      "x-weight must be a whole number"),
    "weight names no parameter": (lambda s: _op(s, "/dapi/v1/openOrders")["x-weight"][0].update({"if-present": ["x"]}),
                                  "names x, not a parameter"),
    "exactly-one-of names no parameter": (lambda s: _op(s, "/dapi/v1/order").update({"x-exactly-one-of": [["a", "b"]]}),
                                          "names a, not a parameter"),
    "meaning for an undocumented code": (lambda s: _op(s, "/dapi/v1/order")["x-error-codes"].remove(-2013),
                                         "gives -2013, which is not in its x-error-codes"),
    "two commands of one name": (lambda s: _op(s, "/dapi/v1/time").update({"x-cli-alias": "open-order"}),
                                 "command-line name open-order is also"),
    "simulator behaviour it does not have": (lambda s: _op(s, "/dapi/v1/time")["x-simulator"].update(answers="time"),
                                             "answers must be one of clock, order, orders"),
    "simulator option its behaviour does not take": (
        lambda s: _op(s, "/dapi/v1/time")["x-simulator"].update(filters=["symbol"]),
        "clock takes no option filters"),
    "simulator status misspelt": (lambda s: _op(s, "/dapi/v1/openOrder")["x-simulator"].update(statuses=["CANCELLED"]),
                                  "statuses must be values of the answer's status field"),
    "simulator forget rule misspelt": (
        lambda s: _op(s, "/dapi/v1/order")["x-simulator"]["forgets"].append({"after-day": 3}), "forgets is a list of"),
    "simulator forget status misspelt": (
        lambda s: _op(s, "/dapi/v1/order")["x-simulator"]["forgets"][0].update(statuses=["EXPIRE"]),
        "statuses must be values of the answer's status field"),
    "simulator filter names no parameter": (
        lambda s: _op(s, "/dapi/v1/openOrders")["x-simulator"].update(filters=["side"]),
        "filters must name parameters that are also fields of the answer"),
    "simulator filter on no field of the answer": (
        lambda s: _op(s, "/dapi/v1/openOrders")["x-simulator"].update(filters=["symbol", "recvWindow"]),
        "filters must name parameters that are also fields of the answer"),
    "simulator statuses of another enum": (
        lambda s: _op(s, "/dapi/v1/openOrder")["x-simulator"].update(statuses=["BUY"]), "(NEW, PARTIALLY_FILLED"),
    "simulator statuses not text": (
        lambda s: _op(s, "/dapi/v1/openOrder")["x-simulator"].update(statuses=[["NEW"]]), "statuses must be values"),
    "simulator answers not text": (lambda s: _op(s, "/dapi/v1/time")["x-simulator"].update(answers=["clock"]),
                                   "answers must be one of"),
    "simulator order with no symbol to find it by": (
        lambda s: _op(s, "/dapi/v1/time")["x-simulator"].update(answers="order"),
        "order reads the parameter symbol, which the operation must require"),
    "format: decimal, which Go reads as float64": (
        lambda s: s["components"]["schemas"]["Order"]["properties"]["price"].update({"format": "decimal"}),
        "format: decimal makes Go read a float64"),
}  # fmt: skip


def test_the_committed_spec_has_no_extension_problem() -> None:
    assert check_spec.extension_problems(SPEC) == []


@pytest.mark.parametrize(("edit", "problem"), BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_extension_is_named(edit: Callable[[dict[str, Any]], Any], problem: str) -> None:
    spec = copy.deepcopy(SPEC)
    edit(spec)
    problems = check_spec.extension_problems(spec)
    assert any(problem in line for line in problems), problems


def test_an_error_meaning_needs_its_chinese() -> None:
    spec = copy.deepcopy(SPEC)
    del _op(spec, "/dapi/v1/order")["x-error-meanings"][0]["x-description-zh"]
    assert any("x-error-meanings/0: description has no Chinese" in line for line in check_spec.bilingual_problems(spec))


def test_a_request_body_is_refused() -> None:
    spec = copy.deepcopy(SPEC)
    _op(spec, "/dapi/v1/order")["requestBody"] = {"content": {"application/x-www-form-urlencoded": {"schema": {}}}}
    assert any("requestBody is not supported" in line for line in check_spec.extension_problems(spec))


def _responses(spec: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """Every response of every operation, by (path, status), with component references resolved."""
    found = {}
    for path, item in spec["paths"].items():
        for status, declared in item["get"]["responses"].items():
            reference = declared.get("$ref")
            found[path, status] = (
                spec["components"]["responses"][reference.rsplit("/", 1)[1]] if reference else declared
            )
    return found


def test_every_operation_declares_what_the_exchange_and_its_proxies_answer() -> None:
    # Binance answers 403 (WAF) and 408 (backend timeout, -1007) on any endpoint, with the weight header on every
    # answer; a WAF or proxy answers 403 and 5xx with HTML.
    responses = _responses(SPEC)
    for path in SPEC["paths"]:
        assert {"403", "408", "418", "429", "5XX"} <= {status for p, status in responses if p == path}, path
    for (path, status), response in responses.items():
        assert "X-MBX-USED-WEIGHT-1M" in response.get("headers", {}), (path, status)
        if status in ("403", "408", "5XX"):
            assert "text/html" in response["content"], (path, status)


def test_the_error_catalogue_has_every_parameter_error_the_signed_operations_name() -> None:
    catalogued = {entry["code"] for entry in SPEC["components"]["x-error-catalogue"]}
    assert {-1101, -1103, -1104, -1105} <= catalogued
    for path, item in SPEC["paths"].items():
        assert set(item["get"]["x-error-codes"]) <= catalogued, path
