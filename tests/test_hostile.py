"""A hostile network and a hostile process: what neither may do to a client, each proved for Client and
AsyncClient against loopback servers."""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import os
import re
import socket
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from binance_coinm import (
    APIError,
    AsyncClient,
    BinanceError,
    Client,
    ServerTimeError,
    TransportError,
    ValidationError,
)
from binance_coinm.client import MAX_CLOCK_OFFSET_MS, _offset_ms
from binance_coinm.errors import excerpt
from binance_coinm.redaction import redact
from binance_coinm.testing import DEMO_API_KEY, DEMO_API_SECRET, Exchange, Fault

from tests.conftest import FAST_RETRIES, both_answers, both_clients

COMMAND_LINE = str(Path(sys.executable).with_name("binance-coinm"))
SIGNATURE = re.compile(r"signature=([0-9a-f]{64})")


@pytest.fixture
def garbage_server() -> Iterator[str]:
    """A server that answers every request with a Content-Length both clients refuse to read."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            with connection:
                connection.recv(65536)
                connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n{}")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(timeout=5)
    listener.close()


def _signed_calls(base_url: str, garbage_url: str) -> list[BaseException]:
    """Signed calls on both clients that succeed, fail with -2013, and fail on an unreadable answer."""
    raised: list[BaseException] = []
    for url, order_id in ((base_url, 2), (base_url, 999), (garbage_url, 2)):
        raised += both_clients(url, lambda c, order_id=order_id: c.query_order("BTCUSD_PERP", order_id=order_id))
    return raised


def test_no_signature_is_written_to_any_log_or_error(
    base_url: str, exchange: Exchange, garbage_server: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    raised = _signed_calls(base_url, garbage_server)
    assert [type(error).__name__ for error in raised] == [
        "OrderNotFoundError", "OrderNotFoundError", "TransportError", "TransportError"
    ]  # fmt: skip
    sent = {match for request in exchange.requests for match in SIGNATURE.findall(request.query)}
    assert len(sent) == 4  # each signed request the simulator saw (the garbage server's are not counted)
    assert "HTTP Request: GET" in caplog.text and "signature=<redacted>" in caplog.text
    written = caplog.text + "".join(f"{error}{error!r}" for error in raised)
    assert not SIGNATURE.search(written)  # neither the simulator's nor the garbage server's requests
    assert all(isinstance(error, TransportError) for error in raised[2:])
    assert "Content-Length" in str(raised[3])  # AsyncClient's says what was wrong, without the URL


@pytest.mark.parametrize(("text", "shown"), [
    ("GET /x?a=1&signature=0f1e2d&b=2", "GET /x?a=1&signature=<redacted>&b=2"),
    ("url='http://h/p?timestamp=1&signature=ab12'", "url='http://h/p?timestamp=1&signature=<redacted>'"),
    ("signature=%2B%2Fabc%3D%3D", "signature=<redacted>"),  # Ed25519/RSA: percent-encoded base64
    ('{"signature": "0f1e2d", "b": 2}', '{"signature": "<redacted>", "b": 2}'),  # a request echoed as JSON
    ("{'Signature':'ab12'}", "{'Signature':'<redacted>'}"),
    ("next=%2Fx%3Fsignature%3D0f1e2d%26b%3D2", "next=%2Fx%3Fsignature%3D<redacted>%26b%3D2"),  # an echoed URL
    ("Signature%3d%2B%2Fabc%253D", "Signature%3d<redacted>"),
    ("{'X-MBX-APIKEY': 'demo-api-key'}", "{'X-MBX-APIKEY': '<redacted>'}"),
    ("(b'x-mbx-apikey', b'demo-api-key')", "(b'x-mbx-apikey', b'<redacted>')"),
    ("nothing to hide", "nothing to hide"),
])  # fmt: skip
def test_redaction(text: str, shown: str) -> None:
    assert redact(text) == shown


def test_an_error_page_echoing_the_signed_url_is_redacted_in_the_excerpt() -> None:
    page = b"<html>404: /dapi/v1/order?symbol=X&timestamp=1&signature=deadbeef not found</html>"
    assert "deadbeef" not in excerpt(page) and "signature=<redacted>" in excerpt(page)


FORK_CALLS = 150


def _forked(child: Callable[[], int], parent: Callable[[], int]) -> tuple[int, int]:
    """Run child in a forked process and parent here at the same time; returns what each returned."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report, then leave without running the parent's cleanup
        status = 1
        try:
            os.write(write_end, str(child()).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    try:
        in_parent = parent()
    finally:
        _, status = os.waitpid(pid, 0)
    with os.fdopen(read_end) as pipe:
        in_child = int(pipe.read() or "-1")
    assert status == 0
    return in_child, in_parent


def _wrong_sync(client: Client, symbol: str, order_id: int) -> int:
    return sum(client.query_order(symbol, order_id=order_id).order_id != order_id for _ in range(FORK_CALLS))


def test_a_client_used_before_a_fork_keeps_each_process_on_its_own_connections(base_url: str) -> None:
    with Client(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url) as client:
        assert client.query_order("BTCUSD_PERP", order_id=2).order_id == 2  # a pooled connection now exists
        wrong = _forked(
            lambda: _wrong_sync(client, "币安人生USD_PERP", 5), lambda: _wrong_sync(client, "BTCUSD_PERP", 2)
        )
        assert wrong == (0, 0)
        assert client.query_order("BTCUSD_PERP", order_id=2).order_id == 2


def test_an_async_client_used_before_a_fork_keeps_each_process_on_its_own_connections(base_url: str) -> None:
    client = AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url)
    loop = asyncio.new_event_loop()

    async def wrong(symbol: str, order_id: int) -> int:
        found = await asyncio.gather(*(client.query_order(symbol, order_id=order_id) for _ in range(FORK_CALLS)))
        return sum(order.order_id != order_id for order in found)

    def in_child() -> int:
        return asyncio.run(wrong("币安人生USD_PERP", 5))  # a new event loop: the parent's is not the child's

    try:
        assert loop.run_until_complete(wrong("BTCUSD_PERP", 2)) == 0  # pooled connections now exist
        assert _forked(in_child, lambda: loop.run_until_complete(wrong("BTCUSD_PERP", 2))) == (0, 0)
    finally:
        loop.run_until_complete(client.aclose())
        loop.close()


