# Generated from spec/openapi.yaml by `make generate` (openapi-python-client 0.29.1).
# Do not edit: change the spec or generator/ and run `make generate`.
from enum import StrEnum


class OrderStatus(StrEnum):
    """Order status. Other values (e.g. EXPIRED_IN_MATCH) may appear and are accepted.

    订单状态。可能出现其他值（例如 EXPIRED_IN_MATCH），也会被接受。

    Values not listed here are kept as they come from the exchange and compare equal to their wire string.

    Values:
        NEW: New, not yet filled. / 新建订单，未成交。
        PARTIALLY_FILLED: Partially filled. / 部分成交。
        FILLED: Fully filled. / 全部成交。
        CANCELED: Cancelled. / 已撤销。
        EXPIRED: Expired. / 订单过期。
    """

    CANCELED = "CANCELED"
    EXPIRED = "EXPIRED"
    FILLED = "FILLED"
    NEW = "NEW"
    PARTIALLY_FILLED = "PARTIALLY_FILLED"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "OrderStatus | None":
        # Binance adds values without notice; an unknown one must not break parsing an otherwise valid answer.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
