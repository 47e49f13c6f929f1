"""binance_coinm.testing as a user meets it: ExchangeSimulator, its seeding, faults, weight budget and request log,
the pytest fixture, and the `binance-coinm sandbox` command."""

from __future__ import annotations

import asyncio
import errno
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from binance_coinm import (
    APIError,
    AsyncClient,
    AuthenticationError,
    Client,
    OrderNotFoundError,
    RateLimitError,
    RequestTimeoutError,
    TransportError,
)
from binance_coinm.testing import DEMO_API_KEY, DEMO_API_SECRET, Exchange, ExchangeSimulator, demo_exchange
from binance_coinm.testing.exchange import DEFAULT_FAULT_BODY
from binance_coinm.testing.server import is_loopback

from tests.conftest import FAST_RETRIES, MUTATION

COMMAND = str(Path(sys.executable).with_name("binance-coinm"))
OPEN_ORDER = "/dapi/v1/openOrder"
GOLDEN = Path(__file__).parent / "golden"


def test_a_simulator_serves_the_demo_account_on_loopback_until_stopped() -> None:
    sandbox = ExchangeSimulator()
    with pytest.raises(RuntimeError, match="not running"):
        _ = sandbox.base_url
    with sandbox, sandbox.client() as client:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", sandbox.base_url)
        assert client.query_current_open_order("BTCUSD_200925", order_id=1917641).status == "NEW"
        assert len(sandbox.orders()) == 7 and sandbox.orders()[0]["orderId"] == 2
        url = sandbox.base_url
    with pytest.raises(TransportError), Client(DEMO_API_KEY, DEMO_API_SECRET, base_url=url, retries=0) as client:
        client.check_server_time()  # stopped: nothing listens there any more


def test_added_orders_in_any_status_are_found_as_the_exchange_would() -> None:
    with ExchangeSimulator() as sandbox, sandbox.client(retries=FAST_RETRIES) as client:
        added = sandbox.add_order(symbol="BTCUSD_PERP", status="FILLED", executedQty="0.40", price="43000.1")
        assert added["orderId"] == 1917642  # the next free id
        assert client.query_order("BTCUSD_PERP", order_id=added["orderId"]).price == Decimal("43000.1")
        with pytest.raises(OrderNotFoundError):  # filled: not an open order
            client.query_current_open_order("BTCUSD_PERP", order_id=added["orderId"])
        sandbox.add_order(orderId=99, symbol="ETHUSD_PERP", status="NEW", positionSide=None)
        found = client.query_current_open_order("ETHUSD_PERP", order_id=99)
        assert found.position_side is None and "positionSide" not in found.to_dict()


def test_public_keys_are_accepted_for_the_algorithm_they_are(
    ed25519_pem: tuple[bytes, bytes], rsa_pem: tuple[bytes, bytes], tmp_path: Path
) -> None:
    (tmp_path / "rsa.pub.pem").write_bytes(rsa_pem[1])
    with ExchangeSimulator() as sandbox:
        sandbox.add_public_key("ed-key", ed25519_pem[1])
        sandbox.add_public_key("rsa-key", tmp_path / "rsa.pub.pem")
        for key, private in (("ed-key", ed25519_pem[0]), ("rsa-key", rsa_pem[0])):
            with sandbox.client(key, None, private_key=private) as client:
                assert client.query_order("BTCUSD_PERP", order_id=3).status == "FILLED"
        with sandbox.client("ed-key", None, private_key=rsa_pem[0]) as client, pytest.raises(AuthenticationError):
            client.query_order("BTCUSD_PERP", order_id=3)  # signed with another key: -1022
        with pytest.raises(ValueError, match="not an Ed25519 public key"):
            sandbox.exchange.add_public_key("x", rsa_pem[1], "Ed25519")


