"""Make generated/ from spec/openapi.yaml, or check that the committed generated/ is what it would make.

openapi-python-client reads only standard OpenAPI keys, so before running it this script renders two inputs:
- a generator view of the spec, where each English `description`/`summary` is joined with its
  `x-description-zh`/`x-summary-zh` (so docstrings carry both languages) and operations gain a line with
  method, path, weight and security type;
- `_spec_facts.jinja`, the facts the generator would drop (decimal fields, parameter constraints, the
  exactly-one-of rule, bilingual field and enum descriptions), which the custom templates read.

Usage: python generator/regenerate.py generate | check
"""

from __future__ import annotations

import copy
import difflib
import filecmp
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml
from openapi_python_client import strings

import specfile

ROOT = specfile.ROOT
SPEC = specfile.SPEC
GENERATOR = ROOT / "generator"
TEMPLATES = GENERATOR / "templates"
CONFIG = GENERATOR / "config.yaml"
RUFF_CONFIG = GENERATOR / "ruff.toml"
OUTPUT = ROOT / "generated"
PACKAGE = "binance_coinm_openapi"
STAMP = "stamp.json"
GENERATOR_VERSION = "0.29.1"
HEADER = (
    "# Generated from spec/openapi.yaml by `make generate` (openapi-python-client {version}).\n"
    "# Do not edit: change the spec or generator/ and run `make generate`.\n"
)
INTEGER_FORMATS = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}
PARAMETER_KEYWORDS = ("type", "format", "minimum", "maximum", "minLength", "maxLength", "pattern", "enum", "default")


def _joined(english: str, chinese: str | None, separator: str) -> str:
    if not chinese:
        return english
    return english.rstrip() + separator + chinese.rstrip()


def _bilingual_view(node: Any) -> Any:
    """Join every description/summary with its Chinese counterpart, in place."""
    if isinstance(node, dict):
        if isinstance(node.get("description"), str):
            node["description"] = _joined(node["description"], node.get("x-description-zh"), "\n\n")
        if isinstance(node.get("summary"), str):
            node["summary"] = _joined(node["summary"], node.get("x-summary-zh"), " / ")
        for value in node.values():
            _bilingual_view(value)
    elif isinstance(node, list):
        for value in node:
            _bilingual_view(value)
    return node


