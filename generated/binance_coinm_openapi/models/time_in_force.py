# Generated from spec/openapi.yaml by `make generate` (openapi-python-client 0.29.1).
# Do not edit: change the spec or generator/ and run `make generate`.
from enum import StrEnum


class TimeInForce(StrEnum):
    """How long the order stays active. COIN-M has no GTD.

    订单的有效方法。币本位合约没有 GTD。

    Values not listed here are kept as they come from the exchange and compare equal to their wire string.

    Values:
        GTC: Good till cancelled. / 成交为止：在成交或被撤销前一直有效。
        IOC: Immediate or cancel. / 无法立即成交的部分就撤销。
        FOK: Fill or kill. / 无法全部立即成交就撤销。
        GTX: Good till crossing (post only). / 无法成为挂单方就撤销（只做挂单，Post Only）。
    """

    FOK = "FOK"
    GTC = "GTC"
    GTX = "GTX"
    IOC = "IOC"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "TimeInForce | None":
        # Binance adds values without notice; an unknown one must not break parsing an otherwise valid answer.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
