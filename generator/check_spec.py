"""Check spec/openapi.yaml: valid OpenAPI 3.1, and every description has its Chinese counterpart.

Each problem is named by the JSON pointer of the object that has it. Usage: python generator/check_spec.py [SPEC]
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

import specfile

SPEC = Path(__file__).resolve().parent.parent / "spec" / "openapi.yaml"
# Values under these keys are data (examples) or per-value maps checked separately, not described objects.
_NOT_DESCRIBED = {"example", "examples", "x-enum-descriptions", "x-enum-descriptions-zh", "enum", "default"}


def _pointer(path: tuple[str | int, ...]) -> str:
    return "#/" + "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in path)


def _walk(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any]]]:
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            if key not in _NOT_DESCRIBED:
                yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, (*path, index))


def _must_be_described(spec: dict[str, Any]) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any]]]:
    """The objects that need a description at all: operations, parameters, schemas, properties, and the rest."""
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            yield ("paths", path, method), operation
            for index, parameter in enumerate(operation.get("parameters", [])):
                yield ("paths", path, method, "parameters", index), parameter
            for status, response in operation.get("responses", {}).items():
                if "$ref" not in response:
                    yield ("paths", path, method, "responses", status), response
    components = spec.get("components", {})
    for section in ("schemas", "responses", "headers", "securitySchemes", "parameters"):
        for name, value in components.get(section, {}).items():
            yield ("components", section, name), value
            for prop, schema in value.get("properties", {}).items() if section == "schemas" else ():
                yield ("components", section, name, "properties", prop), schema
    for index, entry in enumerate(components.get("x-error-catalogue", [])):
        yield ("components", "x-error-catalogue", index), entry
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            for index, entry in enumerate(operation.get("x-error-meanings", [])):
                yield ("paths", path, method, "x-error-meanings", index), entry
    for index, tag in enumerate(spec.get("tags", [])):
        yield ("tags", index), tag
    for index, server in enumerate(spec.get("servers", [])):
        yield ("servers", index), server
    yield ("info",), spec.get("info", {})


def bilingual_problems(spec: dict[str, Any]) -> list[str]:
    problems = []
    for path, node in _must_be_described(spec):
        if not isinstance(node.get("description"), str) or not node["description"].strip():
            problems.append(f"{_pointer(path)}: no English description")
    for path, node in _walk(spec):
        for english, chinese in (("description", "x-description-zh"), ("summary", "x-summary-zh")):
            if isinstance(node.get(english), str) and not str(node.get(chinese) or "").strip():
                problems.append(f"{_pointer(path)}: {english} has no Chinese counterpart ({chinese})")
        if "x-enum-descriptions" in node and "enum" not in node:
            problems.append(f"{_pointer(path)}: x-enum-descriptions, but no enum (nor the open-enum anyOf form)")
        if "enum" in node and node.get("type") == "string":
            for key in ("x-enum-descriptions", "x-enum-descriptions-zh"):
                described = node.get(key) or {}
                problems += [
                    f"{_pointer((*path, key))}: no entry for enum value {v}" for v in node["enum"] if v not in described
                ]
    problems += [
        f"#/components/x-error-catalogue/{entry.get('code')}: message has no Chinese counterpart (x-message-zh)"
        for entry in spec.get("components", {}).get("x-error-catalogue", [])
        if entry.get("message") and not str(entry.get("x-message-zh") or "").strip()
    ]
    if not str(spec.get("info", {}).get("x-title-zh") or "").strip():
        problems.append("#/info: title has no Chinese counterpart (x-title-zh)")
    catalogue = {entry.get("code") for entry in spec.get("components", {}).get("x-error-catalogue", [])}
    for path, node in _walk(spec):
        problems += [
            f"{_pointer((*path, 'x-error-codes'))}: {code} is not in components/x-error-catalogue"
            for code in node.get("x-error-codes", [])
            if code not in catalogue
        ]
    return problems


def simulator_problems(spec: dict[str, Any], at: str, operation: dict[str, Any], names: set[str]) -> list[str]:
    """x-simulator, when given, names a behaviour of the simulator and only options that behaviour takes, with
    values the operation's answer can match: statuses of its `status` field, filters that are both parameters and
    fields of it, and the parameters the behaviour reads."""
    if "x-simulator" not in operation:
        return []
    rules = operation["x-simulator"]
    at = f"{at}/x-simulator"
    answers = rules.get("answers") if isinstance(rules, dict) else None
    if not isinstance(answers, str) or answers not in specfile.SIMULATOR_OPTIONS:
        return [f"{at}: answers must be one of {', '.join(specfile.SIMULATOR_OPTIONS)}"]
    allowed = specfile.SIMULATOR_OPTIONS[answers]
    problems = [f"{at}: {answers} takes no option {key}" for key in rules if key not in {"answers", *allowed}]
    required = {p.get("name") for p in operation.get("parameters", []) if p.get("required")}
    problems += [
        f"{at}: {answers} reads the parameter {name}, which the operation must require"
        for name in specfile.SIMULATOR_NEEDS.get(answers, ())
        if name not in required
    ]
    fields = _answer_item(spec, operation).get("properties", {})
    statuses = _enum_values(spec, fields.get("status", {}))
    forgets = rules.get("forgets", [])
    for rule in [rules, *forgets] if isinstance(forgets, list) else [rules]:
        if not isinstance(rule, dict) or "statuses" not in rule:
            continue  # any status; a rule that is not a mapping is named below
        said = rule["statuses"]
        if not isinstance(said, list) or not said or any(not isinstance(s, str) or s not in statuses for s in said):
            problems.append(
                f"{at}: statuses must be values of the answer's status field ({', '.join(statuses) or 'none'})"
            )
    if not isinstance(forgets, list) or any(
        not isinstance(rule, dict)
        or set(rule) - {"after-days", "statuses", "unfilled"}
        or type(rule.get("after-days")) is not int
        or rule["after-days"] < 0
        or type(rule.get("unfilled", False)) is not bool
        for rule in forgets
    ):
        problems.append(f"{at}: forgets is a list of {{after-days: whole days, statuses: [...], unfilled: true}}")
    filters = rules.get("filters", [])
    if not isinstance(filters, list) or any(
        not isinstance(f, str) or f not in names or f not in fields for f in filters
    ):
        problems.append(f"{at}: filters must name parameters that are also fields of the answer, not {filters!r}")
    return problems


def _resolved(spec: dict[str, Any], schema: Any) -> dict[str, Any]:
    """schema with its local $ref followed (to a components/schemas entry); {} when it is not a schema."""
    while isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        schema = spec.get("components", {}).get("schemas", {}).get(schema["$ref"].rsplit("/", 1)[-1])
    return schema if isinstance(schema, dict) else {}


def _answer_item(spec: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any]:
    """The schema of the 200 answer, or of each of its items when it is an array."""
    content = operation.get("responses", {}).get("200", {}).get("content", {}).get("application/json", {})
    schema = _resolved(spec, content.get("schema"))
    return _resolved(spec, schema.get("items")) if schema.get("type") == "array" else schema


def _enum_values(spec: dict[str, Any], schema: Any) -> list[str]:
    """Every enum value a schema lists, through $ref, anyOf and oneOf (an open enum is anyOf an enum and a string)."""
    schema = _resolved(spec, schema)
    values = [v for v in schema.get("enum", []) if isinstance(v, str)]
    for option in [*schema.get("anyOf", []), *schema.get("oneOf", [])]:
        values += _enum_values(spec, option)
    return values


def extension_problems(spec: dict[str, Any]) -> list[str]:
    """The x- keys the SDK is generated from must be well formed: a typo there would silently change behaviour."""
    problems = []
    cli_names: dict[str, str] = {}
    for method, path, operation in specfile.operations(spec):
        at = _pointer(("paths", path, method.lower()))
        names = {p.get("name") for p in operation.get("parameters", [])}
        security_type = operation.get("x-security-type")
        if security_type not in specfile.SECURITY_TYPES:
            problems.append(f"{at}: x-security-type must be one of {', '.join(specfile.SECURITY_TYPES)}")
        else:
            sends_key, signed = specfile.SECURITY_TYPES[security_type]
            schemes = {name for requirement in operation.get("security", []) for name in requirement}
            expected = {name for name, needed in (("ApiKey", sends_key), ("Signature", signed)) if needed}
            if schemes != expected:
                problems.append(f"{at}: security {sorted(schemes)} does not match x-security-type {security_type}")
        try:
            cases = specfile.weight_cases(operation)
        except (KeyError, TypeError, AttributeError):
            cases = []
        if not cases or cases[-1][0] or any(not isinstance(w, int) or w < 0 for _, w in cases):
            problems.append(
                f"{at}: x-weight must be a whole number, or if-present cases ending in an unconditional one"
            )
        used = [n for group in operation.get("x-exactly-one-of", []) for n in group]
        used += [n for required, _ in cases for n in required]
        problems += [f"{at}: x-exactly-one-of or x-weight names {n}, not a parameter" for n in used if n not in names]
        codes = set(operation.get("x-error-codes", []))
        problems += [
            f"{at}: x-error-meanings gives {entry.get('code')}, which is not in its x-error-codes"
            for entry in operation.get("x-error-meanings", [])
            if entry.get("code") not in codes
        ]
        problems += simulator_problems(spec, at, operation, names)
        if "requestBody" in operation:
            problems.append(
                f"{at}: requestBody is not supported: send every parameter in the query, as Binance takes it"
            )
        for name in specfile.cli_names(operation):
            if name in cli_names:
                problems.append(f"{at}: command-line name {name} is also {cli_names[name]}'s")
            cli_names[name] = operation.get("operationId", "?")
    signing = spec.get("components", {}).get("securitySchemes", {}).get("Signature", {}).get("x-signing", {})
    expected = {"timestamp", "window", "payload", "query", "signature", "algorithms"}
    if set(signing) != expected or signing["signature"].get("position") != "last":
        problems.append(f"#/components/securitySchemes/Signature/x-signing: must have exactly {sorted(expected)}")
    problems += [
        f"{_pointer(where)}: format: decimal makes Go read a float64 and Java write a JSON number; "
        "write type: string with x-format: decimal (generator/portability.md)"
        for where, node in _walk(spec)
        if node.get("format") == "decimal"
    ]
    problems += [
        f"{_pointer(where)}: x-maintainer-note must be a non-empty string (a note for spec writers)"
        for where, node in _walk(spec)
        if "x-maintainer-note" in node
        and not (isinstance(node["x-maintainer-note"], str) and node["x-maintainer-note"])
    ]
    return problems


def changelog_problems(spec: dict[str, Any], changelog: Path) -> list[str]:
    """The spec's info.version is the package version; its newest CHANGELOG entry must be for that version."""
    version = spec["info"]["version"]
    headings = [line for line in changelog.read_text(encoding="utf-8").splitlines() if line.startswith("## ")]
    if not headings or headings[0].split()[1] != version:
        return [f"{changelog.name}: the newest entry must be for info.version {version} (add one for this change)"]
    return []


def main(argv: list[str]) -> int:
    spec_path = Path(argv[1]) if len(argv) > 1 else SPEC
    spec = specfile.load(spec_path)
    try:
        validate(spec)
    except OpenAPIValidationError as exc:
        print(f"{spec_path} is not valid OpenAPI: {exc.message}", file=sys.stderr)
        return 1
    problems = bilingual_problems(spec) + extension_problems(spec)
    problems += changelog_problems(spec, spec_path.parent.parent / "CHANGELOG.md")
    if problems:
        print(f"{spec_path}: {len(problems)} problem(s):", file=sys.stderr)
        print("\n".join(problems), file=sys.stderr)
        return 1
    print(f"{spec_path.name}: valid OpenAPI {spec['openapi']}, every description in English and Chinese")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