def _resource_warnings(action: Callable[[], object]) -> int:
    """How many ResourceWarnings action, and collecting the garbage it left, gave (in this process)."""
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        action()
        gc.collect()
    return sum(issubclass(warning.category, ResourceWarning) for warning in seen)


@pytest.mark.parametrize("kind", ["Client", "AsyncClient"])
def test_a_forked_child_and_its_own_children_leave_every_inherited_connection_alone(kind: str, base_url: str) -> None:
    # A process forked from one that used the client holds its ancestors' pooled sockets: it must neither use nor
    # close them (an AsyncClient's would be unregistered from the epoll instance the processes share), nor drop
    # them to the garbage collector, which closes them with a ResourceWarning. A child of a child inherits two
    # generations of them.
    client: Client | AsyncClient
    if kind == "Client":
        client = Client(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url)

        def call() -> object:
            return client.query_order("BTCUSD_PERP", order_id=2)
    else:
        client = AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url)

        def call() -> object:
            return asyncio.run(client.query_order("BTCUSD_PERP", order_id=2))  # each process its own loop

    def in_child() -> int:
        mine = _resource_warnings(call)
        in_grandchild, _ = _forked(lambda: _resource_warnings(call), lambda: 0)
        return mine + in_grandchild

    loop = asyncio.new_event_loop()
    try:
        if isinstance(client, Client):
            call()
        else:
            loop.run_until_complete(client.query_order("BTCUSD_PERP", order_id=2))  # a pooled connection now
        assert _forked(in_child, lambda: 0) == (0, 0)
    finally:
        if isinstance(client, Client):
            client.close()
        else:
            loop.run_until_complete(client.aclose())
        loop.close()


ORDER = "/dapi/v1/order"


def _query_both(base_url: str) -> list[BaseException]:
    """What query_order raises on each client (fast retries)."""
    return both_clients(base_url, lambda c: c.query_order("BTCUSD_PERP", order_id=2))


@pytest.mark.parametrize("body", [b'{"code":-2013}', b'{"code":-2013.0,"msg":"Order does not exist."}'])
def test_an_error_answer_keeps_its_type_without_msg_or_with_a_float_code(
    base_url: str, exchange: Exchange, body: bytes
) -> None:
    exchange.inject(Fault("status", status=400, body=body, times=2, path=ORDER))
    raised = _query_both(base_url)
    assert [type(error).__name__ for error in raised] == ["OrderNotFoundError", "OrderNotFoundError"]
    assert all(isinstance(error, APIError) and error.code == -2013 for error in raised)


def test_a_timestamp_error_without_msg_still_syncs_the_clock(base_url: str, exchange: Exchange) -> None:
    with Client(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url) as client:
        exchange.inject(Fault("status", status=400, body=b'{"code":-1021.0}', path=ORDER))
        assert client.query_order("BTCUSD_PERP", order_id=2).order_id == 2  # synced, then succeeded

    async def run() -> int:
        async with AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url) as client:
            exchange.inject(Fault("status", status=400, body=b'{"code":-1021.0}', path=ORDER))
            return (await client.query_order("BTCUSD_PERP", order_id=2)).order_id

    assert asyncio.run(run()) == 2
    assert exchange.count("/dapi/v1/time") == 2