def test_faults_answer_as_asked() -> None:
    # weight_limit=None: a paced client would wait out the 429's Retry-After before its next request
    with ExchangeSimulator() as sandbox, sandbox.client(retries=0, timeout=0.5, weight_limit=None) as client:
        sandbox.fail_next(429, {"code": -1003, "msg": "Too many requests."}, retry_after=7, path=OPEN_ORDER)
        with pytest.raises(RateLimitError) as limited:
            client.query_current_open_order("BTCUSD_200925", order_id=1917641)
        assert (limited.value.code, limited.value.retry_after) == (-1003, 7.0)
        sandbox.fail_next(502, "<html><body>Bad Gateway</body></html>")
        with pytest.raises(APIError) as gateway:
            client.check_server_time()
        assert gateway.value.status_code == 502 and gateway.value.code is None
        assert gateway.value.headers["Content-Type"].startswith("text/html")
        sandbox.drop_next()
        with pytest.raises(TransportError):
            client.check_server_time()
        sandbox.delay_next(2.0)
        with pytest.raises(RequestTimeoutError):
            client.check_server_time()
        assert client.check_server_time().server_time > 0  # the faults are used up
        # None: dropped; and the delayed one, still held when the client gave up
        assert [r.status for r in sandbox.requests] == [429, 502, None, None, 200]


def test_clock_skew_makes_minus_1021_and_one_sync() -> None:
    with ExchangeSimulator() as sandbox, sandbox.client() as client:
        sandbox.clock_skew_ms = -3000
        assert client.query_order("BTCUSD_PERP", order_id=2).order_id == 2
        assert [r.path for r in sandbox.requests] == ["/dapi/v1/order", "/dapi/v1/time", "/dapi/v1/order"]
        assert [r.status for r in sandbox.requests] == [400, 200, 200]


def test_the_weight_budget_answers_429_with_retry_after_until_the_window_rolls_over() -> None:
    with ExchangeSimulator(demo_exchange(weight_limit=41, weight_window=1.0)) as sandbox:
        with sandbox.client(retries=0) as client:
            while time.time() % 1.0 > 0.5:  # start early in a window, so the calls below stay in it
                time.sleep(0.05)
            assert client.current_all_open_orders_detailed().used_weight == {"1m": 40}  # without symbol: 40
            assert client.check_server_time_detailed().used_weight == {"1m": 41}
            with pytest.raises(RateLimitError) as limited:
                client.check_server_time()
            assert limited.value.code == -1003 and limited.value.retry_after == 1.0
            assert "current limit is 41" in limited.value.msg
            time.sleep(1.0)
            assert client.check_server_time_detailed().used_weight == {"1m": 1}  # a new window
        assert sandbox.used_weight == 1


def test_request_log_repr_hides_signatures() -> None:
    with ExchangeSimulator() as sandbox, sandbox.client() as client:
        client.query_order("BTCUSD_PERP", order_id=2)
        request = sandbox.requests[-1]
        assert (request.method, request.path, request.api_key, request.status) == (
            "GET",
            "/dapi/v1/order",
            DEMO_API_KEY,
            200,
        )
        signature = request.query.rsplit("signature=", 1)[1]
        assert len(signature) == 64 and signature not in repr(request) and "signature=<redacted>" in repr(request)


def test_async_with_and_async_client() -> None:
    async def run() -> str:
        async with ExchangeSimulator() as sandbox, sandbox.async_client() as client:
            return str((await client.query_order("BTCUSD_PERP", order_id=2)).status)

    assert asyncio.run(run()) == "PARTIALLY_FILLED"


def test_only_loopback_is_served_without_a_warning() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2") and not is_loopback("example.com")  # noqa: S104
    sandbox = ExchangeSimulator(host="0.0.0.0", port=_free_port())  # noqa: S104 - the case under test; no traffic
    with pytest.warns(UserWarning) as warned:
        sandbox.start()
    sandbox.stop()
    message = (
        "the exchange simulator listens on 0.0.0.0, not only on this machine: anyone who can reach it can use its keys"
    )
    assert [str(w.message) for w in warned] == [message]
    # The caller's line; in a mutation run, mutmut's trampoline is the frame between this test and start().
    assert warned[0].filename == __file__ or MUTATION


_HOST = "host must be an address to listen on, such as 127.0.0.1, not "
_PORT = "port must be a whole number from 0 (any free port) to 65535, not "


@pytest.mark.parametrize(("options", "message"), [
    ({"host": ""}, _HOST + "''"), ({"host": " "}, _HOST + "' '"), ({"host": None}, _HOST + "None"),
    ({"port": -1}, _PORT + "-1"), ({"port": 65536}, _PORT + "65536"), ({"port": True}, _PORT + "True"),
    ({"port": "80"}, _PORT + "'80'"),
])  # fmt: skip
def test_a_host_or_port_the_simulator_cannot_listen_on_is_refused_saying_what_is(
    options: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError) as refused:
        ExchangeSimulator(**options)
    assert str(refused.value) == message


