"""How answers are framed on the wire, read alike by Client (httpx) and AsyncClient (binance_coinm.http11): interim
answers, bodies that run to the connection's close, chunks split across writes, connections the server ends."""

from __future__ import annotations

import gc
import socket
import time
from typing import Any

import httpx
import pytest
from binance_coinm import BinanceError, TransportError
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


def _trailer_flood(connection: Connection) -> None:
    if connection.request() is not None:
        body = order(2)
        connection.send(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\nX-T: " % (len(body), body)
        )
        for _ in range(256):  # 16 MiB of one trailer, unless the client stops reading
            if not connection.send(b"a" * 65536):
                return


def _extension_flood(connection: Connection) -> None:
    if connection.request() is not None:
        connection.send(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;x=")
        for _ in range(256):
            if not connection.send(b"a" * 65536):
                return


def _big_head(connection: Connection) -> None:
    if connection.request() is not None:
        whole = answer(order(2), headers=tuple(f"X-Pad-{n}: {'a' * 1000}" for n in range(80)))
        head, _, body = whole.partition(b"\r\n\r\n")
        connection.send(head + b"\r\n\r\n")
        time.sleep(0.05)  # the headers are read, complete, before the body comes
        connection.send(body)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("script", [_trailer_flood, _extension_flood])
def test_trailers_and_chunk_extensions_without_end_are_refused_as_they_come(kind: str, script: Any) -> None:
    with raw_server(script) as server:
        error, took = run(kind, server.url, lambda c: c.query_order("BTCUSD_PERP", order_id=2), deadline=10.0)
    assert type(error) is TransportError, error
    assert took < 5.0, took


def test_status_line_and_headers_past_64_kib_are_refused() -> None:
    # An answer complete in one read is taken whatever its headers' size: one read is at most 256 KiB.
    with raw_server(_big_head) as server:
        error, _ = run("AsyncClient", server.url, lambda c: c.query_order("BTCUSD_PERP", order_id=2))
    assert type(error) is TransportError and "run past" in str(error), error


def _truncated_chunked(spelling: str) -> Any:
    def script(connection: Connection) -> None:
        if connection.request() is not None:
            body = order(2)
            connection.send(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: %s\r\n\r\n%x\r\n%s\r\n" % (
                spelling.encode(), len(body), body))  # fmt: skip
            connection.sock.shutdown(socket.SHUT_RDWR)  # before the last chunk

    return script


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("spelling", ["chunked", "Chunked", "CHUNKED"])
def test_a_chunked_body_cut_before_its_last_chunk_is_refused_however_spelt(kind: str, spelling: str) -> None:
    with raw_server(_truncated_chunked(spelling)) as server:
        error, _ = run(kind, server.url, lambda c: c.query_order("BTCUSD_PERP", order_id=2))
    assert type(error) is TransportError, error


def _upgrade(connection: Connection) -> None:
    if connection.request() is not None:
        connection.send(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")


def test_a_switch_of_protocols_is_named_as_such() -> None:
    with raw_server(_upgrade) as server:
        error, _ = run("AsyncClient", server.url, lambda c: c.query_order("BTCUSD_PERP", order_id=2))
    assert type(error) is TransportError and "HttpParserUpgrade" in str(error), error


def test_keep_alive_holds_in_a_process_with_descriptors_past_1023() -> None:
    import os

    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]  # select.select cannot watch these
    try:
        with raw_server(_serve_orders) as server:
            result, _ = run("AsyncClient", server.url, _two_orders)
            assert _order_ids(result) == [2, 3]
            assert server.connections == 1
    finally:
        for descriptor in held:
            os.close(descriptor)


def _serve_orders(connection: Connection) -> None:
    while (asked := connection.request()) is not None:
        connection.send(answer(order(int(asked["orderId"]))))


def test_a_read_that_begins_past_the_deadline_ends_at_once() -> None:
    """Checked before each wait: a server that never stops sending would otherwise wake every wait before its
    timer could run, and the call would outlive its deadline."""
    import asyncio

    from binance_coinm.http11 import _Connection
    from binance_coinm.transport import DEADLINE

    async def main() -> None:
        loop = asyncio.get_running_loop()
        ours, theirs = socket.socketpair()
        with theirs:
            _, connection = await loop.create_connection(
                lambda: _Connection(HttpPool(httpx.Limits(), None), ("http", "h", 80)), sock=ours
            )  # type: ignore[arg-type]
            connection.send(b"GET / HTTP/1.1\r\n\r\n", "GET", "http://h/")
            token = DEADLINE.set(time.monotonic() - 1)
            try:
                with pytest.raises(httpx.ReadTimeout, match="deadline passed"):
                    await asyncio.wait_for(connection.head(60.0), 5)
            finally:
                DEADLINE.reset(token)
                connection.abort()

    asyncio.run(main())


