"""The `binance-coinm` command against the simulator: its main() in-process, and the installed console script in a
subprocess where only a real process shows the behaviour."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

import pytest
from binance_coinm.cli import main
from binance_coinm.testing import DEMO_API_KEY, DEMO_API_SECRET, DOC_ORDER, Exchange, ExchangeSimulator, Fault

COMMAND = str(Path(sys.executable).with_name("binance-coinm"))
KEYS = {"BINANCE_API_KEY": DEMO_API_KEY, "BINANCE_API_SECRET": DEMO_API_SECRET}


def console(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed console script in a subprocess: for what only a real process shows (exit status, encodings,
    pipes, signals)."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("BINANCE_")}
    return subprocess.run(
        [COMMAND, *args], env={**environ, **(env or {})}, capture_output=True, text=True, timeout=60, check=False
    )


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command's main() in this process, with its own environment, stdout and stderr: what the console script
    runs, minus the interpreter's start-up (and visible to coverage and mutation testing)."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("BINANCE_")}
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args), {**environ, **(env or {})})
        except SystemExit as exit_:  # argparse's usage errors and --help
            code = exit_.code if isinstance(exit_.code, int) else 1
    return subprocess.CompletedProcess([COMMAND, *args], code, out.getvalue(), err.getvalue())


def assert_clean_failure(result: subprocess.CompletedProcess[str], code: int) -> None:
    assert result.returncode == code, (result.returncode, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr and DEMO_API_SECRET not in result.stderr
    assert len(result.stderr.strip().splitlines()) >= 1


def test_open_order_prints_a_table_with_english_labels(base_url: str) -> None:
    # The installed console script, once end to end: the rest of this file calls its main() in-process.
    result = console("--base-url", base_url, "open-order", "--symbol", "BTCUSD_200925", "--order-id", "1917641",
                     env=KEYS)  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["field", "value", "meaning"]
    assert any(line.split()[:2] == ["origQty", "0.40"] and "Original order quantity" in line for line in lines)
    assert any(line.split()[:2] == ["reduceOnly", "false"] for line in lines)


def test_open_order_table_in_chinese(base_url: str) -> None:
    result = cli("--base-url", base_url, "--lang", "zh", "open-order", "--symbol", "BTCUSD_PERP",
                 "--client-order-id", "web_:/.x-1", env=KEYS)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].split() == ["字段", "值", "含义"]
    assert "平均成交价" in result.stdout and "43250.10" in result.stdout
    rows = {line.split()[0]: line.split()[1] for line in result.stdout.splitlines()[1:] if line.strip()}
    # Enum values read in Chinese:
    assert rows["side"] == "BUY（买入）" and rows["status"] == "PARTIALLY_FILLED（部分成交）"
    assert rows["type"] == "LIMIT（限价单）"


def test_json_output_is_the_exact_wire_json(base_url: str) -> None:
    result = cli("--base-url", base_url, "--json", "open-order", "--symbol", "BTCUSD_200925", "--order-id", "1917641",
                 env=KEYS)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == DOC_ORDER  # decimals are the wire strings: "0.40", not 0.4


def test_a_chinese_symbol_from_the_command_line(base_url: str) -> None:
    result = cli("--base-url", base_url, "--json", "open-order", "--symbol", "币安人生USD_PERP", "--order-id", "5",
                 env=KEYS)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["symbol"] == "币安人生USD_PERP"


def test_private_key_file_from_the_environment(
    base_url: str, exchange: Exchange, tmp_path: Path, ed25519_pem: tuple[bytes, bytes]
) -> None:
    exchange.add_public_key("ed-key", ed25519_pem[1])
    key_file = tmp_path / "key.pem"
    key_file.write_bytes(ed25519_pem[0])
    env = {"BINANCE_API_KEY": "ed-key", "BINANCE_PRIVATE_KEY_FILE": str(key_file)}
    result = cli("--base-url", base_url, "--json", "open-order", "--symbol", "BTCUSD_PERP", "--order-id", "2", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["orderId"] == 2


def test_server_time_needs_no_keys(base_url: str, exchange: Exchange) -> None:
    result = cli("--base-url", base_url, "--json", "server-time")
    assert result.returncode == 0, result.stderr
    assert abs(json.loads(result.stdout)["serverTime"] - exchange.server_ms()) < 10_000
    table = cli("--base-url", base_url, "--lang", "zh", "server-time")
    assert table.returncode == 0, table.stderr
    header, row = table.stdout.splitlines()
    assert header.split() == ["字段", "值", "含义"]
    name, ms, shown, meaning = row.split()
    # The timestamp, then the same instant in UTC (ISO 8601, to the ms), then its meaning in Chinese.
    stamp = datetime.fromtimestamp(int(ms) / 1000, tz=UTC).isoformat(timespec="milliseconds")
    assert (name, shown, meaning) == ("serverTime", f"({stamp})", "服务器时间（毫秒时间戳）")
    assert abs(int(ms) - exchange.server_ms()) < 10_000


@pytest.mark.parametrize("args", [
    ["open-order", "--order-id", "1"],                                              # no symbol
    ["open-order", "--symbol", "X", "--order-id", "1", "--client-order-id", "a"],   # both ids
    ["open-order", "--symbol", "X", "--api-secret", "s"],                           # keys are not arguments
    ["open-order", "--symbol", "X", "--order-id", "abc"],
])  # fmt: skip
def test_usage_errors_exit_2(base_url: str, args: list[str]) -> None:
    assert_clean_failure(cli("--base-url", base_url, *args, env=KEYS), 2)


@pytest.mark.parametrize("args", [
    ["--client-order-id", "has space"],
    ["--order-id", "0"],
    ["--order-id", "1", "--recv-window", "70000"],
])  # fmt: skip
def test_validation_errors_exit_2_before_sending(base_url: str, exchange: Exchange, args: list[str]) -> None:
    result = console("--base-url", base_url, "open-order", "--symbol", "BTCUSD_PERP", *args, env=KEYS)
    assert_clean_failure(result, 2)
    assert "ValidationError" in result.stderr
    assert len(exchange.requests) == 0


def test_missing_keys_exit_2(base_url: str) -> None:
    result = cli("--base-url", base_url, "open-order", "--symbol", "BTCUSD_PERP", "--order-id", "2")
    assert_clean_failure(result, 2)
    assert "BINANCE_API_KEY" in result.stderr


def test_order_not_found_exits_3(base_url: str) -> None:
    result = cli("--base-url", base_url, "open-order", "--symbol", "BTCUSD_PERP", "--order-id", "3", env=KEYS)
    assert_clean_failure(result, 3)
    assert "-2013" in result.stderr and "含义" not in result.stderr


def test_an_error_in_chinese_keeps_binances_message_and_adds_the_meaning(base_url: str) -> None:
    result = cli("--base-url", base_url, "--lang", "zh", "open-order", "--symbol", "BTCUSD_PERP", "--order-id", "3",
                 env=KEYS)  # fmt: skip
    assert_clean_failure(result, 3)
    assert "Order does not exist." in result.stderr  # Binance's msg, untouched
    assert result.stderr.strip().endswith("（含义：该订单不是当前挂单：订单不存在，或已成交、已撤销或已过期）")


def test_authentication_error_exits_4(base_url: str) -> None:
    env = {**KEYS, "BINANCE_API_SECRET": "wrong-secret-value"}
    result = cli("--base-url", base_url, "open-order", "--symbol", "BTCUSD_PERP", "--order-id", "2", env=env)
    assert_clean_failure(result, 4)
    assert "wrong-secret-value" not in result.stderr
    assert f"(base URL {base_url}, from --base-url); check BINANCE_API_KEY, BINANCE_API_SECRET" in result.stderr
    wrong_path = cli("server-time", env={"BINANCE_BASE_URL": f"{base_url}/api"})  # not Binance's answer: a 404
    assert_clean_failure(wrong_path, 1)
    assert f"(base URL {base_url}/api, from BINANCE_BASE_URL)" in wrong_path.stderr


def test_rate_limited_exits_5(base_url: str, exchange: Exchange) -> None:
    exchange.inject(Fault("status", status=429, body=b'{"code":-1003,"msg":"Too many requests."}'))
    result = cli("--base-url", base_url, "open-order", "--symbol", "BTCUSD_PERP", "--order-id", "2", env=KEYS)
    assert_clean_failure(result, 5)


def test_other_api_and_transport_errors_exit_1(base_url: str, exchange: Exchange) -> None:
    exchange.inject(Fault("status", status=400, body=b'{"code":-1121,"msg":"Invalid symbol."}'))
    assert_clean_failure(cli("--base-url", base_url, "open-order", "--symbol", "NOPE", "--order-id", "2", env=KEYS), 1)
    refused = cli("--base-url", "http://127.0.0.1:9", "server-time")
    assert_clean_failure(refused, 1)
    assert "TransportError" in refused.stderr


def test_help_and_argparse_errors_in_chinese() -> None:
    shown = cli("--lang", "zh", "--help")
    assert shown.returncode == 0
    assert (
        shown.stdout.startswith("用法：binance-coinm") and "选项：" in shown.stdout and "查询当前挂单" in shown.stdout
    )
    assert "退出码：" in shown.stdout and "Exit codes" not in shown.stdout
    command = cli("open-order", "--help", "--lang=zh")
    assert "交易对，例如 BTCUSD_PERP" in command.stdout and "Contract symbol" not in command.stdout
    assert "`" not in command.stdout  # plain text, not Markdown
    wrong = cli("--lang", "zh", "open-order", "--symbol", "X")
    assert_clean_failure(wrong, 2)
    assert "错误：以下参数必须提供一个：--order-id --orig-client-order-id" in wrong.stderr
    english = cli("open-order", "--symbol", "X")
    assert "error: one of the arguments --order-id --orig-client-order-id" in english.stderr


def test_errors_name_the_variables_and_options_the_user_set(base_url: str, exchange: Exchange, tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric import ed25519
    from cryptography.hazmat.primitives.serialization import (
        BestAvailableEncryption,
        Encoding,
        PrivateFormat,
        PublicFormat,
    )

    key_file = tmp_path / "key.pem"
    key = ed25519.Ed25519PrivateKey.generate()
    key_file.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, BestAvailableEncryption(b"pass-word")))
    query = ["--base-url", base_url, "open-order", "--symbol", "BTCUSD_PERP", "--order-id", "2"]
    with_file = {"BINANCE_API_KEY": "k", "BINANCE_PRIVATE_KEY_FILE": str(key_file)}

    encrypted = cli(*query, env=with_file)
    assert_clean_failure(encrypted, 2)
    assert "BINANCE_PRIVATE_KEY_FILE is encrypted: pass BINANCE_PRIVATE_KEY_PASSWORD" in encrypted.stderr
    missing = cli(*query, env={**with_file, "BINANCE_PRIVATE_KEY_FILE": "/nonexistent/key.pem"})
    assert_clean_failure(missing, 2)
    assert "BINANCE_PRIVATE_KEY_FILE '/nonexistent/key.pem' cannot be read: No such file or directory" in missing.stderr
    both = cli(*query, env={**with_file, **KEYS})
    assert_clean_failure(both, 2)
    assert "BINANCE_API_SECRET and BINANCE_PRIVATE_KEY_FILE are both set" in both.stderr
    option = cli(*query[:-1], "0", env=KEYS)
    assert_clean_failure(option, 2)
    assert "--order-id must be" in option.stderr and "order_id" not in option.stderr
    assert len(exchange.requests) == 0
    # The encrypted key file, with its password: the key is read and the query signed with it.
    exchange.add_public_key("k", key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo))
    signed = cli(*query, env={**with_file, "BINANCE_PRIVATE_KEY_PASSWORD": "pass-word"})
    assert signed.returncode == 0, signed.stderr
    assert "orderId" in signed.stdout
    assert [r.status for r in exchange.requests] == [200]


def test_a_base_url_with_the_api_path_gets_the_url_to_use(base_url: str, exchange: Exchange) -> None:
    given = cli("--base-url", f"{base_url}/dapi/v1", "server-time")
    assert_clean_failure(given, 2)
    assert f"--base-url must not end with the API path /dapi/v1: each call adds its own path (use {base_url})" in (
        given.stderr
    )
    from_environment = cli("server-time", env={"BINANCE_BASE_URL": f"{base_url}/dapi/"})
    assert_clean_failure(from_environment, 2)
    assert "BINANCE_BASE_URL must not end with the API path /dapi" in from_environment.stderr
    assert len(exchange.requests) == 0
    assert cli("--json", "server-time", env={"BINANCE_BASE_URL": base_url}).returncode == 0  # the variable is read
    assert len(exchange.requests) == 1


def test_an_unreachable_host_is_named() -> None:
    refused = cli("--base-url", "http://127.0.0.1:9", "server-time")
    assert_clean_failure(refused, 1)
    assert "(127.0.0.1)" in refused.stderr


@pytest.mark.parametrize(
    ("lang", "hint"),
    [
        ("en", "Symbols are upper-case (BTCUSD_PERP, not btcusd_perp)"),
        ("zh", "交易对为大写（BTCUSD_PERP，而不是 btcusd_perp）"),
    ],
)
def test_a_lower_case_symbol_gets_the_hint(base_url: str, lang: str, hint: str) -> None:
    result = cli("--base-url", base_url, "--lang", lang, "open-order", "--symbol", "btcusd_perp", "--order-id", "2",
                 env=KEYS)  # fmt: skip
    assert_clean_failure(result, 1)
    assert "-1121" in result.stderr and "Invalid symbol." in result.stderr and hint in result.stderr


def test_chinese_table_columns_line_up_in_terminal_columns(base_url: str) -> None:
    from wcwidth import wcswidth

    query = ["open-order", "--symbol", "币安人生USD_PERP", "--order-id", "5"]
    result = cli("--base-url", base_url, "--lang", "zh", *query, env=KEYS)
    assert result.returncode == 0, result.stderr
    rows = [line.split("  ") for line in result.stdout.splitlines()]
    starts = set()
    for line in result.stdout.splitlines():
        meaning = line.rsplit("  ", 1)[1].lstrip()
        if line.rsplit("  ", 1)[0].strip():
            starts.add(wcswidth(line) - wcswidth(meaning))
    assert len(rows) > 20 and len(starts) == 1, starts  # every meaning starts in the same terminal column
    assert any("币安人生USD_PERP" in line for line in result.stdout.splitlines())


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--order-id", "0"], "--order-id 不能小于 1（实际为 0）"),
        (["--order-id", "1", "--recv-window", "70000"], "--recv-window 不能大于 60000（实际为 70000）"),
        (["--client-order-id", "has space"], "--orig-client-order-id 应符合"),
    ],
)
def test_validation_errors_in_chinese(base_url: str, exchange: Exchange, args: list[str], said: str) -> None:
    result = cli("--base-url", base_url, "--lang", "zh", "open-order", "--symbol", "BTCUSD_PERP", *args, env=KEYS)
    assert_clean_failure(result, 2)
    assert result.stderr.startswith("binance-coinm：参数错误（ValidationError）：") and said in result.stderr
    assert len(exchange.requests) == 0


def test_the_table_escapes_control_characters_from_the_exchange(base_url: str, exchange: Exchange) -> None:
    from binance_coinm.testing import order

    exchange.add_order(order(orderId=50, symbol="BTCUSD_PERP", pair="BTC\x1b[31mUSD\x1b[0m", extra="a\tb\nc"))
    result = cli("--base-url", base_url, "open-order", "--symbol", "BTCUSD_PERP", "--order-id", "50", env=KEYS)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\t" not in result.stdout
    assert "BTC\\x1b[31mUSD" in result.stdout and "a\\tb\\nc" in result.stdout
    assert all(
        line.startswith(("field", "  ")) or line.split()[0].isidentifier() for line in result.stdout.splitlines()
    )


def test_errors_say_where_the_base_url_came_from_and_how_long_to_wait(base_url: str, exchange: Exchange) -> None:
    refused = cli("server-time", env={"BINANCE_BASE_URL": "http://127.0.0.1:9"})
    assert_clean_failure(refused, 1)
    assert "(base URL http://127.0.0.1:9, from BINANCE_BASE_URL)" in refused.stderr
    exchange.inject(Fault("status", status=429, body=b'{"code":-1003,"msg":"Too many requests."}',
                          headers={"Retry-After": "7"}))  # fmt: skip
    limited = cli("--base-url", base_url, "--lang", "zh", "server-time")
    assert_clean_failure(limited, 5)
    assert "Too many requests.（请在 7 秒后重试）（含义：" in limited.stderr
    only_key = cli("--base-url", base_url, "open-order", "--symbol", "X", "--order-id", "1",
                   env={"BINANCE_API_KEY": "k"})  # fmt: skip
    assert (
        "query-current-open-order is USER_DATA: set BINANCE_API_SECRET (or BINANCE_PRIVATE_KEY_FILE) in the "
        "environment" in only_key.stderr
    )
    no_key = cli("--base-url", base_url, "open-order", "--symbol", "X", "--order-id", "1", env={})
    assert_clean_failure(no_key, 2)
    assert "is USER_DATA: set BINANCE_API_KEY and BINANCE_API_SECRET (or BINANCE_PRIVATE_KEY_FILE) in" in no_key.stderr


def test_mistakes_around_the_sandbox_command_are_usage_errors(tmp_path: Path, rsa_pem: tuple[bytes, bytes]) -> None:
    (tmp_path / "rsa.pub.pem").write_bytes(rsa_pem[1])
    for args, said in [
        (["--json", "sandbox"], "sandbox takes no --json, --base-url or --testnet"),
        (["sandbox", "--weight-limit", "-5"], "a whole number of at least 0, not -5"),
        (["sandbox", "--hmac-key", "demo-api-key:mine"], "the API key demo-api-key is given twice"),
        (["sandbox", "--ed25519-key", f"k:{tmp_path / 'rsa.pub.pem'}"], "is not an Ed25519 public key in PEM"),
        (["sandbox", "--host", ""], "--host needs an address"),
    ]:
        result = cli(*args)
        assert_clean_failure(result, 2)
        assert said in result.stderr, (args, result.stderr)
    chinese = cli("--lang", "zh", "--testnet", "server-time", "--base-url", "http://127.0.0.1:9")
    assert_clean_failure(chinese, 2)
    assert "错误：参数 --base-url：不能与参数 --testnet 同时使用" in chinese.stderr and "argument" not in chinese.stderr


# -- the exact output: tests/golden/ holds what a user sees, reviewed by eye -------------------------------------

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_table_is_exactly_as_reviewed(lang: str) -> None:
    # Documented fields in the spec's order with their meanings, each enum value's meaning in Chinese, times also
    # in UTC; fields the spec does not know last, escaped and without a meaning; every line without trailing space.
    with ExchangeSimulator() as sandbox:
        sandbox.add_order(orderId=77, symbol="BTCUSD_PERP", clientOrderId="x", status="NEW", side="SELL",
                          type="LIMIT", price="43000.5", origQty="3", executedQty="0", time=1796000000000,
                          updateTime=1796000000123, avgPrice=None, cumBase=None, origType=None, reduceOnly=None,
                          positionSide=None, stopPrice=None, closePosition=None, pair=None, timeInForce=None,
                          workingType=None, priceProtect=None, priceMatch=None, selfTradePreventionMode=None,
                          extraField="a\tb", extraCount=5)  # fmt: skip
        result = cli("--base-url", sandbox.base_url, "--lang", lang, "query-order", "--symbol", "BTCUSD_PERP",
                     "--order-id", "77", env=KEYS)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == (GOLDEN / f"query-order.{lang}.txt").read_text(encoding="utf-8")


def test_a_list_is_one_table_per_item_a_blank_line_apart_exactly_as_reviewed() -> None:
    with ExchangeSimulator() as sandbox:
        for order_id, side in ((81, "BUY"), (82, "SELL")):
            sandbox.add_order(orderId=order_id, symbol="ETHUSD_PERP", clientOrderId=f"c{order_id}", status="NEW",
                              side=side, type="LIMIT", price="2500.25", origQty="7", executedQty="0",
                              time=1796000000000, updateTime=1796000000000)  # fmt: skip
        result = cli("--base-url", sandbox.base_url, "current-all-open-orders", "--symbol", "ETHUSD_PERP", env=KEYS)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (GOLDEN / "current-all-open-orders.en.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(("lang", "none"), [("en", "(none)"), ("zh", "（无）")])
def test_an_empty_list_says_none_and_json_gives_an_empty_array(base_url: str, lang: str, none: str) -> None:
    result = cli("--base-url", base_url, "--lang", lang, "current-all-open-orders", "--pair", "NOPEUSD", env=KEYS)
    assert (result.returncode, result.stdout) == (0, none + "\n")
    result = cli("--base-url", base_url, "--json", "current-all-open-orders", "--pair", "NOPEUSD", env=KEYS)
    assert (result.returncode, result.stdout) == (0, "[]\n")


def test_json_output_is_indented_and_keeps_chinese(base_url: str) -> None:
    result = cli("--base-url", base_url, "--json", "open-order", "--symbol", "币安人生USD_PERP", "--order-id", "5",
                 env=KEYS)  # fmt: skip
    assert result.returncode == 0, result.stderr
    order = json.loads(result.stdout)
    assert order["symbol"] == "币安人生USD_PERP"
    assert result.stdout == json.dumps(order, ensure_ascii=False, indent=2) + "\n"  # the one --json style
    lists = cli("--base-url", base_url, "--json", "current-all-open-orders", "--symbol", "币安人生USD_PERP", env=KEYS)
    assert lists.stdout == json.dumps([order], ensure_ascii=False, indent=2) + "\n"


def test_a_boolean_option_is_true_or_false_as_on_the_wire() -> None:
    from binance_coinm.cli import _boolean

    assert (_boolean("true"), _boolean("false")) == (True, False)
    for wrong in ("True", "1", "yes", ""):
        with pytest.raises(argparse.ArgumentTypeError) as error:
            _boolean(wrong)
        assert str(error.value) == f"expected true or false, not {wrong!r}"


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("a  b", 10, ["a b"]), ("", 10, []), ("   ", 10, []), (" abc", 10, ["abc"]), ("abc  ", 10, ["abc"]),
    ("aaaa bbbb", 9, ["aaaa bbbb"]), ("aaaa bbbb", 8, ["aaaa", "bbbb"]),           # the width, to the column
    ("中文中文 abc", 5, ["中文", "中文", "abc"]), ("中文中文", 4, ["中文", "中文"]),  # two columns each
    ("longerthanthewidth x", 5, ["longerthanthewidth", "x"]),                       # a word is never cut
    ("地址（默认：URL，或", 10, ["地址（默", "认：URL，", "或"]),      # no line starts with ，or ends with （
    ("中文。」中文", 8, ["中文。」", "中文"]), ("中文“中文”", 6, ["中文", "“中文”"]),
])  # fmt: skip
def test_help_text_wraps_by_terminal_columns(text: str, width: int, lines: list[str]) -> None:
    from binance_coinm.cli import _wrap

    assert _wrap(text, width) == lines


@pytest.mark.parametrize(("lang", "args"), [
    ("zh", ["--help"]), ("zh", ["query-order", "--help"]), ("en", ["--help"]),
    ("en", ["sandbox", "--help"]), ("zh", ["sandbox", "--help"]),
    ("en", ["query-order", "--help"]), ("en", ["server-time", "--help"]), ("zh", ["server-time", "--help"]),
])  # fmt: skip
def test_the_help_is_exactly_as_reviewed(lang: str, args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # 60 columns: argparse wraps to 58; a Chinese character takes two, and no line starts with closing punctuation;
    # the epilog's paragraphs are kept, each wrapped to the terminal.
    monkeypatch.setenv("COLUMNS", "60")
    result = cli("--lang", lang, *args)
    assert result.returncode == 0, result.stderr
    name = "-".join(["help", *args[:-1]])
    assert result.stdout == (GOLDEN / f"{name}.{lang}.txt").read_text(encoding="utf-8")


def test_chinese_help_keeps_every_text_within_the_width_at_any_indent(monkeypatch: pytest.MonkeyPatch) -> None:
    from binance_coinm.cli import _ColumnHelp, _width

    monkeypatch.setenv("COLUMNS", "32")  # argparse wraps to 30 columns, indent included (as textwrap does)
    words = "接口根地址 默认读取环境变量中的接口根地址并发送请求到该地址然后等待回答"
    parser = argparse.ArgumentParser(prog="p", description=words, formatter_class=_ColumnHelp, add_help=False)
    parser.add_argument_group("组", description=words)  # indented by two
    shown = parser.format_help()
    assert shown == (
        "usage: p\n\n"
        "接口根地址 默认读取环境变量中\n的接口根地址并发送请求到该地址\n然后等待回答\n\n"
        "组:\n  接口根地址 默认读取环境变\n  量中的接口根地址并发送请求\n  到该地址然后等待回答\n"
    )
    assert max(_width(line) for line in shown.splitlines()) == 30


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "binance-coinm: TransportError: no answer (base URL https://dapi.binance.com, the default)"),
    ("zh", "binance-coinm：网络错误（TransportError）：no answer（根地址 https://dapi.binance.com，默认值）"),
])  # fmt: skip
def test_an_error_says_when_the_base_url_was_the_default(lang: str, said: str) -> None:
    # In-process: a test never sends to the production host; nothing set the base URL, so it was the default.
    from binance_coinm import TransportError
    from binance_coinm.cli import _error_line

    args = argparse.Namespace(lang=lang, testnet=False, base_url=None, operation=None)
    assert _error_line(TransportError("no answer"), args, {}) == said


class _MeaningsEndingInX:
    """A model whose meanings end in a letter before their full stop: only the stop is taken off."""

    FIELD_DESCRIPTIONS: ClassVar = {"side": ("Side, as in axis X.", "方向，如 X。")}
    VALUE_DESCRIPTIONS: ClassVar = {"side": {"BUY": ("Buy", "买入 X。")}}
    EPOCH_MS_FIELDS = ()


@pytest.mark.parametrize(("lang", "table"), [
    ("en", "field  value  meaning\nside   BUY    Side, as in axis X"),
    ("zh", "字段  值             含义\nside  BUY（买入 X）  方向，如 X"),
])  # fmt: skip
def test_a_meaning_loses_its_full_stop_and_nothing_else(lang: str, table: str) -> None:
    from binance_coinm.cli import _table

    assert _table({"side": "BUY"}, _MeaningsEndingInX, lang) == table


def test_an_error_of_a_kind_without_a_chinese_name_keeps_its_own() -> None:
    from binance_coinm import BinanceError
    from binance_coinm.cli import _error_line

    args = argparse.Namespace(lang="zh", testnet=False, base_url=None, operation=None)
    assert _error_line(BinanceError("closed"), args, {}) == "binance-coinm：BinanceError（BinanceError）：closed"


def test_an_error_says_the_testnet_option_chose_the_base_url() -> None:
    from binance_coinm import TransportError
    from binance_coinm.cli import _error_line

    args = argparse.Namespace(lang="en", testnet=True, base_url=None, operation=None)
    assert _error_line(TransportError("no answer"), args, {}) == (
        "binance-coinm: TransportError: no answer (base URL https://testnet.binancefuture.com, from --testnet)"
    )


def test_an_error_codes_meaning_loses_its_full_stop_and_nothing_else() -> None:
    from binance_coinm import OrderNotFoundError
    from binance_coinm.cli import _error_line

    operation = argparse.Namespace(errors={-2013: ("NO_SUCH_ORDER", "No order X.", "没有订单 X。")})
    for lang, meaning in (("en", " (meaning: No order X)"), ("zh", "（含义：没有订单 X）")):
        args = argparse.Namespace(lang=lang, testnet=False, base_url=None, operation=operation)
        assert _error_line(OrderNotFoundError(400, -2013, "Order does not exist."), args, {}).endswith(meaning)


@pytest.mark.parametrize(("argv", "lang"), [
    (["query-order", "--lang", "zh"], "zh"),          # last: its value is the last argument
    (["--lang=zh", "query-order"], "zh"),
    (["--symbol", "zh", "query-order"], "en"),        # "zh" as another option's value is no language
    (["--lang"], "en"), (["--lang", "fr"], "en"),
])  # fmt: skip
def test_the_language_is_read_from_the_arguments_before_parsing(argv: list[str], lang: str) -> None:
    from binance_coinm.cli import _language

    assert _language(argv) == lang


def test_an_interrupted_command_exits_130_without_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import binance_coinm.cli

    def interrupted(*_: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(binance_coinm.cli, "_run", interrupted)
    result = cli("--base-url", "http://127.0.0.1:9", "server-time")
    assert (result.returncode, result.stdout, result.stderr) == (130, "", "")


def test_the_sandbox_offers_only_the_languages_there_are() -> None:
    result = cli("sandbox", "--lang", "fr")
    assert result.returncode == 2 and "argument --lang: invalid choice: 'fr'" in result.stderr, result.stderr


@pytest.mark.parametrize(("value", "port"), [("0", 0), ("65535", 65535), ("65536", None), ("abc", None),
                                             ("٨٠", None), ("-1", None), ("", None)])  # fmt: skip
def test_a_sandbox_port_is_a_whole_number_from_0_to_65535_in_ascii_digits(value: str, port: int | None) -> None:
    from binance_coinm.cli import TEXT, _port

    check = _port(TEXT["en"])
    if port is not None:
        assert check(value) == port
        return
    with pytest.raises(argparse.ArgumentTypeError) as error:
        check(value)
    assert str(error.value) == f"a port is a whole number from 0 to 65535, not {value}"


def test_spec_text_in_help_keeps_a_percent_sign_and_loses_markdown_code_marks() -> None:
    # argparse %-formats an option's help (not a description): "in %" unescaped there would break --help.
    from binance_coinm.cli import _plain

    parser = argparse.ArgumentParser(prog="p")
    parser.add_argument("--rate", help=_plain("Callback rate in % of `price`"))
    assert "Callback rate in % of price" in parser.format_help()


def _query_order() -> Any:
    from binance_coinm_openapi.api import OPERATIONS

    return next(operation for operation in OPERATIONS if operation.operation_id == "queryOrder")


def test_boolean_and_enum_parameters_become_options_as_the_wire_writes_them(capsys: pytest.CaptureFixture[str]) -> None:
    # No operation of the spec has either yet: the options come from the descriptor, so one is made from another.
    import dataclasses

    from binance_coinm.cli import _add_operation

    base = _query_order()
    operation = dataclasses.replace(
        base,
        parameters={**base.parameters,
                    "reduceOnly": {"python_name": "reduce_only", "required": False, "type": "boolean"},
                    "side": {"python_name": "side", "required": True, "type": "string", "enum": ["BUY", "SELL"]},
                    "type": {"python_name": "type_", "required": False, "type": "string", "enum": ["LIMIT"]}},
        parameter_descriptions={**base.parameter_descriptions,
                                "reduceOnly": ("Reduce only; see `side`.", "只减仓。"), "side": ("Side.", "方向。"),
                                "type": ("Type.", "类型。")},
    )  # fmt: skip
    parser = argparse.ArgumentParser(prog="p")
    _add_operation(parser.add_subparsers(dest="command"), operation, "en")
    given = ["query-order", "--symbol", "BTCUSD_PERP", "--order-id", "1", "--side", "SELL"]
    args = parser.parse_args([*given, "--reduce-only", "true", "--type", "LIMIT"])
    assert (args.reduce_only, args.side, args.type_) == (True, "SELL", "LIMIT")  # each under its Python name
    assert parser.parse_args([*given, "--reduce-only", "false"]).reduce_only is False
    assert parser.parse_args(given).reduce_only is None  # not given: not sent
    for wrong in (["--reduce-only", "yes"], ["--side", "HOLD"]):
        with pytest.raises(SystemExit):
            parser.parse_args([*given, *wrong])
    capsys.readouterr()
    with pytest.raises(SystemExit):
        parser.parse_args(["query-order", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "--reduce-only {true,false} Reduce only; see --side." in shown and "--side {BUY,SELL} Side." in shown
    assert "--type {LIMIT} Type." in shown  # the generator's type_ (a Python keyword's neighbour) is --type


def test_an_operation_summary_with_a_percent_sign_is_shown_as_written() -> None:
    import dataclasses

    from binance_coinm.cli import _add_operation

    operation = dataclasses.replace(_query_order(), summary=("Fill 100% (USER_DATA)", "全部成交 100% (USER_DATA)"))
    parser = argparse.ArgumentParser(prog="p")
    commands = parser.add_subparsers()
    _add_operation(commands, operation, "en")
    assert "Fill 100% (USER_DATA): GET /dapi/v1/order." in commands.choices["query-order"].format_help()
    assert "Fill 100% (USER_DATA)" in parser.format_help()  # the command list, where argparse %-formats


@pytest.mark.parametrize(("env", "needed"), [
    ({}, "BINANCE_API_KEY and BINANCE_API_SECRET (or BINANCE_PRIVATE_KEY_FILE)"),
    ({"BINANCE_API_SECRET": "s"}, "BINANCE_API_KEY"),
    ({"BINANCE_PRIVATE_KEY_FILE": "/k.pem"}, "BINANCE_API_KEY"),
    ({"BINANCE_API_KEY": "k"}, "BINANCE_API_SECRET (or BINANCE_PRIVATE_KEY_FILE)"),
])  # fmt: skip
def test_a_signed_command_names_exactly_the_keys_missing(env: dict[str, str], needed: str) -> None:
    from binance_coinm import ValidationError
    from binance_coinm.cli import _client

    args = argparse.Namespace(lang="en", testnet=False, base_url=None)
    with pytest.raises(ValidationError) as error:
        _client(args, env, _query_order())
    assert str(error.value) == f"query-order is USER_DATA: set {needed} in the environment"


def test_a_command_that_sends_the_key_unsigned_needs_the_key_alone() -> None:
    # No operation of the spec is MARKET_DATA yet: the rule comes from the descriptor, so one is made from another.
    import dataclasses

    from binance_coinm import ValidationError
    from binance_coinm.cli import _client

    keyed = dataclasses.replace(_query_order(), signed=False, security_type="MARKET_DATA")
    args = argparse.Namespace(lang="en", testnet=False, base_url=None)
    with pytest.raises(ValidationError) as error:
        _client(args, {}, keyed)
    assert str(error.value) == "query-order is MARKET_DATA: set BINANCE_API_KEY in the environment"
    with _client(args, {"BINANCE_API_KEY": "k"}, keyed) as client:  # no secret needed
        assert client.base_url == "https://dapi.binance.com"


def test_python_names_in_a_message_become_the_options_the_user_typed() -> None:
    from binance_coinm.cli import _in_user_terms

    names = {"order_id": "--order-id", "orig_client_order_id": "--orig-client-order-id", "id": "--id"}
    message = "pass order_id or orig_client_order_id, not both; id is ignored"
    expected = "pass --order-id or --orig-client-order-id, not both; --id is ignored"
    assert _in_user_terms(message, names) == expected
    assert _in_user_terms(message, dict(reversed(names.items()))) == expected  # in any order


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "binance-coinm: usage: sandbox takes no --json, --base-url or --testnet"),
    ("zh", "binance-coinm：用法错误：sandbox 不接受 --json、--base-url 或 --testnet"),
])  # fmt: skip
def test_a_usage_error_is_named_so_in_each_language(lang: str, line: str) -> None:
    result = cli("--lang", lang, "--testnet", "sandbox")
    assert_clean_failure(result, 2)
    assert result.stderr.startswith(line)


def test_a_refused_key_file_names_the_variables_to_check(base_url: str, exchange: Exchange, tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric import ed25519
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    key_file = tmp_path / "key.pem"
    key_file.write_bytes(ed25519.Ed25519PrivateKey.generate().private_bytes(Encoding.PEM, PrivateFormat.PKCS8,
                                                                             NoEncryption()))  # fmt: skip
    env = {"BINANCE_API_KEY": "unknown-key", "BINANCE_PRIVATE_KEY_FILE": str(key_file)}
    refused = cli("--base-url", base_url, "open-order", "--symbol", "BTCUSD_PERP", "--order-id", "2", env=env)
    assert_clean_failure(refused, 4)
    assert refused.stderr.rstrip().endswith(
        f"(base URL {base_url}, from --base-url); check BINANCE_API_KEY, BINANCE_PRIVATE_KEY_FILE"
        " (meaning: The API key is unknown, the IP is not allowed, or the key lacks the permission)"
    ), refused.stderr


def test_the_table_of_an_answer_with_and_without_a_model() -> None:
    from binance_coinm.cli import _table
    from binance_coinm_openapi.models.order import Order

    assert _table({"a": 1, "b": "x"}, None, "en") == "field  value  meaning\na      1\nb      x"
    wire = {"side": "BUY", "price": "1.0", "time": 1796000000000, "extra": 1796000000000}
    assert _table(wire, Order, "zh").splitlines() == [
        "字段   值                                             含义",
        "price  1.0                                            委托价格",  # the spec's "委托价格。", without 。
        "side   BUY（买入）                                    买卖方向",  # the value's meaning, without 。
        "time   1796000000000 (2026-11-30T00:53:20.000+00:00)  订单时间（毫秒时间戳）",
        "extra  1796000000000",  # not a field of the spec: as it came, even if it looks like a time
    ]
    assert _table(wire, Order, "en").splitlines()[1:3] == [
        "price  1.0                                            Order price",  # without the spec's "."
        "side   BUY                                            Order side",  # values' meanings: in Chinese only
    ]


@pytest.mark.parametrize(("value", "is_time", "shown"), [
    ("1.50", False, "1.50"), (False, False, "false"), ({"a": "中"}, False, '{"a": "中"}'),
    (1796000000000, True, "1796000000000 (2026-11-30T00:53:20.000+00:00)"),
    (10**20, True, "100000000000000000000"),  # past any calendar: the number alone
])  # fmt: skip
def test_values_are_shown_as_the_wire_had_them(value: object, is_time: bool, shown: str) -> None:
    from binance_coinm.cli import _shown

    assert _shown(value, is_time) == shown


def test_cells_widths_and_os_errors_at_their_edges() -> None:
    from binance_coinm.cli import _cell, _os_error, _width

    assert _cell("a\x1b[31mb\n") == "a\\x1b[31mb\\n"  # an answer cannot colour the terminal or start a row
    assert _cell("C:\\dir 'a' \"b\" 中文") == "C:\\dir 'a' \"b\" 中文"  # printable: as it came, backslash too
    assert (_width(""), _width("ab"), _width("中"), _width("e\u0301"), _width("\x01")) == (0, 2, 2, 1, 1)
    assert _width("\u0301") == 0  # a combining mark alone takes no column
    assert _os_error(OSError("no errno here"), "en") == "no errno here"
    assert _os_error(OSError(None, "a reason"), "en") == "a reason"


class _Unwritable(io.StringIO):
    """A stdout whose writes fail for want of space, as /dev/full's do, and whose descriptor is gone (fileno)."""

    def __init__(self, descriptor_error: Exception) -> None:
        super().__init__()
        self._descriptor_error = descriptor_error

    def write(self, text: str) -> int:
        raise OSError(28, "No space left on device")

    def fileno(self) -> int:
        raise self._descriptor_error


