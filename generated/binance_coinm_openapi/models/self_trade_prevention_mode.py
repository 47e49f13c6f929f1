# Generated from spec/openapi.yaml by `make generate` (openapi-python-client 0.29.1).
# Do not edit: change the spec or generator/ and run `make generate`.
from enum import StrEnum


class SelfTradePreventionMode(StrEnum):
    """Self-trade prevention mode.

    订单自成交保护模式。

    Values not listed here are kept as they come from the exchange and compare equal to their wire string.

    Values:
        NONE: No self-trade prevention. / 不做自成交保护。
        EXPIRE_TAKER: Expire the taker order. / 发生自成交时，吃单方订单过期。
        EXPIRE_BOTH: Expire both orders. / 发生自成交时，双方订单均过期。
        EXPIRE_MAKER: Expire the maker order. / 发生自成交时，挂单方订单过期。
    """

    EXPIRE_BOTH = "EXPIRE_BOTH"
    EXPIRE_MAKER = "EXPIRE_MAKER"
    EXPIRE_TAKER = "EXPIRE_TAKER"
    NONE = "NONE"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "SelfTradePreventionMode | None":
        # Binance adds values without notice; an unknown one must not break parsing an otherwise valid answer.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