def test_a_huge_or_hostile_message_is_bounded_and_escaped_but_kept_whole(base_url: str, exchange: Exchange) -> None:
    forged = "nope\r\nbinance-coinm: OK\x1b[2J" + "x" * 1_000_000
    body = json.dumps({"code": -1000, "msg": forged}).encode()
    exchange.inject(Fault("status", status=400, body=body, times=2, path=ORDER))
    raised = _query_both(base_url)
    assert len(raised) == 2
    for error in raised:
        assert isinstance(error, APIError)
        text = str(error)
        assert len(text) < 600 and "\r" not in text and "\n" not in text and "\x1b" not in text
        assert "\\r\\nbinance-coinm: OK\\x1b[2J" in text  # shown, escaped
        assert error.msg == forged and error.body == body  # nothing lost for those who need it


def test_the_error_after_the_last_retry_says_how_many_attempts_were_made(base_url: str, exchange: Exchange) -> None:
    exchange.inject(Fault("status", status=503, times=6, path=ORDER))
    raised = _query_both(base_url)
    assert [type(error).__name__ for error in raised] == ["ServerError", "ServerError"]
    assert all(str(error).endswith("(after 3 attempts)") and error.attempts == 3 for error in raised)


@pytest.mark.parametrize("server_time", [0, -5, 2**63, "now"])
def test_an_implausible_server_time_is_refused_and_the_clock_kept(
    base_url: str, exchange: Exchange, server_time: object
) -> None:
    body = json.dumps({"serverTime": server_time}).encode()
    with Client(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url, retries=0) as client:
        client.clock.set_offset(1234)
        exchange.inject(Fault("status", status=200, body=body, path="/dapi/v1/time"))
        # "now" and 2**63 are no int64: the answer itself is refused; 0 and -5 are not the exchange's clock
        plausible_type = isinstance(server_time, int) and server_time < 2**63
        with pytest.raises(ServerTimeError if plausible_type else APIError):
            client.sync_time()
        assert client.clock.offset_ms == 1234


NOW = 1_796_000_000_000  # ms since the epoch, late 2026


@pytest.mark.parametrize(("sent", "server", "received", "offset"), [
    (1, 1, 1, 0),                                    # the smallest plausible server time
    (2**63 - 1, 2**63 - 1, 2**63 - 1, 0),            # the largest: int64's
    (NOW - 10, NOW + MAX_CLOCK_OFFSET_MS, NOW + 10, MAX_CLOCK_OFFSET_MS),    # an hour ahead, to the ms
    (NOW - 10, NOW - MAX_CLOCK_OFFSET_MS, NOW + 10, -MAX_CLOCK_OFFSET_MS),   # an hour behind
    (1000, 1500, 1010, 495),                         # the server read its clock halfway through the round trip
    (0, 0, 0, None), (2**63, 2**63, 2**63, None),    # not a positive int64
    (NOW, NOW + MAX_CLOCK_OFFSET_MS + 1, NOW, None), (NOW, NOW - MAX_CLOCK_OFFSET_MS - 1, NOW, None),  # 1 ms more
])  # fmt: skip
def test_the_clock_offset_and_its_plausibility_edges(sent: int, server: int, received: int, offset: int | None) -> None:
    if offset is not None:
        assert _offset_ms(sent, server, received) == offset
        return
    with pytest.raises(ServerTimeError) as error:
        _offset_ms(sent, server, received)
    assert error.value.status_code == 200 and error.value.code is None
    assert error.value.msg.startswith(f"implausible server time {server} (offset ")
    assert error.value.msg.endswith(" ms); clock unchanged")


def test_a_server_clock_hours_away_is_not_believed(base_url: str, exchange: Exchange) -> None:
    exchange.skew_ms = 2 * 3_600_000

    async def run() -> None:
        async with AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url) as client:
            with pytest.raises(ServerTimeError) as error:
                await client.sync_time()
            assert "implausible server time" in str(error.value) and client.clock.offset_ms == 0

    asyncio.run(run())


@pytest.mark.parametrize("number", ["0.4", "12345678901234567.123456789", "1", "1e3"])
def test_a_decimal_sent_as_a_json_number_is_refused(base_url: str, exchange: Exchange, number: str) -> None:
    # The spec's schema says string, and every generated client in another language fails on a number; Python
    # does not guess (spec/examples/invalid-price-as-json-number.json is the corpus's case).
    body = json.dumps(order_payload(price="PRICE")).replace('"PRICE"', number).encode()
    exchange.inject(Fault("status", status=200, body=body, times=2, path=ORDER))
    raised = _query_both(base_url)
    assert [type(error).__name__ for error in raised] == ["APIError", "APIError"]
    assert "Order.price: expected a decimal string" in str(raised[0])


