"""Check call arguments against the constraints the generator copied from the spec, before anything is sent."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from types import ModuleType
from typing import Any

from binance_coinm_openapi.types import Operation

from .errors import ValidationError

_JSON_TYPES: dict[str, type] = {"string": str, "integer": int, "boolean": bool, "number": float}
# A decimal as Binance reads one (its -1100 legal range for prices and quantities): no exponent, no sign of its own.
_PLAIN_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")
# What an integer of each format can hold: the exchange parses it into that type, so a larger one cannot be sent.
_INTEGER_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


def _compile(pattern: str) -> re.Pattern[str]:
    # JSON Schema patterns are ECMA-262, where a final `$` ends the input; in Python `$` also matches
    # before a trailing newline, which would let "abc\n" through.
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


class Rule:
    """One parameter's constraints (the JSON Schema keywords the generated PARAMETERS carry), by its wire name."""

    __slots__ = (
        "decimal",
        "enum",
        "max_length",
        "maximum",
        "min_length",
        "minimum",
        "name",
        "pattern",
        "required",
        "type",
        "wire",
    )

    def __init__(self, wire: str, schema: Mapping[str, Any]) -> None:
        self.wire = wire
        self.name: str = schema["python_name"]
        self.required: bool = schema.get("required", False)
        self.type = _JSON_TYPES.get(schema.get("type", ""))
        self.decimal = schema.get("format") == "decimal"  # money: a Decimal, or its exact plain string
        low, high = _INTEGER_RANGES.get(schema.get("format", ""), (None, None))
        self.minimum: int | None = schema.get("minimum", low)
        self.maximum: int | None = schema.get("maximum", high)
        self.min_length: int | None = schema.get("minLength")
        self.max_length: int | None = schema.get("maxLength")
        self.pattern = _compile(schema["pattern"]) if "pattern" in schema else None
        self.enum: list[Any] | None = schema.get("enum")

    def sendable(self, value: object) -> object:
        """value as the generated request builder takes it: a Decimal as its plain string (never 1E+1)."""
        return format(value, "f") if self.decimal and isinstance(value, Decimal) else value

    def check(self, value: object) -> None:
        name = self.name
        if self.decimal:
            self._check_decimal(value)
            if isinstance(value, Decimal):
                return
        expected = self.type
        if expected is not None and (not isinstance(value, expected) or (type(value) is bool and expected is not bool)):
            raise ValidationError(
                name,
                f"{name} must be {expected.__name__}, not {type(value).__name__}",
                f"{name} 应为 {expected.__name__} 类型，而不是 {type(value).__name__}",
            )
        if isinstance(value, int):
            self._check_range(value)
        if isinstance(value, str):
            self._check_text(value)
        if self.enum is not None and value not in self.enum:
            allowed = ", ".join(map(str, self.enum))
            raise ValidationError(name, f"{name} must be one of {allowed}", f"{name} 应为以下值之一：{allowed}")

    def _check_range(self, value: int) -> None:
        name = self.name
        if self.minimum is not None and value < self.minimum:
            raise ValidationError(
                name,
                f"{name} must be at least {self.minimum} (got {value})",
                f"{name} 不能小于 {self.minimum}（实际为 {value}）",
            )
        if self.maximum is not None and value > self.maximum:
            raise ValidationError(
                name,
                f"{name} must be at most {self.maximum} (got {value})",
                f"{name} 不能大于 {self.maximum}（实际为 {value}）",
            )

    def _check_text(self, value: str) -> None:
        name = self.name
        if not value.isascii():
            try:
                value.encode("utf-8")  # percent-encoding needs UTF-8: a lone surrogate cannot be sent
            except UnicodeEncodeError:
                raise ValidationError(
                    name, f"{name} is not valid Unicode text (got {value[:60]!r})", f"{name} 不是有效的 Unicode 文本"
                ) from None
        if self.min_length is not None and len(value) < self.min_length:
            raise ValidationError(
                name,
                f"{name} must have at least {self.min_length} character(s)",
                f"{name} 至少需要 {self.min_length} 个字符",
            )
        if self.max_length is not None and len(value) > self.max_length:
            raise ValidationError(
                name, f"{name} must have at most {self.max_length} characters", f"{name} 最多 {self.max_length} 个字符"
            )
        if self.pattern is not None and not self.pattern.search(value):
            raise ValidationError(
                name,
                f"{name} must match {self.pattern.pattern!r} (got {value[:60]!r})",
                f"{name} 应符合 {self.pattern.pattern}（实际为 {value[:60]}）",
            )

    def _check_decimal(self, value: object) -> None:
        name = self.name
        if isinstance(value, Decimal):
            if not value.is_finite():
                raise ValidationError(
                    name, f"{name} must be a finite decimal (got {value})", f"{name} 应为有限小数（实际为 {value}）"
                )
        elif not isinstance(value, str):
            raise ValidationError(
                name,
                f"{name} must be a Decimal or a decimal string, not {type(value).__name__}",
                f"{name} 应为 Decimal 或小数字符串，而不是 {type(value).__name__}",
            )
        elif not _PLAIN_DECIMAL.match(value):
            raise ValidationError(
                name,
                f"{name} must be a plain decimal number such as 0.25 (got {value[:60]!r})",
                f"{name} 应为普通小数，例如 0.25（实际为 {value[:60]}）",
            )


class OperationRules:
    """All argument rules of one generated operation: per-parameter constraints and x-exactly-one-of groups."""

    def __init__(self, operation: Operation[Any] | ModuleType) -> None:
        """operation: a generated Operation, or the generated endpoint module that holds it as OPERATION."""
        source: Operation[Any] = operation.OPERATION if isinstance(operation, ModuleType) else operation
        self._rules = {schema["python_name"]: Rule(wire, schema) for wire, schema in source.parameters.items()}
        python_names = {rule.wire: rule.name for rule in self._rules.values()}
        self._exactly_one_of = [tuple(python_names[wire] for wire in group) for group in source.exactly_one_of]

    def check_one(self, name: str, value: object) -> None:
        """Raise ValidationError if value breaks the rules of the parameter called name (Python name)."""
        self._rules[name].check(value)

    def check(self, arguments: Mapping[str, object]) -> dict[str, object]:
        """Raise ValidationError for the first broken rule; return the arguments that are set (not None), as the
        generated request builder takes them."""
        for group in self._exactly_one_of:
            given = [name for name in group if arguments.get(name) is not None]
            if len(given) != 1:
                names, names_zh = " or ".join(group), " 和 ".join(group)
                problem = "neither was given" if not given else "both were given"
                problem_zh = "两者都没有传" if not given else "两者都传了"
                raise ValidationError(
                    group[0] if not given else given[1],
                    f"pass exactly one of {names}: {problem}",
                    f"{names_zh} 必须且只能传一个：{problem_zh}",
                )
        present: dict[str, object] = {}
        for name, value in arguments.items():
            rule = self._rules[name]
            if value is None:
                if rule.required:
                    raise ValidationError(name, f"{name} is required", f"{name} 为必填项")
                continue
            rule.check(value)
            present[name] = rule.sendable(value)
        return present
