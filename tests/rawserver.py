"""A loopback HTTP server that answers with whatever bytes a test scripts: the hostile servers of test_hostile.

Each connection runs the script in its own thread, so a server that drips bytes never holds up another. Traffic
stays on 127.0.0.1, and every thread ends when the test's `with` block does.
"""

from __future__ import annotations

import contextlib
import json
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from urllib.parse import parse_qs, urlsplit

from binance_coinm.testing import order as simulated_order

Script = Callable[["Connection"], None]


class Connection:
    """One accepted connection, as a script sees it."""

    def __init__(self, sock: socket.socket, stop: threading.Event) -> None:
        self.sock = sock
        self.stop = stop
        self._buffer = b""
        self.last_head: dict[str, str] = {}

    def request(self) -> dict[str, str] | None:
        """The next request's query parameters (path under "_path"), or None once the client has gone."""
        while b"\r\n\r\n" not in self._buffer:
            try:
                data = self.sock.recv(65536)
            except OSError:
                return None
            if not data:
                return None
            self._buffer += data
        head, _, self._buffer = self._buffer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        self.last_head = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)  # the request's headers
        target = head.split(b"\r\n", 1)[0].split(b" ")[1].decode()
        query = {name: values[0] for name, values in parse_qs(urlsplit(target).query).items()}
        return {"_path": urlsplit(target).path, **query}

    def send(self, data: bytes) -> bool:
        """Write data; False once the client has dropped the connection."""
        try:
            self.sock.sendall(data)
        except OSError:
            return False
        return True

    def drip(self, data: bytes, every: float) -> bool:
        """Write data one byte at a time, every `every` seconds; False once the client has dropped the connection."""
        sent = 0
        while sent < len(data) and not self.stop.wait(every) and self.send(data[sent : sent + 1]):
            sent += 1
        return sent == len(data)


def answer(body: bytes, status: str = "200 OK", headers: tuple[str, ...] = ()) -> bytes:
    """A complete HTTP/1.1 response with Content-Length."""
    lines = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}", "Content-Type: application/json", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def order(order_id: int) -> bytes:
    """The simulator's order answer for order_id."""
    return json.dumps(simulated_order(orderId=order_id, symbol="BTCUSD_PERP")).encode()


class RawServer:
    """Serves script on every connection; `dropped` counts connections the client closed while the script wrote."""

    def __init__(self, script: Script, tls: ssl.SSLContext | None = None) -> None:
        self.script = script
        self._tls = tls
        self.connections = 0
        self.dropped = threading.Event()
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self._threads: list[threading.Thread] = []
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self._listener.getsockname()[1]}"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                sock, _ = self._listener.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            thread = threading.Thread(target=self._run, args=(sock,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _run(self, sock: socket.socket) -> None:
        if self._tls is not None:
            try:
                sock.settimeout(5)
                sock = self._tls.wrap_socket(sock, server_side=True)  # the handshake; a client may refuse it
                sock.settimeout(None)
            except OSError:
                sock.close()
                return
        with sock:
            connection = Connection(sock, self._stop)
            with contextlib.suppress(OSError):
                self.script(connection)
            # Hold the connection open until the client closes it, so a client that keeps it is not told to drop it.
            sock.settimeout(0.1)
            while not self._stop.is_set():
                try:
                    if not sock.recv(65536):
                        break
                except TimeoutError:
                    continue
                except OSError:
                    break
            self.dropped.set()

    def __enter__(self) -> RawServer:
        thread = threading.Thread(target=self._accept, daemon=True)
        self._threads.append(thread)
        thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        deadline = time.monotonic() + 5
        for thread in self._threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
        self._listener.close()


@contextlib.contextmanager
def raw_server(script: Script, tls: ssl.SSLContext | None = None) -> Iterator[RawServer]:
    """The server, over TLS with tls (a server-side context) if given."""
    with RawServer(script, tls) as server:
        yield server
