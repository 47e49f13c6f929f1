# Generated from spec/openapi.yaml by `make generate` (openapi-python-client 0.29.1).
# Do not edit: change the spec or generator/ and run `make generate`.
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass as _dataclass
from dataclasses import field as _field
from typing import Any, ClassVar, TypeVar, cast

T = TypeVar("T", bound="Error")
_V = TypeVar("_V")


def _typed(value: Any, expected: type[_V], field: str) -> _V:
    """Return value if it has the JSON type the spec declares; bool does not pass as int."""
    kind = type(value)
    if kind is not expected:
        raise TypeError(f"{field}: expected {expected.__name__}, got {kind.__name__}")
    return cast(_V, value)


def _bounded(value: int, low: int | None, high: int | None, field: str) -> int:
    """value if it is within the spec's range for the field (its minimum/maximum, or what its format holds)."""
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{field}: {value} is outside {low}..{high}")
    return value


@_dataclass(slots=True, weakref_slot=True)
class Error:
    """An error answer from Binance. Codes are stable; messages can vary.

    币安返回的错误。错误码稳定，错误信息可能变化。

        Attributes:
            code (int): Binance error code (negative), listed in `components.x-error-catalogue`. / 币安错误码（负数），见
                `components.x-error-catalogue`。
            msg (str): Human-readable error message. / 可读的错误信息。
    """

    code: int
    msg: str
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)
    FIELD_DESCRIPTIONS: ClassVar[dict[str, tuple[str, str]]] = {
        "code": (
            "Binance error code (negative), listed in `components.x-error-catalogue`.",
            "币安错误码（负数），见 `components.x-error-catalogue`。",
        ),
        "msg": ("Human-readable error message.", "可读的错误信息。"),
    }
    """English and Chinese meaning of each documented field, by wire name."""

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        msg = self.msg

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "msg": msg,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, Mapping):
            raise TypeError(f"Error: expected a JSON object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        _code = d.pop("code")
        code = _code if type(_code) is int else _bounded(_typed(_code, int, "Error.code"), None, None, "Error.code")

        _msg = d.pop("msg")
        msg = _msg if type(_msg) is str else _typed(_msg, str, "Error.msg")

        _obj = cls(
            code=code,
            msg=msg,
        )

        _obj.additional_properties = d
        return _obj

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
