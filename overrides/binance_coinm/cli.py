"""The `binance-coinm` command: every operation of the spec as a subcommand (its kebab-case operationId, and the
spec's x-cli-alias), with one option per parameter, and `binance-coinm sandbox`, an offline exchange to try them on.
`--lang zh` gives help, tables and errors in Chinese.

Keys come from the environment, never from arguments (those end up in shell history): BINANCE_API_KEY with
BINANCE_API_SECRET, or with BINANCE_PRIVATE_KEY_FILE (and BINANCE_PRIVATE_KEY_PASSWORD if it is encrypted).
Operations of security type NONE need no keys. BINANCE_BASE_URL, or --base-url, points the command elsewhere.

Exit codes: 0 success, 2 usage or validation error, 3 order not found, 4 authentication error,
5 rate-limited, 1 any other API or transport error.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
import json
import os
import re
import signal
import sys
import warnings
from collections.abc import Collection, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from binance_coinm_openapi._version import __version__
from binance_coinm_openapi.api import OPERATIONS
from binance_coinm_openapi.types import Operation
from wcwidth import wcswidth

from .client import PRODUCTION_URL, TESTNET_URL, Client
from .errors import (
    APIError,
    AuthenticationError,
    BinanceError,
    OrderNotFoundError,
    RateLimitError,
    TransportError,
    ValidationError,
)

EXIT_CODES: tuple[tuple[type[BinanceError], int], ...] = (
    (ValidationError, 2),
    (OrderNotFoundError, 3),
    (AuthenticationError, 4),
    (RateLimitError, 5),
    (BinanceError, 1),
)
LANGUAGES = ("en", "zh")
SANDBOX = "sandbox"
# What the command's own words are in each language; Binance's messages and the SDK's details stay as they are.
TEXT: dict[str, dict[str, str]] = {
    "en": {
        "description": "Binance COIN-M Futures from the command line.",
        "epilog": (__doc__ or "").split("\n\n", 1)[1],
        "commands": "commands",
        "version": "show the version and exit",
        "testnet": f"use {TESTNET_URL}",
        "base_url": f"API base URL (default: BINANCE_BASE_URL, or {PRODUCTION_URL})",
        "json": "print the exact JSON (decimals as wire strings)",
        "lang": "language of help, tables and errors",
        "headings": "field\tvalue\tmeaning",
        "none": "(none)",
        "error": "binance-coinm: {kind}: {message}",
        "meaning": " (meaning: {meaning})",
        "needs_keys": "{command} is {security}: set {needed} in the environment",
        "needs_secret": "BINANCE_API_SECRET (or BINANCE_PRIVATE_KEY_FILE)",
        "and": " and ",
        "sandbox_options": "sandbox takes no --json, --base-url or --testnet: it is the exchange, not a client of one",
        "key_twice": "the API key {key} is given twice: each key has one secret or public key",
        "not_a_key": "{path} is not an {kind} public key in PEM (the private key's public half)",
        "count": "a whole number of at least 0, not {value}",
        "no_host": "--host needs an address to listen on, such as 127.0.0.1",
        "base_url_was": " (base URL {url}, from {source})",
        "base_url_default": " (base URL {url}, the default)",
        "retry_in": " (retry in {seconds} s)",
        "check_keys": "; check {variables}",
        "both_keys": "BINANCE_API_SECRET and BINANCE_PRIVATE_KEY_FILE are both set: unset the one you do not mean",
        "write_failed": "binance-coinm: cannot write the output: {error}",
        "sandbox": "run an offline exchange simulator in the foreground (Ctrl-C stops it)",
        "sandbox_description": (
            "An offline Binance COIN-M exchange on this machine: every operation of the spec, Binance's signing, "
            "timing, weight and error rules, and a demo account with orders. Prints its base URL, the variables "
            "to paste and the seeded orders, then each request it receives."
        ),
        "host": "address to listen on (default 127.0.0.1; anything else is reachable from other machines)",
        "port": "port to listen on (default: a free one)",
        "hmac_key": "also accept API key KEY signing with HMAC secret SECRET (repeatable)",
        "ed25519_key": "also accept API key KEY signing with the Ed25519 key whose public half is in PUB.pem",
        "rsa_key": "also accept API key KEY signing with the RSA key whose public half is in PUB.pem",
        "weight_limit": "request weight allowed per minute before 429 (default 2400, as Binance; 0: no limit)",
        "key_pair": "expected KEY:{value}, not {got}",
        "key_file": "cannot read {path}: {error}",
        "listen": "cannot listen on {host} port {port}: {error}",
        "quiet": "print only the base URL (for scripts): no orders, no request log",
        "port_range": "a port is a whole number from 0 to 65535, not {value}",
        "running": "Binance COIN-M sandbox at {url}: every operation of the spec, offline. Ctrl-C stops it.",
        "not_loopback": "Listening on {host}: other machines can reach it, and it accepts the demo key.",
        "paste": "Paste into a shell, then run binance-coinm commands against it:",
        "python": "In Python:",
        "keys": "API keys: ",
        "weight": "Request weight: {limit} per minute, then 429 -1003 with Retry-After.",
        "no_weight": "Request weight: no limit.",
        "orders": "Orders:",
        "requests": "Requests:",
    },
    "zh": {
        "description": "在命令行中使用币安币本位合约接口。",
        "epilog": (
            "API Key、Secret Key 和私钥只从环境变量读取，"
            "不从命令行参数读取（参数会留在 shell 历史中）："
            "BINANCE_API_KEY 加上 BINANCE_API_SECRET，或加上 BINANCE_PRIVATE_KEY_FILE"
            "（私钥已加密时再加 BINANCE_PRIVATE_KEY_PASSWORD）。"
            "安全类型为 NONE 的接口无需 API Key。"
            "BINANCE_BASE_URL 或 --base-url 可指向其他地址。\n\n"
            "退出码：0 成功；2 用法或参数错误；3 订单不存在；4 认证失败；"
            "5 触发限频；1 其他接口或网络错误。"
        ),
        "commands": "命令",
        "version": "显示版本号并退出",
        "testnet": f"使用测试网 {TESTNET_URL}",
        "base_url": f"接口根地址（默认：BINANCE_BASE_URL，或 {PRODUCTION_URL}）",
        "json": "输出原始 JSON（小数保持接口中的字符串）",
        "lang": "帮助、表格和错误信息的语言",
        "headings": "字段\t值\t含义",
        "none": "（无）",
        "error": "binance-coinm：{kind}：{message}",
        "meaning": "（含义：{meaning}）",
        "needs_keys": "{command} 的安全类型为 {security}：请在环境变量中设置 {needed}",
        "needs_secret": "BINANCE_API_SECRET（或 BINANCE_PRIVATE_KEY_FILE）",
        "and": " 以及 ",
        "sandbox_options": "sandbox 不接受 --json、--base-url 或 --testnet：它是交易所本身，而不是交易所的客户端",
        "key_twice": "API Key {key} 出现了两次：每个 API Key 只对应一个 Secret Key 或公钥",
        "not_a_key": "{path} 不是 PEM 格式的 {kind} 公钥（应为私钥对应的公钥）",
        "count": "应为不小于 0 的整数，而不是 {value}",
        "no_host": "--host 需要一个监听地址，例如 127.0.0.1",
        "base_url_was": "（根地址 {url}，来自 {source}）",
        "base_url_default": "（根地址 {url}，默认值）",
        "retry_in": "（请在 {seconds} 秒后重试）",
        "check_keys": "；请检查 {variables}",
        "both_keys": "BINANCE_API_SECRET 和 BINANCE_PRIVATE_KEY_FILE 同时设置了：请只保留要用的那个",
        "write_failed": "binance-coinm：无法写出结果：{error}",
        "sandbox": "在前台运行离线交易所模拟器（Ctrl-C 停止）",
        "sandbox_description": (
            "在本机运行的离线币安币本位合约交易所：提供规范中的全部接口，遵循币安的签名、时间、权重和错误规则，"
            "并带有一个有订单的演示账户。先输出根地址、可粘贴的环境变量和预置订单，再逐条输出收到的请求。"
        ),
        "host": "监听地址（默认 127.0.0.1；其他地址可被其他机器访问）",
        "port": "监听端口（默认：任一空闲端口）",
        "hmac_key": "另外接受 API Key KEY，以 Secret Key SECRET 做 HMAC 签名（可重复）",
        "ed25519_key": "另外接受 API Key KEY，以 Ed25519 私钥签名，其公钥在 PUB.pem 中",
        "rsa_key": "另外接受 API Key KEY，以 RSA 私钥签名，其公钥在 PUB.pem 中",
        "weight_limit": "每分钟允许的请求权重，超过后返回 429（默认 2400，与币安一致；0 表示不限）",
        "key_pair": "应写作 KEY 与 {value} 以冒号相连，而不是 {got}",
        "key_file": "无法读取 {path}：{error}",
        "listen": "无法监听 {host} 的 {port} 端口：{error}",
        "quiet": "只输出根地址（供脚本使用），不输出订单和请求记录",
        "port_range": "端口应为 0 到 65535 之间的整数，而不是 {value}",
        "running": "币安币本位合约沙盒已在 {url} 运行：离线提供规范中的全部接口。按 Ctrl-C 停止。",
        "not_loopback": "正在监听 {host}：其他机器可以访问它，且它接受演示 API Key。",
        "paste": "粘贴到 shell 中，即可对它运行 binance-coinm 命令：",
        "python": "在 Python 中：",
        "keys": "API Key：",
        "weight": "请求权重：每分钟 {limit}，超过后返回 429 -1003 和 Retry-After。",
        "no_weight": "请求权重：不限。",
        "orders": "订单：",
        "requests": "请求：",
    },
}
# The words argparse itself prints (usage, its errors), which it looks up through gettext; Chinese has no
# catalogue in the standard library, so main() lends argparse these for the one parse (see _argparse_in).
ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示此帮助信息并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "以下参数必须提供一个：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "ambiguous option: %(option)s could match %(matches)s": "选项不明确：%(option)s 可能是 %(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "invalid %(type)s value: %(value)r": "无效的值 %(value)r（应为 %(type)s）",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的取值：%(value)r（可选：%(choices)s）",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知命令 %(parser_name)r（可选：%(choices)s）",
}
# The errors' names in Chinese, the class name kept beside them for searching.
KINDS_ZH = {
    "ValidationError": "参数错误",
    "OrderNotFoundError": "订单不存在",
    "AuthenticationError": "认证失败",
    "TimestampError": "时间戳错误",
    "ServerTimeError": "服务器时间错误",
    "RateLimitError": "请求过于频繁",
    "ServerError": "服务器错误",
    "ResponseTooLargeError": "响应过大",
    "RequestTimeoutError": "请求超时",
    "TransportError": "网络错误",
    "APIError": "接口错误",
}
# The Client arguments the command fills from the environment, by the names a user set.
ENVIRONMENT_NAMES = {
    "api_key": "BINANCE_API_KEY",
    "api_secret": "BINANCE_API_SECRET",
    "private_key": "BINANCE_PRIVATE_KEY_FILE",
    "private_key_password": "BINANCE_PRIVATE_KEY_PASSWORD",
}
# The client needs credentials to be built; for operations that send none, these stand in and are never sent.
_PLACEHOLDER = "-"
_PYTHON_TYPES: dict[str, Any] = {"integer": int, "number": float}
_BOOLEANS = {"true": True, "false": False}


class UsageError(Exception):
    """A mistake in how the command was called that argparse cannot see (exit 2, like argparse's own)."""


def _boolean(text: str) -> bool:
    """A boolean option as it is written on the wire."""
    if text not in _BOOLEANS:
        raise argparse.ArgumentTypeError(f"expected true or false, not {text!r}")
    return _BOOLEANS[text]


def _plain(text: str) -> str:
    """Spec text for a terminal: no Markdown code marks, no argparse format characters."""
    return text.replace("`", "").replace("%", "%%")


def _language(argv: Sequence[str]) -> str:
    """The --lang given, read before parsing so that help and argparse's errors are in it."""
    for index, arg in enumerate(argv):
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value in LANGUAGES:
            return value
    return "en"


@contextlib.contextmanager
def _argparse_in(lang: str) -> Iterator[None]:
    """argparse's own words in lang for the duration (argparse reads its module-level gettext functions)."""
    if lang == "en":
        yield
        return
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]  # argparse's own, undeclared in typeshed
    argparse._ = lambda text: ARGPARSE_ZH.get(text, text)  # type: ignore[attr-defined]
    argparse.ngettext = lambda one, many, n: "需要 %s 个值" if one == "expected %s argument" else saved[1](one, many, n)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


