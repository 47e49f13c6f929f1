"""Classify every change between the last released spec and spec/openapi.yaml, and check the version bump.

Classes, from the SDK user's side:
- breaking: a removed operation, parameter, field, schema, enum value, server or command-line alias; a new
  required parameter or x-exactly-one-of rule; a required parameter made optional or moved (the SDK method takes
  required parameters by position, optional ones by keyword); a narrowed type or range; a changed path, method,
  operationId, tag (the generated module moves), schema title (the model is renamed) or security type; and any
  structural change this script has no rule for (so nothing slips through as harmless);
- additive: a new operation, optional parameter, field, schema, enum value, error code, tag, server or
  command-line alias; a widened range; a changed request weight, unit or deprecation;
- text-only: descriptions, summaries, examples, enum descriptions, error meanings, links and the title.

semver (with 0.x as Cargo and npm read it): in 0.x a breaking change needs a minor bump, an additive one at least
a patch bump; from 1.0 a breaking change needs a major bump and an additive one a minor bump. No OpenAPI diff tool
that runs offline here understands OpenAPI 3.1 (oasdiff and openapi-diff are Go and Java binaries fetched from
GitHub or Maven; npm's openapi-diff reads 3.0 only), hence this small classifier over the parsed specs.

Usage: python generator/spec_diff.py [--check] [--markdown FILE] [BASE [NEW]]
BASE defaults to spec/released/openapi.yaml (the spec of the last release), NEW to spec/openapi.yaml.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version

import specfile

BASELINE = specfile.ROOT / "spec" / "released" / "openapi.yaml"
CLASSES = ("text-only", "additive", "breaking")
# Keys whose values are prose or presentation, wherever they appear (except as field names under "properties").
TEXT_KEYS = frozenset({
    "description", "x-description-zh", "summary", "x-summary-zh", "example", "examples", "externalDocs",
    "x-enum-descriptions", "x-enum-descriptions-zh", "x-error-meanings", "contact", "license",
    "message",  # an error catalogue entry's sample message
    "x-maintainer-note",  # for spec writers only
    "x-message-zh",  # an error catalogue entry's sample message, as Binance's Chinese page writes it
})  # fmt: skip
Pointer = tuple[str, ...]


@dataclass(frozen=True, order=True)
class Change:
    kind: str  # one of CLASSES
    where: str
    what: str


def _normal(node: Any, text: bool = False, under_properties: bool = False) -> Any:
    """The spec with lists whose order means nothing turned into dicts keyed by identity; without prose unless
    text is True."""
    if isinstance(node, dict):
        result = {}
        for key, value in node.items():
            if key in TEXT_KEYS and not under_properties and not text:
                continue
            if key == "parameters" and isinstance(value, list):
                result[key] = {f"{p['in']}:{p['name']}": _normal(p, text) for p in value}
            elif key in ("enum", "required", "x-error-codes") and isinstance(value, list):
                result[key] = {str(item): True for item in value}
            elif key == "x-error-catalogue":
                result[key] = {str(entry["code"]): _normal(entry, text) for entry in value}
            elif key == "servers":
                result[key] = {server["url"]: _normal(server, text) for server in value}
            elif key == "tags" and all(isinstance(tag, dict) for tag in value):
                result[key] = {tag["name"]: _normal(tag, text) for tag in value}
            else:
                result[key] = _normal(value, text, under_properties=key == "properties")
        return result
    if isinstance(node, list):
        return [_normal(item, text) for item in node]
    return node


def _leaves(old: Any, new: Any, pointer: Pointer = ()) -> Iterator[Pointer]:
    """Every pointer at which old and new differ (a key on one side only, or a different value)."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            if key not in old or key not in new:
                yield (*pointer, str(key))
            else:
                yield from _leaves(old[key], new[key], (*pointer, str(key)))
    elif old != new:
        yield pointer


