"""Nothing but a BinanceError ever escapes, whatever the arguments and whatever a server answers; the CLI never
prints a traceback. Hypothesis draws the arguments of every public method, and the bytes of every answer."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from binance_coinm import AsyncClient, BinanceError, Client, RetryPolicy
from binance_coinm.cli import main
from binance_coinm.testing import DEMO_API_KEY, DEMO_API_SECRET, order
from binance_coinm_openapi.api import OPERATIONS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import examples
from tests.rawserver import Connection, RawServer

FUZZ = settings(max_examples=examples(120), deadline=None, suppress_health_check=list(HealthCheck))
OPTIONS: dict[str, Any] = {"retries": RetryPolicy(max_attempts=1), "deadline": 3.0, "timeout": 2.0}

ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.decimals(),
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec="ascii"), max_size=40),
    st.binary(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.sampled_from(["BTCUSD_PERP", "btcusd_perp", "x" * 100_000, "\ud800", "BTC\x00", "1e999999"]),
)

# Every required argument is passed (with any value): a missing one is Python's TypeError at the call, before any
# SDK code runs, and the type checker's to catch (tests/test_typing.py).
CALLS = st.sampled_from(OPERATIONS).flatmap(
    lambda operation: st.tuples(
        st.just(operation.python_name),
        st.fixed_dictionaries(
            {s["python_name"]: ANY_VALUE for s in operation.parameters.values() if s["required"]},
            optional={s["python_name"]: ANY_VALUE for s in operation.parameters.values() if not s["required"]},
        ),
    )
)


def both(url: str, name: str, arguments: dict[str, Any]) -> list[BaseException]:
    """What calling method `name` with arguments raises on Client, then on AsyncClient."""
    raised: list[BaseException] = []
    with Client(DEMO_API_KEY, DEMO_API_SECRET, base_url=url, **OPTIONS) as client:
        try:
            getattr(client, name)(**arguments)
        except BaseException as error:
            raised.append(error)

    async def run() -> None:
        async with AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, base_url=url, **OPTIONS) as client:
            await getattr(client, name)(**arguments)

    try:
        asyncio.run(run())
    except BaseException as error:
        raised.append(error)
    return raised


def only_binance_errors(raised: list[BaseException]) -> None:
    for error in raised:
        assert isinstance(error, BinanceError), f"{type(error).__name__}: {error!r}"[:500]


@FUZZ
@given(call=CALLS, detailed=st.booleans())
def test_any_arguments_to_any_method_raise_nothing_but_binance_errors(
    base_url: str, call: tuple[str, dict[str, Any]], detailed: bool
) -> None:
    name, arguments = call
    only_binance_errors(both(base_url, name + ("_detailed" if detailed else ""), arguments))


@FUZZ
@given(
    arguments=st.dictionaries(
        st.sampled_from(["api_key", "api_secret", "recv_window", "timeout", "retries", "pool_size", "deadline",
                         "max_body_size", "base_url", "proxy", "private_key", "private_key_password", "allow_http"]),
        ANY_VALUE,
    )
)  # fmt: skip
def test_any_constructor_arguments_raise_nothing_but_binance_errors(arguments: dict[str, Any]) -> None:
    arguments = {"api_key": DEMO_API_KEY, "api_secret": DEMO_API_SECRET, **arguments}
    for make in (Client, AsyncClient):
        try:
            make(**arguments)
        except BaseException as error:
            only_binance_errors([error])


# --- a server that answers anything --------------------------------------------------------------------------------

HEADERS = st.sampled_from(
    [
        b"Content-Length: 0", b"Content-Length: 5", b"Content-Length: 99999", b"Content-Length: -1",
        b"Content-Length: abc", b"Content-Length: 2, 3", b"Transfer-Encoding: chunked", b"Transfer-Encoding: gzip",
        b"Content-Encoding: gzip", b"Content-Encoding: deflate", b"Content-Encoding: br", b"Content-Encoding: \xff",
        b"Content-Type: text/html", b"X-MBX-USED-WEIGHT-1M: 9", b"X-MBX-USED-WEIGHT-1M: \xd9\xa3", b"Retry-After: 1",
        b"Retry-After: -5", b"Retry-After: nan", b"Connection: close", b"Location: /elsewhere", b"\x00: \x01",
    ]
) | st.binary(max_size=30)  # fmt: skip

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
BODIES = st.one_of(
    st.binary(max_size=200),
    JSON.map(lambda value: json.dumps(value).encode()),
    st.dictionaries(st.sampled_from(sorted(order())), JSON, max_size=6).map(
        lambda changes: json.dumps({**order(), **changes}).encode()
    ),
    st.dictionaries(st.sampled_from(["code", "msg", "serverTime"]), JSON, max_size=3).map(
        lambda value: json.dumps(value).encode()
    ),
    st.sampled_from([b"[" * 100_000, b'{"a":' * 50_000, b"1e99999999", b"\xef\xbb\xbf{}", b"<html>\r\n\x1b[31m"]),
)
ANSWERS = st.one_of(
    st.builds(
        lambda status, reason, headers, body: (
            b"HTTP/1.1 %d %s\r\n%s\r\n\r\n%s" % (status, reason, b"\r\n".join(headers), body)
        ),
        st.sampled_from([200, 200, 200, 400, 401, 403, 404, 408, 418, 429, 500, 503]) | st.integers(0, 1000),
        st.sampled_from([b"OK", b"", b"\xff\xfe", b"\x1b[2J"]),
        st.lists(HEADERS, max_size=4),
        BODIES,
    ),
    st.binary(max_size=300),
)


@pytest.fixture(scope="module")
def anything_server() -> Iterator[tuple[str, list[bytes]]]:
    """A server that answers each request with answer[0] and then closes its side of the connection."""
    answer = [b""]

    def script(connection: Connection) -> None:
        if connection.request() is not None:
            connection.send(answer[0])
        connection.sock.shutdown(socket.SHUT_WR)

    with RawServer(script) as server:
        yield server.url, answer


@FUZZ
@given(answer=ANSWERS, call=st.sampled_from([("query_order", {"symbol": "BTCUSD_PERP", "order_id": 2}),
                                             ("check_server_time_detailed", {}),
                                             ("current_all_open_orders", {})]))  # fmt: skip
def test_whatever_a_server_answers_only_binance_errors_escape(
    anything_server: tuple[str, list[bytes]], answer: bytes, call: tuple[str, dict[str, Any]]
) -> None:
    url, served = anything_server
    served[0] = answer
    only_binance_errors(both(url, *call))


def cli(argv: list[str]) -> tuple[int, str]:
    """main(argv) in this process: its exit code and stderr; argparse's exits count as exit codes."""
    stderr, stdout = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(stdout):
        try:
            code = main(argv, {"BINANCE_API_KEY": DEMO_API_KEY, "BINANCE_API_SECRET": DEMO_API_SECRET})
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 2
    return code, stderr.getvalue()