_CJK = "\u3000-\u9fff\uff00-\uffef"
# Chinese line breaking (W3C clreq, GB/T 15834): no line starts with closing punctuation, none ends with opening.
_OPENING, _CLOSING = "（《「『【〔〈“‘", "，。、；：？！）》」』】〕〉”’…"
_PIECES = re.compile(rf"[{_OPENING}]*(?:[{_CJK}]|[^\s{_CJK}]+)[{_CLOSING}]*|\s+")


def _wrap(text: str, width: int) -> list[str]:
    """text in lines of at most width terminal columns (textwrap counts characters, and a Chinese one takes two
    columns): breaks at spaces, or between two Chinese characters, never before closing punctuation or after
    opening punctuation."""
    lines, line = [], ""
    for piece in _PIECES.findall(text):
        if piece.isspace():
            line += " " if line else ""  # one space between words; none at the start of a line
        elif line and _width(line + piece) > width:
            lines.append(line.rstrip())
            line = piece
        else:
            line += piece
    return [*lines, line.rstrip()] if line else lines


class _ColumnHelp(argparse.HelpFormatter):
    """argparse's help, wrapped by terminal columns (a Chinese character takes two), in either language; unlike
    textwrap, a word is never broken, at a hyphen or for length (a URL stays whole)."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return _wrap(" ".join(text.split()), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in _wrap(" ".join(text.split()), width - len(indent)))

    def _format_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None) -> str:
        # argparse aligns the usage's later lines under the first by counting characters; "用法：" takes 3 of them
        # and 6 columns, so they are shifted by the difference.
        text = super()._format_usage(usage, actions, groups, prefix)
        shown = prefix if prefix is not None else argparse._("usage: ")  # type: ignore[attr-defined] # see _argparse_in
        shift = " " * (_width(shown) - len(shown))
        first, *rest = text.split("\n")
        return "\n".join([first, *(shift + line if line.strip() else line for line in rest)])


class _Paragraphs(_ColumnHelp):
    """The description and epilog paragraph by paragraph (a blank line between two), each wrapped by terminal
    columns: the top-level help, in either language."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n\n".join(super(_Paragraphs, self)._fill_text(p, width, indent) for p in text.split("\n\n"))


