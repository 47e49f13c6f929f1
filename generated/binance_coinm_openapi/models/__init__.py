# Generated from spec/openapi.yaml by `make generate` (openapi-python-client 0.29.1).
# Do not edit: change the spec or generator/ and run `make generate`.
"""Contains all the data models used in inputs/outputs"""

from .error import Error
from .order import Order
from .order_side import OrderSide
from .order_status import OrderStatus
from .order_type import OrderType
from .position_side import PositionSide
from .price_match import PriceMatch
from .self_trade_prevention_mode import SelfTradePreventionMode
from .server_time import ServerTime
from .time_in_force import TimeInForce
from .working_type import WorkingType

__all__ = (
    "Error",
    "Order",
    "OrderSide",
    "OrderStatus",
    "OrderType",
    "PositionSide",
    "PriceMatch",
    "SelfTradePreventionMode",
    "ServerTime",
    "TimeInForce",
    "WorkingType",
)
