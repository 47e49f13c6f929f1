"""The Chinese glossary (spec/glossary.zh.yaml), enforced: no Chinese text the SDK shows uses a variant it lists,
and its typography is Chinese: full-width punctuation after Chinese text, “” rather than "" before 。, and a space
between Chinese and inline code.

Checked: every -zh text of the spec (x-description-zh, x-summary-zh, x-enum-descriptions-zh, ...), the rendered
Chinese reference (docs/reference.zh-CN.md) and the Chinese string literals of the CLI. Part of `make spec-check`.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import specfile  # noqa: E402 - the reference joins Chinese lines as specfile does; check what it renders

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "spec" / "glossary.zh.yaml"
SPEC = ROOT / "spec" / "openapi.yaml"
DOCS = ROOT / "docs" / "reference.zh-CN.md"
CLI = ROOT / "overrides" / "binance_coinm" / "cli.py"
HAND_WRITTEN = sorted((ROOT / "overrides" / "binance_coinm").rglob("*.py"))
_CJK = re.compile(r"[\u3400-\u9fff]")
_QUOTED = re.compile(r"“[^”]*”")
_INVISIBLE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]")
_CODE = re.compile(r"`[^`]*`")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_HAN = r"[\u3400-\u9fff]"
_TYPOGRAPHY = [
    (
        re.compile(_HAN + r"[,:;()!?]|" + _HAN + r"\.(?!\d)"),
        "half-width punctuation after Chinese: write ，：；（）！？。",
    ),
    (re.compile(r"[，。、；：！？）”] (?![|]|$)"), "a space after full-width punctuation"),
    (re.compile(r"\(" + _HAN), "a half-width parenthesis before Chinese: write （"),
    (re.compile(r'"。'), "an ASCII quote before 。: quote with “”"),
]
_CODE_SPACING = re.compile(_HAN + r"`|`[^`]*`(?=" + _HAN + ")")


def _typography(text: str) -> Iterator[str]:
    """What in text is not Chinese typography (inline code and link targets are not prose, and are skipped)."""
    prose = _CODE.sub("`x`", _LINK_TARGET.sub("]()", text))
    for pattern, advice in _TYPOGRAPHY:
        for match in pattern.finditer(prose):
            yield f"{match.group(0)!r}: {advice}"
    for match in _CODE_SPACING.finditer(_LINK_TARGET.sub("]()", text)):
        yield f"{match.group(0)!r}: put a space between Chinese and inline code"


def _sentence_typography(text: str) -> Iterator[str]:
    """In a Chinese sentence of the spec or the CLI, any half-width , : ; ! ? or " (outside code) is wrong."""
    prose = _CODE.sub("`x`", text)
    if _CJK.search(prose):
        for match in re.finditer(r'[,:;!?"]', prose):
            yield f"{prose[max(0, match.start() - 6) : match.end() + 2]!r}: half-width punctuation in a Chinese sentence"


def _spec_texts(node: Any, at: str = "#") -> Iterator[tuple[str, str]]:
    """(JSON pointer, text) for every string under a key ending in -zh."""
    if isinstance(node, dict):
        for key, value in node.items():
            where = f"{at}/{str(key).replace('~', '~0').replace('/', '~1')}"
            if key == "x-message-zh":  # Binance's own text, quoted as its page writes it
                continue
            if str(key).endswith("-zh"):
                yield from ((at_, specfile.line_zh(text)) for at_, text in _strings(value, where))
            else:
                yield from _spec_texts(value, where)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _spec_texts(value, f"{at}/{index}")


def _strings(value: Any, at: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield at, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{at}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{at}/{index}")


def texts(spec: Path = SPEC, docs: Path = DOCS, cli: Path = CLI) -> Iterator[tuple[str, str]]:
    """(where, text) for every Chinese text the checks cover."""
    yield from _spec_texts(yaml.safe_load(spec.read_text(encoding="utf-8")))
    for number, line in enumerate(docs.read_text(encoding="utf-8").splitlines(), 1):
        yield f"{docs.name}:{number}", _QUOTED.sub("“”", line)  # a quote of Binance's text keeps its words
    for source in [cli, *(path for path in HAND_WRITTEN if path.name != CLI.name)]:  # the SDK's messages too
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _CJK.search(node.value):
                yield f"{source.name}:{node.lineno}", node.value


def problems(spec: Path = SPEC, docs: Path = DOCS, cli: Path = CLI) -> list[str]:
    """One line for each use of a variant the glossary says to avoid."""
    terms = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))["terms"]
    rules = [(re.compile(pattern), term) for term in terms for pattern in term["avoid"]]
    found = []
    for where, text in texts(spec, docs, cli):
        compact = _INVISIBLE.sub("", text)  # 取 消, 取\u200b消 and 有效　方式 are still the variants
        for pattern, term in rules:
            match = pattern.search(compact)
            if match:
                found.append(f"{where}: {match.group(0)!r} — write {term['term']} ({term['concept']})")
        found += [f"{where}: {problem}" for problem in _typography(text)]
        if not where.startswith(docs.name):  # the reference's tables hold data (400, 500), not sentences
            found += [f"{where}: {problem}" for problem in _sentence_typography(text)]
    return found


def main() -> int:
    found = problems()
    for line in found:
        print(f"glossary: {line}", file=sys.stderr)
    if not found:
        print(f"glossary: {sum(1 for _ in texts())} Chinese texts use the glossary's terms and Chinese typography")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