def test_a_running_simulator_cannot_be_started_twice_and_a_stopped_one_can_start_again() -> None:
    sandbox = ExchangeSimulator(port=65535)  # the highest port: accepted
    sandbox.port = 0
    with sandbox:
        with pytest.raises(RuntimeError) as twice:
            sandbox.start()
        assert str(twice.value) == "the simulator is already running"
        with sandbox.client() as client:
            assert client.check_server_time().server_time > 0
    with sandbox, sandbox.client() as client:  # started again, on a free port
        assert client.check_server_time().server_time > 0
    with pytest.raises(RuntimeError) as stopped:
        _ = sandbox.base_url
    assert str(stopped.value) == "the simulator is not running: use it in a `with` block, or call start()"


def test_the_simulator_loads_its_spec_under_a_c_locale() -> None:
    # The spec holds Chinese: read as the locale's encoding (ASCII under C, with coercion off), it would not load.
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    code = "from binance_coinm.testing import ExchangeSimulator; print(len(ExchangeSimulator().exchange.routes))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert (loaded.returncode, loaded.stderr) == (0, "") and int(loaded.stdout) >= 4


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_pytest_fixture_is_a_running_demo_simulator(binance_sandbox: ExchangeSimulator) -> None:
    with binance_sandbox.client() as client:
        assert client.query_current_open_order("BTCUSD_200925", order_id=1917641).status == "NEW"

    async def run() -> int:
        async with AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, base_url=binance_sandbox.base_url) as client:
            return (await client.query_order("BTCUSD_PERP", order_id=3)).order_id

    assert asyncio.run(run()) == 3
    assert isinstance(binance_sandbox.exchange, Exchange) and binance_sandbox.exchange.weight_limit == 2400


# -- the command ---------------------------------------------------------------------------------------------------


def _environment() -> dict[str, str]:
    # TZ eight hours east of UTC: the request log's times must be UTC whatever the machine's zone. No
    # PYTHONUNBUFFERED (CI sets it): into a pipe, each log line must come out as it happens all the same.
    kept = {k: v for k, v in os.environ.items() if not k.startswith("BINANCE_") and k != "PYTHONUNBUFFERED"}
    return {**kept, "TZ": "CST-8"}