class _Parser(argparse.ArgumentParser):
    """argparse ends each section heading with a half-width colon; after a Chinese heading, a full-width one."""

    def format_help(self) -> str:
        return re.sub(r"^(\S[^\n]*[\u4e00-\u9fff]):$", r"\1：", super().format_help(), flags=re.MULTILINE)


def _global_options(parser: argparse.ArgumentParser, default: Any, text: Mapping[str, str]) -> None:
    """The options every subcommand also accepts, so they may come before or after it."""
    suppress = default is argparse.SUPPRESS
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--testnet", action="store_true", default=default, help=text["testnet"])
    target.add_argument("--base-url", default=default if suppress else None, help=text["base_url"])
    parser.add_argument("--json", action="store_true", default=default, help=text["json"])
    parser.add_argument("--lang", choices=LANGUAGES, default=default if suppress else "en", help=text["lang"])


def _add_operation(commands: Any, operation: Operation[Any], lang: str) -> None:
    pick = LANGUAGES.index(lang)
    summary = operation.summary[pick]
    where = f"{operation.method} {operation.path}"
    if operation.security_type in summary:  # titles often carry it: "Query Order (USER_DATA)"
        description = f"{summary}：{where}。" if lang == "zh" else f"{summary}: {where}."
    else:
        security = operation.security_type
        description = (
            f"{summary}：{where}，安全类型 {security}。"
            if lang == "zh"
            else f"{summary}: {where}, security type {security}."
        )
    command: argparse.ArgumentParser = commands.add_parser(
        operation.cli_names[0],
        aliases=list(operation.cli_names[1:]),
        help=_plain(summary),
        description=_plain_text(description),  # not %-formatted by argparse, unlike help
        formatter_class=_ColumnHelp,
    )
    command.set_defaults(operation=operation)
    _global_options(command, argparse.SUPPRESS, TEXT[lang])
    grouped = {name: group for group in operation.exactly_one_of for name in group}
    groups = {group: command.add_mutually_exclusive_group(required=True) for group in operation.exactly_one_of}
    for wire, schema in operation.parameters.items():
        python_name = schema["python_name"]
        flags = [_option(schema)]
        if wire in operation.parameter_cli_aliases:
            flags.append(f"--{operation.parameter_cli_aliases[wire]}")
        text = operation.parameter_descriptions[wire][pick]
        for name, other in operation.parameters.items():  # the spec names parameters by wire name
            text = text.replace(f"`{name}`", _option(other))
        options: dict[str, Any] = {"dest": python_name, "help": _plain(text)}
        if schema.get("type") in _PYTHON_TYPES:
            options["type"] = _PYTHON_TYPES[schema["type"]]
        if schema.get("type") == "boolean":  # written as on the wire: --flag true / --flag false
            options.update(type=_boolean, metavar="{true,false}")
        if "enum" in schema:
            options["choices"] = schema["enum"]
        if wire in grouped:
            groups[grouped[wire]].add_argument(*flags, **options)
        else:
            command.add_argument(*flags, required=schema["required"], **options)