def _identity_last(connection: Connection) -> None:
    if connection.request() is not None:
        connection.send(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, identity\r\n\r\n" + order(2))
        connection.stop.wait(10)  # and keeps the connection open


@pytest.mark.parametrize("kind", KINDS)
def test_an_answer_whose_last_coding_is_not_chunked_is_refused_at_once(kind: str) -> None:
    with raw_server(_identity_last) as server:
        error, took = run(kind, server.url, lambda c: c.query_order("BTCUSD_PERP", order_id=2), deadline=5.0)
    assert type(error) is TransportError, error
    assert took < 2.0, took


def test_a_call_waiting_for_the_pool_is_served_before_a_task_that_calls_in_a_loop() -> None:
    """pool_size=1, one task calling as fast as it can: a second task's one call gets the connection in its turn,
    well within timeout.pool, instead of waiting in line for ever behind the first task's next calls."""
    import asyncio

    from binance_coinm import AsyncClient
    from binance_coinm.testing import DEMO_API_KEY, DEMO_API_SECRET, ExchangeSimulator

    async def main(url: str) -> tuple[object, int]:
        timeout = httpx.Timeout(5.0, pool=1.0)
        async with AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, base_url=url, pool_size=1, timeout=timeout) as c:
            stop = False
            looped = 0

            async def loop() -> None:
                nonlocal looped
                while not stop:
                    await c.check_server_time()
                    looped += 1

            looping = asyncio.create_task(loop())
            await asyncio.sleep(0.1)
            try:
                return await c.query_order("BTCUSD_PERP", order_id=2), looped
            except Exception as error:
                return error, looped
            finally:
                stop = True
                await looping

    with ExchangeSimulator() as sandbox:
        result, looped = asyncio.run(main(sandbox.base_url))
    assert getattr(result, "order_id", None) == 2, result
    assert looped > 0


def test_calls_waiting_for_the_pool_when_the_client_closes_send_nothing() -> None:
    import asyncio

    from binance_coinm import AsyncClient, BinanceError
    from binance_coinm.testing import DEMO_API_KEY, DEMO_API_SECRET, ExchangeSimulator

    async def main(url: str) -> list[object]:
        c = AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, base_url=url, pool_size=1)

        async def one(order_id: int) -> object:
            try:
                return await c.query_order("BTCUSD_PERP", order_id=order_id)
            except BinanceError as error:
                return error

        calls = [asyncio.create_task(one(order_id)) for order_id in (2, 3, 4)]
        await asyncio.sleep(0.1)  # the first is answered slowly; the others wait for the one connection
        await c.aclose()
        return list(await asyncio.gather(*calls))

    with ExchangeSimulator() as sandbox:
        sandbox.delay_next(0.3, times=1)
        results = asyncio.run(main(sandbox.base_url))
        sent = len(sandbox.exchange.requests)
    assert [type(result).__name__ for result in results] == ["Order", "BinanceError", "BinanceError"], results
    assert "closed" in str(results[1])
    assert sent == 1


def test_an_async_client_closed_from_a_later_event_loop_raises_nothing_but_binance_errors() -> None:
    import asyncio

    from binance_coinm import AsyncClient
    from binance_coinm.testing import DEMO_API_KEY, DEMO_API_SECRET, ExchangeSimulator

    gc.collect()
    gc.disable()  # the collector runs below, not at some moment of another test
    try:
        with ExchangeSimulator() as sandbox:
            client = AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, base_url=sandbox.base_url)
            asyncio.run(client.check_server_time())
            # Its first loop is closed, and its sockets were that loop's to close: no RuntimeError here, and
            # asyncio's own warning when the collector finds them.
            asyncio.run(client.aclose())
            with pytest.warns(ResourceWarning, match="unclosed"):
                gc.collect()
            with pytest.raises(BinanceError, match="closed"):
                asyncio.run(client.check_server_time())
    finally:
        gc.enable()


def test_a_name_the_resolver_does_not_know_is_said_in_its_words(monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    async def unknown(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(asyncio.BaseEventLoop, "getaddrinfo", unknown)  # no query leaves the machine
    error, _ = run("AsyncClient", "https://nowhere.example", lambda c: c.check_server_time())
    assert isinstance(error, TransportError) and "Name or service not known" in str(error), error
    assert "Unknown error" not in str(error)


@pytest.mark.parametrize("host", ["a..b.example", "a" * 64 + ".example"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_host_name_the_resolver_would_refuse_is_refused_when_the_client_is_built(kind: str, host: str) -> None:
    from binance_coinm import AsyncClient, Client, ValidationError

    with pytest.raises(ValidationError, match="base_url"):
        (Client if kind == "Client" else AsyncClient)("key", "secret", base_url=f"https://{host}")
