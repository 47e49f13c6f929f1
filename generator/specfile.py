"""Read spec/openapi.yaml the one way every tool in generator/ needs it: parsed, its YAML anchors unshared, and its
operations, weights and error meanings in plain Python shapes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from openapi_python_client import strings

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "openapi.yaml"
HTTP_METHODS = ("get", "put", "post", "delete", "patch")
# Binance's endpoint security types (binance-facts.md): which ones carry the API key, which are signed.
SECURITY_TYPES = {
    "NONE": (False, False),
    "MARKET_DATA": (True, False),
    "USER_STREAM": (True, False),
    "USER_DATA": (True, True),
    "TRADE": (True, True),
}
# The bundled exchange simulator's behaviours (binance_coinm.testing.exchange.BEHAVIOURS), which an operation's
# x-simulator names in `answers`, and the options each takes.
SIMULATOR_OPTIONS = {"clock": set(), "order": {"statuses", "forgets"}, "orders": {"statuses", "filters"}}
SIMULATOR_NEEDS = {"order": ("symbol",)}  # the parameters a behaviour reads, which its operations must require
WEIGHT_TEXT = {
    "en": ("{weight} with {names}", "{weight} otherwise", "; "),
    "zh": ("带 {names} 时为 {weight}", "否则为 {weight}", "；"),
}


def is_decimal(schema: dict[str, Any]) -> bool:
    """Whether a schema is an exact decimal sent as a string: `type: string` with `x-format: decimal`.

    Not `format: decimal`: openapi-generator's Go client maps that to float64 (every payload then fails to
    unmarshal) and its Java client writes it back as a JSON number; as a plain string with an x- key, every
    generator keeps the text (generator/portability.md).
    """
    return schema.get("x-format") == "decimal"


def _closed_view(schema: dict[str, Any]) -> None:
    """An open enum, `anyOf: [{type: string, enum: [...]}, {type: string}]`, rewritten in place as the closed enum
    it documents plus `x-open-enum: true`: what the tools here read (its values, descriptions and names)."""
    branches = schema.get("anyOf")
    if (
        isinstance(branches, list)
        and len(branches) == 2
        and isinstance(branches[0], dict)
        and "enum" in branches[0]
        and branches[1] == {"type": "string"}
    ):
        del schema["anyOf"]
        schema.update({**branches[0], "x-open-enum": True})


def _not_null_view(schema: dict[str, Any]) -> None:
    """A nullable property, `type: [X, 'null']` or `anyOf: [{$ref: ...}, {type: 'null'}]`, rewritten in place as
    X or the $ref plus `x-nullable: true`. The Python models read a null as absent (model.py.jinja), so every tool
    here wants the type without its null."""
    kind = schema.get("type")
    if isinstance(kind, list) and len(kind) == 2 and "null" in kind:
        schema.update({"type": next(k for k in kind if k != "null"), "x-nullable": True})
        return
    branches = schema.get("anyOf")
    if isinstance(branches, list) and len(branches) == 2 and {"type": "null"} in branches:
        del schema["anyOf"]
        schema.update({**next(b for b in branches if b != {"type": "null"}), "x-nullable": True})


def load(path: Path = SPEC) -> dict[str, Any]:
    """The parsed spec, with each operation's parameters in one list: path-level ones merged in and
    components/parameters references resolved, as every tool here wants them. A JSON round trip unshares what
    YAML anchors share, so editing one operation's copy of a parameter never edits the others. An open enum is
    read as its closed list of documented values, marked x-open-enum, and a nullable property as its type
    without null, marked x-nullable (see _closed_view and _not_null_view)."""
    spec: dict[str, Any] = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8"))))
    for schema in spec.get("components", {}).get("schemas", {}).values():
        _closed_view(schema)
        for prop in schema.get("properties", {}).values():
            _not_null_view(prop)
    shared = spec.get("components", {}).get("parameters", {})

    def resolved(parameter: dict[str, Any]) -> dict[str, Any]:
        reference = parameter.get("$ref", "")
        if reference.startswith("#/components/parameters/"):
            target: dict[str, Any] = json.loads(json.dumps(shared[reference.rsplit("/", 1)[1]]))
            return target
        return parameter

    for item in spec.get("paths", {}).values():
        common = [resolved(p) for p in item.pop("parameters", [])]
        for method in HTTP_METHODS:
            if method in item:
                own = [resolved(p) for p in item[method].get("parameters", [])]
                keys = {(p.get("in"), p.get("name")) for p in own}
                merged = [p for p in common if (p.get("in"), p.get("name")) not in keys] + own
                if merged:
                    item[method]["parameters"] = merged
    return spec


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(METHOD, path, operation) for every operation, in the spec's order."""
    return [
        (method.upper(), path, operation)
        for path, item in spec.get("paths", {}).items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    ]