def _banner(*args: str) -> tuple[subprocess.Popen[str], str, str]:
    """Start `binance-coinm sandbox args`; (process, base URL, the rest of the banner)."""
    child = subprocess.Popen(
        [COMMAND, "sandbox", *args], env=_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    lines: queue.Queue[str] = queue.Queue()

    def pump(stream: Any) -> None:  # a thread reads, so that a silent sandbox fails a test instead of hanging it
        for line in stream:
            lines.put(line)
        lines.put("")

    threading.Thread(target=pump, args=(child.stdout,), daemon=True).start()
    child.lines = lines  # type: ignore[attr-defined]
    url = _next_line(child).strip()
    banner: list[str] = []
    while not banner or banner[-1] not in ("Requests:\n", "请求：\n", ""):  # "": the end of the output
        banner.append(_next_line(child))
    return child, url, "".join(banner)


def _next_line(child: subprocess.Popen[str], seconds: float = 10.0) -> str:
    """The sandbox's next line of output ("" once it ended); fails the test if none comes within seconds."""
    try:
        line: str = child.lines.get(timeout=seconds)  # type: ignore[attr-defined]
    except queue.Empty:
        child.kill()
        pytest.fail(f"the sandbox printed nothing for {seconds} s")
    return line


def _stop(child: subprocess.Popen[str]) -> str:
    """Interrupt the sandbox; its stderr. Its pipes are closed (an open one is a ResourceWarning, an error here)."""
    with child:
        child.send_signal(signal.SIGINT)
        try:
            code = child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()  # before the with's own wait, which has no limit
            pytest.fail("the sandbox did not stop on SIGINT within 10 s")
        assert code == 0
        return child.stderr.read() if child.stderr else ""


def test_sandbox_command_serves_the_keys_it_was_given(tmp_path: Path, ed25519_pem: tuple[bytes, bytes]) -> None:
    (tmp_path / "ed.pub.pem").write_bytes(ed25519_pem[1])
    (tmp_path / "ed.pem").write_bytes(ed25519_pem[0])
    child, url, banner = _banner("--hmac-key", "mine:my-secret", "--ed25519-key", f"ed:{tmp_path / 'ed.pub.pem'}",
                                 "--weight-limit", "0")  # fmt: skip
    try:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
        assert (
            f"export BINANCE_BASE_URL={url} BINANCE_API_KEY=demo-api-key BINANCE_API_SECRET=demo-api-secret" in banner
        )
        assert "demo-api-key (HMAC), mine (HMAC), ed (Ed25519)" in banner and "no limit" in banner
        assert "1917641  BTCUSD_200925" in banner
        with Client("mine", "my-secret", base_url=url) as client:
            assert client.query_order("BTCUSD_PERP", order_id=3).order_id == 3
        with Client("ed", private_key=tmp_path / "ed.pem", base_url=url) as client:
            assert client.query_order("BTCUSD_PERP", order_id=3).order_id == 3
        assert child.stdout is not None
        assert re.fullmatch(r"  \d\d:\d\d:\d\d GET /dapi/v1/order 200 \(mine\)\n", _next_line(child))
        assert re.fullmatch(r"  \d\d:\d\d:\d\d GET /dapi/v1/order 200 \(ed\)\n", _next_line(child))
        with Client("mine", "my-secret", base_url=url) as client:
            client.check_server_time()
        line = _next_line(child)
        assert re.fullmatch(r"  \d\d:\d\d:\d\d GET /dapi/v1/time 200\n", line)  # no key sent: none shown
        logged = datetime.strptime(line.split()[0], "%H:%M:%S").replace(tzinfo=UTC)
        now = datetime.now(UTC)
        assert abs((now - now.replace(hour=logged.hour, minute=logged.minute, second=logged.second)).seconds) < 120
    finally:
        assert "Traceback" not in _stop(child)


def test_sandbox_banner_in_chinese_and_aligned() -> None:
    child, _, banner = _banner("--lang", "zh")
    try:
        assert "按 Ctrl-C 停止" in banner and "订单：" in banner
        rows = [line for line in banner.splitlines() if re.match(r"  \d+ ", line)]
        chinese = next(row for row in rows if "币安人生USD_PERP" in row)
        plain = next(row for row in rows if "BTCUSD_PERP" in row)
        from wcwidth import wcswidth

        # the column after the symbol starts at the same terminal column, a Chinese character being two wide
        assert wcswidth(chinese[: chinese.index("chinese")]) == wcswidth(plain[: plain.index("web_")])
    finally:
        _stop(child)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--hmac-key", "no-colon"], "expected KEY:SECRET, not no-colon"),
        (["--ed25519-key", "k:/nonexistent/pub.pem"], "cannot read /nonexistent/pub.pem: No such file or directory"),
        (["--port", "65536"], "argument --port: a port is a whole number from 0 to 65535, not 65536"),
    ],
)
def test_sandbox_command_mistakes_exit_2_with_what_to_fix(args: list[str], said: str) -> None:
    result = subprocess.run([COMMAND, "sandbox", *args], env=_environment(), capture_output=True, text=True,
                            timeout=30, check=False)  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert said in result.stderr and "Traceback" not in result.stderr and result.stdout == ""


def test_sandbox_command_refuses_a_taken_port() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([COMMAND, "sandbox", "--port", str(port)], env=_environment(), capture_output=True,
                                text=True, timeout=30, check=False)  # fmt: skip
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1 port {port}: {os.strerror(errno.EADDRINUSE)}" in result.stderr


def test_sandbox_takes_no_client_option_given_before_it() -> None:
    for option in (["--base-url", "http://127.0.0.1:1"], ["--testnet"], ["--json"]):
        result = subprocess.run([COMMAND, *option, "sandbox"], env=_environment(), capture_output=True, text=True,
                                timeout=30, check=False)  # fmt: skip
        assert result.returncode == 2 and "sandbox takes no --json, --base-url or --testnet" in result.stderr, option


@pytest.mark.parametrize(("lang", "warning"), [
    ("en", "Listening on 0.0.0.0: other machines can reach it, and it accepts the demo key."),
    ("zh", "正在监听 0.0.0.0：其他机器可以访问它，且它接受演示 API Key。"),
])  # fmt: skip
def test_the_banner_warns_of_a_host_other_machines_can_reach(lang: str, warning: str) -> None:
    # The banner alone (no server: a test does not listen beyond loopback); the second line warns, or is the next one.
    from binance_coinm.cli import TEXT, _banner

    def second_line(host: str) -> str:
        return _banner(TEXT[lang], f"http://{host}:1", host=host, keys={}, limit=None, orders=[])[1]

    assert second_line("0.0.0.0") == warning  # noqa: S104 - no server here: the banner only
    assert second_line("127.0.0.1") == second_line("localhost") == second_line("::1") != warning


