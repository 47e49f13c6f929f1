"""Acceptance exactly where the spec says: every constraint of every operation's parameters, tried at its edges.

The cases are made from the spec's constraints themselves (the generated OPERATIONS carry them), not written by
hand: a new operation or a changed limit is tested without touching this file. Strings with a pattern of the form
`^[class]{m,n}$` are tried with characters from the class at every length from m - 1 to n + 2 (hypothesis draws
the characters); integers at minimum, maximum and int64's ends, one step either side. The oracle is the spec:
Python's re with the pattern as written, and the numbers as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from binance_coinm import ValidationError
from binance_coinm.validation import OperationRules
from binance_coinm_openapi.api import OPERATIONS
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import examples

INT64 = (-(2**63), 2**63 - 1)
BOUNDED_CLASS = re.compile(r"\^\[(?P<chars>[^\]]+)\]\{(?P<low>\d+),(?P<high>\d+)\}\$")


Parameter = tuple[str, str, str, dict[str, Any]]  # operationId, wire name, Python name, schema


def parameters(kind: str) -> Iterator[Parameter]:
    for operation in OPERATIONS:
        for wire, schema in operation.parameters.items():
            if schema["type"] == kind:
                yield operation.operation_id, wire, schema["python_name"], schema


def accepted(operation_id: str, python_name: str, value: object) -> bool:
    rules = OperationRules(next(op for op in OPERATIONS if op.operation_id == operation_id))
    try:
        rules.check_one(python_name, value)
    except ValidationError as error:
        assert error.parameter == python_name
        return False
    return True


PATTERNED = [p for p in parameters("string") if "pattern" in p[3]]
INTEGERS = list(parameters("integer"))
LENGTHS = [p for p in parameters("string") if "minLength" in p[3] or "maxLength" in p[3]]


def test_the_spec_has_constraints_to_test() -> None:
    # Guards the generators below against silently testing nothing (a renamed key, an empty OPERATIONS).
    assert PATTERNED and INTEGERS and LENGTHS
    for _, wire, _, schema in PATTERNED:
        assert BOUNDED_CLASS.fullmatch(schema["pattern"]), f"{wire}: extend this test for the pattern's shape"


@pytest.mark.parametrize("parameter", PATTERNED, ids=lambda p: f"{p[0]}.{p[1]}")
@settings(max_examples=examples(30), deadline=None)
@given(data=st.data())
def test_patterned_strings_are_accepted_at_exactly_the_lengths_the_spec_allows(
    parameter: Parameter, data: st.DataObject
) -> None:
    operation_id, wire, python_name, schema = parameter
    shape = BOUNDED_CLASS.fullmatch(schema["pattern"])
    assert shape is not None
    low, high = int(shape["low"]), int(shape["high"])
    character = st.from_regex(f"[{shape['chars']}]", fullmatch=True)
    for length in range(max(0, low - 1), high + 3):
        value = "".join(data.draw(st.lists(character, min_size=length, max_size=length)))
        expected = re.fullmatch(schema["pattern"].strip("^$"), value) is not None
        assert expected is (low <= length <= high)  # the drawn characters are all in the class
        assert accepted(operation_id, python_name, value) is expected, (wire, length, value)


@pytest.mark.parametrize("parameter", PATTERNED, ids=lambda p: f"{p[0]}.{p[1]}")
@settings(max_examples=examples(50), deadline=None)
@given(outside=st.characters(codec="utf-8", exclude_categories=("Cs",)), position=st.integers(0, 35))
def test_one_character_outside_the_class_is_refused_at_any_position(
    parameter: Parameter, outside: str, position: int
) -> None:
    operation_id, wire, python_name, schema = parameter
    shape = BOUNDED_CLASS.fullmatch(schema["pattern"])
    assert shape is not None
    if re.fullmatch(f"[{shape['chars']}]", outside):
        outside = " "  # drawn from the class after all: use one that is surely outside it
    base = "a" * int(shape["high"])
    value = base[: position % len(base)] + outside + base[position % len(base) + 1 :]
    assert accepted(operation_id, python_name, value) is False, (wire, value)


def _edges(schema: dict[str, Any]) -> list[int]:
    points = [INT64[0], INT64[1], schema.get("minimum", INT64[0]), schema.get("maximum", INT64[1])]
    return sorted({point + step for point in points for step in (-1, 0, 1)})


@pytest.mark.parametrize("parameter", INTEGERS, ids=lambda p: f"{p[0]}.{p[1]}")
def test_integers_are_accepted_exactly_within_the_spec_range_and_int64(parameter: Parameter) -> None:
    operation_id, wire, python_name, schema = parameter
    assert schema["format"] == "int64"
    low = max(schema.get("minimum", INT64[0]), INT64[0])
    high = min(schema.get("maximum", INT64[1]), INT64[1])
    for value in _edges(schema):
        assert accepted(operation_id, python_name, value) is (low <= value <= high), (wire, value)
    for not_an_integer in (True, float(low), str(low), None if schema["required"] else "x"):
        if not_an_integer is not None:
            assert accepted(operation_id, python_name, not_an_integer) is False, (wire, not_an_integer)


@pytest.mark.parametrize("parameter", LENGTHS, ids=lambda p: f"{p[0]}.{p[1]}")
def test_string_lengths_are_accepted_exactly_within_min_and_max_length(parameter: Parameter) -> None:
    operation_id, wire, python_name, schema = parameter
    low, high = schema.get("minLength", 0), schema.get("maxLength")  # no maxLength: no upper bound
    for length in range(max(0, low - 1), (high if high is not None else low + 64) + 2):
        expected = low <= length and (high is None or length <= high)
        assert accepted(operation_id, python_name, "A" * length) is expected, (wire, length)
