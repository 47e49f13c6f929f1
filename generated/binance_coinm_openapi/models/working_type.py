# Generated from spec/openapi.yaml by `make generate` (openapi-python-client 0.29.1).
# Do not edit: change the spec or generator/ and run `make generate`.
from enum import StrEnum


class WorkingType(StrEnum):
    """Price type that triggers a conditional order.

    条件价格触发类型。

    Values not listed here are kept as they come from the exchange and compare equal to their wire string.

    Values:
        MARK_PRICE: Mark price. / 标记价格。
        CONTRACT_PRICE: Latest contract price. / 合约最新价。
    """

    CONTRACT_PRICE = "CONTRACT_PRICE"
    MARK_PRICE = "MARK_PRICE"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "WorkingType | None":
        # Binance adds values without notice; an unknown one must not break parsing an otherwise valid answer.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