def test_a_request_dropped_without_an_answer_is_logged_with_a_dash() -> None:
    from binance_coinm.cli import _logged
    from binance_coinm.testing import Request

    dropped = Request(method="GET", path="/dapi/v1/time", query="", api_key=None, status=None)
    assert re.fullmatch(r"  \d\d:\d\d:\d\d GET /dapi/v1/time -", _logged(dropped))


def test_a_quiet_sandbox_prints_its_url_alone_on_the_host_asked_and_stops_cleanly() -> None:
    with subprocess.Popen([COMMAND, "sandbox", "--quiet", "--host", "localhost"], env=_environment(),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as child:  # fmt: skip
        assert child.stdout is not None and child.stderr is not None
        url = child.stdout.readline().strip()
        assert re.fullmatch(r"http://localhost:\d+", url), url
        with Client(DEMO_API_KEY, DEMO_API_SECRET, base_url=url) as client:
            assert client.check_server_time().server_time > 0
        child.send_signal(signal.SIGINT)
        assert child.wait(timeout=10) == 0
        assert child.stdout.read() == ""  # nothing but the URL, not even the request log
        child.stderr.read()


# -- what a hostile or careless caller gets ---------------------------------------------------------------------


def test_add_order_refuses_what_the_exchange_could_not_hold_and_keeps_decimals_exact() -> None:
    with ExchangeSimulator() as sandbox, sandbox.client() as client:
        assert sandbox.add_order(orderId=60, symbol="BTCUSD_PERP", price=Decimal("43000.50"))["price"] == "43000.50"
        assert client.query_order("BTCUSD_PERP", order_id=60).price == Decimal("43000.50")
        before = sandbox.orders()
        for bad in ({"status": None}, {"time": None}, {"orderId": "abc"}, {"orderId": 0}, {"time": "yesterday"},
                    {"executedQty": "abc"}, {"price": 1.5}, {"price": object()}, {"price": float("nan")}):  # fmt: skip
            with pytest.raises((TypeError, ValueError)):
                sandbox.add_order(symbol="BTCUSD_PERP", **bad)
        assert sandbox.orders() == before  # nothing half-added
        assert client.current_all_open_orders()  # the book still answers


def test_add_order_from_many_threads_loses_nothing() -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ExchangeSimulator() as sandbox, ThreadPoolExecutor(16) as pool:
        ids = list(pool.map(lambda _: sandbox.add_order(symbol="BTCUSD_PERP")["orderId"], range(400)))
        assert len(set(ids)) == 400 and len(sandbox.orders()) == 407


@pytest.mark.parametrize(("call", "error", "message"), [
    (lambda s: s.fail_next(42), ValueError, "status must be an HTTP status from 100 to 599, not 42"),
    (lambda s: s.fail_next(99), ValueError, "status must be an HTTP status from 100 to 599, not 99"),
    (lambda s: s.fail_next(600), ValueError, "not 600"),
    (lambda s: s.fail_next(99), ValueError, "not 99"),
    (lambda s: s.fail_next(600), ValueError, "not 600"),
    (lambda s: s.fail_next(True), ValueError, "not True"),
    (lambda s: s.fail_next(503, 12345), TypeError, "body is a dict (JSON), text (HTML) or bytes, not int"),
    (lambda s: s.fail_next(503, headers={"X": "a\r\nB: 1"}), ValueError, "header 'X': names and values are text"),
    (lambda s: s.fail_next(503, headers={"X\n": "a"}), ValueError, "header 'X\\n'"),
    (lambda s: s.fail_next(503, headers={"X": "a\0"}), ValueError, "without line breaks"),
    (lambda s: s.fail_next(503, headers={"X": 1}), ValueError, "header 'X'"),
    (lambda s: s.fail_next(503, headers={1: "a"}), ValueError, "header 1"),
    (lambda s: s.fail_next(429, retry_after=-5), ValueError, "retry_after is a number of seconds, at least 0, not -5"),
    (lambda s: s.fail_next(429, retry_after=float("nan")), ValueError, "retry_after is a number of seconds"),
    (lambda s: s.fail_next(429, retry_after=True), ValueError, "not True"),
    (lambda s: s.fail_next(times=0), ValueError, "times must be a whole number of at least 1, not 0"),
    (lambda s: s.fail_next(times=1.0), ValueError, "not 1.0"),
    (lambda s: s.fail_next(path="dapi/v1/order"), ValueError, "path is a request path, starting with /"),
    (lambda s: s.fail_next(path=b"/dapi"), ValueError, "not b'/dapi'"),
    (lambda s: s.delay_next("1"), ValueError, "seconds is a number of seconds, at least 0, not '1'"),
    (lambda s: s.delay_next(float("nan")), ValueError, "not nan"),
    (lambda s: s.delay_next(float("inf")), ValueError, "not inf"),
    (lambda s: s.delay_next(1, times=0), ValueError, "times must be"),
    (lambda s: s.delay_next(1, path="x"), ValueError, "path is a request path"),
    (lambda s: s.drop_next(times=-3), ValueError, "not -3"),
    (lambda s: s.drop_next(path="x"), ValueError, "not 'x'"),
    (lambda s: setattr(s, "clock_skew_ms", 1.5), TypeError, "clock_skew_ms is a whole number of milliseconds, not 1.5"),
    (lambda s: setattr(s, "clock_skew_ms", None), TypeError, "not None"),
])  # fmt: skip
def test_bad_fault_arguments_are_refused_at_the_call(call: Any, error: type[Exception], message: str) -> None:
    with ExchangeSimulator() as sandbox:
        with pytest.raises(error) as raised:
            call(sandbox)
        assert type(raised.value) is error and message in str(raised.value)
        assert not sandbox.exchange.faults and sandbox.clock_skew_ms == 0


BANNED_BODY = '{"code": -1003, "msg": "封禁"}'.encode()


@pytest.mark.parametrize(("arguments", "status", "content_type", "body"), [
    ({}, 503, "application/json", DEFAULT_FAULT_BODY),
    ({"status": 100 + 400}, 500, "application/json", None),
    ({"status": 599, "body": b"raw"}, 599, "application/json", b"raw"),
    ({"status": 418, "body": {"code": -1003, "msg": "封禁"}}, 418, "application/json", BANNED_BODY),
    ({"status": 502, "body": "<html>网关</html>"}, 502, "text/html; charset=utf-8", "<html>网关</html>".encode()),
    ({"status": 429, "retry_after": 7}, 429, "application/json", None),
    ({"status": 429, "retry_after": 0.5, "headers": {"X-Extra": "1"}}, 429, "application/json", None),
    ({"status": 502, "body": "<p/>", "headers": {"Content-Type": "text/plain"}}, 502, "text/plain", b"<p/>"),
    ({"status": 400, "body": {"a": 1}, "headers": {"Content-Type": "application/problem+json"}}, 400,
     "application/problem+json", b'{"a": 1}'),
    ({"status": 500, "body": b"x", "headers": {"Content-Type": "text/plain"}}, 500, "text/plain", b"x"),
])  # fmt: skip
def test_a_failed_answer_is_sent_as_asked(
    arguments: dict[str, Any], status: int, content_type: str, body: bytes | None
) -> None:
    with ExchangeSimulator() as sandbox, httpx.Client(base_url=sandbox.base_url) as raw:
        sandbox.fail_next(**arguments, path="/dapi/v1/time")
        sandbox.fail_next(404, path="/elsewhere")  # another path's fault is not used
        answer = raw.get("/dapi/v1/time")
        assert answer.status_code == status and answer.headers["content-type"] == content_type
        if body is not None:
            assert answer.content == body  # non-ASCII sent as UTF-8, not as \u escapes
        if "retry_after" in arguments:
            assert answer.headers["retry-after"] == f"{arguments['retry_after']:g}"
        else:
            assert "retry-after" not in answer.headers
        for name, value in arguments.get("headers", {}).items():
            assert answer.headers[name] == value
        assert raw.get("/dapi/v1/time").status_code == 200  # used up after one


def test_a_gather_fault_holds_every_answer_until_all_have_arrived() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from binance_coinm.testing import Fault

    with ExchangeSimulator() as sandbox, httpx.Client(base_url=sandbox.base_url) as raw, ThreadPoolExecutor(3) as pool:
        sandbox.exchange.inject(Fault("gather", times=3, seconds=10.0, path="/dapi/v1/time"))
        first = [pool.submit(raw.get, "/dapi/v1/time") for _ in range(2)]
        time.sleep(0.3)
        assert not any(f.done() for f in first)  # two of three arrived: both held
        third = pool.submit(raw.get, "/dapi/v1/time")
        assert [f.result(timeout=5).status_code for f in [*first, third]] == [200, 200, 200]


@pytest.mark.parametrize(("seconds", "held"), [(0.5, 0.5), (0.0, 10.0)])  # 0: the default hold, 10 s
def test_a_gather_fault_answers_when_its_seconds_have_passed_without_the_rest(seconds: float, held: float) -> None:
    from binance_coinm.testing import Fault

    with ExchangeSimulator() as sandbox, httpx.Client(base_url=sandbox.base_url, timeout=30.0) as raw:
        sandbox.exchange.inject(Fault("gather", times=3, seconds=seconds, path="/dapi/v1/time"))
        started = time.monotonic()
        assert raw.get("/dapi/v1/time").status_code == 200  # one of three arrived: answered when the time is up
        assert held <= time.monotonic() - started < held + 0.9


def test_a_fault_of_a_kind_the_simulator_does_not_have_is_refused() -> None:
    from binance_coinm.testing import Fault

    with pytest.raises(ValueError) as error:
        Fault("dleay", seconds=1.0)
    assert str(error.value) == "a Fault's kind is one of status, delay, close, gather, not 'dleay'"


def test_faults_for_one_path_leave_the_others_alone() -> None:
    with ExchangeSimulator() as sandbox, httpx.Client(base_url=sandbox.base_url, timeout=2.0) as raw:
        sandbox.delay_next(5.0, path=OPEN_ORDER)
        sandbox.drop_next(path=OPEN_ORDER)
        started = time.monotonic()
        assert raw.get("/dapi/v1/time").status_code == 200 and time.monotonic() - started < 1.0
        assert len(sandbox.exchange.faults) == 2  # neither was used


def test_the_simulators_repr_says_where_it_listens() -> None:
    sandbox = ExchangeSimulator()
    assert repr(sandbox) == "<ExchangeSimulator stopped, 7 orders>"
    with sandbox:
        sandbox.add_order(symbol="BTCUSD_PERP")
        assert repr(sandbox) == f"<ExchangeSimulator {sandbox.base_url}, 8 orders>"
    assert repr(sandbox) == "<ExchangeSimulator stopped, 8 orders>"


def test_a_fault_applies_as_many_times_as_asked() -> None:
    with ExchangeSimulator() as sandbox, httpx.Client(base_url=sandbox.base_url) as raw:
        sandbox.fail_next(502, times=2)
        sandbox.delay_next(0.2, times=1, path="/dapi/v1/time")
        assert [raw.get("/dapi/v1/time").status_code for _ in range(3)] == [502, 502, 200]
        assert [r.status for r in sandbox.requests] == [502, 502, 200]


@pytest.mark.parametrize("arguments", [{"port": None}, {"port": 1.5}, {"port": -1}, {"port": 65536}, {"host": ""}])
def test_bad_listening_arguments_are_refused(arguments: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        ExchangeSimulator(**arguments)


def test_a_wildcard_address_gives_a_loopback_base_url() -> None:
    with pytest.warns(UserWarning), ExchangeSimulator(host="0.0.0.0") as sandbox, sandbox.client() as client:  # noqa: S104
        assert sandbox.base_url.startswith("http://127.0.0.1:")  # a URL the client accepts
        assert client.check_server_time().server_time > 0


def test_a_failing_listener_does_not_change_the_answers() -> None:
    with ExchangeSimulator() as sandbox, sandbox.client() as client:

        def broken(request: object) -> None:
            raise BrokenPipeError

        sandbox.exchange.on_request = broken
        assert client.check_server_time().server_time > 0
        assert client.check_server_time().server_time > 0 and sandbox.exchange.on_request is None


def test_stopping_with_an_answer_held_leaves_no_task_behind(caplog: pytest.LogCaptureFixture) -> None:
    import gc

    with ExchangeSimulator() as sandbox, sandbox.client(retries=0, timeout=0.3) as client:
        sandbox.delay_next(30)
        with pytest.raises(RequestTimeoutError):
            client.check_server_time()
    gc.collect()
    assert "Task was destroyed" not in caplog.text


def test_secrets_are_not_in_the_simulators_reprs() -> None:
    with ExchangeSimulator() as sandbox:
        sandbox.add_hmac_key("mine", "my-own-secret")
        assert "my-own-secret" not in repr(sandbox.exchange.credentials) and DEMO_API_SECRET not in repr(sandbox)


def test_add_order_refuses_integers_the_exchange_could_not_send() -> None:
    with ExchangeSimulator() as sandbox:
        for bad in ({"orderId": 2**63}, {"updateTime": 2**64}):
            with pytest.raises(TypeError):
                sandbox.add_order(symbol="BTCUSD_PERP", **bad)
        assert len(sandbox.orders()) == 7


@pytest.mark.parametrize(("name", "args"), [
    ("sandbox.en.txt", []),
    ("sandbox.zh.txt", ["--lang", "zh", "--hmac-key", "mine:my-secret", "--weight-limit", "0"]),
])  # fmt: skip
def test_the_sandbox_banner_is_exactly_as_reviewed(name: str, args: list[str]) -> None:
    child, url, banner = _banner(*args)
    try:
        expected = (GOLDEN / name).read_text(encoding="utf-8").replace("{url}", url)
        assert banner == expected
    finally:
        _stop(child)


def test_sandbox_key_options_register_each_kind(
    tmp_path: Path, ed25519_pem: tuple[bytes, bytes], rsa_pem: tuple[bytes, bytes]
) -> None:
    from binance_coinm.cli import TEXT, UsageError, _parser, _sandbox_exchange

    (tmp_path / "ed.pub").write_bytes(ed25519_pem[1])
    (tmp_path / "rsa.pub").write_bytes(rsa_pem[1])

    def exchange_for(*options: str, lang: str = "en") -> tuple[Exchange, dict[str, str]]:
        args = _parser(lang).parse_args(["--lang", lang, "sandbox", *options])
        return _sandbox_exchange(args, TEXT[lang])  # type: ignore[no-any-return]

    exchange, keys = exchange_for("--hmac-key", "h:s:with:colons", "--ed25519-key", f"e:{tmp_path / 'ed.pub'}",
                                  "--rsa-key", f"r:{tmp_path / 'rsa.pub'}")  # fmt: skip
    assert keys == {DEMO_API_KEY: "HMAC", "h": "HMAC", "e": "Ed25519", "r": "RSA"}
    assert exchange.credentials["h"].secret == b"s:with:colons"  # the key ends at the first colon
    for options, message in [
        (["--hmac-key", ":s"], "expected KEY:SECRET, not :s"),
        (["--hmac-key", "k:"], "expected KEY:SECRET, not k:"),
        (["--ed25519-key", "k"], "expected KEY:PUB.pem, not k"),
        (["--rsa-key", f"r:{tmp_path / 'ed.pub'}"], f"{tmp_path / 'ed.pub'} is not an RSA public key in PEM"),
        (["--ed25519-key", f"e:{tmp_path / 'rsa.pub'}"], f"{tmp_path / 'rsa.pub'} is not an Ed25519 public key"),
        (["--hmac-key", "a:1", "--hmac-key", "a:2"], "the API key a is given twice"),
        (["--hmac-key", f"{DEMO_API_KEY}:x"], f"the API key {DEMO_API_KEY} is given twice"),
        (["--rsa-key", "r:/nonexistent.pem"], "cannot read /nonexistent.pem: No such file or directory"),
    ]:
        with pytest.raises(UsageError) as error:
            exchange_for(*options)
        assert str(error.value).startswith(message), (options, str(error.value))
    with pytest.raises(UsageError) as error:
        exchange_for("--rsa-key", "r:/nonexistent.pem", lang="zh")
    assert str(error.value) == "无法读取 /nonexistent.pem：没有这个文件或目录"


def test_the_edges_of_the_status_range_are_taken_and_a_delay_is_served_late() -> None:
    with ExchangeSimulator() as sandbox, sandbox.client(retries=0, timeout=5.0) as client:
        sandbox.fail_next(100)  # the edges of "100 to 599" are statuses too
        sandbox.fail_next(599)
        assert [fault.status for fault in sandbox.exchange.faults] == [100, 599]
        sandbox.exchange.faults.clear()
        sandbox.delay_next(0.3)
        started = time.monotonic()
        assert client.check_server_time().server_time > 0
        assert time.monotonic() - started >= 0.3  # held for the delay asked, then answered normally
        assert [r.status for r in sandbox.requests] == [200]