@pytest.mark.parametrize("price", [" 0.40 ", "1_000", "١٢", "\u00a00.40", "0.4\n", "0x10", "+1", "1e99999"])
def test_a_price_that_is_not_a_plain_decimal_is_refused(base_url: str, exchange: Exchange, price: str) -> None:
    body = json.dumps(order_payload(price=price)).encode()
    exchange.inject(Fault("status", status=200, body=body, times=2, path=ORDER))
    raised = _query_both(base_url)
    assert [type(error).__name__ for error in raised] == ["APIError", "APIError"]
    assert "Order.price" in str(raised[0])


def order_payload(**changes: object) -> dict[str, object]:
    from binance_coinm.testing import order

    return order(**{"orderId": 2, "symbol": "BTCUSD_PERP", **changes})


def test_a_closed_client_says_so(base_url: str) -> None:
    client = Client(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url)
    client.close()
    with pytest.raises(BinanceError, match="this Client is closed"):
        client.check_server_time()

    async def run() -> None:
        async with AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url) as async_client:
            await async_client.check_server_time()
        with pytest.raises(BinanceError, match="this AsyncClient is closed"):
            await async_client.check_server_time()

    asyncio.run(run())


def test_an_async_client_in_a_second_event_loop_says_so(base_url: str, exchange: Exchange) -> None:
    client = AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url)
    loop = asyncio.new_event_loop()
    try:
        assert loop.run_until_complete(client.check_server_time()).server_time > 0
        with pytest.raises(BinanceError) as error:
            asyncio.run(client.check_server_time())
        assert str(error.value) == "this AsyncClient belongs to the event loop it first ran in: create one per loop"
        assert exchange.count("/dapi/v1/time") == 1  # refused before sending
        assert loop.run_until_complete(client.check_server_time()).server_time > 0  # still fine in its own loop
    finally:
        loop.run_until_complete(client.aclose())
        loop.close()


@pytest.mark.parametrize(("make", "parameter"), [
    (lambda: Client(DEMO_API_KEY, DEMO_API_SECRET + "\n"), "api_secret"),
    (lambda: Client(DEMO_API_KEY, " " + DEMO_API_SECRET), "api_secret"),
    (lambda: Client(DEMO_API_KEY, DEMO_API_SECRET, base_url="https://user:pw@dapi.binance.com"), "base_url"),
    (lambda: Client(DEMO_API_KEY, DEMO_API_SECRET, base_url="http://127.0.0.1:9/?"), "base_url"),  # empty query
    (lambda: Client(DEMO_API_KEY, DEMO_API_SECRET, base_url="http://127.0.0.1:9#"), "base_url"),  # empty fragment
    (lambda: Client(DEMO_API_KEY, DEMO_API_SECRET, base_url="https://xn--"), "base_url"),  # the IDNA codec refuses
    (lambda: AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, proxy="http://xn--"), "proxy"),
    (lambda: Client(DEMO_API_KEY, private_key="a\x00b"), "private_key"),
    (lambda: Client(DEMO_API_KEY, private_key="/dev/zero"), "private_key"),  # not a regular file: never read
    (lambda: Client(DEMO_API_KEY, DEMO_API_SECRET, max_body_size=2**63 - 1), "max_body_size"),
    (lambda: Client(DEMO_API_KEY, DEMO_API_SECRET, timeout=1e10), "timeout"),
    (lambda: Client(DEMO_API_KEY, DEMO_API_SECRET, timeout=httpx.Timeout(-1)), "timeout"),
    (lambda: AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, timeout=httpx.Timeout(5, read=float("inf"))), "timeout"),
    (lambda: Client(DEMO_API_KEY, DEMO_API_SECRET, deadline=1e10), "deadline"),
])  # fmt: skip
def test_pasted_credentials_and_urls_with_a_password_are_refused(make: Callable[[], object], parameter: str) -> None:
    from binance_coinm import ValidationError

    with pytest.raises(ValidationError) as error:
        make()
    assert error.value.parameter == parameter and DEMO_API_SECRET not in str(error.value)


def test_a_client_cannot_be_copied() -> None:
    import copy

    for client in (Client(DEMO_API_KEY, DEMO_API_SECRET), AsyncClient(DEMO_API_KEY, DEMO_API_SECRET)):
        for copier in (copy.copy, copy.deepcopy):
            with pytest.raises(BinanceError) as error:
                copier(client)
            name = type(client).__name__
            assert str(error.value) == f"a {name} cannot be copied (a copy would share and close its connections)"


