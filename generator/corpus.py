"""The corpus of answers in spec/examples/: what it holds, and the checks that need only the spec.

`python generator/corpus.py` (part of `make check`) checks that:
- every file of spec/examples/ is an entry of corpus.yaml, and every entry has its file, a source or a change;
- the spec's schema accepts every valid entry and refuses every invalid one (JSON Schema 2020-12);
- every example in the spec's responses is a corpus entry, equal to it, of the response's status and kind;
- every field the spec requires of an order is carried by every real valid order of the corpus.
The clients' side (Python, TypeScript, Java) is tests/test_corpus.py.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "spec" / "openapi.yaml"
CORPUS = ROOT / "spec" / "examples"
MANIFEST = CORPUS / "corpus.yaml"

# What each kind of entry is, in the spec's terms: its JSON schema, or the media type of a page.
_SCHEMAS: dict[str, dict[str, Any]] = {
    "order": {"$ref": "#/components/schemas/Order"},
    "orders": {"type": "array", "items": {"$ref": "#/components/schemas/Order"}},
    "error": {"$ref": "#/components/schemas/Error"},
    "server-time": {"$ref": "#/components/schemas/ServerTime"},
}
_KINDS = {*_SCHEMAS, "page"}
_FIELDS = {"name", "kind", "status", "expect", "origin", "source", "change", "repaired", "note", "python"}


@dataclass(frozen=True)
class Entry:
    """One answer of the corpus: its body as sent, and what it is."""

    name: str
    kind: str  # order, orders, error, server-time or page
    status: int
    valid: bool
    real: bool  # as published (source), not made here (change)
    python: str | None  # the BinanceError subclass the Python clients raise for it, if any
    body: bytes

    @property
    def media_type(self) -> str:
        return "text/html" if self.kind == "page" else "application/json"

    def json(self) -> Any:
        return json.loads(self.body)


def path(name: str) -> Path:
    """The file of the corpus entry called name."""
    return CORPUS / f"{name}.html" if (CORPUS / f"{name}.html").exists() else CORPUS / f"{name}.json"


@cache
def entries() -> tuple[Entry, ...]:
    """Every entry of spec/examples/corpus.yaml, in its order."""
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    result = []
    for item in manifest["entries"]:
        result.append(Entry(
            name=item["name"], kind=item["kind"], status=item["status"], valid=item["expect"] == "valid",
            real=item["origin"] == "real", python=item.get("python"), body=path(item["name"]).read_bytes(),
        ))  # fmt: skip
    return tuple(result)


def entry(name: str) -> Entry:
    return next(e for e in entries() if e.name == name)


@cache
def _spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def validator(kind: str) -> jsonschema.Draft202012Validator:
    """A JSON Schema 2020-12 validator of the spec's schema for this kind of entry (the spec as written)."""
    document = {**_SCHEMAS[kind], "components": _spec()["components"]}
    return jsonschema.Draft202012Validator(document, format_checker=jsonschema.FormatChecker())


def schema_errors(item: Entry) -> list[str]:
    """What the spec's schema says is wrong with the entry (nothing for a page: HTML has no schema)."""
    if item.kind == "page":
        return []
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
        for e in validator(item.kind).iter_errors(item.json())
    ]


