# Generated from spec/openapi.yaml by `make generate` (openapi-python-client 0.29.1).
# Do not edit: change the spec or generator/ and run `make generate`.
from enum import StrEnum


class PositionSide(StrEnum):
    """Position side. BOTH in one-way mode; LONG or SHORT in hedge mode.

    持仓方向。单向持仓模式下为 BOTH；双向持仓模式下为 LONG 或 SHORT。

    Values not listed here are kept as they come from the exchange and compare equal to their wire string.

    Values:
        BOTH: One-way mode. / 单向持仓。
        LONG: Long side, in hedge mode. / 双向持仓的多头。
        SHORT: Short side, in hedge mode. / 双向持仓的空头。
    """

    BOTH = "BOTH"
    LONG = "LONG"
    SHORT = "SHORT"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "PositionSide | None":
        # Binance adds values without notice; an unknown one must not break parsing an otherwise valid answer.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
