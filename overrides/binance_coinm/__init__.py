"""binance-coinm: typed, Decimal-exact Python SDK for Binance COIN-M Futures.

Client and AsyncClient have one method per operation of spec/openapi.yaml, named after its operationId in
snake_case, and a *_detailed twin that also returns status, headers and used weight: see help(Client) and
docs/reference.en.md.
"""

from binance_coinm_openapi import models as _models
from binance_coinm_openapi._version import __version__
from binance_coinm_openapi.models import *  # noqa: F403 - every model of the spec, named as the generator names it
from binance_coinm_openapi.types import DetailedResponse

from .bounded import DEFAULT_MAX_BODY_SIZE
from .client import DEFAULT_DEADLINE, DEFAULT_TIMEOUT, PRODUCTION_URL, TESTNET_URL, AsyncClient, Client, RetryPolicy
from .errors import (
    APIError,
    AuthenticationError,
    BinanceError,
    OrderNotFoundError,
    RateLimitError,
    RequestTimeoutError,
    ResponseTooLargeError,
    ServerError,
    ServerTimeError,
    TimestampError,
    TransportError,
    ValidationError,
)

__all__ = [
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_BODY_SIZE",
    "DEFAULT_TIMEOUT",
    "PRODUCTION_URL",
    "TESTNET_URL",
    "APIError",
    "AsyncClient",
    "AuthenticationError",
    "BinanceError",
    "Client",
    "DetailedResponse",
    "OrderNotFoundError",
    "RateLimitError",
    "RequestTimeoutError",
    "ResponseTooLargeError",
    "RetryPolicy",
    "ServerError",
    "ServerTimeError",
    "TimestampError",
    "TransportError",
    "ValidationError",
    "__version__",
]
__all__ += _models.__all__
