"""The Chinese glossary (spec/glossary.zh.yaml) holds for the spec, the Chinese reference and the CLI, and its
check finds a variant wherever it is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator import glossary


def test_every_chinese_text_uses_the_glossary_terms() -> None:
    assert glossary.problems() == []
    assert sum(1 for _ in glossary.texts()) > 300


def test_each_term_names_its_source_and_avoids_something() -> None:
    terms = yaml.safe_load(glossary.GLOSSARY.read_text(encoding="utf-8"))["terms"]
    assert len(terms) >= 10
    for term in terms:
        assert term["term"] and term["avoid"] and term["source"], term["concept"]


@pytest.mark.parametrize(("where", "variant"), [("spec", "有效方式"), ("docs", "请退避"), ("cli", "已取消")])
def test_a_variant_is_found_and_placed(tmp_path: Path, where: str, variant: str) -> None:
    files = {"spec": glossary.SPEC, "docs": glossary.DOCS, "cli": glossary.CLI}
    copies = {name: tmp_path / path.name for name, path in files.items()}
    for name, path in files.items():
        shutil.copy(path, copies[name])
    target = copies[where]
    text = target.read_text(encoding="utf-8")
    if where == "spec":
        text = text.replace("x-description-zh: 订单的有效方法。", f"x-description-zh: 订单的{variant}。", 1)
    elif where == "docs":
        text += f"\n请{variant}\n"
    else:
        text += f'\n_STATUS = "{variant}"\n'
    target.write_text(text, encoding="utf-8")
    found = glossary.problems(copies["spec"], copies["docs"], copies["cli"])
    assert len(found) == 1, found
    expected_place = {"spec": "#/components/schemas/TimeInForce/x-description-zh", "docs": "reference.zh-CN.md:",
                      "cli": "cli.py:"}[where]  # fmt: skip
    assert found[0].startswith(expected_place)


@pytest.mark.parametrize(("line", "advice"), [
    ("订单状态: NEW", "half-width punctuation"),
    ("见 (例如 BTCUSD_PERP)", "half-width parenthesis"),
    ('将返回报错 "Order does not exist."。', "ASCII quote"),
    ("与`orderId`二选一", "space between Chinese and inline code"),
])  # fmt: skip
def test_chinese_typography_is_checked_in_the_rendered_reference(tmp_path: Path, line: str, advice: str) -> None:
    docs = tmp_path / glossary.DOCS.name
    docs.write_text(glossary.DOCS.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    found = glossary.problems(glossary.SPEC, docs, glossary.CLI)
    assert len(found) >= 1 and all(advice in problem for problem in found), found


def test_code_spans_and_link_targets_are_not_prose(tmp_path: Path) -> None:
    docs = tmp_path / glossary.DOCS.name
    docs.write_text("见 `a:b,(c)` 与 [获取服务器时间](#获取服务器时间)。\n", encoding="utf-8")
    assert glossary.problems(glossary.SPEC, docs, glossary.CLI) == []


@pytest.mark.parametrize(("written", "expected"), [
    ("|\n            订单的有效\n            方式。", "有效方式"),  # a variant split across YAML lines
    ("订单的有效\u200b方式。", "有效方式"),  # or hidden by a zero-width space
    ("订单的有效　方式。", "有效方式"),  # or a full-width one
    ("最小 1, 最大 60000。", "half-width punctuation in a Chinese sentence"),
    ("订单状态.", "half-width punctuation after Chinese"),
    ("见下， `status` 字段。", "a space after full-width punctuation"),
])  # fmt: skip
def test_what_could_slip_past_is_found_in_the_spec(tmp_path: Path, written: str, expected: str) -> None:
    spec = tmp_path / glossary.SPEC.name
    text = glossary.SPEC.read_text(encoding="utf-8")
    assert text.count("x-description-zh: 订单的有效方法。") == 1
    spec.write_text(
        text.replace("x-description-zh: 订单的有效方法。", f"x-description-zh: {written}"), encoding="utf-8"
    )
    found = glossary.problems(spec, glossary.DOCS, glossary.CLI)
    assert found and all("TimeInForce/x-description-zh: " in p for p in found), found
    assert any(expected in problem for problem in found), found
