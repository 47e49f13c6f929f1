"""The `binance-coinm` command: every operation of the spec as a subcommand (its kebab-case operationId, and the
spec's x-cli-alias), with one option per parameter; `binance-coinm --help` lists them.

Keys come from the environment, never from arguments (those end up in shell history): BINANCE_API_KEY with
BINANCE_API_SECRET, or with BINANCE_PRIVATE_KEY_FILE (and BINANCE_PRIVATE_KEY_PASSWORD if it is encrypted).
Operations of security type NONE need no keys.

Exit codes: 0 success, 2 usage or validation error, 3 order not found, 4 authentication error,
5 rate-limited, 1 any other API or transport error.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from binance_coinm_openapi._version import __version__
from binance_coinm_openapi.api import OPERATIONS
from binance_coinm_openapi.types import Operation

from .client import PRODUCTION_URL, TESTNET_URL, Client
from .errors import AuthenticationError, BinanceError, OrderNotFoundError, RateLimitError, ValidationError

EXIT_CODES: tuple[tuple[type[BinanceError], int], ...] = (
    (ValidationError, 2),
    (OrderNotFoundError, 3),
    (AuthenticationError, 4),
    (RateLimitError, 5),
    (BinanceError, 1),
)
_HEADINGS = {"en": ("field", "value", "meaning"), "zh": ("字段", "值", "含义")}
_EMPTY = {"en": "(none)", "zh": "（无）"}
# The client needs credentials to be built; for operations that send none, these stand in and are never sent.
_PLACEHOLDER = "-"
_PYTHON_TYPES: dict[str, Any] = {"integer": int, "number": float}
_BOOLEANS = {"true": True, "false": False}


def _boolean(text: str) -> bool:
    """A boolean option as it is written on the wire."""
    if text not in _BOOLEANS:
        raise argparse.ArgumentTypeError(f"expected true or false, not {text!r}")
    return _BOOLEANS[text]


def _plain(text: str) -> str:
    """Spec text for a terminal: no Markdown code marks, no argparse format characters."""
    return text.replace("`", "").replace("%", "%%")


def _global_options(parser: argparse.ArgumentParser, default: Any) -> None:
    """The options every subcommand also accepts, so they may come before or after it."""
    suppress = default is argparse.SUPPRESS
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--testnet", action="store_true", default=default, help=f"use {TESTNET_URL}")
    target.add_argument(
        "--base-url", default=default if suppress else None, help=f"API base URL (default {PRODUCTION_URL})"
    )
    parser.add_argument(
        "--json", action="store_true", default=default, help="print the exact JSON (decimals as wire strings)"
    )
    parser.add_argument(
        "--lang", choices=("en", "zh"), default=default if suppress else "en", help="language of the table's labels"
    )


def _add_operation(commands: Any, operation: Operation[Any]) -> None:
    english, chinese = operation.summary
    command: argparse.ArgumentParser = commands.add_parser(
        operation.cli_names[0],
        aliases=list(operation.cli_names[1:]),
        help=_plain(f"{english} / {chinese}"),
        description=_plain(f"{english} / {chinese}. {operation.method} {operation.path}, {operation.security_type}."),
    )
    command.set_defaults(operation=operation)
    _global_options(command, argparse.SUPPRESS)
    grouped = {name: group for group in operation.exactly_one_of for name in group}
    groups = {group: command.add_mutually_exclusive_group(required=True) for group in operation.exactly_one_of}
    # type_ (a Python keyword) is --type; the spec's text names parameters by wire name, the help by option
    option = {
        wire: f"--{schema['python_name'].strip('_').replace('_', '-')}" for wire, schema in operation.parameters.items()
    }
    for wire, schema in operation.parameters.items():
        python_name = schema["python_name"]
        flags = [option[wire]]
        if wire in operation.parameter_cli_aliases:
            flags.append(f"--{operation.parameter_cli_aliases[wire]}")
        english, chinese = operation.parameter_descriptions[wire]
        text = f"{english} / {chinese}"
        for name, flag in option.items():
            text = text.replace(f"`{name}`", flag)
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="binance-coinm",
        description="Binance COIN-M Futures from the command line.",
        epilog=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"binance-coinm {__version__}")
    _global_options(parser, False)
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")
    for operation in OPERATIONS:
        _add_operation(commands, operation)
    return parser


def _client(args: argparse.Namespace, environ: Mapping[str, str], operation: Operation[Any]) -> Client:
    base_url = TESTNET_URL if args.testnet else args.base_url or PRODUCTION_URL
    key, secret, key_file = (
        environ.get(n) for n in ("BINANCE_API_KEY", "BINANCE_API_SECRET", "BINANCE_PRIVATE_KEY_FILE")
    )
    if not operation.sends_api_key:  # the keys are not sent, so they need not even be valid
        return Client(_PLACEHOLDER, _PLACEHOLDER, base_url=base_url)
    if not key or (operation.signed and not (secret or key_file)):
        needed = "BINANCE_API_KEY" + (
            " and BINANCE_API_SECRET (or BINANCE_PRIVATE_KEY_FILE)" if operation.signed else ""
        )
        raise ValidationError(
            "BINANCE_API_KEY", f"{operation.cli_names[0]} is {operation.security_type}: set {needed} in the environment"
        )
    if key_file and not secret:
        return Client(
            key,
            private_key=key_file,
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
    column = 0 if lang == "en" else 1

    def shown(name: str) -> str:
        text = _shown(wire[name], name in times)
        value_meaning = values.get(name, {}).get(text)  # in Chinese, an enum value with its meaning: BUY（买入）
        return f"{text}（{value_meaning[1].rstrip('。')}）" if value_meaning else text

    documented = [name for name in meanings if name in wire]
    rows = [(name, shown(name), meanings[name][column].rstrip(".。").replace("`", "")) for name in documented]
    rows += [(name, _shown(wire[name], name in times), "") for name in wire if name not in meanings]
    widths = [max(_width(row[i]) for row in [*rows, _HEADINGS[lang]]) for i in range(2)]
    lines = [f"{_pad(a, widths[0])}  {_pad(b, widths[1])}  {c}".rstrip() for a, b, c in [_HEADINGS[lang], *rows]]
    return "\n".join(lines)


def _width(text: str) -> int:
    """Columns text takes in a terminal: a wide (Chinese) character takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


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


