"""Generators other than ours read the spec as meant (the TypeScript one runs in `make check`)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.openapi_generator import generate

ROOT = Path(__file__).resolve().parent.parent
SPEC = yaml.safe_load((ROOT / "spec" / "openapi.yaml").read_text(encoding="utf-8"))
ORDER = SPEC["components"]["schemas"]["Order"]["properties"]


def test_java_models_keep_decimals_as_their_text_and_ids_as_long(tmp_path: Path) -> None:
    # x-format: decimal, not format: decimal: Java read that into BigDecimal but wrote it back as a JSON number,
    # which the spec refuses (generator/portability.md). A String keeps the exact text both ways.
    generate("java", tmp_path)
    source = next(tmp_path.rglob("model/Order.java")).read_text()
    declared = dict((name, kind) for kind, name in re.findall(r"private (\w+) (\w+);", source))
    decimals = [name for name, schema in ORDER.items() if schema.get("x-format") == "decimal"]
    assert len(decimals) == 10
    assert {declared[name] for name in decimals} == {"String"}
    assert declared["orderId"] == declared["time"] == declared["updateTime"] == "Long"
    assert declared["status"] == "OrderStatus" and declared["type"] == "OrderType"


def test_go_models_compile_level_names_are_unique_and_decimals_are_strings(tmp_path: Path) -> None:
    # Before: Go declared every decimal float64 (no real payload unmarshalled) and two package-level NONEs.
    generate("go", tmp_path)
    order = (tmp_path / "model_order.go").read_text()
    fields = dict(re.findall(r"\n\t(\w+) \*?(\w+) `json:\"(?:\w+)", order))
    declared = {json_name: kind for kind, json_name in re.findall(r"\*?(\w+) `json:\"(\w+)[,\"]", order)}
    decimals = [name for name, schema in ORDER.items() if schema.get("x-format") == "decimal"]
    assert fields and {declared[name] for name in decimals} <= {"string", "NullableString"}  # never float64
    sources = "\n".join(p.read_text() for p in tmp_path.glob("model_*.go"))
    constants = re.findall(r"^\t(\w+) \w+ = \"", sources, re.M)
    assert len(constants) == len(set(constants)), sorted(c for c in constants if constants.count(c) > 1)
    # An open enum (anyOf: [documented values, any string]) is a struct that unmarshals any string.
    assert re.search(r"type OrderStatus struct \{\n\tString \*string\n\}", sources)


def _order_validator() -> object:
    from generator import corpus

    return corpus.validator("order")


def test_the_schema_accepts_null_in_every_optional_field_and_nowhere_else() -> None:
    from binance_coinm.testing import DOC_ORDER

    validator = _order_validator()
    required = SPEC["components"]["schemas"]["Order"]["required"]
    nulls = {**DOC_ORDER, **{name: None for name in ORDER if name not in required}}
    assert list(validator.iter_errors(nulls)) == []  # type: ignore[attr-defined]
    for name in required:
        assert list(validator.iter_errors({**DOC_ORDER, name: None})), name  # type: ignore[attr-defined]
