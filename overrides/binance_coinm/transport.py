"""The clients' connections: a per-call deadline for Client's sockets, and AsyncClient's transport through a proxy.

Client (httpx over httpcore) applies timeouts to each socket operation, so a server dripping one byte every half
second keeps a call alive for ever. DeadlineBackend wraps httpcore's network backend and shortens every connect,
read and write to what is left of the calling call's deadline (DEADLINE, a context variable, so each thread and
each nested call sees its own).

AsyncClient without a proxy sends through binance_coinm.http11. Through a proxy, through aiohttp: measured on
loopback, httpx's default async transport costs about twice aiohttp's per call and, with the pool full, closes
idle connections only to open new ones. httpx-aiohttp would be the library for this, but it
hands aiohttp the URL as text, and aiohttp re-quotes it (`%3A%2F` becomes `:/`): the query sent is then not the one
signed, and Binance answers -1022 for client order ids with ':' or '/'. It also reports a dropped connection as a
connect timeout. This transport passes the URL as already encoded, streams the body (the caller reads it within a
cap), maps errors precisely, and never reuses a connection on which bytes arrived while it was idle.
aiohttp is imported on the first request, not with the package.
"""

from __future__ import annotations

import math
import os
import ssl
import time
import warnings
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

import httpx

from .errors import BinanceError

if TYPE_CHECKING:
    import aiohttp
    import httpcore

    from .bounded import BodyReader

DEADLINE: ContextVar[float] = ContextVar("binance_coinm_deadline", default=math.inf)
"""The time.monotonic() by which the current call must end; every socket operation of Client is cut to it."""


def time_left(timeout: float | None) -> float | None:
    """timeout (seconds, None: no limit) cut to what is left of the current call's deadline, 0 once it has passed."""
    deadline = DEADLINE.get()
    if deadline == math.inf:
        return timeout
    left = max(0.0, deadline - time.monotonic())
    return left if timeout is None else min(timeout, left)


def _within_deadline(timeout: float | None, error: str) -> float | None:
    """timeout cut to what is left of the call's deadline; raises httpcore's `error` timeout once it has passed."""
    timeout = time_left(timeout)
    if timeout == 0 and DEADLINE.get() <= time.monotonic():
        import httpcore  # noqa: PLC0415 - imported by httpx's transport by then; kept out of `import binance_coinm`

        raise getattr(httpcore, error)("the call's deadline passed")
    return timeout