def generator_view(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec as openapi-python-client should see it: bilingual text in the standard keys."""
    view = copy.deepcopy(spec)
    for method, path, operation in specfile.operations(view):
        weight = specfile.weight_text(operation, "en")
        line = f"`{method} {path}` · Weight: {weight} · Security type: {operation['x-security-type']}"
        operation["description"] = line + "\n\n" + operation["description"]
        for parameter in operation.get("parameters", []):
            # openapi-python-client documents a parameter from its schema's description, not its own.
            for key in ("description", "x-description-zh"):
                parameter["schema"].setdefault(key, parameter[key])
    for schema in view.get("components", {}).get("schemas", {}).values():
        # x-enum-varnames prefixes values for Go, whose constants share one namespace; openapi-python-client would
        # rename the members too (PriceMatch.PRICE_MATCH_NONE), where a Python enum needs no prefix.
        schema.pop("x-enum-varnames", None)
    return _bilingual_view(view)


def _resolved(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """A parameter schema with a components/schemas $ref resolved (an enum's values, say), its own keys kept."""
    if "$ref" not in schema:
        return schema
    target = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return {**target, **{key: value for key, value in schema.items() if key != "$ref"}}


def _python_docs(operation: dict[str, Any]) -> dict[str, Any]:
    """The operation's texts for its Python docstring: `orderId` read as the argument `order_id`, and a
    recvWindow left out sending the client's recv_window, not the server's default."""
    names = {p["name"]: str(strings.PythonIdentifier(p["name"], "")) for p in operation.get("parameters", [])}

    def python(text: str) -> str:
        for wire, python_name in names.items():
            text = text.replace(f"`{wire}`", f"`{python_name}`")
        return text

    parameters = {}
    for parameter in operation.get("parameters", []):
        english, chinese = (python(text) for text in specfile.one_line(parameter))
        if parameter["name"] == "recvWindow":
            english += " None sends the client's recv_window."
            chinese += "为 None 时发送客户端的 recv_window。"
        parameters[parameter["name"]] = [english, chinese]
    description = [python(operation["description"].strip()), python(operation["x-description-zh"].strip())]
    return {"description": description, "parameters": parameters}


def _model_facts(schema: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    properties = schema.get("properties", {})
    enums = {key: schemas[prop["$ref"].rsplit("/", 1)[1]] for key, prop in properties.items() if "$ref" in prop}
    return {
        "value_meanings": {
            key: {v: [enum["x-enum-descriptions"][v], enum["x-enum-descriptions-zh"][v]] for v in enum["enum"]}
            for key, enum in enums.items()
            if "enum" in enum
        },
        "decimal": [key for key, prop in properties.items() if specfile.is_decimal(prop)],
        "fields": {key: list(specfile.one_line(prop)) for key, prop in properties.items()},
        "epoch_ms": [key for key, prop in properties.items() if prop.get("x-unit") == "epoch-ms"],
        "int_bounds": {key: _int_bounds(prop) for key, prop in properties.items() if prop.get("type") == "integer"},
    }


def _int_bounds(schema: dict[str, Any]) -> list[int | None]:
    """[lowest, highest] an integer field may be: its minimum/maximum, else what its format can hold."""
    low, high = INTEGER_FORMATS.get(schema.get("format", ""), (None, None))
    return [schema.get("minimum", low), schema.get("maximum", high)]


def spec_facts(spec: dict[str, Any]) -> dict[str, Any]:
    """What the templates need from the spec that openapi-python-client does not keep."""
    schemas = spec["components"]["schemas"]
    models: dict[str, Any] = {}
    enums: dict[str, Any] = {}
    for name, schema in schemas.items():
        if "enum" in schema:
            values = schema["enum"]
            english, chinese = schema["x-enum-descriptions"], schema["x-enum-descriptions-zh"]
            enums[name] = {"values": {value: [english[value], chinese[value]] for value in values}}
        elif schema.get("type") == "object":
            models[name] = _model_facts(schema, schemas)
    for _, _, operation in specfile.operations(spec):
        # An inline response schema becomes a model named as openapi-python-client names it.
        schema = specfile.success_schema(operation) or {}
        name = f"{operation['operationId']}_response_200"
        if schema.get("type") == "array":
            schema, name = schema.get("items", {}), name + "_item"
        if "title" in schema:  # a titled inline schema is named after its operation and title
            name = f"{operation['operationId']}_{schema['title']}"
        if "properties" in schema:
            models[str(strings.ClassName(name, ""))] = _model_facts(schema, schemas)
    operations = []
    recv_window = None
    for method, path, operation in specfile.operations(spec):
        parameters = {}
        for parameter in operation.get("parameters", []):
            schema = _resolved(spec, parameter["schema"])
            constraint = {key: schema[key] for key in PARAMETER_KEYWORDS if key in schema}
            if specfile.is_decimal(schema):
                constraint["format"] = "decimal"  # the generated descriptors' name for it: see validation.Rule
            constraint["required"] = bool(parameter.get("required", False))
            parameters[parameter["name"]] = constraint
        if "recvWindow" in parameters and recv_window is None:
            recv_window = {key: value for key, value in parameters["recvWindow"].items() if key != "required"}
        sends_api_key, signed = specfile.SECURITY_TYPES[operation["x-security-type"]]
        success = operation["responses"]["200"]
        operations.append(
            {
                "operation_id": operation["operationId"],
                "python_name": specfile.python_name(operation["operationId"]),
                "cli_names": specfile.cli_names(operation),
                "method": method,
                "path": path,
                "summary": list(specfile.one_line(operation, "summary")),
                "description": [operation["description"].strip(), operation["x-description-zh"].strip()],
                "weight": specfile.weight_cases(operation),
                "weight_text": [specfile.weight_text(operation, "en"), specfile.weight_text(operation, "zh")],
                "security_type": operation["x-security-type"],
                "sends_api_key": sends_api_key,
                "signed": signed,
                "parameters": parameters,
                "parameter_docs": {p["name"]: list(specfile.one_line(p)) for p in operation.get("parameters", [])},
                "python_docs": _python_docs(operation),
                "parameter_cli_aliases": {
                    p["name"]: p["x-cli-alias"] for p in operation.get("parameters", []) if "x-cli-alias" in p
                },
                "exactly_one_of": [list(group) for group in operation.get("x-exactly-one-of", [])],
                "error_codes": list(operation.get("x-error-codes", [])),
                "errors": {code: list(text) for code, text in specfile.error_meanings(spec, operation).items()},
                "response": list(specfile.one_line(success)),
            }
        )
    decimal_parameters = any(p.get("format") == "decimal" for op in operations for p in op["parameters"].values())
    return {
        "models": models,
        "enums": enums,
        "operations": operations,
        "recv_window": recv_window,
        "decimal_parameters": decimal_parameters,
    }


def _inputs_digest() -> str:
    digest = hashlib.sha256()
    inputs = [CONFIG, RUFF_CONFIG, Path(__file__).resolve(), GENERATOR / "specfile.py", *TEMPLATES.rglob("*.jinja")]
    for path in sorted(inputs):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _run(*args: str, cwd: Path) -> None:
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args[:4])} failed:\n{result.stdout}\n{result.stderr}")


def render(destination: Path, spec_path: Path = SPEC) -> None:
    """Write the whole generated tree for the spec at spec_path into destination (which must not exist)."""
    installed = version("openapi-python-client")
    if installed != GENERATOR_VERSION:
        sys.exit(f"openapi-python-client {GENERATOR_VERSION} is pinned, {installed} is installed: run `make setup`")
    spec_bytes = spec_path.read_bytes()
    spec = specfile.load(spec_path)
    with tempfile.TemporaryDirectory() as work_name:
        work = Path(work_name)
        view = work / "openapi.json"
        view.write_text(json.dumps(generator_view(spec), ensure_ascii=False, indent=1), encoding="utf-8")
        templates = work / "templates"
        shutil.copytree(TEMPLATES, templates)
        # repr() of plain dicts, lists, strings and numbers is also a Jinja literal.
        (templates / "_spec_facts.jinja").write_text(f"{{% set facts = {spec_facts(spec)!r} %}}\n", encoding="utf-8")
        package = destination / PACKAGE
        _run(
            sys.executable, "-m", "openapi_python_client", "generate",
            "--path", str(view), "--meta", "none", "--config", str(CONFIG),
            "--custom-template-path", str(templates), "--output-path", str(package),
            cwd=work,
        )  # fmt: skip
    unknown = [p.name for p in (package / "models").glob("*.py") if "def from_dict" in p.read_text(encoding="utf-8")
               and "FIELD_DESCRIPTIONS" not in p.read_text(encoding="utf-8")]  # fmt: skip
    if unknown:
        sys.exit(f"no spec facts (decimals, bilingual fields) reached {unknown}: see spec_facts() in {__file__}")
    (package / "py.typed").write_text("")
    # The spec's info.version is the package version: pyproject.toml reads it from here (one place to bump).
    (package / "_version.py").write_text(f'__version__ = "{spec["info"]["version"]}"\n')
    ruff = (sys.executable, "-m", "ruff")
    _run(*ruff, "check", "--no-cache", "--config", str(RUFF_CONFIG), "--fix-only", "--quiet", ".", cwd=destination)
    _run(*ruff, "format", "--no-cache", "--config", str(RUFF_CONFIG), "--quiet", ".", cwd=destination)
    header = HEADER.format(version=GENERATOR_VERSION)
    for path in sorted(package.rglob("*")):
        if path.is_file():
            path.write_text(header + path.read_text(encoding="utf-8"), encoding="utf-8")
    # The spec itself, for what reads it at run time with its own code (binance_coinm.testing's simulator): as
    # written, not as the tools here view it, and in JSON, so reading it needs no YAML parser. JSON has no comments:
    # the do-not-edit header is its first key instead.
    spec_as_written = {"x-generated": header.strip(), **yaml.safe_load(spec_bytes)}
    (package / "openapi.json").write_text(json.dumps(spec_as_written, ensure_ascii=False, indent=1) + "\n", "utf-8")
    stamp = {
        "spec": "spec/openapi.yaml",
        "spec_sha256": hashlib.sha256(spec_bytes).hexdigest(),
        "generator": f"openapi-python-client=={GENERATOR_VERSION}",
        "ruff": f"ruff=={version('ruff')}",
        "config_and_templates_sha256": _inputs_digest(),
    }
    (destination / STAMP).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")


def _tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def compare(expected: Path, actual: Path) -> list[str]:
    """Every way actual differs from expected, one readable entry each."""
    problems = []
    want, have = _tree(expected), _tree(actual)
    problems += [f"missing from generated/: {name}" for name in sorted(want - have)]
    problems += [f"not made by the generator (stray file): generated/{name}" for name in sorted(have - want)]
    for name in sorted(want & have):
        if not filecmp.cmp(expected / name, actual / name, shallow=False):
            diff = difflib.unified_diff(
                (actual / name).read_text(encoding="utf-8", errors="replace").splitlines(keepends=True),
                (expected / name).read_text(encoding="utf-8", errors="replace").splitlines(keepends=True),
                f"generated/{name} (committed)",
                f"generated/{name} (fresh from the spec)",
            )
            problems.append("".join(list(diff)[:60]))
    return problems


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command not in {"generate", "check"}:
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as fresh_name:
        fresh = Path(fresh_name) / "generated"
        render(fresh)
        if command == "generate":
            shutil.rmtree(OUTPUT, ignore_errors=True)
            shutil.copytree(fresh, OUTPUT)
            print(f"generated/ written from {SPEC.relative_to(ROOT)}")
            return 0
        problems = compare(fresh, OUTPUT)
    if problems:
        print("generated/ is stale or was edited by hand; run `make generate` and commit:\n", file=sys.stderr)
        print("\n".join(problems), file=sys.stderr)
        return 1
    print("generated/ is up to date with the spec and generator")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