def _option(schema: Mapping[str, Any]) -> str:
    """A parameter's option: its Python name in kebab-case (type_, a Python keyword, is --type)."""
    return f"--{schema['python_name'].strip('_').replace('_', '-')}"


def _add_sandbox(commands: Any, text: Mapping[str, str]) -> None:
    command: argparse.ArgumentParser = commands.add_parser(
        SANDBOX,
        help=text["sandbox"],
        description=text["sandbox_description"],
        formatter_class=_ColumnHelp,
    )
    command.set_defaults(operation=None)
    command.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=text["lang"])
    command.add_argument("--host", default="127.0.0.1", help=text["host"])
    command.add_argument("--port", type=_port(text), default=0, help=text["port"])
    command.add_argument("--hmac-key", action="append", default=[], metavar="KEY:SECRET", help=text["hmac_key"])
    for kind in ("ed25519", "rsa"):
        command.add_argument(
            f"--{kind}-key", action="append", default=[], metavar="KEY:PUB.pem", help=text[f"{kind}_key"]
        )
    command.add_argument("--weight-limit", type=_count(text), default=2400, metavar="N", help=text["weight_limit"])
    command.add_argument("--quiet", action="store_true", help=text["quiet"])


def _port(text: Mapping[str, str]) -> Any:
    def port(value: str) -> int:
        if not (value.isascii() and value.isdigit()) or int(value) > 65535:
            raise argparse.ArgumentTypeError(text["port_range"].format(value=value))
        return int(value)

    return port