@pytest.mark.parametrize("order_id", [2**70, 2**63, 0, -1])
def test_ids_outside_the_spec_range_in_answers_are_refused(base_url: str, exchange: Exchange, order_id: int) -> None:
    body = json.dumps(order_payload(orderId=order_id)).encode()
    exchange.inject(Fault("status", status=200, body=body, times=2, path=ORDER))
    raised = _query_both(base_url)
    assert [type(error).__name__ for error in raised] == ["APIError", "APIError"]
    assert "Order.orderId" in str(raised[0]) and "outside" in str(raised[0])


def test_an_unknown_field_keeps_an_integer_of_any_size_exactly(base_url: str, exchange: Exchange) -> None:
    body = json.dumps(order_payload(orderId=2, tradeIds=[2**70 + 1, -(2**64) - 1])).encode()
    exchange.inject(Fault("status", status=200, body=body, times=2, path=ORDER))
    answers = both_answers(base_url, lambda c: c.query_order("BTCUSD_PERP", order_id=2))
    assert [answer["tradeIds"] for answer in answers] == [[2**70 + 1, -(2**64) - 1]] * 2  # type: ignore[index]


_DEEP = b"[" * 100_000 + b"]" * 100_000


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (b"", b', "x": NaN}'),
        (b"", b', "x": -Infinity}'),
        (b"", b', "x": 12345678901234567890123456789012345678901e400}'),
        (b"", b', "x": "\\ud800"}'),
        (b"\xef\xbb\xbf", b"}"),
        (b"", b"} {}"),
        (b"", b', "x": ' + _DEEP + b"}"),
    ],
)
@pytest.mark.parametrize("nested", [False, True])
def test_a_success_answer_that_is_not_strict_json_is_refused(
    base_url: str, exchange: Exchange, before: bytes, after: bytes, nested: bool
) -> None:
    """What RFC 8259 does not allow, even in a field the spec does not know: json.loads would take the first five.
    With more than 64 opening brackets, an answer is read by json.loads, made as strict (but for a lone surrogate
    escape)."""
    deep = b', "deep": ' + b"[" * 70 + b"]" * 70 if nested else b""
    body = before + json.dumps(order_payload(orderId=2)).encode()[:-1] + deep + after
    exchange.inject(Fault("status", status=200, body=body, times=2, path=ORDER))
    if nested and b"ud800" in after:  # the one difference, documented in decode_json: json.loads keeps it
        answers = both_answers(base_url, lambda c: c.query_order("BTCUSD_PERP", order_id=2))
        assert [answer["x"] for answer in answers] == ["\ud800", "\ud800"]  # type: ignore[index]
        return
    raised = _query_both(base_url)
    assert [type(error).__name__ for error in raised] == ["APIError", "APIError"]
    assert all("unexpected response body" in str(error) for error in raised)
    if nested:  # json.loads' refusals, in the SDK's words (msgspec has its own), the number cut to 40 characters
        said = {
            b"NaN": "(NaN is not JSON)",
            b"Infinity": "(-Infinity is not JSON)",
            b"e400": "(number out of range: 1234567890123456789012345678901234567890)",
        }
        for value, message in said.items():
            if value in after:
                assert all(message in str(error) for error in raised), raised


@pytest.mark.parametrize("closers", [b"", b"]" * 400, b"}" * 400])
def test_64_brackets_are_read_by_msgspec_and_more_by_json_loads(closers: bytes) -> None:
    """Told apart by a lone surrogate escape, which msgspec refuses and json.loads keeps. Closing brackets in a
    string change nothing: the count of opening ones decides (a depth measured over the bytes would be fooled)."""
    from binance_coinm.client import decode_json

    def body(openers: int) -> bytes:
        return b'["' + closers + b'", "\\ud800"' + b", []" * (openers - 1) + b"]"

    with pytest.raises(ValueError):
        decode_json(body(64))
    assert decode_json(body(65))[1] == "\ud800"


_SMALL_STACK = """
import sys, threading
from binance_coinm.client import decode_json
threading.stack_size(256 * 1024)
depth, closers = int(sys.argv[1]), int(sys.argv[2])
body = b'{"orderId": 2, "pad": "' + b"}" * closers + b'", "x": ' + b'{"a":' * depth + b"1" + b"}" * depth + b"}"
answer = []
thread = threading.Thread(target=lambda: answer.append(decode_json(body)["orderId"]))
thread.start()
thread.join()
print(answer)
"""


