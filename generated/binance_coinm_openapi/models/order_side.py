# Generated from spec/openapi.yaml by `make generate` (openapi-python-client 0.29.1).
# Do not edit: change the spec or generator/ and run `make generate`.
from enum import StrEnum


class OrderSide(StrEnum):
    """Order side.

    买卖方向。

    Values not listed here are kept as they come from the exchange and compare equal to their wire string.

    Values:
        BUY: Buy. / 买入。
        SELL: Sell. / 卖出。
    """

    BUY = "BUY"
    SELL = "SELL"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "OrderSide | None":
        # Binance adds values without notice; an unknown one must not break parsing an otherwise valid answer.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