def _count(text: Mapping[str, str]) -> Any:
    def count(value: str) -> int:
        if not (value.isascii() and value.isdigit()):
            raise argparse.ArgumentTypeError(text["count"].format(value=value))
        return int(value)

    return count


def _parser(lang: str) -> argparse.ArgumentParser:
    text = TEXT[lang]
    parser = _Parser(
        prog="binance-coinm",
        description=text["description"],
        epilog=text["epilog"],  # its paragraphs kept, each wrapped to the terminal
        formatter_class=_Paragraphs,
    )
    parser.add_argument("--version", action="version", version=f"binance-coinm {__version__}", help=text["version"])
    _global_options(parser, False, text)
    commands = parser.add_subparsers(required=True, metavar="command", title=text["commands"])
    for operation in OPERATIONS:
        _add_operation(commands, operation, lang)
    _add_sandbox(commands, text)
    return parser


def _base_url(args: argparse.Namespace, environ: Mapping[str, str]) -> tuple[str, str]:
    """The base URL, and what set it (for messages): --testnet, --base-url, BINANCE_BASE_URL or the default."""
    if args.testnet:
        return TESTNET_URL, "--testnet"
    if args.base_url:
        return args.base_url, "--base-url"
    if environ.get("BINANCE_BASE_URL"):
        return environ["BINANCE_BASE_URL"], "BINANCE_BASE_URL"
    return PRODUCTION_URL, "base_url"


def _client(args: argparse.Namespace, environ: Mapping[str, str], operation: Operation[Any]) -> Client:
    text = TEXT[args.lang]
    base_url, _ = _base_url(args, environ)
    key, secret, key_file = (
        environ.get(n) for n in ("BINANCE_API_KEY", "BINANCE_API_SECRET", "BINANCE_PRIVATE_KEY_FILE")
    )
    if not operation.sends_api_key:  # the keys are not sent, so they need not even be valid
        return Client(_PLACEHOLDER, _PLACEHOLDER, base_url=base_url)
    if not key or (operation.signed and not (secret or key_file)):
        missing = [] if key else ["BINANCE_API_KEY"]
        if operation.signed and not (secret or key_file):
            missing.append(text["needs_secret"])
        needed = text["and"].join(missing)
        raise ValidationError(
            "api_key",
            text["needs_keys"].format(command=operation.cli_names[0], security=operation.security_type, needed=needed),
        )
    if secret and key_file:  # which one was meant? Guessing would only end in -1022 later.
        raise UsageError(text["both_keys"])
    if key_file:
        return Client(
            key,
            private_key=Path(key_file),
            private_key_password=environ.get("BINANCE_PRIVATE_KEY_PASSWORD"),
            base_url=base_url,
        )
    return Client(key, secret or _PLACEHOLDER, base_url=base_url)