@pytest.mark.parametrize(
    ("descriptor_error", "devnull_error"),
    [
        (ValueError("I/O operation on closed file"), None),  # stdout closed under the command
        (io.UnsupportedOperation("fileno"), None),  # a stream that never had a descriptor
        (io.UnsupportedOperation("fileno"), OSError(24, "Too many open files")),  # not even /dev/null opens
    ],
)
def test_output_that_cannot_be_written_ends_with_its_one_line_whatever_stdout_is(
    base_url: str,
    descriptor_error: Exception,
    devnull_error: OSError | None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # After the failed write the command points stdout at /dev/null, so Python's flush at exit does not fail again;
    # when that cannot be done either, it still ends with its one line and exit code, never a traceback.
    real_open = os.open

    def open_but_devnull(path: Any, *args: Any, **kwargs: Any) -> int:
        if path == os.devnull and devnull_error is not None:
            raise devnull_error
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_but_devnull)
    monkeypatch.setattr(sys, "stdout", _Unwritable(descriptor_error))
    assert main(["--base-url", base_url, "server-time"], KEYS) == 74
    assert capsys.readouterr().err == "binance-coinm: cannot write the output: No space left on device\n"


def test_version_and_a_missing_command() -> None:
    from binance_coinm import __version__

    shown = cli("--version")
    assert (shown.returncode, shown.stdout) == (0, f"binance-coinm {__version__}\n")
    missing = cli()
    assert missing.returncode == 2
    assert missing.stderr.endswith("binance-coinm: error: the following arguments are required: command\n")


def test_the_sandbox_listens_on_a_free_port_unless_told() -> None:
    from binance_coinm.cli import _parser

    assert _parser("en").parse_args(["sandbox"]).port == 0  # 0: the system picks a free one
    assert _parser("en").parse_args(["sandbox", "--port", "8080"]).port == 8080
