"""binance-coinm: typed, Decimal-exact Python SDK for Binance COIN-M Futures.

from binance_coinm import Client

with Client(api_key, api_secret) as client:
    order = client.query_current_open_order("BTCUSD_PERP", order_id=1917641)
"""

from binance_coinm_openapi._version import __version__
from binance_coinm_openapi.models import (
    Order,
    OrderSide,
    OrderStatus,
    OrderType,
    PositionSide,
    PriceMatch,
    SelfTradePreventionMode,
    ServerTime,
    TimeInForce,
    WorkingType,
)
from binance_coinm_openapi.types import DetailedResponse

from .client import DEFAULT_TIMEOUT, PRODUCTION_URL, TESTNET_URL, AsyncClient, Client, RetryPolicy
from .errors import (
    APIError,
    AuthenticationError,
    BinanceError,
    OrderNotFoundError,
    RateLimitError,
    RequestTimeoutError,
    ServerError,
    TimestampError,
    TransportError,
    ValidationError,
)

__all__ = [
    "DEFAULT_TIMEOUT",
    "PRODUCTION_URL",
    "TESTNET_URL",
    "APIError",
    "AsyncClient",
    "AuthenticationError",
    "BinanceError",
    "Client",
    "DetailedResponse",
    "Order",
    "OrderNotFoundError",
    "OrderSide",
    "OrderStatus",
    "OrderType",
    "PositionSide",
    "PriceMatch",
    "RateLimitError",
    "RequestTimeoutError",
    "RetryPolicy",
    "SelfTradePreventionMode",
    "ServerError",
    "ServerTime",
    "TimeInForce",
    "TimestampError",
    "TransportError",
    "ValidationError",
    "WorkingType",
    "__version__",
]