def _table(wire: Mapping[str, Any], model: type | None, lang: str) -> str:
    meanings: Mapping[str, tuple[str, str]] = getattr(model, "FIELD_DESCRIPTIONS", {})
    times: Collection[str] = getattr(model, "EPOCH_MS_FIELDS", ())
    values: Mapping[str, Mapping[str, tuple[str, str]]] = (
        getattr(model, "VALUE_DESCRIPTIONS", {}) if lang == "zh" else {}
    )
    column = LANGUAGES.index(lang)

    def shown(name: str) -> str:
        text = _shown(wire[name], name in times)
        value_meaning = values.get(name, {}).get(text)  # in Chinese, an enum value with its meaning: BUY（买入）
        return f"{text}（{_plain_text(value_meaning[1]).rstrip('。')}）" if value_meaning else text

    documented = [name for name in meanings if name in wire]
    rows = [(name, _cell(shown(name)), _plain_text(meanings[name][column]).rstrip(".。")) for name in documented]
    # Fields the spec does not describe: none of them is a documented time (every property of the spec has a meaning).
    rows += [(_cell(name), _cell(_shown(wire[name])), "") for name in wire if name not in meanings]
    headings = tuple(TEXT[lang]["headings"].split("\t"))
    widths = [max(_width(row[i]) for row in [*rows, headings]) for i in range(2)]
    lines = [f"{_pad(a, widths[0])}  {_pad(b, widths[1])}  {c}".rstrip() for a, b, c in [headings, *rows]]
    return "\n".join(lines)


def _plain_text(text: str) -> str:
    """Spec text as plain terminal text: no Markdown code marks."""
    return text.replace("`", "")