def _output(result: Any, operation: Operation[Any], args: argparse.Namespace) -> str:
    items = result if operation.returns_list else [result]
    wire = [item.to_dict() for item in items]
    if args.json:
        return json.dumps(wire if operation.returns_list else wire[0], ensure_ascii=False, indent=2)
    if not wire:
        return _EMPTY[args.lang]
    return "\n\n".join(_table(item, operation.model, args.lang) for item in wire)


def _run(args: argparse.Namespace, environ: Mapping[str, str]) -> str:
    operation: Operation[Any] = args.operation
    arguments = {
        schema["python_name"]: getattr(args, schema["python_name"]) for schema in operation.parameters.values()
    }
    with _client(args, environ, operation) as client:
        result = getattr(client, operation.python_name)(**arguments)
        return _output(result, operation, args)


def _meaning(error: BinanceError, args: argparse.Namespace) -> str:
    """With --lang zh, the Chinese meaning of Binance's error code for this operation, from the spec (Binance's
    own message stays as it came)."""
    meanings = getattr(args.operation, "errors", {}) if args.lang == "zh" else {}
    meaning = meanings.get(getattr(error, "code", None))
    return f"（含义：{meaning[2].rstrip('。')}）" if meaning else ""


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    """Run the command; returns the exit code. Errors go to stderr as one line, without a traceback."""
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show Chinese gets escapes, not a crash
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    parser = _parser()
    args = parser.parse_args(argv)
    if args.testnet and args.base_url:  # one on each side of the subcommand escapes argparse's own check
        parser.error("argument --base-url: not allowed with argument --testnet")
    try:
        print(_run(args, os.environ if environ is None else environ))
        sys.stdout.flush()  # here, not at exit: a full disk is then reported, not a traceback
    except BinanceError as error:
        print(f"binance-coinm: {type(error).__name__}: {error}{_meaning(error, args)}", file=sys.stderr)
        return next(code for kind, code in EXIT_CODES if isinstance(error, kind))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): as Python's docs advise, point stdout at devnull so the flush at
        # exit does not fail again, and end quietly as a pipeline expects.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as error:  # stdout cannot be written: a full disk, a closed descriptor
        print(f"binance-coinm: cannot write the output: {error.strerror or error}", file=sys.stderr)
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 74  # EX_IOERR
    return 0


if __name__ == "__main__":
    sys.exit(main())
