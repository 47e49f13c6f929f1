"""The `binance-coinm` command: query an open order or the server time from a shell.

Keys come from the environment, never from arguments (those end up in shell history): BINANCE_API_KEY with
BINANCE_API_SECRET, or with BINANCE_PRIVATE_KEY_FILE (and BINANCE_PRIVATE_KEY_PASSWORD if it is encrypted).

Exit codes: 0 success, 2 usage or validation error, 3 order not found, 4 authentication error,
5 rate-limited, 1 any other API or transport error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from binance_coinm_openapi.models import Order, ServerTime

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
# /time is unsigned: the client needs credentials to be built, but none are sent for this call.
_PUBLIC_ONLY = ("-", "-")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="binance-coinm", description="Binance COIN-M Futures from the command line.", epilog=__doc__
    )
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--testnet", action="store_true", help=f"use {TESTNET_URL}")
    target.add_argument("--base-url", default=PRODUCTION_URL, help=f"API base URL (default {PRODUCTION_URL})")
    parser.add_argument("--json", action="store_true", help="print the exact JSON (decimals as wire strings)")
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the table's labels")
    commands = parser.add_subparsers(dest="command", required=True)
    order = commands.add_parser("open-order", help="query one open order (GET /dapi/v1/openOrder)")
    order.add_argument("--symbol", required=True, help="contract symbol, e.g. BTCUSD_PERP")
    which = order.add_mutually_exclusive_group(required=True)
    which.add_argument("--order-id", type=int, help="the exchange's order id")
    which.add_argument("--client-order-id", help="the client order id given when the order was placed")
    order.add_argument("--recv-window", type=int, help="milliseconds the request stays valid (1-60000)")
    commands.add_parser("server-time", help="the exchange's current time (GET /dapi/v1/time)")
    return parser


def _client(args: argparse.Namespace, environ: Mapping[str, str], signed: bool) -> Client:
    base_url = TESTNET_URL if args.testnet else args.base_url
    key, secret, key_file = (
        environ.get(n) for n in ("BINANCE_API_KEY", "BINANCE_API_SECRET", "BINANCE_PRIVATE_KEY_FILE")
    )
    if not signed and not key:
        return Client(*_PUBLIC_ONLY, base_url=base_url)
    if not key or not (secret or key_file):
        raise ValidationError(
            "BINANCE_API_KEY",
            "set BINANCE_API_KEY and BINANCE_API_SECRET (or BINANCE_PRIVATE_KEY_FILE) in the environment",
        )
    if key_file and not secret:
        return Client(
            key,
            private_key=key_file,
            private_key_password=environ.get("BINANCE_PRIVATE_KEY_PASSWORD"),
            base_url=base_url,
        )
    return Client(key, secret, base_url=base_url)


def _table(wire: Mapping[str, Any], meanings: Mapping[str, tuple[str, str]], lang: str) -> str:
    column = 0 if lang == "en" else 1
    documented = [name for name in meanings if name in wire]
    rows = [(name, _shown(wire[name]), meanings[name][column].rstrip(".。")) for name in documented]
    rows += [(name, _shown(wire[name]), "") for name in wire if name not in meanings]
    widths = [max(len(row[i]) for row in [*rows, _HEADINGS[lang]]) for i in range(2)]
    lines = [f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c}".rstrip() for a, b, c in [_HEADINGS[lang], *rows]]
    return "\n".join(lines)


def _shown(value: object) -> str:
    """Wire strings as they are (decimals stay exact), anything else as JSON (false, not False)."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _run(args: argparse.Namespace, environ: Mapping[str, str]) -> str:
    with _client(args, environ, signed=args.command == "open-order") as client:
        if args.command == "server-time":
            server: ServerTime = client.check_server_time()
            wire = server.to_dict()
            if args.json:
                return json.dumps(wire)
            moment = datetime.fromtimestamp(server.server_time / 1000, UTC).isoformat(timespec="milliseconds")
            return _table(
                {**wire, "serverTime": f"{server.server_time} ({moment})"}, ServerTime.FIELD_DESCRIPTIONS, args.lang
            )
        order: Order = client.query_current_open_order(
            args.symbol, order_id=args.order_id, orig_client_order_id=args.client_order_id, recv_window=args.recv_window
        )
        if args.json:
            return json.dumps(order.to_dict(), ensure_ascii=False, indent=2)
        return _table(order.to_dict(), Order.FIELD_DESCRIPTIONS, args.lang)


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    """Run the command; returns the exit code. Errors go to stderr as one line, without a traceback."""
    args = _parser().parse_args(argv)
    try:
        print(_run(args, os.environ if environ is None else environ))
    except BinanceError as error:
        print(f"binance-coinm: {type(error).__name__}: {error}", file=sys.stderr)
        return next(code for kind, code in EXIT_CODES if isinstance(error, kind))
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
