# Generated from spec/openapi.yaml by `make generate` (openapi-python-client 0.29.1).
# Do not edit: change the spec or generator/ and run `make generate`.
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass as _dataclass
from dataclasses import field as _field
from typing import Any, ClassVar, TypeVar, cast

T = TypeVar("T", bound="ServerTime")
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
class ServerTime:
    """The exchange's current time.

    交易所当前时间。

        Attributes:
            server_time (int): Server time, in milliseconds since the epoch. / 服务器时间（毫秒时间戳）。
    """

    server_time: int
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)
    FIELD_DESCRIPTIONS: ClassVar[dict[str, tuple[str, str]]] = {
        "serverTime": ("Server time, in milliseconds since the epoch.", "服务器时间（毫秒时间戳）。"),
    }
    """English and Chinese meaning of each documented field, by wire name."""
    EPOCH_MS_FIELDS: ClassVar[frozenset[str]] = frozenset(
        {
            "serverTime",
        }
    )
    """Wire names of the fields that are times, in milliseconds since the Unix epoch (x-unit: epoch-ms)."""

    def to_dict(self) -> dict[str, Any]:
        server_time = self.server_time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "serverTime": server_time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, Mapping):
            raise TypeError(f"ServerTime: expected a JSON object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        _server_time = d.pop("serverTime")
        server_time = (
            _server_time
            if type(_server_time) is int and -9223372036854775808 <= _server_time <= 9223372036854775807
            else _bounded(
                _typed(_server_time, int, "ServerTime.serverTime"),
                -9223372036854775808,
                9223372036854775807,
                "ServerTime.serverTime",
            )
        )

        _obj = cls(
            server_time=server_time,
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
