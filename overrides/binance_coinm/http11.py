"""AsyncClient's connections without a proxy: HTTP/1.1 keep-alive over asyncio, answers parsed by httptools.

Why not aiohttp here (it stays for proxies, transport.AiohttpTransport): measured on the bench's loopback server, a
call through aiohttp's ClientSession costs about 190 µs of client CPU more than the same request written to an
asyncio protocol and parsed by httptools (llhttp, Node's parser, which aiohttp also builds on): two thirds of what
python-binance's whole call costs, and more than all of this SDK's own work per call. What is left here is what a
signed GET or POST to one host needs: a pool of keep-alive connections, a strict parser, timeouts per phase, and
the safety rules the aiohttp path had (no silent resend, no connection reused once bytes arrived unasked).

Errors are httpx's (ConnectError, ConnectTimeout, PoolTimeout, ReadTimeout, RemoteProtocolError, ReadError), as
the clients map them. httptools is imported on the first request, not with the package.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import select
import socket
import ssl
import time
import warnings
import weakref
from collections import deque
from typing import TYPE_CHECKING

import httpx

from .errors import BinanceError
from .transport import HeaderFields, time_left

if TYPE_CHECKING:
    from .bounded import BodyReader

_HIGH_WATER = 1 << 16
"""Bytes of body held unread before the socket stops being read (asyncio's flow control), as aiohttp's 64 KiB."""
_MAX_HEAD = 1 << 16
"""Bytes of an answer that are not its body (status line, headers, chunk sizes and extensions, trailers) allowed
beyond 8 per byte of body (chunks of one byte each take 5): Binance's headers are about 1 KiB. httptools holds a
header or trailer of any length in memory until it ends, so a server could otherwise flood it for ever."""
_WITHOUT_BODY = frozenset({"GET", "HEAD", "DELETE", "OPTIONS"})  # the rest send Content-Length: 0, as httpx does


class _Connection(asyncio.Protocol):
    """One keep-alive connection and, while a request is out, its answer (what AsyncClient._exchange reads)."""

    def __init__(self, pool: HttpPool, key: tuple[str, str, int]) -> None:
        import httptools  # noqa: PLC0415 - with the first connection, not with the package

        # Weak: a cycle would keep a dropped client's pool alive until the cyclic collector runs, maybe after its
        # event loop has closed, when its sockets can no longer be closed cleanly.
        self._pool = weakref.ref(pool)
        self.key = key
        self._parser = httptools.HttpResponseParser(self)
        self._transport: asyncio.Transport | None = None
        self._waiter: asyncio.Future[None] | None = None
        self.usable = True  # False once sending another request on it could be read wrongly
        self.counted = True  # in the pool's count of open connections
        self.idle_since = 0.0
        self._busy = False
        self._poll: select.poll | None = None
        self._sent = ("GET", "http://unsent/")
        self._reset()

    def _reset(self) -> None:
        self.status = 0
        self._raw: list[tuple[bytes, bytes]] = []
        self._chunks: list[bytes] = []
        self._buffered = self._received = self._body_size = 0
        self._begun = self._headed = self._complete = self._interim = False
        self._coding: bytes | None = None
        self._error: httpx.TransportError | None = None

    # -- asyncio protocol and httptools callbacks --------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = transport  # type: ignore[assignment] # a stream transport: create_connection made it
        self._poll = select.poll()  # not select.select: it cannot watch a descriptor past 1023
        self._poll.register(transport.get_extra_info("socket").fileno(), select.POLLIN)

    def data_received(self, data: bytes) -> None:
        if not self._busy or self._complete:
            # Bytes nobody asked for: a second answer smuggled behind the last one (response splitting), or a
            # server talking out of turn. Read later, they would pass for the answer to the next request.
            self.abort()
            return
        try:
            self._parser.feed_data(data)
        except Exception as exc:  # httptools' HttpParserError and its subclasses
            self.usable = False
            if not self._complete:  # after the answer's end: only the surplus was bad, the answer stands
                self._error = httpx.RemoteProtocolError(f"malformed answer ({type(exc).__name__}: {exc})")
        self._received += len(data)
        framing = self._received - self._body_size
        if framing > _MAX_HEAD + 8 * self._body_size and self._error is None and not self._complete:
            self._error = httpx.RemoteProtocolError(f"the answer's headers or framing run past {framing} bytes")
            self.abort()
        if self._buffered > _HIGH_WATER and self._transport is not None:
            self._transport.pause_reading()
        self._wake()

    def eof_received(self) -> bool:
        return False  # close; connection_lost then ends a body that runs to the connection's end

    def connection_lost(self, exc: Exception | None) -> None:
        self.usable = False
        if self._busy and not self._complete and self._error is None:
            if self._headed and exc is None and self._runs_to_close():  # a reset is no end of the body
                self._complete = True
            elif self._headed:
                self._error = httpx.ReadError("the server disconnected before the answer's end")
            else:
                self._error = httpx.RemoteProtocolError("the server disconnected without answering")
            if exc is not None and self._error is not None:  # a TLS or socket error says more than that
                self._error = type(self._error)(f"{self._error} ({type(exc).__name__}: {exc})")
        self._wake()
        pool = self._pool()
        if pool is not None:
            pool.lost(self)

    def on_message_begin(self) -> None:
        if self._begun:  # a second answer behind the first, in the same bytes
            self.abort()
        self._begun = True

    def on_header(self, name: bytes, value: bytes) -> None:
        if not self._headed:
            self._raw.append((name, value))
            if len(name) == 17 and name.lower() == b"transfer-encoding":  # the length first: a cheap test
                self._coding = value.lower()

    def on_headers_complete(self) -> None:
        if self._headed:
            return
        status = self._parser.get_status_code()
        if status < 200:  # an interim answer (100 Continue, 103 Early Hints): the answer follows it
            self._raw = []
            self._interim = True
            return
        if self._coding is not None and not self._coding.rstrip().endswith(b"chunked"):
            # A body that only the connection's close can end, on a connection kept alive: refused, as httpx does.
            self._error = httpx.RemoteProtocolError("an answer whose last Transfer-Encoding is not chunked")
            self.abort()
            return
        self.status = status
        self._headed = True

    def on_body(self, body: bytes) -> None:
        if not self._complete:
            self._chunks.append(body)
            self._buffered += len(body)
            self._body_size += len(body)

    def on_message_complete(self) -> None:
        if self._interim:
            self._interim = self._begun = False
        elif not self._complete:
            self._complete = True
            if not self._parser.should_keep_alive():
                self.usable = False

    # -- what the pool and the client use -----------------------------------------------------------------

    def _runs_to_close(self) -> bool:
        """The answer has neither Content-Length nor chunked coding: its body ends when the connection does."""
        return self._coding is None and HeaderFields(self._raw).get("content-length") is None

    def stale(self) -> bool:
        """Whether the socket has something to read while idle (the server's close, or bytes it was not asked
        for) that the event loop has not handled yet: a busy loop may run the next call first. httpcore checks
        the same before reusing a connection; sent on such a connection, a request's outcome would be unknown."""
        return self._poll is None or bool(self._poll.poll(0))  # POLLIN, or the hang-up and errors poll always reports

    def abort(self) -> None:
        self.usable = False
        if self._transport is not None:
            self._transport.abort()

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def _wait(self, timeout: float | None) -> None:
        """Until more of the answer (or its end, or an error) arrives; ReadTimeout after timeout seconds or at the
        call's deadline."""
        timeout = time_left(timeout)
        if timeout == 0:  # checked before waiting: a server that never stops sending would never let a timer run
            raise httpx.ReadTimeout("the call's deadline passed", request=httpx.Request(*self._sent))
        loop = asyncio.get_running_loop()
        waiter = self._waiter = loop.create_future()
        timer = None if timeout is None else loop.call_later(timeout, _expire, waiter)
        try:
            await waiter
        except httpx.ReadTimeout as exc:
            exc.request = httpx.Request(*self._sent)
            raise
        finally:
            self._waiter = None
            if timer is not None:
                timer.cancel()

    def send(self, request: bytes, method: str, url: str) -> None:
        self._reset()
        self._busy = True
        self._sent = (method, url)
        assert self._transport is not None  # noqa: S101 - the pool hands out connected connections only
        self._transport.write(request)

    async def head(self, timeout: float | None) -> None:
        """Wait for the answer's status line and headers."""
        while not self._headed and self._error is None:
            await self._wait(timeout)
        if self._error is not None and not self._headed:
            raise self._failed()

    @property
    def headers(self) -> HeaderFields:
        return HeaderFields(self._raw)

    @property
    def raw_headers(self) -> list[tuple[bytes, bytes]]:
        return self._raw

    async def read(self, reader: BodyReader, timeout: float | None) -> None:
        """Feed the body to reader as it arrives, to its end; ReadTimeout when timeout seconds pass without bytes."""
        while True:
            if self._chunks:
                chunks, self._chunks, self._buffered = self._chunks, [], 0
                if self._transport is not None:
                    self._transport.resume_reading()
                for chunk in chunks:
                    reader.feed(chunk)
            if self._complete:
                return
            if self._error is not None:
                raise self._failed()
            await self._wait(timeout)

    def _failed(self) -> httpx.TransportError:
        """The error, with the request it failed (the clients' messages name its host)."""
        assert self._error is not None  # noqa: S101 - called only when there is one
        self._error.request = httpx.Request(*self._sent)
        return self._error

    def done(self) -> None:
        """Back to the pool if its answer was read to the end and nothing makes it unsafe; else aborted (over TLS a
        polite close waits for the server's close_notify, which a server that stopped answering never sends)."""
        self._busy = False
        if not (self._complete and not self._chunks):
            self.usable = False
        pool = self._pool()
        if pool is None:
            self.abort()
        else:
            pool.release(self)


def _expire(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_exception(httpx.ReadTimeout("no bytes of the answer within the read timeout"))


class HttpPool:
    """AsyncClient's keep-alive connections: at most limits.max_connections open at once, idle ones kept
    limits.keepalive_expiry seconds; opened in the event loop of the first request, and usable only in it."""

    def __init__(self, limits: httpx.Limits, ssl_context: ssl.SSLContext) -> None:
        self._limit = limits.max_connections or 0
        self._expiry = math.inf if limits.keepalive_expiry is None else limits.keepalive_expiry
        self._ssl_context = ssl_context
        self._idle: list[_Connection] = []
        self._open = 0  # connections open or opening
        self._waiters: deque[asyncio.Future[_Connection | None]] = deque()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._heads: dict[tuple[str, str, int], bytes] = {}
        self._closed = False
        self._pid = os.getpid()

    async def send(self, method: str, url: str, headers: list[tuple[str, str]], timeout: httpx.Timeout) -> _Connection:
        """Send one request, its URL these exact bytes; returns its connection once the answer's headers are in."""
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            if self._loop is not None:
                # Connections belong to the loop that opened them; another loop would fail deep inside.
                raise BinanceError("this AsyncClient belongs to the event loop it first ran in: create one per loop")
            self._loop = loop
        key, target = _split(url)
        request = self._request(method, key, target, headers)
        try:
            connection = await self._connection(key, timeout)
        except httpx.TransportError as exc:
            exc.request = httpx.Request(method, url)
            raise
        try:
            connection.send(request, method, url)
            await connection.head(timeout.read)
        except BaseException:
            connection.done()
            raise
        return connection

    def _request(self, method: str, key: tuple[str, str, int], target: str, headers: list[tuple[str, str]]) -> bytes:
        head = self._heads.get(key)
        if head is None:
            scheme, host, port = key
            name = f"[{host}]" if ":" in host else host  # an IPv6 address, bracketed again
            netloc = name if (scheme, port) in (("http", 80), ("https", 443)) else f"{name}:{port}"
            head = self._heads[key] = f"Host: {netloc}\r\nAccept: */*\r\n".encode("ascii")
        if " " in target or not target.isprintable():  # CR or LF would end the request line early
            raise httpx.InvalidURL("a request target cannot hold spaces or control characters")
        lines = "".join(f"{name}: {value}\r\n" for name, value in headers)
        if method not in _WITHOUT_BODY:
            lines += "Content-Length: 0\r\n"
        try:
            return b"%s %s HTTP/1.1\r\n%s%s\r\n" % (
                method.encode("ascii"),
                target.encode("ascii"),
                head,
                lines.encode("latin-1"),
            )
        except UnicodeEncodeError:
            raise httpx.InvalidURL("the request has characters HTTP/1.1 cannot carry") from None

    async def _connection(self, key: tuple[str, str, int], timeout: httpx.Timeout) -> _Connection:
        """A pooled connection to key, or a new one once the pool has room (waiting at most timeout.pool in all).

        Whoever waits is served first: a finished connection, or the room a dropped one leaves, goes to the
        longest waiting call, not to whichever call asks next (a task calling in a loop would otherwise take its
        connection back before a waiting task ever ran)."""
        if self._closed:
            raise BinanceError("this AsyncClient is closed: create a new one")
        idle = self._idle
        if idle:
            now = time.monotonic()
            while idle:
                connection = idle.pop()
                if self._fresh(connection, key, now):
                    return connection
                self._drop(connection)
        if self._someone_waits() or (self._limit and self._open >= self._limit):
            handed = await self._wait_for_room(time_left(timeout.pool))
            if handed is not None:
                if self._fresh(handed, key, time.monotonic()):
                    return handed
                handed.abort()  # its room is this call's now: counted once, for the connection opened below
                handed.counted = False
        else:
            self._open += 1
        try:
            return await self._connect(key, timeout.connect)
        except BaseException:
            self._free_room()
            raise

    def _fresh(self, connection: _Connection, key: tuple[str, str, int], now: float) -> bool:
        return (
            connection.usable
            and connection.key == key
            and now - connection.idle_since < self._expiry
            and not connection.stale()
        )

    async def _wait_for_room(self, timeout: float | None) -> _Connection | None:
        """Wait in line for a connection handed over (returned) or the room to open one (None: counted already)."""
        waiter: asyncio.Future[_Connection | None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            async with asyncio.timeout(timeout):
                return await waiter
        except BaseException as exc:
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                # Handed something, then cancelled or timed out before taking it: the next in line takes it.
                handed = waiter.result()
                if handed is None:
                    self._free_room()
                else:
                    self.release(handed)
            elif waiter in self._waiters:
                self._waiters.remove(waiter)
            if isinstance(exc, TimeoutError):
                raise httpx.PoolTimeout("no connection of the pool came free within the pool timeout") from None
            raise

    async def _connect(self, key: tuple[str, str, int], timeout: float | None) -> _Connection:
        scheme, host, port = key
        secure = scheme == "https"
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(time_left(timeout)):
                _, connection = await loop.create_connection(
                    lambda: _Connection(self, key),
                    host,
                    port,
                    ssl=self._ssl_context if secure else None,
                    server_hostname=host if secure else None,
                )
        except TimeoutError:
            raise httpx.ConnectTimeout(f"no connection to {host}:{port} within the connect timeout") from None
        except OSError as exc:  # ssl.SSLError too
            # asyncio's "Connect call failed ('127.0.0.1', 9)" says where again, and not why: the errno's text does.
            if isinstance(exc, socket.gaierror):
                why: object = f"[Errno {exc.errno}] {exc.strerror}"  # the resolver's own words for its codes
            elif isinstance(exc, ssl.SSLError) or not exc.errno:
                why = exc
            else:
                why = f"[Errno {exc.errno}] {os.strerror(exc.errno)}"
            raise httpx.ConnectError(f"cannot connect to {host}:{port}: {why}") from None
        return connection

    def release(self, connection: _Connection) -> None:
        """A connection whose answer is finished (done() was called): to the first waiting call, or kept idle,
        if usable; else dropped."""
        if not connection.usable or self._closed:
            self._drop(connection)
            return
        connection.idle_since = time.monotonic()
        waiter = self._next_waiter()
        if waiter is None:
            self._idle.append(connection)
        else:
            waiter.set_result(connection)

    def lost(self, connection: _Connection) -> None:
        """The connection closed (either side) while idle: out of the pool."""
        if connection in self._idle:
            self._idle.remove(connection)
            self._drop(connection)

    def _drop(self, connection: _Connection) -> None:
        """Abort the connection and give up its room in the pool (once, however often it is dropped)."""
        connection.abort()
        if connection.counted:
            connection.counted = False
            self._free_room()

    def _free_room(self) -> None:
        """The room of a connection gone or never opened: to the first waiting call, which opens its own."""
        waiter = self._next_waiter()
        if waiter is None:
            self._open -= 1
        else:
            waiter.set_result(None)

    def _someone_waits(self) -> bool:
        waiters = self._waiters
        while waiters and waiters[0].done():  # cancelled, not yet out of line
            waiters.popleft()
        return bool(waiters)

    def _next_waiter(self) -> asyncio.Future[_Connection | None] | None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                return waiter
        return None

    async def aclose(self) -> None:
        loop = self._loop
        if loop is not None and loop is not asyncio.get_running_loop() and not loop.is_closed():
            raise BinanceError("this AsyncClient belongs to the event loop it first ran in: close it there")
        self._closed = True
        while (waiter := self._next_waiter()) is not None:  # calls waiting in line: nothing of theirs is sent
            waiter.set_exception(BinanceError("this AsyncClient is closed: create a new one"))
        idle, self._idle = self._idle, []
        for connection in idle:
            with contextlib.suppress(RuntimeError):  # its event loop has closed: asyncio closes the socket itself
                self._drop(connection)
        if idle:
            await asyncio.sleep(0)  # the transports' connection_lost callbacks close their sockets

    def __del__(self) -> None:
        """Dropped without aclose(): its sockets closed, with one warning."""
        if self._closed or not self._idle or self._pid != os.getpid():
            return  # in a fork, the parent's sockets: closing them would unregister them from a shared epoll
        warnings.warn(
            "an AsyncClient was not closed: use `async with AsyncClient(...)` or `await client.aclose()`",
            ResourceWarning,
            stacklevel=1,
        )
        for connection in self._idle:
            with contextlib.suppress(RuntimeError):  # the event loop is closed: asyncio's own __del__ closes it
                connection.abort()


def _split(url: str) -> tuple[tuple[str, str, int], str]:
    """(scheme, host, port) and the request target of an absolute http(s) URL, its path and query left as they are."""
    scheme, sep, rest = url.partition("://")
    netloc, _, target = rest.partition("/")
    if not sep or scheme not in ("http", "https") or not netloc:
        raise httpx.InvalidURL("not an absolute http(s) URL")
    host, colon, port = netloc.rpartition(":") if netloc.rfind(":") > netloc.rfind("]") else (netloc, "", "")
    if not colon:
        port = "443" if scheme == "https" else "80"
    if not port.isdigit() or not port.isascii():
        raise httpx.InvalidURL("a port must be a number")
    return (scheme, host.strip("[]"), int(port)), "/" + target