class _Classifier:
    def __init__(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.old, self.new = old, new
        self.changes: list[Change] = []
        # info.version is expected to move (version_problem() checks how); shared parameters are compared in each
        # operation that uses them (specfile.load() puts them there).
        self.explained: list[Pointer] = [("info", "version"), ("components", "parameters")]
        if _get(old, ("info",)).get("title") != _get(new, ("info",)).get("title"):
            self.note("text-only", ("info", "title"), "title changed")

    def note(self, kind: str, pointer: Pointer, what: str) -> None:
        self.changes.append(Change(kind, _json_pointer(pointer), what))
        self.explained.append(pointer)

    def run(self) -> list[Change]:
        self._keyed_at(("paths",), "path")
        for path in self.old.get("paths", {}).keys() & self.new.get("paths", {}).keys():
            self._path(path)
        schemas = ("components", "schemas")
        self._keyed_at(schemas, "schema")
        sent_by_users = _parameter_schemas(self.old) | _parameter_schemas(self.new)
        for name in _get(self.old, schemas).keys() & _get(self.new, schemas).keys():
            self._schema((*schemas, name), output=True)
            if name in sent_by_users:  # a parameter's schema too: narrowing it refuses what users send
                self._schema((*schemas, name), output=False)
        responses = ("components", "responses")
        self._keyed_at(responses, "shared response")
        for name in _get(self.old, responses).keys() & _get(self.new, responses).keys():
            self._response((*responses, name))
        self._keyed_at(("components", "x-error-catalogue"), "error code", removed="additive")
        self._keyed_at(("servers",), "server")
        self._keyed_at(("tags",), "tag", removed="additive")
        self._weight_and_errors()
        for pointer in _leaves(self.old, self.new):
            if not any(pointer[: len(done)] == done for done in self.explained):
                self.note("breaking", pointer, "structural change with no rule: treated as breaking")
        return sorted(set(self.changes), key=lambda c: (-CLASSES.index(c.kind), c.where))

    def _keyed_at(self, pointer: Pointer, noun: str, removed: str = "breaking") -> None:
        old, new = _get(self.old, pointer), _get(self.new, pointer)
        if not old or not new:  # the whole container is new or gone: what it held is named below
            self.explained.append(pointer)
        for name in old.keys() - new.keys():
            self.note(removed, (*pointer, name), f"{noun} {name} removed")
        for name in new.keys() - old.keys():
            self.note("additive", (*pointer, name), f"{noun} {name} added")

    def _path(self, path: str) -> None:
        old, new = self.old["paths"][path], self.new["paths"][path]
        for method in old.keys() - new.keys():
            self.note("breaking", ("paths", path, method), f"operation {method.upper()} {path} removed")
        for method in new.keys() - old.keys():
            self.note("additive", ("paths", path, method), f"operation {method.upper()} {path} added")
        for method in old.keys() & new.keys():
            self._operation(("paths", path, method), old[method], new[method])

    def _operation(self, at: Pointer, old: dict[str, Any], new: dict[str, Any]) -> None:
        for key in ("operationId", "x-security-type", "security", "tags"):
            if old.get(key) != new.get(key):
                self.note("breaking", (*at, key), f"{key} changed from {old.get(key)!r} to {new.get(key)!r}")
        self._alias(at, old, new)
        groups_old = {frozenset(group) for group in old.get("x-exactly-one-of", [])}
        groups_new = {frozenset(group) for group in new.get("x-exactly-one-of", [])}
        for group in groups_new - groups_old:
            self.note("breaking", (*at, "x-exactly-one-of"), f"new rule: exactly one of {', '.join(sorted(group))}")
        for group in groups_old - groups_new:
            self.note("additive", (*at, "x-exactly-one-of"), f"rule dropped: exactly one of {', '.join(sorted(group))}")
        if groups_old == groups_new and old.get("x-exactly-one-of") != new.get("x-exactly-one-of"):
            self.explained.append((*at, "x-exactly-one-of"))  # the same groups, written in another order
        params_old, params_new = old.get("parameters", {}), new.get("parameters", {})
        for key in params_old.keys() - params_new.keys():
            self.note("breaking", (*at, "parameters", key), f"parameter {key} removed")
        for key in params_new.keys() - params_old.keys():
            required = params_new[key].get("required", False)
            kind = "breaking" if required else "additive"
            self.note(kind, (*at, "parameters", key), f"{'required' if required else 'optional'} parameter {key} added")
        for key in params_old.keys() & params_new.keys():
            p_old, p_new, where = params_old[key], params_new[key], (*at, "parameters", key)
            if p_old.get("required", False) != p_new.get("required", False):
                # Either way breaking: a required parameter is positional in the SDK method, an optional one not.
                now = "required" if p_new.get("required") else "optional (the SDK method takes it by keyword now)"
                self.note("breaking", (*where, "required"), f"parameter {key} is now {now}")
            self._alias(where, p_old, p_new)
            self._schema((*where, "schema"), output=False)
        positional_old = [key for key, p in params_old.items() if p.get("required") and key in params_new]
        positional_new = [key for key, p in params_new.items() if p.get("required") and key in params_old]
        if positional_old != positional_new and sorted(positional_old) == sorted(positional_new):
            self.note("breaking", (*at, "parameters"), f"required parameters reordered: {', '.join(positional_new)}")
        if old.get("deprecated", False) != new.get("deprecated", False):
            self.note("additive", (*at, "deprecated"), f"deprecated is now {new.get('deprecated', False)}")
        self._keyed_at((*at, "responses"), "response", removed="breaking")
        for status in old.get("responses", {}).keys() & new.get("responses", {}).keys():
            self._response((*at, "responses", status))

    def _response(self, at: Pointer) -> None:
        """A response: a header or media type documented is additive (clients that ignore it are unaffected)."""
        self._keyed_at((*at, "headers"), "response header")
        self._keyed_at((*at, "content"), "response content type")
        content = (*at, "content", "application/json", "schema")
        if _get(self.old, content) or _get(self.new, content):
            self._schema(content, output=True)

    def _alias(self, at: Pointer, old: dict[str, Any], new: dict[str, Any]) -> None:
        """A command-line alias is what scripts call: dropping or changing it breaks them."""
        before, after = old.get("x-cli-alias"), new.get("x-cli-alias")
        if before != after:
            kind = "additive" if before is None else "breaking"
            self.note(kind, (*at, "x-cli-alias"), f"command-line alias changed from {before!r} to {after!r}")

    def _schema(self, at: Pointer, output: bool) -> None:
        """Compare one schema; output=True for what the exchange sends (fields), False for what users send."""
        old, new = _get(self.old, at), _get(self.new, at)
        for key in ("type", "format", "x-format", "$ref", "default", "title"):
            if old.get(key) != new.get(key):
                self.note("breaking", (*at, key), f"{key} changed from {old.get(key)!r} to {new.get(key)!r}")
        extra_old, extra_new = old.get("additionalProperties", True), new.get("additionalProperties", True)
        if extra_old != extra_new:
            self.note("breaking", (*at, "additionalProperties"), f"additionalProperties is now {extra_new!r}")
        elif old.get("additionalProperties") != new.get("additionalProperties"):
            self.explained.append((*at, "additionalProperties"))  # written out or left to its default: the same
        if old.get("deprecated", False) != new.get("deprecated", False):
            self.note("additive", (*at, "deprecated"), f"deprecated is now {new.get('deprecated', False)}")
        if old.get("x-nullable", False) != new.get("x-nullable", False):
            nullable = bool(new.get("x-nullable"))
            # A field that may now be null makes typed readers handle it (TypeScript: string | null): breaking.
            kind = "breaking" if nullable == output else "additive"
            self.note(kind, (*at, "x-nullable"), "may now be null" if nullable else "may no longer be null")
        if old.get("x-open-enum", False) != new.get("x-open-enum", False):
            opened = bool(new.get("x-open-enum"))
            kind = "additive" if opened else "breaking"  # closing an enum refuses values clients now accept
            self.note(kind, (*at, "x-open-enum"), "enum opened: unknown values accepted" if opened else "enum closed")
        if old.get("x-unit") != new.get("x-unit"):  # the generated EPOCH_MS_FIELDS and the CLI's UTC column follow
            self.note(
                "additive", (*at, "x-unit"), f"x-unit changed from {old.get('x-unit')!r} to {new.get('x-unit')!r}"
            )
        values_old, values_new = old.get("enum", {}), new.get("enum", {})
        for value in values_old.keys() - values_new.keys():
            self.note("breaking", (*at, "enum", value), f"enum value {value} removed")
        for value in values_new.keys() - values_old.keys():
            self.note("additive", (*at, "enum", value), f"enum value {value} added")
        for low, high in (("minimum", "maximum"), ("minLength", "maxLength"), ("minItems", "maxItems")):
            for key, narrower in ((low, _greater), (high, _smaller)):
                if old.get(key) != new.get(key):
                    narrowed = narrower(new.get(key), old.get(key))
                    kind = "breaking" if narrowed and not output else "additive"
                    self.note(kind, (*at, key), f"{key} changed from {old.get(key)} to {new.get(key)}")
        if old.get("pattern") != new.get("pattern"):
            # Users' values must match a parameter's pattern (a new or changed one may refuse them); what the
            # exchange sends is not matched against one.
            kind = "additive" if output or new.get("pattern") is None else "breaking"
            self.note(kind, (*at, "pattern"), f"pattern changed from {old.get('pattern')!r} to {new.get('pattern')!r}")
        props_old, props_new = old.get("properties", {}), new.get("properties", {})
        for name in props_old.keys() - props_new.keys():
            self.note("breaking", (*at, "properties", name), f"field {name} removed")
        for name in props_new.keys() - props_old.keys():
            self.note("additive", (*at, "properties", name), f"field {name} added")
        for name in props_old.keys() & props_new.keys():
            self._schema((*at, "properties", name), output)
        required_old, required_new = old.get("required", {}), new.get("required", {})
        for name in required_old.keys() - required_new.keys():
            self.note("breaking" if output else "additive", (*at, "required", name), f"field {name} no longer required")
        for name in required_new.keys() - required_old.keys():
            self.note("additive" if output else "breaking", (*at, "required", name), f"field {name} now required")
        if "items" in old and "items" in new:
            self._schema((*at, "items"), output)

    def _weight_and_errors(self) -> None:
        for path, item in self.new.get("paths", {}).items():
            for method, operation in item.items():
                at, old = ("paths", path, method), _get(self.old, ("paths", path, method))
                if not old:
                    continue
                if old.get("x-weight") != operation.get("x-weight"):
                    self.note(
                        "additive",
                        (*at, "x-weight"),
                        f"weight changed from {old.get('x-weight')} to {operation.get('x-weight')}",
                    )
                if old.get("x-error-codes") != operation.get("x-error-codes"):
                    self.note("additive", (*at, "x-error-codes"), "documented error codes changed")


def _parameter_schemas(spec: dict[str, Any]) -> set[str]:
    """Names of the components/schemas that a parameter's schema refers to."""
    names = set()
    for item in spec.get("paths", {}).values():
        for operation in item.values() if isinstance(item, dict) else ():
            parameters = operation.get("parameters", {}) if isinstance(operation, dict) else {}
            for parameter in parameters.values() if isinstance(parameters, dict) else ():
                reference = parameter.get("schema", {}).get("$ref", "")
                if reference.startswith("#/components/schemas/"):
                    names.add(reference.rsplit("/", 1)[1])
    return names


def _json_pointer(pointer: Pointer) -> str:
    return "#/" + "/".join(part.replace("~", "~0").replace("/", "~1") for part in pointer)


def _get(node: dict[str, Any], pointer: Pointer) -> dict[str, Any]:
    for key in pointer:
        node = node.get(key, {}) if isinstance(node, dict) else {}
    return node if isinstance(node, dict) else {}


def _greater(new: Any, old: Any) -> bool:
    """Whether a lower bound moved up (or appeared)."""
    return new is not None and (old is None or new > old)


def _smaller(new: Any, old: Any) -> bool:
    """Whether an upper bound moved down (or appeared)."""
    return new is not None and (old is None or new < old)


def classify(old_spec: dict[str, Any], new_spec: dict[str, Any]) -> list[Change]:
    """Every change from old_spec to new_spec, most severe first. Text changes are listed by where they are."""
    changes = _Classifier(_normal(old_spec), _normal(new_spec)).run()
    text = {
        Change("text-only", _json_pointer(pointer), f"{pointer[-1]} changed")
        for pointer in _leaves(_normal(old_spec, text=True), _normal(new_spec, text=True))
        if any(key in TEXT_KEYS for key in pointer)
    }
    return changes + sorted(text)


def overall(changes: list[Change]) -> str | None:
    """The most severe class among changes, or None when there are none."""
    return max((c.kind for c in changes), key=CLASSES.index, default=None)


def version_problem(old_version: str, new_version: str, kind: str | None) -> str | None:
    """Why new_version is not the bump semver asks for after a change of class kind, or None when it is.
    Pre-releases count by their release numbers: 0.3.0rc1 is a minor bump from 0.2.1."""
    try:
        before, after = Version(old_version), Version(new_version)
    except InvalidVersion as exc:
        return f"info.version must be a version number such as 1.2.3 ({exc})"
    if after < before:
        return f"info.version went back from {old_version} to {new_version}"
    old, new = ((*v.release, 0, 0)[:3] for v in (before, after))
    if kind == "breaking":
        needed = (old[0] + 1, 0, 0) if old[0] >= 1 else (0, old[1] + 1, 0)
    elif kind == "additive":
        needed = (old[0], old[1] + 1, 0) if old[0] >= 1 else (0, old[1], old[2] + 1)
    else:
        return None
    if new < needed:
        return f"a {kind} change needs info.version {'.'.join(map(str, needed))} or later (is {new_version})"
    return None


def markdown(changes: list[Change], old_version: str, new_version: str) -> str:
    lines = [f"### Spec changes since {old_version} (now {new_version}): {overall(changes) or 'none'}", ""]
    if changes:
        lines += ["| class | where | what |", "|---|---|---|"]
        lines += [f"| {c.kind} | `{c.where}` | {c.what} |" for c in changes]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", nargs="?", type=Path, default=BASELINE)
    parser.add_argument("new", nargs="?", type=Path, default=specfile.SPEC)
    parser.add_argument("--check", action="store_true", help="fail unless info.version moved as semver says")
    parser.add_argument(
        "--markdown",
        type=Path,
        default=os.environ.get("GITHUB_STEP_SUMMARY") or None,
        help="also append the classified diff, as Markdown, to this file (default: $GITHUB_STEP_SUMMARY if set)",
    )
    args = parser.parse_args(argv[1:])
    old, new = specfile.load(args.base), specfile.load(args.new)
    changes = classify(old, new)
    old_version, new_version = old["info"]["version"], new["info"]["version"]
    problem = version_problem(old_version, new_version, overall(changes))
    verdict = problem or f"info.version {new_version} is bump enough"
    base, new_path = (os.path.relpath(path) for path in (args.base, args.new))
    print(f"{base} ({old_version}) -> {new_path} ({new_version}): {overall(changes) or 'no change'}; {verdict}")
    for change in changes:
        print(f"  {change.kind:<9}  {change.where}  {change.what}")
    if args.markdown:
        with args.markdown.open("a", encoding="utf-8") as summary:
            summary.write(markdown(changes, old_version, new_version))
    if args.check and problem:
        print(
            f"spec-diff: {problem} (see CHANGELOG.md and README, 'Regenerating after a spec change')", file=sys.stderr
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