@pytest.mark.parametrize(("depth", "closers"), [(60, 0), (700, 0), (700, 800)])
def test_a_deeply_nested_answer_is_read_in_a_thread_with_a_small_stack(depth: int, closers: int) -> None:
    """msgspec needs three times json.loads' C stack per level: 700 levels would crash this 256 KiB thread in it,
    also behind closing brackets in a string."""
    result = subprocess.run(
        [sys.executable, "-c", _SMALL_STACK, str(depth), str(closers)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout.strip()) == (0, "[2]"), result.stderr[-2000:]


@pytest.mark.parametrize("wire", ["0E-8", "1e3", "1.50", "-0.0", "12345678901234567.123456789"])
def test_to_dict_gives_back_the_exact_wire_string(wire: str) -> None:
    from decimal import Decimal

    from binance_coinm import Order

    parsed = Order.from_dict(order_payload(price=wire))
    assert parsed.price == Decimal(wire) and parsed.to_dict()["price"] == wire
    parsed.price = Decimal("2.5")  # a changed value is written plainly, not as the old text
    assert parsed.to_dict()["price"] == "2.5"


def test_cli_json_prints_the_wire_strings(base_url: str, exchange: Exchange) -> None:
    from tests.test_cli import KEYS, cli

    exchange.add_order(order_payload(orderId=12, price="0E-8", origQty="1e3"))
    result = cli(
        "open-order", "--symbol", "BTCUSD_PERP", "--order-id", "12", "--json", "--base-url", base_url, env=KEYS
    )
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert (printed["price"], printed["origQty"]) == ("0E-8", "1e3")


def test_both_clients_ignore_the_proxy_variables(
    base_url: str, exchange: Exchange, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
        monkeypatch.setenv(name, "socks5://127.0.0.1:9")  # before, Client() raised ImportError (no socksio)
    assert _query_both(base_url) == []
    assert exchange.count(ORDER) == 2 and exchange.proxied == 0


def test_both_clients_use_the_proxy_they_are_given(exchange: Exchange, base_url: str) -> None:
    target = "http://exchange.invalid"  # reachable only through the proxy
    options = {"base_url": target, "proxy": base_url, "allow_http": True}  # plain http to a non-loopback host
    with Client(DEMO_API_KEY, DEMO_API_SECRET, **options, retries=FAST_RETRIES) as client:  # type: ignore[arg-type]
        assert client.query_order("BTCUSD_PERP", order_id=2).order_id == 2

    async def run() -> int:
        async with AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, **options) as async_client:  # type: ignore[arg-type]
            return (await async_client.query_order("BTCUSD_PERP", order_id=2)).order_id

    assert asyncio.run(run()) == 2
    assert exchange.proxied == 2 and exchange.count(ORDER) == 2


@pytest.mark.parametrize("proxy", ["socks5://127.0.0.1:1080", "ftp://proxy", "not a url", 3128])
def test_a_proxy_that_cannot_be_used_is_refused(proxy: object) -> None:
    from binance_coinm import ValidationError

    with pytest.raises(ValidationError) as error:
        Client(DEMO_API_KEY, DEMO_API_SECRET, proxy=proxy)  # type: ignore[arg-type]
    assert error.value.parameter == "proxy"


UNCLOSED = """
import asyncio, sys
from binance_coinm import AsyncClient
async def main():
    client = AsyncClient("key", "secret", base_url=sys.argv[1])
    await client.check_server_time()
asyncio.run(main())
"""


def test_an_async_client_never_closed_gives_one_warning_of_ours(base_url: str) -> None:
    # Before: aiohttp's "Unclosed client session" and "Unclosed connector" reports, on stderr even without -W.
    for warnings_shown in ("always", "default"):
        command = [sys.executable, "-W", warnings_shown, "-c", UNCLOSED, base_url]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, done.stderr
        assert "Unclosed" not in done.stderr and "aiohttp" not in done.stderr, done.stderr
        assert done.stderr.count("ResourceWarning") == 1, done.stderr
        # Attributed to the SDK's own line, not to whichever asyncio frame dropped the last reference.
        said = ("ResourceWarning: an AsyncClient was not closed: "
                "use `async with AsyncClient(...)` or `await client.aclose()`")  # fmt: skip
        assert re.search(r"binance_coinm/http11\.py:\d+: " + re.escape(said) + "\n", done.stderr), done.stderr
    quiet = subprocess.run([sys.executable, "-c", UNCLOSED, base_url], capture_output=True, text=True, check=True)
    assert quiet.stderr == "", "ResourceWarning is ignored by default, and nothing else is printed"


@pytest.mark.parametrize("make", [Client, AsyncClient])
def test_a_ca_bundle_that_cannot_be_loaded_is_a_validation_error(
    make: Callable[..., object], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    not_a_certificate = tmp_path / "ca.pem"
    not_a_certificate.write_text("not a certificate")
    for value, why in (("/nonexistent/ca.pem", "FileNotFoundError: "), (str(not_a_certificate), "SSLError: ")):
        monkeypatch.setenv("SSL_CERT_FILE", value)
        with pytest.raises(ValidationError) as error:
            make(DEMO_API_KEY, DEMO_API_SECRET)
        assert error.value.parameter == "SSL_CERT_FILE"
        prefix = "the CA certificates named by SSL_CERT_FILE or SSL_CERT_DIR cannot be loaded ("
        assert str(error.value).startswith(prefix + why), str(error.value)  # why, in the library's words


def test_a_client_cannot_be_pickled() -> None:
    import pickle

    for make in (Client, AsyncClient):
        with pytest.raises(BinanceError) as error:
            pickle.dumps(make(DEMO_API_KEY, DEMO_API_SECRET))
        assert str(error.value) == f"a {make.__name__} cannot be pickled: create one in each process from its settings"


def _child_ends(action: Callable[[], object], within: float = 5.0) -> bool:
    """Whether a forked child that runs action ends within `within` seconds (it is killed if not)."""
    pid = os.fork()
    if pid == 0:
        try:
            action()
        finally:
            os._exit(0)
    ends = time.monotonic() + within
    while time.monotonic() < ends:
        if os.waitpid(pid, os.WNOHANG)[0]:
            return True
        time.sleep(0.01)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    return False


def test_closing_a_client_in_a_forked_child_leaves_the_parents_pool_alone(base_url: str) -> None:
    # Found in review: close() in a child, while a parent thread was inside a call, deadlocked on the pool lock the
    # child inherited held; an AsyncClient's aclose() in a child raised RuntimeError and unregistered the
    # parent's socket from the epoll both share.
    with Client(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url) as client:
        stop = threading.Event()

        def keep_calling() -> None:
            while not stop.is_set():
                client.query_order("BTCUSD_PERP", order_id=2)

        workers = [threading.Thread(target=keep_calling) for _ in range(3)]
        for worker in workers:
            worker.start()
        try:
            hung = sum(not _child_ends(client.close) for _ in range(20))
        finally:
            stop.set()
            for worker in workers:
                worker.join()
        assert hung == 0, f"{hung} of 20 children hung in close()"
        assert client.query_order("BTCUSD_PERP", order_id=2).order_id == 2

    async_client = AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url, deadline=5)
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(async_client.query_order("BTCUSD_PERP", order_id=2))
        assert _child_ends(lambda: asyncio.run(async_client.aclose()))
        started = time.monotonic()
        assert loop.run_until_complete(async_client.query_order("BTCUSD_PERP", order_id=2)).order_id == 2
        assert time.monotonic() - started < 2, "the parent's pooled connection was broken by the child"
    finally:
        loop.run_until_complete(async_client.aclose())
        loop.close()


def test_a_forked_child_that_drops_an_inherited_async_client_leaves_its_connections_alone(base_url: str) -> None:
    # The child's copy of the parent's AsyncClient, garbage-collected there, must not close the pooled sockets it
    # shares with the parent (aiohttp's collector would, unregistering them from the epoll instance both use) nor
    # report them as unclosed.
    loop = asyncio.new_event_loop()
    held = [AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url, deadline=5)]
    try:
        loop.run_until_complete(held[0].query_order("BTCUSD_PERP", order_id=2))  # a pooled connection now
        assert _forked(lambda: _resource_warnings(held.clear), lambda: 0) == (0, 0)
        started = time.monotonic()
        assert loop.run_until_complete(held[0].query_order("BTCUSD_PERP", order_id=2)).order_id == 2
        assert time.monotonic() - started < 2, "the parent's pooled connection was broken by the child"
    finally:
        loop.run_until_complete(held[0].aclose())
        loop.close()