def _width(text: str) -> int:
    """Columns text takes in a terminal (wcwidth: a Chinese character takes two, a combining mark none)."""
    width = wcswidth(text)
    return width if width >= 0 else len(text)  # a control character: shown escaped by the terminal, if at all


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _shown(value: object, is_time: bool = False) -> str:
    """Wire strings as they are (decimals stay exact), anything else as JSON (false, not False); a time in
    milliseconds since the epoch also as UTC."""
    if is_time and type(value) is int:
        try:
            moment = datetime.fromtimestamp(value / 1000, UTC).isoformat(timespec="milliseconds")
        except (OverflowError, OSError, ValueError):
            return str(value)
        return f"{value} ({moment})"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _json(data: Any) -> str:
    """The one JSON style of every command's --json output."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def _output(result: Any, operation: Operation[Any], args: argparse.Namespace) -> str:
    items = result if operation.returns_list else [result]
    wire = [item.to_dict() for item in items]
    if args.json:
        return _json(wire if operation.returns_list else wire[0])
    if not wire:
        return TEXT[args.lang]["none"]
    return "\n\n".join(_table(item, operation.model, args.lang) for item in wire)


def _run(args: argparse.Namespace, environ: Mapping[str, str]) -> str:
    operation: Operation[Any] = args.operation
    arguments = {
        schema["python_name"]: getattr(args, schema["python_name"]) for schema in operation.parameters.values()
    }
    with _client(args, environ, operation) as client:
        result = getattr(client, operation.python_name)(**arguments)
        return _output(result, operation, args)


def _user_names(args: argparse.Namespace, environ: Mapping[str, str]) -> dict[str, str]:
    """Python argument name -> what the user set instead: an option, or an environment variable."""
    names = dict(ENVIRONMENT_NAMES)
    _, names["base_url"] = _base_url(args, environ)
    if args.operation is not None:
        names.update({schema["python_name"]: _option(schema) for schema in args.operation.parameters.values()})
    return names


def _in_user_terms(message: str, names: Mapping[str, str]) -> str:
    """message with each Python argument name replaced by what the user set (order_id -> --order-id)."""
    # In any order: a name is never part of another (an underscore or a letter precedes it there) nor of what
    # replaces one (a hyphen precedes it there).
    for name in names:
        message = re.sub(rf"(?<![\w-]){re.escape(name)}(?!\w)", names[name], message)
    return message


def _error_line(error: BaseException, args: argparse.Namespace, environ: Mapping[str, str]) -> str:
    text = TEXT[args.lang]
    kind = type(error).__name__
    message = str(error)
    if args.lang == "zh" and isinstance(error, ValidationError) and error.message_zh:  # the SDK's Chinese, if any
        message = error.message_zh
    if isinstance(error, ValidationError | UsageError):
        message = _in_user_terms(message, _user_names(args, environ))
    if isinstance(error, UsageError):
        kind = "usage" if args.lang == "en" else "用法错误"
    elif args.lang == "zh":
        kind = f"{KINDS_ZH.get(kind, kind)}（{kind}）"
    # The meaning of Binance's error code for this operation, from the spec; Binance's own message stays as it came.
    line = text["error"].format(kind=kind, message=message)
    # Which host, and where the command took it from: for no answer, an answer that is not Binance's (a 404 of a
    # wrong path, a proxy's page), and keys refused (testnet keys do not work in production, nor the reverse).
    not_binance = isinstance(error, APIError) and (error.code is None or error.status_code == 404)
    if isinstance(error, TransportError | AuthenticationError) or not_binance:
        url, source = _base_url(args, environ)
        was = text["base_url_default"] if source == "base_url" else text["base_url_was"]  # base_url: none was set
        line += was.format(url=url, source=source)
    if isinstance(error, AuthenticationError):
        variables = "BINANCE_API_SECRET" if environ.get("BINANCE_API_SECRET") else "BINANCE_PRIVATE_KEY_FILE"
        line += text["check_keys"].format(variables=f"BINANCE_API_KEY, {variables}")
    if isinstance(error, RateLimitError) and error.retry_after is not None:
        line += text["retry_in"].format(seconds=f"{error.retry_after:g}")
    meanings: Mapping[int | None, tuple[str, str, str]] = getattr(args.operation, "errors", {})
    meaning = meanings.get(getattr(error, "code", None))
    if meaning is not None:
        line += text["meaning"].format(meaning=_plain_text(meaning[1 + LANGUAGES.index(args.lang)]).rstrip(".。"))
    return line


def _sandbox(args: argparse.Namespace) -> int:
    """binance-coinm sandbox; Ctrl-C or SIGTERM at any point ends it with exit code 0."""
    # Held pending from here on, in this thread and the server's (threads inherit the mask), for sigwait to take.
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        return _serve_sandbox(args)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _serve_sandbox(args: argparse.Namespace) -> int:
    """binance-coinm sandbox: serve until interrupted, printing the base URL first (alone on its line, for
    scripts), then what to paste, the keys, the orders, and each request as it is answered."""
    # Imported here: the simulator brings aiohttp's web server, which no other command needs.
    from .testing import ExchangeSimulator  # noqa: PLC0415

    text = TEXT[args.lang]
    if args.json or args.base_url or args.testnet:  # given before `sandbox`: they mean nothing to it
        raise UsageError(text["sandbox_options"])
    exchange, keys = _sandbox_exchange(args, text)
    if not args.host.strip():
        raise UsageError(text["no_host"])
    sandbox = ExchangeSimulator(exchange, host=args.host, port=args.port)
    try:
        with warnings.catch_warnings():  # a host that is not loopback: said below, in the chosen language
            warnings.simplefilter("ignore")
            sandbox.start()
    except OSError as error:  # the port is taken, the address is not this machine's
        raise UsageError(
            text["listen"].format(host=args.host, port=args.port, error=_os_error(error, args.lang))
        ) from None
    print_line = _printer()
    with sandbox:
        url = sandbox.base_url
        print_line(url)
        if args.quiet:
            _wait_for_interrupt()
            return 0
        shown = _banner(text, url, host=sandbox.host, keys=keys, limit=exchange.weight_limit, orders=sandbox.orders())
        for line in shown:
            print_line(line)
        exchange.on_request = lambda request: print_line(_logged(request))
        _wait_for_interrupt()
    return 0


def _banner(
    text: Mapping[str, str], url: str, *, host: str, keys: Mapping[str, str], limit: int | None, orders: list[Any]
) -> list[str]:
    """The sandbox's banner after its URL: what to paste, the keys (API key -> kind), the weight limit (None: none)
    and the orders of the book, as lines."""
    from .testing import DEMO_API_KEY, DEMO_API_SECRET  # noqa: PLC0415 - see _serve_sandbox
    from .testing.server import is_loopback  # noqa: PLC0415

    lines = [text["running"].format(url=url)]
    if not is_loopback(host):
        lines.append(text["not_loopback"].format(host=host))
    lines += [
        f"\n{text['paste']}",
        f"  export BINANCE_BASE_URL={url} BINANCE_API_KEY={DEMO_API_KEY} BINANCE_API_SECRET={DEMO_API_SECRET}",
        text["python"],
        f'  Client("{DEMO_API_KEY}", "{DEMO_API_SECRET}", base_url="{url}")',
        f"\n{text['keys']}{', '.join(f'{key} ({kind})' for key, kind in keys.items())}",
        text["weight"].format(limit=limit) if limit else text["no_weight"],
        f"\n{text['orders']}",
    ]
    columns = ("orderId", "symbol", "clientOrderId", "side", "type", "status", "price", "origQty", "executedQty")
    # Every column is a field the spec's Order requires, so every order of the book has it (add_order checks).
    rows = [columns, *(tuple(_cell(_shown(data[c])) for c in columns) for data in orders)]
    widths = [max(_width(row[i]) for row in rows) for i in range(len(columns))]
    lines += ["  " + "  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    return [*lines, f"\n{text['requests']}"]


def _logged(request: Any) -> str:
    """The request log's line for one answered request (a testing.Request): UTC time, method, path, the status
    answered ("-": the connection was dropped) and the API key sent, if any."""
    line = _cell(f"  {datetime.now(UTC):%H:%M:%S} {request.method} {request.path} {request.status or '-'}")
    return line + (_cell(f" ({request.api_key})") if request.api_key else "")


def _sandbox_exchange(args: argparse.Namespace, text: Mapping[str, str]) -> tuple[Any, dict[str, str]]:
    """The sandbox's exchange, with the demo account and the keys given; (exchange, API key -> its kind)."""
    from .testing import DEMO_API_KEY, demo_exchange  # noqa: PLC0415 - see _serve_sandbox

    exchange = demo_exchange(weight_limit=args.weight_limit or None)
    keys = {DEMO_API_KEY: "HMAC"}
    for kind, pairs in (("HMAC", args.hmac_key), ("Ed25519", args.ed25519_key), ("RSA", args.rsa_key)):
        for pair in pairs:
            key, sep, value = pair.partition(":")
            if not (key and sep and value):
                raise UsageError(text["key_pair"].format(value="SECRET" if kind == "HMAC" else "PUB.pem", got=pair))
            if key in keys:
                raise UsageError(text["key_twice"].format(key=key))
            keys[key] = kind
            if kind == "HMAC":
                exchange.add_hmac_key(key, value)
                continue
            try:
                exchange.add_public_key(key, Path(value).read_bytes(), kind)
            except OSError as error:
                raise UsageError(text["key_file"].format(path=value, error=_os_error(error, args.lang))) from None
            except ValueError:
                raise UsageError(text["not_a_key"].format(path=value, kind=kind)) from None
    return exchange, keys


