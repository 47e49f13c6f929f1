"""An offline Binance COIN-M exchange for testing bots: `ExchangeSimulator`, and the pytest fixture
`binance_sandbox` (registered by installing this package).

    from binance_coinm.testing import ExchangeSimulator

    with ExchangeSimulator() as sandbox, sandbox.client() as client:
        my_bot.run(client)  # your code, calling the exchange through client
        assert all(request.status == 200 for request in sandbox.requests)

The simulator serves every operation of the spec the SDK was generated from, over real HTTP on 127.0.0.1, with
Binance's rules: API keys (HMAC secrets, or Ed25519/RSA public keys), signatures verified with its own code (never
the SDK's signer), the timing rule (timestamp, recvWindow), the spec's parameter rules, request weight per
window with 429 -1003 and Retry-After past the budget, and Binance's error answers (-2013, -1121, -1022, ...).
Its state can be seeded and inspected: orders of any status, clock skew, faults, and the request log.

Also a command: `binance-coinm sandbox --help`.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from ..client import AsyncClient, Client
from .exchange import (
    DEFAULT_FAULT_BODY,
    DEMO_API_KEY,
    DEMO_API_SECRET,
    DOC_ORDER,
    Exchange,
    Fault,
    Request,
    demo_exchange,
    demo_orders,
    order,
)
from .server import is_loopback, serve

__all__ = [
    "DEMO_API_KEY",
    "DEMO_API_SECRET",
    "DOC_ORDER",
    "Exchange",
    "ExchangeSimulator",
    "Fault",
    "Request",
    "demo_exchange",
    "demo_orders",
    "order",
]

BINANCE_WEIGHT_LIMIT = 2400  # request weight per minute per IP on COIN-M (Binance, "Limits")


class ExchangeSimulator:
    """A simulated Binance COIN-M exchange on 127.0.0.1, for `with` (or `async with`) blocks.

    exchange: the state to serve; by default the demo account: API key DEMO_API_KEY with HMAC secret
    DEMO_API_SECRET, the orders of demo_orders(), and Binance's weight budget (2,400 per 60 s).
    host, port: where to listen; port 0 (the default) takes a free one. A host that is not a loopback address
    is served only when asked for, with a warning: the simulator accepts any request that follows the rules.

    Inside the block, `.base_url` is the URL to give a client (or `.client()` / `.async_client()` builds one).
    """

    def __init__(self, exchange: Exchange | None = None, *, host: str = "127.0.0.1", port: int = 0) -> None:
        if not isinstance(host, str) or not host.strip():
            raise ValueError(f"host must be an address to listen on, such as 127.0.0.1, not {host!r}")
        if type(port) is not int or not 0 <= port <= 65535:
            raise ValueError(f"port must be a whole number from 0 (any free port) to 65535, not {port!r}")
        self.exchange = exchange if exchange is not None else demo_exchange(weight_limit=BINANCE_WEIGHT_LIMIT)
        self.host, self.port = host, port
        self._serving: Any = None
        self._base_url: str | None = None

    # -- running ------------------------------------------------------------------------------------------------

    def start(self) -> str:
        """Start serving; returns the base URL (also `.base_url`)."""
        if self._serving is not None:
            raise RuntimeError("the simulator is already running")
        if not is_loopback(self.host):
            warnings.warn(
                f"the exchange simulator listens on {self.host}, not only on this machine: anyone who can reach "
                "it can use its keys",
                stacklevel=2,
            )
        serving = serve(self.exchange, port=self.port, host=self.host)
        self._base_url, _ = serving.__enter__()
        self._serving = serving
        return self._base_url

    def stop(self) -> None:
        """Stop serving (open connections are closed); the state stays readable."""
        serving, self._serving = self._serving, None
        if serving is not None:
            serving.__exit__(None, None, None)

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:PORT, while running."""
        if self._base_url is None or self._serving is None:
            raise RuntimeError("the simulator is not running: use it in a `with` block, or call start()")
        return self._base_url

    def __enter__(self) -> ExchangeSimulator:
        if self._serving is None:  # start() may have been called already
            self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    async def __aenter__(self) -> ExchangeSimulator:
        # The server runs on its own thread and loop: starting it does not block the caller's loop for long.
        return self.__enter__()

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()

    # -- clients ------------------------------------------------------------------------------------------------

    def client(self, api_key: str = DEMO_API_KEY, api_secret: str | None = DEMO_API_SECRET, **options: Any) -> Client:
        """A Client pointed at the simulator, with the demo key unless told otherwise; options go to Client."""
        return Client(api_key, api_secret, **{"base_url": self.base_url, **options})

    def async_client(
        self, api_key: str = DEMO_API_KEY, api_secret: str | None = DEMO_API_SECRET, **options: Any
    ) -> AsyncClient:
        """An AsyncClient pointed at the simulator, with the demo key unless told otherwise."""
        return AsyncClient(api_key, api_secret, **{"base_url": self.base_url, **options})

    # -- seeding ------------------------------------------------------------------------------------------------

    def add_hmac_key(self, api_key: str, secret: str) -> None:
        """Accept api_key, with requests signed by HMAC-SHA256 with secret."""
        self.exchange.add_hmac_key(api_key, secret)

    def add_public_key(self, api_key: str, public_key: bytes | str | Path) -> None:
        """Accept api_key, with requests signed by the private half of an Ed25519 or RSA public key (PEM text or
        bytes, or a path to the .pem file). Raises ValueError for another kind of key."""
        pem = public_key.read_bytes() if isinstance(public_key, Path) else public_key
        self.exchange.add_public_key(api_key, pem.encode() if isinstance(pem, str) else pem)

    def add_order(self, **fields: Any) -> dict[str, Any]:
        """Put an order in the book, in any status; returns it as the exchange will answer it.

        fields: the wire fields (orderId, symbol, status, price as a Decimal or its string, ...); the rest come
        from Binance's documented example order (DOC_ORDER), with time and updateTime now and, when orderId is
        not given, the next free one. A field given as None is left out of the answer.

        Raises TypeError or ValueError for an order the exchange could not hold: a field the spec's Order
        requires left out, or a value of the wrong type (see Exchange.add_order).
        """
        now = self.exchange.server_ms()
        template = {name: value for name, value in DOC_ORDER.items() if name != "orderId"}  # the next free id
        data = {**template, "time": now, "updateTime": now, **fields}
        return self.exchange.add_order({k: v for k, v in data.items() if v is not None}, checked=True)

    def orders(self) -> list[dict[str, Any]]:
        """Every order in the book, by orderId."""
        with self.exchange.lock:
            return [dict(data) for _, data in sorted(self.exchange.orders.items(), key=lambda item: item[0][1])]

    @property
    def clock_skew_ms(self) -> int:
        """How far the exchange's clock is ahead of this machine's, in ms (negative: behind)."""
        return self.exchange.skew_ms

    @clock_skew_ms.setter
    def clock_skew_ms(self, value: int) -> None:
        if type(value) is not int:
            raise TypeError(f"clock_skew_ms is a whole number of milliseconds, not {value!r}")
        self.exchange.skew_ms = value

    # -- faults -------------------------------------------------------------------------------------------------

    def fail_next(
        self,
        status: int = 503,
        body: bytes | str | Mapping[str, Any] | None = None,
        *,
        retry_after: float | None = None,
        headers: Mapping[str, str] | None = None,
        times: int = 1,
        path: str | None = None,
    ) -> None:
        """Answer the next `times` requests (to `path`, one of the spec's paths; None: any) with `status`.

        body: a dict (sent as JSON, e.g. {"code": -1003, "msg": "..."}), text (e.g. an HTML error page, sent as
        text/html) or bytes; by default Binance's -1000 JSON. retry_after: seconds, sent as Retry-After (as with
        429 and 418).
        """
        if type(status) is not int or not 100 <= status <= 599:
            raise ValueError(f"status must be an HTTP status from 100 to 599, not {status!r}")
        sent: dict[str, str] = dict(headers or {})
        for name, value in sent.items():
            if not (isinstance(name, str) and isinstance(value, str)) or any(c in name + value for c in "\r\n\0"):
                raise ValueError(f"header {name!r}: names and values are text without line breaks")
        if isinstance(body, Mapping):
            payload = json.dumps(dict(body), ensure_ascii=False).encode()
            sent.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            payload = body.encode()
            sent.setdefault("Content-Type", "text/html; charset=utf-8")
        elif isinstance(body, bytes | None):
            payload = body if body is not None else DEFAULT_FAULT_BODY
            sent.setdefault("Content-Type", "application/json")
        else:
            raise TypeError(f"body is a dict (JSON), text (HTML) or bytes, not {type(body).__name__}")
        if retry_after is not None:
            sent["Retry-After"] = f"{_seconds(retry_after, 'retry_after'):g}"
        self._inject(Fault("status", status=status, body=payload, headers=sent), times, path)

    def delay_next(self, seconds: float, *, times: int = 1, path: str | None = None) -> None:
        """Answer the next `times` requests normally, but only after `seconds`."""
        self._inject(Fault("delay", seconds=_seconds(seconds, "seconds")), times, path)

    def drop_next(self, *, times: int = 1, path: str | None = None) -> None:
        """Close the connection on the next `times` requests without answering."""
        self._inject(Fault("close"), times, path)

    def _inject(self, fault: Fault, times: int, path: str | None) -> None:
        if type(times) is not int or times < 1:
            raise ValueError(f"times must be a whole number of at least 1, not {times!r}")
        if path is not None and (not isinstance(path, str) or not path.startswith("/")):
            raise ValueError(f"path is a request path, starting with /, not {path!r}")
        fault.times, fault.path = times, path
        self.exchange.inject(fault)

    # -- inspecting ---------------------------------------------------------------------------------------------

    @property
    def requests(self) -> list[Request]:
        """The requests received so far, oldest first (method, path, raw query, API key, status answered)."""
        with self.exchange.lock:
            return list(self.exchange.requests)

    @property
    def used_weight(self) -> int:
        """The request weight used in the current window, as X-MBX-USED-WEIGHT-1M reports it."""
        return self.exchange.used_weight

    @property
    def open_connections(self) -> int:
        """The client connections open now: a client that was closed leaves none behind."""
        return self.exchange.open_connections

    def __repr__(self) -> str:
        where = self._base_url if self._serving is not None else "stopped"
        return f"<ExchangeSimulator {where}, {len(self.exchange.orders)} orders>"


def _seconds(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < float("inf"):
        raise ValueError(f"{name} is a number of seconds, at least 0, not {value!r}")
    return float(value)