# httpcore's NetworkStream and NetworkBackend interfaces, implemented without subclassing them: importing httpcore
# with the package would cost `import binance_coinm` about 18 ms (httpx itself imports it on first use).
class _DeadlineStream:
    __slots__ = ("_stream",)

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _within_deadline(timeout, "ReadTimeout"))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _within_deadline(timeout, "WriteTimeout"))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> _DeadlineStream:
        timeout = _within_deadline(timeout, "ConnectTimeout")
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class DeadlineBackend:
    """httpcore's network backend with every socket operation cut to DEADLINE. TCP only: the SDK opens no Unix
    sockets, and its pool never retries a connection (httpcore's only use of its backend's sleep)."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> _DeadlineStream:
        timeout = _within_deadline(timeout, "ConnectTimeout")
        return _DeadlineStream(self._backend.connect_tcp(host, port, timeout, local_address, socket_options))


def sync_transport(limits: httpx.Limits, proxy: str | None, ssl_context: ssl.SSLContext) -> httpx.HTTPTransport:
    """httpx's transport for Client, its sockets cut to each call's deadline."""
    transport = httpx.HTTPTransport(verify=ssl_context, limits=limits, proxy=proxy)
    pool = transport._pool  # httpx exposes no network_backend argument; its pool (and proxy pool) takes one
    pool._network_backend = DeadlineBackend(pool._network_backend)  # type: ignore[assignment] # same interface
    return transport


def drop_if_surplus(response: httpx.Response) -> None:
    """Close the connection of a fully read answer if bytes beyond it arrived with it.

    Those bytes can only be a second answer smuggled behind this one (response splitting); kept, they would be read
    as the answer to the next request on this pooled connection. Bytes arriving later, while the connection idles,
    are caught by httpcore, which never reuses an idle connection that has something to read; a closed socket counts
    as that, so closing it here keeps the connection out of use.

    h11 holds the surplus, at the end of a chain of wrappers that httpx and httpcore expose no API for: httpx's
    response streams, httpcore's pool stream and its connection. tests/test_hostile_network.py fails if a new
    version breaks the chain (this function then does nothing rather than fail every call).
    """
    try:
        state = response.stream._stream._httpcore_stream._stream._connection._h11_state  # type: ignore[union-attr]
    except AttributeError:
        return
    if state.trailing_data[0]:
        response.extensions["network_stream"].close()


def _running_loop() -> object:
    import asyncio  # noqa: PLC0415 - already imported by the caller's event loop

    return asyncio.get_running_loop()


class as_httpx_errors:  # noqa: N801 - used as a context manager, named as the contextlib ones
    """aiohttp's errors as the httpx errors the clients map (request: makes the request they name, only then).

    A class, not @contextlib.contextmanager: entered twice per AsyncClient call, the generator-based one cost about
    3 µs a use, this about 0.6 (timed alone)."""

    __slots__ = ("_request",)

    def __init__(self, request: Callable[[], httpx.Request]) -> None:
        self._request = request

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, traceback: object) -> None:
        if exc is None:
            return
        import aiohttp  # noqa: PLC0415 - imported by then: the exception came from it

        httpx_kind: type[httpx.TransportError]
        if isinstance(exc, aiohttp.ConnectionTimeoutError):
            httpx_kind = httpx.ConnectTimeout
        elif isinstance(exc, TimeoutError | aiohttp.SocketTimeoutError):
            httpx_kind = httpx.ReadTimeout
        elif isinstance(exc, aiohttp.ClientConnectorError):
            httpx_kind = httpx.ConnectError
        elif isinstance(exc, aiohttp.ServerDisconnectedError):
            httpx_kind = httpx.RemoteProtocolError
        elif isinstance(exc, aiohttp.ClientError):
            httpx_kind = httpx.ReadError
        else:
            return
        # aiohttp's class in the message too: its name says more than the httpx class it maps to.
        raise httpx_kind(f"{type(exc).__name__}: {exc}", request=self._request()) from exc


def _clean_connector(limits: httpx.Limits, ssl_context: ssl.SSLContext) -> aiohttp.TCPConnector:
    import aiohttp  # noqa: PLC0415

    class CleanConnector(aiohttp.TCPConnector):
        """Never hands out a pooled connection on which bytes arrived while it idled: aiohttp would parse them as
        the answer to the next request sent on it (response splitting). _get is aiohttp's pool lookup."""

        async def _get(self, key: Any, traces: Any) -> Any:
            while (connection := await super()._get(key, traces)) is not None:
                if connection.protocol is not None and not connection.protocol.should_close:
                    return connection
                connection.close()
            return None

    return CleanConnector(limit=limits.max_connections or 0, keepalive_timeout=limits.keepalive_expiry, ssl=ssl_context)


class HeaderFields:
    """An answer's raw headers for AsyncClient's look-ups (http11's and aiohttp's alike), read as httpx.Headers reads
    them (case-insensitive; a header sent more than once is its values joined with ", ", so "Retry-After: 1" twice
    is "1, 1", unreadable on both clients alike), at a dict's cost."""

    __slots__ = ("_values",)

    def __init__(self, raw: Iterable[tuple[bytes, bytes]]) -> None:
        values: dict[str, list[str]] = {}
        for name, value in raw:
            values.setdefault(name.decode("latin-1").lower(), []).append(value.decode("latin-1"))
        self._values = values

    def get(self, key: str, default: Any = None) -> Any:
        values = self._values.get(key.lower())
        return default if values is None else ", ".join(values)

    def get_list(self, key: str) -> list[str]:
        return list(self._values.get(key.lower(), ()))


class AiohttpAnswer:
    """An answer through aiohttp, read as AsyncClient reads http11's: status, headers, read(), done()."""

    __slots__ = ("_errors", "_response", "headers", "raw_headers", "status")

    def __init__(self, response: aiohttp.ClientResponse, errors: as_httpx_errors) -> None:
        self._response = response
        self._errors = errors
        self.status = response.status
        self.headers = HeaderFields(response.raw_headers)
        self.raw_headers = response.raw_headers

    async def read(self, reader: BodyReader, timeout: float | None) -> None:
        """Feed the body to reader to its end (aiohttp's sock_read timeout applies; timeout is http11's)."""
        content = self._response.content
        with self._errors:
            if reader.declared is not None:  # aiohttp reads no more than Content-Length: one read, not a loop
                reader.feed(await content.read())
            else:
                async for chunk in content.iter_any():
                    reader.feed(chunk)

    def done(self) -> None:
        """Finish with an answer: its connection goes back to the pool only if the answer was read to its end (aiohttp
        has then taken it back already); before that, it is aborted, not closed politely: over TLS a polite close
        waits for the server's close_notify, which a server that stopped answering never sends, and on Python 3.11
        the socket then outlives the event loop ("unclosed transport")."""
        connection = self._response.connection
        if connection is not None and connection.protocol is not None:
            connection.protocol.abort()
        self._response.close()