def _printer() -> Any:
    def print_line(line: str) -> None:
        try:
            print(line, flush=True)
        except OSError:  # the reader went away (`| head`): print nothing more, serve on (the caller stops logging)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise

    return print_line


# Errno texts in Chinese for what a sandbox user meets; the system's own text otherwise.
_ERRNO_ZH = {
    errno.EADDRINUSE: "地址已被占用",
    errno.EADDRNOTAVAIL: "本机没有这个地址",
    errno.EACCES: "权限不足",
    errno.ENOENT: "没有这个文件或目录",
    errno.EISDIR: "这是一个目录",
}


def _os_error(error: OSError, lang: str) -> str:
    """An OSError as a reason: by its errno (aiohttp wraps bind errors in long English messages)."""
    if error.errno is not None:
        return _ERRNO_ZH.get(error.errno, os.strerror(error.errno)) if lang == "zh" else os.strerror(error.errno)
    return str(error.strerror or error)


def _cell(text: str) -> str:
    """Text from the exchange as one line of a table: control characters escaped, so an answer cannot move the
    cursor, colour the terminal or start a fake row."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


_STOPS = {signal.SIGINT, signal.SIGTERM}


def _wait_for_interrupt() -> None:
    """Block until Ctrl-C or SIGTERM (held pending since _sandbox began, so one sent early is not lost)."""
    signal.sigwait(_STOPS)


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> int:  # noqa: PLR0911
    """Run the command; returns the exit code. Errors go to stderr as one line, without a traceback."""
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show Chinese gets escapes, not a crash
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    arguments = sys.argv[1:] if argv is None else list(argv)
    environment = os.environ if environ is None else environ
    lang = _language(arguments)
    with _argparse_in(lang):
        parser = _parser(lang)
        args = parser.parse_args(arguments)
        if args.testnet and args.base_url:  # one each side of the subcommand (every parser has both options)
            words = argparse._  # type: ignore[attr-defined]  # argparse's gettext, as _argparse_in set it
            clash = words("not allowed with argument %s") % "--testnet"
            parser.error(
                words("argument %(argument_name)s: %(message)s") % {"argument_name": "--base-url", "message": clash}
            )
    try:
        if args.operation is None:
            return _sandbox(args)
        print(_run(args, environment))
        sys.stdout.flush()  # here, not at exit: a full disk is then reported, not a traceback
    except (BinanceError, UsageError) as error:
        print(_error_line(error, args, environment), file=sys.stderr)
        if isinstance(error, UsageError):
            return 2
        return next(code for kind, code in EXIT_CODES if isinstance(error, kind))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): as Python's docs advise, point stdout at devnull so the flush at
        # exit does not fail again, and end quietly as a pipeline expects.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as error:  # stdout cannot be written: a full disk, a closed descriptor
        message = TEXT[args.lang]["write_failed"].format(error=error.strerror or error)
        print(message, file=sys.stderr)
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 74  # EX_IOERR
    return 0


if __name__ == "__main__":
    sys.exit(main())
