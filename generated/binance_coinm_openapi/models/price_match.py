# Generated from spec/openapi.yaml by `make generate` (openapi-python-client 0.29.1).
# Do not edit: change the spec or generator/ and run `make generate`.
from enum import StrEnum


class PriceMatch(StrEnum):
    """Price match mode.

    盘口价格下单模式。

    Values not listed here are kept as they come from the exchange and compare equal to their wire string.

    Values:
        NONE: No price match. / 不使用盘口价格。
        OPPONENT: Best price on the opposite side of the book. / 盘口对手价。
        OPPONENT_5: Fifth best price on the opposite side. / 盘口对手5档价。
        OPPONENT_10: Tenth best price on the opposite side. / 盘口对手10档价。
        OPPONENT_20: Twentieth best price on the opposite side. / 盘口对手20档价。
        QUEUE: Best price on the same side of the book. / 盘口同向价。
        QUEUE_5: Fifth best price on the same side. / 盘口同向5档价。
        QUEUE_10: Tenth best price on the same side. / 盘口同向10档价。
        QUEUE_20: Twentieth best price on the same side. / 盘口同向20档价。
    """

    NONE = "NONE"
    OPPONENT = "OPPONENT"
    OPPONENT_10 = "OPPONENT_10"
    OPPONENT_20 = "OPPONENT_20"
    OPPONENT_5 = "OPPONENT_5"
    QUEUE = "QUEUE"
    QUEUE_10 = "QUEUE_10"
    QUEUE_20 = "QUEUE_20"
    QUEUE_5 = "QUEUE_5"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "PriceMatch | None":
        # Binance adds values without notice; an unknown one must not break parsing an otherwise valid answer.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