def _responses() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(operation id, status, response) for every response of every operation, references resolved."""
    spec = _spec()
    for methods in spec["paths"].values():
        for operation in methods.values():
            for status, response in operation["responses"].items():
                if "$ref" in response:
                    response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
                yield operation["operationId"], str(status), response


def _kind_of(media: dict[str, Any], media_type: str) -> str:
    if media_type == "text/html":
        return "page"
    schema = media["schema"]
    ref = schema.get("$ref") or schema.get("items", {}).get("$ref", "")
    name = ref.rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return "orders" if name == "Order" else f"array of {name}"
    return {"Order": "order", "Error": "error", "ServerTime": "server-time"}.get(name, name)


def _status_matches(declared: str, status: int) -> bool:
    return declared == str(status) or (declared.endswith("XX") and declared[0] == str(status)[0])


def _exact(value: Any) -> str:
    """value as JSON text: 1917641.0 and 1917641, or 0 and false, which Python's == holds equal, differ here."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def problems() -> list[str]:
    """Everything wrong with the corpus and the spec's examples, one line each."""
    found: list[str] = []
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    names = [item["name"] for item in manifest["entries"]]
    for item in manifest["entries"]:
        name = item["name"]
        if set(item) - _FIELDS:
            found.append(f"{name}: unknown keys {sorted(set(item) - _FIELDS)}")
        if item["kind"] not in _KINDS or item["expect"] not in ("valid", "invalid"):
            found.append(f"{name}: kind must be one of {sorted(_KINDS)}, expect valid or invalid")
        if item["origin"] not in ("real", "corner") or ("source" if item["origin"] == "real" else "change") not in item:
            found.append(f"{name}: a real entry names its source; a corner entry says its change")
        if (item["expect"] == "invalid" or item["kind"] in ("error", "page")) and not item.get("python"):
            found.append(f"{name}: say which BinanceError the Python clients raise for it (python:)")
        if not path(name).exists():
            found.append(f"{name}: no file {name}.json or {name}.html in spec/examples/")
    files = [p for p in CORPUS.iterdir() if p != MANIFEST]
    found += [f"spec/examples/{p.name}: not a .json or .html file" for p in files if p.suffix not in (".json", ".html")]
    stems = [p.stem for p in files if p.suffix in (".json", ".html")]
    found += [
        f"spec/examples/{stem}: both a .json and an .html file"
        for stem in sorted({s for s in stems if stems.count(s) > 1})
    ]
    found += [f"spec/examples/{stem}: not in corpus.yaml" for stem in sorted(set(stems) - set(names))]
    found += [f"{name}: listed twice" for name in sorted({n for n in names if names.count(n) > 1})]
    if found:
        return found

    for item in entries():
        errors = schema_errors(item)
        if item.valid and errors:
            found.append(f"{item.name}: the spec's schema refuses a valid entry: {errors[0]}")
        if not item.valid and not errors:
            found.append(f"{item.name}: the spec's schema accepts an invalid entry")

    by_name = {item.name: item for item in entries()}
    for operation_id, status, response in _responses():
        for media_type, media in response.get("content", {}).items():
            if "example" in media:
                found.append(f"{operation_id} {status} {media_type}: give `examples` named after corpus entries")
            for name, example in media.get("examples", {}).items():
                item = by_name.get(name)
                where = f"{operation_id} {status} {media_type} example {name}"
                if item is None:
                    found.append(f"{where}: not a corpus entry")
                elif not item.valid or item.kind != _kind_of(media, media_type):
                    found.append(f"{where}: the entry is {item.kind}, {'valid' if item.valid else 'invalid'}")
                elif not _status_matches(status, item.status):
                    found.append(f"{where}: the entry comes with status {item.status}")
                elif _exact(example.get("value")) != _exact(item.body.decode() if item.kind == "page" else item.json()):
                    found.append(f"{where}: differs from spec/examples/{path(name).name}")
        if status == "200" and not any(m.get("examples") for m in response.get("content", {}).values()):
            found.append(f"{operation_id} 200: no example from the corpus")

    required = _spec()["components"]["schemas"]["Order"]["required"]
    for item in entries():
        if item.real and item.valid and item.kind in ("order", "orders"):
            orders = item.json() if item.kind == "orders" else [item.json()]
            missing = sorted({field for order in orders for field in required if order.get(field) is None})
            if missing:
                found.append(f"{item.name}: a real order without {missing}, which the spec requires")
    return found


def main() -> int:
    found = problems()
    for line in found:
        print(f"corpus: {line}", file=sys.stderr)
    if not found:
        valid = sum(item.valid for item in entries())
        print(f"corpus: {len(entries())} entries ({valid} valid, {len(entries()) - valid} invalid) agree with the spec")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