def test_cli_output_that_cannot_be_written_is_one_line_not_a_traceback(base_url: str) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [COMMAND_LINE, "--base-url", base_url, "server-time"], stdout=full, stderr=subprocess.PIPE, text=True,
            timeout=60, check=False,
        )  # fmt: skip
    assert done.returncode == 74 and "Traceback" not in done.stderr
    assert done.stderr == "binance-coinm: cannot write the output: No space left on device\n"


def test_cli_output_to_a_reader_that_went_away_ends_quietly_as_a_pipeline_expects(base_url: str) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # gone before the first byte: writing raises BrokenPipeError, not a race
    try:
        done = subprocess.run([COMMAND_LINE, "--base-url", base_url, "server-time"], stdout=write_end,
                              stderr=subprocess.PIPE, text=True, timeout=60, check=False)  # fmt: skip
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (141, "")  # 128 + SIGPIPE, as a shell reports a process it ended


@pytest.mark.parametrize(("content", "shown"), [
    (b"", "(empty body)"),
    (b" \r\n\t ", "(empty body)"),
    (b"<h1>502\r\n  Bad   Gateway</h1>", "<h1>502 Bad Gateway</h1>"),       # one line, whitespace collapsed
    (b"\xff\xfe<html>", "\ufffd\ufffd<html>"),                         # bytes that are not UTF-8: replaced
    ("币安".encode() * 100, "币安" * 100),                                # exactly 200 characters: all of them
    ("币安".encode() * 100 + b"!", "币安" * 100 + "…"),                   # one more: cut, and marked
    (b" " * 800 + b"after", "(empty body)"),                           # at most 4 bytes read per character shown
    (b"x" * 10_000_000, "x" * 200 + "…"),
])  # fmt: skip
def test_an_excerpt_is_one_bounded_printable_line(content: bytes, shown: str) -> None:
    from binance_coinm.errors import excerpt

    assert excerpt(content) == shown