def no_traceback(run: Callable[[], tuple[int, str]]) -> int:
    code, stderr = run()
    assert "Traceback" not in stderr, stderr
    assert code == 0 or stderr.strip(), "a failure must say why"
    return code


@settings(FUZZ, max_examples=examples(30))  # the CLI's client retries with backoff: fewer examples, the same answers
@given(answer=ANSWERS, command=st.sampled_from(["server-time", "open-order", "query-order", "open-orders"]))
def test_the_cli_never_prints_a_traceback_whatever_the_server_answers(
    anything_server: tuple[str, list[bytes]], answer: bytes, command: str
) -> None:
    url, served = anything_server
    served[0] = answer
    extra = ["--symbol", "BTCUSD_PERP", "--order-id", "2"] if command in ("open-order", "query-order") else []
    no_traceback(lambda: cli(["--base-url", url, command, *extra]))


@FUZZ
@given(argv=st.lists(st.sampled_from(["server-time", "open-order", "query-order", "open-orders", "--symbol",
                                      "--order-id", "--json", "--lang", "zh", "-1", "2" * 40, "\ud800",
                                      "BTCUSD_PERP", "--recv-window", "--help", "--version"])
                     | st.text(max_size=12).filter(lambda text: not text.startswith("-")), max_size=6))  # fmt: skip
def test_the_cli_never_prints_a_traceback_whatever_it_is_given(argv: list[str]) -> None:
    # Pointed at a closed port: a command that gets as far as sending fails fast with a connection error. No
    # drawn word starts with "-" unless listed: "--b" or "--t" would abbreviate --base-url or --testnet and send
    # traffic off this machine.
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    no_traceback(lambda: cli(["--base-url", f"http://127.0.0.1:{port}", *argv]))
