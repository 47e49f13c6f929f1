# Generated from spec/openapi.yaml by `make generate` (openapi-python-client 0.29.1).
# Do not edit: change the spec or generator/ and run `make generate`.
from enum import StrEnum


class OrderType(StrEnum):
    """Order type. Other values (e.g. LIQUIDATION) may appear and are accepted.

    订单类型。可能出现其他值（例如 LIQUIDATION），也会被接受。

    Values not listed here are kept as they come from the exchange and compare equal to their wire string.

    Values:
        LIMIT: Limit order. / 限价单。
        MARKET: Market order. / 市价单。
        STOP: Stop-limit order. / 止损限价单。
        STOP_MARKET: Stop-market order. / 止损市价单。
        TAKE_PROFIT: Take-profit limit order. / 止盈限价单。
        TAKE_PROFIT_MARKET: Take-profit market order. / 止盈市价单。
        TRAILING_STOP_MARKET: Trailing stop market order. / 跟踪止损单。
    """

    LIMIT = "LIMIT"
    MARKET = "MARKET"
    STOP = "STOP"
    STOP_MARKET = "STOP_MARKET"
    TAKE_PROFIT = "TAKE_PROFIT"
    TAKE_PROFIT_MARKET = "TAKE_PROFIT_MARKET"
    TRAILING_STOP_MARKET = "TRAILING_STOP_MARKET"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "OrderType | None":
        # Binance adds values without notice; an unknown one must not break parsing an otherwise valid answer.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