class AiohttpTransport:
    """AsyncClient's connections through a proxy: one aiohttp session, opened lazily in the running event loop."""

    def __init__(self, limits: httpx.Limits, ssl_context: ssl.SSLContext, proxy: str | None = None) -> None:
        self._limits = limits
        self._ssl_context = ssl_context
        self._proxy = proxy
        self._session: aiohttp.ClientSession | None = None
        self._loop: object = None
        self._pid = os.getpid()

    def _open(self) -> aiohttp.ClientSession:
        import asyncio  # noqa: PLC0415 - deferred: `import binance_coinm` must stay cheap

        import aiohttp  # noqa: PLC0415

        self._loop = asyncio.get_running_loop()
        connector = _clean_connector(self._limits, self._ssl_context)
        # httpx decodes Content-Encoding itself, and sets its own headers (Accept-Encoding, User-Agent).
        # No cookie jar: the API is stateless, and a jar would send back whatever a proxy set.
        session = aiohttp.ClientSession(
            connector=connector,
            auto_decompress=False,
            skip_auto_headers=("User-Agent",),
            cookie_jar=aiohttp.DummyCookieJar(),
        )
        # aiohttp silently resends an idempotent request once when the connection drops. The SDK's RetryPolicy
        # must be the only thing that retries: each attempt re-signed, counted against max_attempts and budget.
        if hasattr(session, "_retry_connection"):
            session._retry_connection = False
        return session

    def _here(self) -> aiohttp.ClientSession:
        """The session, opened in the running event loop on first use."""
        if self._session is not None and self._loop is not _running_loop():
            # aiohttp's connections belong to the loop that opened them; another loop would fail deep inside.
            raise BinanceError("this AsyncClient belongs to the event loop it first ran in: create one per loop")
        session = self._session or self._open()
        self._session = session
        return session

    async def send(
        self, method: str, url: str, headers: list[tuple[str, str]], timeout: httpx.Timeout
    ) -> AiohttpAnswer:
        """One request straight through aiohttp (no httpx request and response objects on the way): url is sent as
        these exact bytes. The answer's body is left to read; errors come as httpx's."""
        import aiohttp  # noqa: PLC0415
        from yarl import URL  # noqa: PLC0415

        session = self._here()
        # aiohttp takes a total of 0 for no limit at all: a deadline already passed is a millisecond left.
        left = time_left(None)
        limits = aiohttp.ClientTimeout(
            total=None if left is None else max(left, 0.001),
            connect=timeout.pool,
            sock_connect=timeout.connect,
            sock_read=timeout.read,
            ceil_threshold=math.inf,  # aiohttp rounds a timeout past 5 s up to a whole second: past the deadline
        )
        errors = as_httpx_errors(lambda: httpx.Request(method, url))
        with errors:
            response = await session.request(
                method,
                URL(url, encoded=True),  # encoded=True: send these exact bytes, no re-quoting
                headers=headers,
                allow_redirects=False,
                proxy=self._proxy,
                timeout=limits,
            )
        return AiohttpAnswer(response, errors)

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def __del__(self) -> None:
        """Dropped without aclose(): close the pooled sockets as aiohttp would, with one warning of ours instead
        of aiohttp's "Unclosed client session" and "Unclosed connector" reports on stderr."""
        session = self._session
        if session is None or session.closed:
            return
        connector = session.connector
        if self._pid != os.getpid():
            # A fork's copy of the parent's pool: closing its sockets here would unregister the parent's.
            if connector is not None:
                connector._closed = True
            return
        warnings.warn(  # stacklevel 1: this line; the frame above is whichever asyncio frame dropped the client
            "an AsyncClient was not closed: use `async with AsyncClient(...)` or `await client.aclose()`",
            ResourceWarning,
            stacklevel=1,
        )
        if connector is not None:
            connector._close()