def python_name(operation_id: str) -> str:
    """The generated module and SDK method name of an operationId (openapi-python-client's own rule)."""
    return str(strings.PythonIdentifier(operation_id, ""))


def cli_names(operation: dict[str, Any]) -> list[str]:
    """The command-line names of an operation: kebab-case operationId, then its x-cli-alias if it has one."""
    names = [strings.kebab_case(operation["operationId"])]
    return names + ([operation["x-cli-alias"]] if "x-cli-alias" in operation else [])


def weight_cases(operation: dict[str, Any]) -> list[tuple[list[str], int]]:
    """x-weight as (parameters that must all be sent, weight) cases; the first that matches applies.

    `x-weight: 1` is one unconditional case; a list holds `{if-present: [names], weight: n}` entries ending in an
    unconditional `{weight: n}`.
    """
    weight = operation["x-weight"]
    if isinstance(weight, int):
        return [([], weight)]
    return [(list(case.get("if-present", [])), case["weight"]) for case in weight]


def weight_text(operation: dict[str, Any], lang: str) -> str:
    """The request weight as a reader wants it: "1", or "1 with `symbol`; 40 otherwise"."""
    cases = weight_cases(operation)
    if len(cases) == 1 and not cases[0][0]:
        return str(cases[0][1])
    conditional, default, separator = WEIGHT_TEXT[lang]
    parts = [
        conditional.format(weight=weight, names=" + ".join(f"`{n}`" for n in names))
        if names
        else default.format(weight=weight)
        for names, weight in cases
    ]
    return separator.join(parts)


def error_meanings(spec: dict[str, Any], operation: dict[str, Any]) -> dict[int, tuple[str, str, str]]:
    """code -> (name, English, Chinese) for each of the operation's x-error-codes; x-error-meanings overrides the
    catalogue's text where the operation gives a code a meaning of its own."""
    catalogue = {entry["code"]: entry for entry in spec["components"]["x-error-catalogue"]}
    own = {entry["code"]: entry for entry in operation.get("x-error-meanings", [])}
    meanings = {}
    for code in operation.get("x-error-codes", []):
        text = own.get(code, catalogue[code])
        meanings[code] = (catalogue[code]["name"], _line(text["description"]), line_zh(text["x-description-zh"]))
    return meanings


_WIDE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")  # CJK characters and full-width punctuation
_HAN = re.compile(r"[\u3400-\u9fff]")


def _line(text: str) -> str:
    """Multi-line YAML text as one line."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def line_zh(text: str) -> str:
    """Multi-line Chinese text as one line: a space only where a Chinese character meets Latin text or inline code
    (中文 `code`, not 中文`code`); none after or before full-width punctuation (、`code`, not 、 `code`)."""
    joined = ""
    for line in (line.strip() for line in text.splitlines()):
        if line:
            before, after = joined[-1:], line[0]
            # No space beside full-width punctuation, nor between two Chinese characters; one anywhere else.
            punctuation = any(_WIDE.match(c) and not _HAN.match(c) for c in (before, after))
            spaced = not punctuation and not (_HAN.match(before) and _HAN.match(after))
            joined += " " + line if joined and spaced else line
    return joined


def one_line(node: dict[str, Any], key: str = "description") -> tuple[str, str]:
    """(English, Chinese) of a node's description or summary, each on one line."""
    chinese = node.get(f"x-{key}-zh") or ""
    return _line(str(node.get(key) or "")), line_zh(str(chinese))


def success_schema(operation: dict[str, Any]) -> dict[str, Any] | None:
    """The JSON schema of the operation's 200 answer, or None when it has no JSON body."""
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    schema: dict[str, Any] | None = content.get("application/json", {}).get("schema")
    return schema