def test_a_malformed_success_says_what_is_missing_and_keeps_the_headers() -> None:
    from binance_coinm.errors import malformed_success

    headers = httpx.Headers({"content-type": "application/json"})
    missing = malformed_success(200, headers, b'{"symbol": "X"}', KeyError("orderId"))
    assert missing.msg == 'unexpected response body (missing field \'orderId\'): {"symbol": "X"}'
    assert missing.headers is headers and missing.body == b'{"symbol": "X"}' and missing.status_code == 200
    wrong = malformed_success(200, headers, b"[]", TypeError("x" * 200))
    assert wrong.msg == f"unexpected response body ({'x' * 120}): []"


@pytest.mark.parametrize(("raw", "code"), [
    ("-1121", -1121), ("-1121.0", -1121), ("-1121.5", None), ('"-1121"', None), ("true", None), ("null", None),
    ("9007199254740991.0", 2**53 - 1), ("9007199254740992.0", None), ("-9007199254740992.0", None),  # 2**53: inexact
    ("1e400", None),
])  # fmt: skip
def test_an_error_code_is_read_only_when_it_is_an_exact_integer(raw: str, code: int | None) -> None:
    from binance_coinm.errors import error_from_response

    error = error_from_response(400, httpx.Headers(), b'{"code": %s, "msg": "m"}' % raw.encode())
    assert error.code == code and error.msg == "m"


REDACTED_LOGS = """
import logging, sys
import binance_coinm  # installs the redacting filter on the HTTP libraries' loggers
from binance_coinm.redaction import _LIBRARY_LOGGERS
logging.basicConfig(stream=sys.stdout, level=logging.DEBUG, format="%(name)s %(message)s")
for name in _LIBRARY_LOGGERS:
    logging.getLogger(name).debug("GET /dapi/v1/order?symbol=X&signature=%s", "0123456789abcdef" * 4)
logging.getLogger("elsewhere").debug("signature=%s", "untouched")
"""


def test_importing_the_sdk_redacts_signatures_in_the_http_libraries_logs() -> None:
    # In a fresh process: the filter is installed at import, once, on each library's own logger.
    from binance_coinm.redaction import _LIBRARY_LOGGERS

    done = subprocess.run(
        [sys.executable, "-c", REDACTED_LOGS], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines == [
        *(f"{name} GET /dapi/v1/order?symbol=X&signature=<redacted>" for name in _LIBRARY_LOGGERS),
        "elsewhere signature=untouched",  # another library's logger is not ours to filter
    ]


@pytest.mark.parametrize(("text", "result"), [
    ("订单不存在。", "订单不存在。"),                                   # printable: kept as it is
    ("订单\n不存在\x1b[31m", "订单\\n不存在\\x1b[31m"),                 # control characters: escaped, nothing else
    ("x" * 512, "x" * 512),                                          # at most 512 characters: all of them
    ("x" * 513, "x" * 512 + "…"),                                    # one more: cut, and marked
    ("a&signature=" + "f" * 64, "a&signature=<redacted>"),
])  # fmt: skip
def test_a_message_is_shown_on_one_bounded_line(text: str, result: str) -> None:
    from binance_coinm.errors import shown

    assert shown(text) == result


def test_an_error_says_how_many_attempts_it_took_from_two_on() -> None:
    from binance_coinm import ServerError

    error = ServerError(503, None, "busy")
    assert str(error) == "HTTP 503: busy"
    error.attempts = 2
    assert str(error) == "HTTP 503: busy (after 2 attempts)"
