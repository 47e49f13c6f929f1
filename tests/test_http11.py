"""How answers are framed on the wire, read alike by Client (httpx) and AsyncClient (binance_coinm.http11): interim
answers, bodies that run to the connection's close, chunks split across writes, connections the server ends."""

from __future__ import annotations

import socket
import time
from typing import Any

import httpx
import pytest
from binance_coinm import TransportError
from binance_coinm.http11 import HttpPool

from tests.rawserver import Connection, answer, order, raw_server
from tests.test_hostile_network import KINDS, run


def _two_orders(client: Any) -> Any:
    """Order 2, then order 3 a moment later; for AsyncClient, a coroutine."""

    async def both_async() -> list[object]:
        first = await client.query_order("BTCUSD_PERP", order_id=2)
        time.sleep(0.1)  # the event loop sees nothing meanwhile: what the server did shows up on the next call
        return [first, await client.query_order("BTCUSD_PERP", order_id=3)]

    if hasattr(client, "aclose"):
        return both_async()
    first = client.query_order("BTCUSD_PERP", order_id=2)
    time.sleep(0.1)
    return [first, client.query_order("BTCUSD_PERP", order_id=3)]


def _order_ids(result: object) -> list[int]:
    assert isinstance(result, list), result
    return [found.order_id for found in result]


def _interim_first(connection: Connection) -> None:
    while (asked := connection.request()) is not None:
        connection.send(b"HTTP/1.1 103 Early Hints\r\nLink: </x>; rel=preload\r\n\r\n")
        connection.send(answer(order(int(asked["orderId"]))))


def _until_close(connection: Connection) -> None:
    asked = connection.request()
    if asked is not None:
        connection.send(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + order(int(asked["orderId"])))
        connection.sock.shutdown(socket.SHUT_RDWR)


def _chunked_in_pieces(connection: Connection) -> None:
    while (asked := connection.request()) is not None:
        body = order(int(asked["orderId"]))
        connection.send(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        for start in range(0, len(body), 100):
            piece = body[start : start + 100]
            connection.send(b"%x\r\n%s\r\n" % (len(piece), piece))
            time.sleep(0.002)  # separate writes, read as separate pieces
        connection.send(b"0\r\n\r\n")


def _connection_close(connection: Connection) -> None:
    asked = connection.request()
    if asked is not None:
        connection.send(answer(order(int(asked["orderId"])), headers=("Connection: close",)))


def _closed_when_idle(connection: Connection) -> None:
    asked = connection.request()
    if asked is not None:
        connection.send(answer(order(int(asked["orderId"]))))
        time.sleep(0.02)
        connection.sock.shutdown(
            socket.SHUT_RDWR
        )  # as a server's keep-alive timeout does, while the client holds it idle


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("script", "connections"),
    [(_interim_first, 1), (_chunked_in_pieces, 1), (_until_close, 2), (_connection_close, 2), (_closed_when_idle, 2)],
)
def test_each_framing_of_an_answer_is_read_and_the_connection_reused_only_when_it_may_be(
    kind: str, script: Any, connections: int
) -> None:
    with raw_server(script) as server:
        result, _ = run(kind, server.url, _two_orders)  # without retries: the first attempt must be right
        assert _order_ids(result) == [2, 3]
        assert server.connections == connections


def _cut_short(connection: Connection) -> None:
    if connection.request() is not None:
        connection.send(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + order(2)[:10])
        connection.sock.shutdown(socket.SHUT_RDWR)


def _no_answer(connection: Connection) -> None:
    if connection.request() is not None:
        connection.sock.shutdown(socket.SHUT_RDWR)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("script", "said"), [(_cut_short, "incomplete"), (_no_answer, "disconnected")])
def test_a_connection_ended_before_the_answers_end_is_a_transport_error(kind: str, script: Any, said: str) -> None:
    with raw_server(script) as server:
        error, _ = run(kind, server.url, lambda c: c.query_order("BTCUSD_PERP", order_id=2))
    assert type(error) is TransportError, error
    if kind == "AsyncClient":  # httpx's words differ: "peer closed connection without sending complete message body"
        assert said in str(error) or "before the answer's end" in str(error), error


def _endless_headers(connection: Connection) -> None:
    if connection.request() is not None:
        connection.send(b"HTTP/1.1 200 OK\r\n")
        for _ in range(2048):  # 16 MiB of one header's value, unless the client stops reading
            if not connection.send(b"X-Flood: " + b"a" * 8192):
                return


@pytest.mark.parametrize("kind", KINDS)
def test_headers_without_end_are_a_transport_error_not_a_growing_buffer(kind: str) -> None:
    with raw_server(_endless_headers) as server:
        error, took = run(kind, server.url, lambda c: c.query_order("BTCUSD_PERP", order_id=2), deadline=10.0)
    assert type(error) is TransportError, error
    assert took < 5.0, took  # refused as the bytes come, not at the deadline


def _pool_request(method: str, host: str, port: int, scheme: str = "http") -> bytes:
    pool = HttpPool(httpx.Limits(max_connections=1), ssl_context=None)  # type: ignore[arg-type] # never connects
    return pool._request(method, (scheme, host, port), "/dapi/v1/x?a=%3A", [("X-MBX-APIKEY", "k")])


def test_a_request_head_is_what_http_1_1_asks_for() -> None:
    assert _pool_request("GET", "127.0.0.1", 8080) == (
        b"GET /dapi/v1/x?a=%3A HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAccept: */*\r\nX-MBX-APIKEY: k\r\n\r\n"
    )
    assert b"\r\nHost: [::1]:8443\r\n" in _pool_request("GET", "::1", 8443, "https")
    assert b"\r\nHost: dapi.binance.com\r\n" in _pool_request("GET", "dapi.binance.com", 443, "https")
    assert b"\r\nHost: example.com\r\n" in _pool_request("GET", "example.com", 80)
    assert _pool_request("POST", "127.0.0.1", 80).endswith(b"\r\nContent-Length: 0\r\n\r\n")  # as httpx sends
    assert b"Content-Length" not in _pool_request("DELETE", "127.0.0.1", 80)


def test_a_request_that_http_1_1_cannot_carry_is_refused_unsent() -> None:
    pool = HttpPool(httpx.Limits(max_connections=1), ssl_context=None)  # type: ignore[arg-type]
    for target in ("/x?a=é", "/x?a=b c", "/x?a=b\r\nX-Injected: 1", "/x\n"):
        with pytest.raises(httpx.InvalidURL):
            pool._request("GET", ("http", "h", 80), target, [])
