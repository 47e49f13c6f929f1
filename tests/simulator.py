"""A stand-in for Binance's COIN-M REST API on 127.0.0.1, for tests and the demo.

What it reads from spec/openapi.yaml (with its own code, not the SDK's): the routes, each operation's security
type (no key; key only; key and signature), its parameters' rules (-1102 when a required one or an
x-exactly-one-of group is missing, -1100 when a value breaks its schema) and its request weight, counted in
X-MBX-USED-WEIGHT-1M. What it writes by hand is the exchange's behaviour: the order book, the timing rule,
signature verification (stdlib hmac, and cryptography's public-key verify, never the SDK's signer: the signature
must be the last query parameter and covers the raw query bytes before it), and, per operation, what the exchange
does with a valid request (HANDLERS). Tests can register a handler for an operation the SDK has never seen.

Faults can be queued for the next requests (see Fault) to test retries, timeouts and error mapping.

Run `python -m tests.simulator` to serve the demo account until interrupted.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import copy
import hashlib
import hmac
import json
import re
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote_to_bytes

import yaml
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.serialization import load_pem_public_key

SPEC = Path(__file__).resolve().parent.parent / "spec" / "openapi.yaml"
OPEN_STATUSES = {"NEW", "PARTIALLY_FILLED"}
SIGNED = {"USER_DATA", "TRADE"}  # Binance's security types: these need key and signature
KEYED = SIGNED | {"MARKET_DATA", "USER_STREAM"}  # these need the key
DAY_MS = 86_400_000

DEMO_API_KEY = "demo-api-key"
DEMO_API_SECRET = "demo-api-secret"

# The documentation's example order (English version, made valid JSON): the corpus's entry.
DOC_ORDER: dict[str, Any] = json.loads((SPEC.parent / "examples" / "seed-en-open-order.json").read_text("utf-8"))


def order(**changes: Any) -> dict[str, Any]:
    """The documentation's example order with some fields changed (a None value removes the field)."""
    result = {**DOC_ORDER, **changes}
    return {key: value for key, value in result.items() if value is not None}


def demo_orders() -> list[dict[str, Any]]:
    """The demo account's order book: open, filled and cancelled orders, recent and old (the times are relative
    to now, so what GET /dapi/v1/order finds does not change with the date)."""
    now = time.time_ns() // 1_000_000
    hours_ago = {
        hours: {"time": now - hours * 3_600_000, "updateTime": now - hours * 3_600_000 + 1234}
        for hours in (1, 2, 3, 4, 96, 2400)
    }
    return [
        DOC_ORDER,
        order(orderId=2, clientOrderId="web_:/.x-1", symbol="BTCUSD_PERP", type="LIMIT", origType="LIMIT",
              status="PARTIALLY_FILLED", price="43250.10", origQty="12", executedQty="5", cumBase="0.01156066",
              avgPrice="43250.10", activatePrice=None, priceRate=None, stopPrice="0", **hours_ago[1]),
        order(orderId=3, clientOrderId="filled", symbol="BTCUSD_PERP", status="FILLED", executedQty="0.40",
              **hours_ago[2]),
        order(orderId=4, clientOrderId="cancelled", symbol="BTCUSD_PERP", status="CANCELED", **hours_ago[3]),
        order(orderId=5, clientOrderId="chinese", symbol="币安人生USD_PERP", pair="币安人生USD", status="NEW",
              **hours_ago[4]),
        # Not found by GET /dapi/v1/order: cancelled with no fill more than 3 days ago; created over 90 days ago.
        order(orderId=6, clientOrderId="old-cancelled", symbol="BTCUSD_PERP", status="CANCELED", **hours_ago[96]),
        order(orderId=7, clientOrderId="old-filled", symbol="BTCUSD_PERP", status="FILLED", executedQty="0.40",
              **hours_ago[2400]),
    ]  # fmt: skip


@dataclass
class Fault:
    """What the simulator does instead of answering normally, for the next `times` requests to a path.

    kind: "status" (answer `status` with `body` and `headers`), "delay" (sleep `seconds`, then answer normally),
    "close" (drop the connection without answering), "gather" (hold each answer until `times` requests have
    arrived, or `seconds` passed, then answer all normally: makes "all were sent before any answer" certain).
    """

    kind: str
    status: int = 503
    body: bytes = b'{"code":-1000,"msg":"Unknown error, please check your request or try again later."}'
    headers: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    times: int = 1
    path: str | None = None  # None: any path
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    waiting: int = 0


@dataclass
class Credential:
    secret: bytes | None = None
    public_key: Any = None


@dataclass(frozen=True)
class Route:
    """One operation of the spec, as the simulator enforces it."""

    operation_id: str
    security_type: str
    parameters: dict[str, dict[str, Any]]  # wire name -> the spec's parameter object
    exactly_one_of: list[list[str]]
    weight: list[tuple[list[str], int]]  # (parameters that must all be sent, weight); the first match applies

    def weight_for(self, sent: set[str]) -> int:
        return next((weight for names, weight in self.weight if set(names) <= sent), self.weight[-1][1])


def load_routes(spec_path: Path = SPEC) -> dict[tuple[str, str], Route]:
    """(METHOD, path) -> Route for every operation of the spec."""
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    shared = spec.get("components", {}).get("parameters", {})
    schemas = spec.get("components", {}).get("schemas", {})

    def parameters(*lists: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """By name: path-level ones first, the operation's own win; references resolved, to the schema's rules."""
        found = [shared[p["$ref"].rsplit("/", 1)[1]] if "$ref" in p else p for group in lists for p in group]
        resolved = {}
        for parameter in found:
            schema = parameter.get("schema", {})
            if "$ref" in schema:
                schema = {
                    **schemas[schema["$ref"].rsplit("/", 1)[1]],
                    **{k: v for k, v in schema.items() if k != "$ref"},
                }
            resolved[parameter["name"]] = {**parameter, "schema": schema}
        return resolved

    routes = {}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method not in {"get", "put", "post", "delete", "patch"}:
                continue
            weight = operation["x-weight"]
            if isinstance(weight, int):
                weight = [{"weight": weight}]
            cases = [(case.get("if-present", []), case["weight"]) for case in weight]
            routes[(method.upper(), path)] = Route(
                operation_id=operation["operationId"],
                security_type=operation["x-security-type"],
                parameters=parameters(item.get("parameters", []), operation.get("parameters", [])),
                exactly_one_of=operation.get("x-exactly-one-of", []),
                weight=cases,
            )
    return routes


Handler = Callable[["Exchange", dict[str, str]], tuple[int, Any]]
"""What the exchange does with a valid request: (exchange, parameters by wire name) -> (HTTP status, JSON body)."""


class Exchange:
    """The simulated exchange's state: accounts, orders, clock skew, queued faults and a request log.

    spec_path: the spec whose operations it serves (a test may pass a copy with operations added, and add their
    behaviour to handlers, keyed by operationId).
    """

    def __init__(self, spec_path: Path = SPEC) -> None:
        self.lock = threading.Lock()
        self.routes = load_routes(spec_path)
        self.handlers: dict[str, Handler] = dict(HANDLERS)
        self.credentials: dict[str, Credential] = {}
        self.orders: dict[tuple[str, int], dict[str, Any]] = {}
        self.symbols: set[str] = set()
        self.skew_ms = 0
        self.faults: deque[Fault] = deque()
        self.requests: deque[tuple[str, str]] = deque(maxlen=100_000)  # (path, raw query)
        self.api_keys: deque[str | None] = deque(maxlen=100_000)  # the X-MBX-APIKEY header of each request
        self.used_weight = 0
        self.proxied = 0  # requests that arrived in absolute form, as to a forward proxy
        self.connections = 0

    def add_hmac_key(self, api_key: str, secret: str) -> None:
        self.credentials[api_key] = Credential(secret=secret.encode())

    def add_public_key(self, api_key: str, public_pem: bytes) -> None:
        self.credentials[api_key] = Credential(public_key=load_pem_public_key(public_pem))

    def add_order(self, data: dict[str, Any]) -> None:
        self.orders[(data["symbol"], data["orderId"])] = copy.deepcopy(data)
        self.symbols.add(data["symbol"])

    def server_ms(self) -> int:
        return time.time_ns() // 1_000_000 + self.skew_ms

    def inject(self, fault: Fault) -> None:
        with self.lock:
            self.faults.append(fault)

    def count(self, path: str) -> int:
        with self.lock:
            return sum(1 for seen, _ in self.requests if seen == path)

    def take_fault(self, path: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.path is None or fault.path == path:
                    fault.times -= 1
                    if fault.times <= 0:
                        self.faults.remove(fault)
                    return fault
        return None

    def handle(self, route: Route, raw_query: bytes, api_key: str | None) -> tuple[int, Any]:
        """The answer to a request for route: the spec's security and parameter rules, then the handler."""
        if route.security_type in SIGNED:
            params, problem = self._authenticate(raw_query, api_key)
            if problem:
                return problem
        else:
            if route.security_type in KEYED and (problem := self._known_key(api_key)):
                return problem
            params = dict(parse_qsl(raw_query.decode("ascii"), keep_blank_values=True, encoding="utf-8"))
        problem = check_parameters(route, params)
        if problem:
            return problem
        handler = self.handlers.get(route.operation_id)
        if handler is None:
            return _error(501, -1000, f"The simulator does not implement {route.operation_id}.")
        with self.lock:
            return handler(self, params)

    def find_order(self, params: dict[str, str]) -> dict[str, Any] | None:
        """The order of params["symbol"] with params' orderId or origClientOrderId; call with the lock held."""
        symbol, order_id, client_id = params.get("symbol"), params.get("orderId"), params.get("origClientOrderId")
        if order_id:
            return self.orders.get((symbol or "", int(order_id)))
        return next((o for (s, _), o in self.orders.items() if s == symbol and o["clientOrderId"] == client_id), None)

    def _known_key(self, api_key: str | None) -> tuple[int, Any] | None:
        if not api_key:
            return _error(401, -2014, "API-key format invalid.")
        if api_key not in self.credentials:
            return _error(401, -2015, "Invalid API-key, IP, or permissions for action.")
        return None

    def _authenticate(self, raw_query: bytes, api_key: str | None) -> tuple[dict[str, str], tuple[int, Any] | None]:
        if problem := self._known_key(api_key):
            return {}, problem
        credential = self.credentials[api_key or ""]
        payload, sep, signature = raw_query.rpartition(b"&signature=")
        if not sep or b"&" in signature:
            return {}, _error(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.")
        if not verify_signature(credential, payload, signature):
            return {}, _error(400, -1022, "Signature for this request is not valid.")
        pairs = parse_qsl(payload.decode("ascii"), keep_blank_values=True, encoding="utf-8", errors="strict")
        params = dict(pairs)
        if len(params) != len(pairs):
            return {}, _error(400, -1101, "Duplicate values for a parameter detected.")
        timestamp, recv_window = params.get("timestamp", ""), params.get("recvWindow", "5000")
        if not timestamp.isdigit():
            return {}, _error(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.")
        if not recv_window.isdigit() or not 0 < int(recv_window) <= 60000:
            return {}, _error(400, -1102, "Param 'recvWindow' was malformed.")
        server = self.server_ms()
        if not (int(timestamp) < server + 1000 and server - int(timestamp) <= int(recv_window)):
            return {}, _error(400, -1021, "Timestamp for this request is outside of the recvWindow.")
        return params, None


def verify_signature(credential: Credential, payload: bytes, signature: bytes) -> bool:
    """Binance's check, written independently of the SDK: HMAC hex, or percent-encoded base64 Ed25519/RSA."""
    if credential.secret is not None:
        expected = hmac.new(credential.secret, payload, hashlib.sha256).hexdigest().encode()
        return hmac.compare_digest(expected, signature)
    try:
        raw = base64.b64decode(unquote_to_bytes(signature), validate=True)
        if isinstance(credential.public_key, Ed25519PublicKey):
            credential.public_key.verify(raw, payload)
        elif isinstance(credential.public_key, RSAPublicKey):
            credential.public_key.verify(raw, payload, PKCS1v15(), SHA256())
        else:
            return False
    except (InvalidSignature, ValueError):
        return False
    return True


def _error(status: int, code: int, msg: str) -> tuple[int, Any]:
    return status, {"code": code, "msg": msg}


def check_parameters(route: Route, params: dict[str, str]) -> tuple[int, Any] | None:
    """Binance's answer to parameters that break the spec's rules, or None when they keep them."""
    for name, parameter in route.parameters.items():
        value = params.get(name, "")
        if value == "":
            if parameter.get("required"):
                return _error(400, -1102, f"Mandatory parameter '{name}' was not sent, was empty/null, or malformed.")
            continue
        legal = _legal_range(parameter["schema"], value)
        if legal is not None:
            return _error(400, -1100, f"Illegal characters found in parameter '{name}'; legal range is '{legal}'.")
    for group in route.exactly_one_of:
        if not any(params.get(name) for name in group):
            names = " or ".join(f"'{name}'" for name in group)
            return _error(400, -1102, f"Param {names} must be sent, but both were empty/null!")
    return None


def _legal_range(schema: dict[str, Any], value: str) -> str | None:
    """The legal range value is outside of (as Binance words it in -1100), or None when value is legal."""
    if "enum" in schema and value not in map(str, schema["enum"]):
        return "|".join(map(str, schema["enum"]))
    if schema.get("type") == "boolean" and value not in ("true", "false"):
        return "true|false"
    if schema.get("x-format") == "decimal" and not re.fullmatch(r"-?[0-9]{1,20}(\.[0-9]{1,20})?", value):
        return "^([0-9]{1,20})(\\.[0-9]{1,20})?$"
    if schema.get("type") == "integer":
        if not re.fullmatch(r"[0-9]{1,20}", value):
            return "^[0-9]{1,20}$"
        low, high = schema.get("minimum"), schema.get("maximum")
        if (low is not None and int(value) < low) or (high is not None and int(value) > high):
            return f"{low if low is not None else ''}-{high if high is not None else ''}"
        return None
    pattern = schema.get("pattern")
    if pattern is not None and not re.fullmatch(pattern.removeprefix("^").removesuffix("$"), value):
        return pattern
    if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", len(value)):
        return f"{schema.get('minLength', 0)}-{schema.get('maxLength', '')} characters"
    return None


# -- what the exchange does with a valid request, per operation; each runs with the exchange's lock held ------


def _check_server_time(exchange: Exchange, params: dict[str, str]) -> tuple[int, Any]:
    return 200, {"serverTime": exchange.server_ms()}


def _query_current_open_order(exchange: Exchange, params: dict[str, str]) -> tuple[int, Any]:
    if params["symbol"] not in exchange.symbols:
        return _error(400, -1121, "Invalid symbol.")
    found = exchange.find_order(params)
    if found is None or found["status"] not in OPEN_STATUSES:
        return _error(400, -2013, "Order does not exist.")
    return 200, copy.deepcopy(found)


def _query_order(exchange: Exchange, params: dict[str, str]) -> tuple[int, Any]:
    """Any status, except what Binance no longer keeps: cancelled or expired with no fill and older than 3 days,
    and anything older than 90 days."""
    if params["symbol"] not in exchange.symbols:
        return _error(400, -1121, "Invalid symbol.")
    found = exchange.find_order(params)
    if found is not None:
        age = exchange.server_ms() - found["time"]
        unfilled_end = found["status"] in {"CANCELED", "EXPIRED"} and Decimal(found["executedQty"]) == 0
        if age > 90 * DAY_MS or (unfilled_end and age > 3 * DAY_MS):
            found = None
    if found is None:
        return _error(400, -2013, "Order does not exist.")
    return 200, copy.deepcopy(found)


def _current_all_open_orders(exchange: Exchange, params: dict[str, str]) -> tuple[int, Any]:
    symbol, pair = params.get("symbol"), params.get("pair")
    if symbol is not None and symbol not in exchange.symbols:
        return _error(400, -1121, "Invalid symbol.")
    found = [
        copy.deepcopy(o)
        for (s, _), o in sorted(exchange.orders.items(), key=lambda item: item[0][1])
        if o["status"] in OPEN_STATUSES and symbol in (None, s) and pair in (None, o.get("pair"))
    ]
    return 200, found


HANDLERS: dict[str, Handler] = {
    "checkServerTime": _check_server_time,
    "queryCurrentOpenOrder": _query_current_open_order,
    "queryOrder": _query_order,
    "currentAllOpenOrders": _current_all_open_orders,
}


_REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 418: "I'm a teapot",
            429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
            504: "Gateway Timeout"}  # fmt: skip


def _response(status: int, body: bytes, headers: dict[str, str], weight: int) -> bytes:
    lines = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Unknown')}", f"Content-Length: {len(body)}",
             f"X-MBX-USED-WEIGHT-1M: {weight}", *(f"{name}: {value}" for name, value in headers.items())]  # fmt: skip
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


async def _answer(exchange: Exchange, method: str, target: str, api_key: str | None) -> bytes | None:
    """The bytes of the response to one request, or None to drop the connection without answering."""
    if target.startswith("http://"):  # absolute form: the request came through the simulator as a proxy
        target = "/" + target.split("/", 3)[3] if target.count("/") >= 3 else "/"
        with exchange.lock:
            exchange.proxied += 1
    path, _, query = target.partition("?")
    route = exchange.routes.get((method, path))
    sent = {name for name, _ in parse_qsl(query, keep_blank_values=True)}
    with exchange.lock:
        exchange.requests.append((path, query))
        exchange.api_keys.append(api_key)
        exchange.used_weight += route.weight_for(sent) if route else 1
        weight = exchange.used_weight
    fault = exchange.take_fault(path)
    if fault is not None:
        if fault.kind == "close":
            return None
        if fault.kind == "status":
            return _response(fault.status, fault.body, fault.headers, weight)
        if fault.kind == "gather":
            fault.waiting += 1
            if fault.times <= 0:
                fault.arrived.set()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(fault.arrived.wait(), fault.seconds or 10)
        else:
            await asyncio.sleep(fault.seconds)
    if route is not None:
        status, body = exchange.handle(route, query.encode("latin-1"), api_key)
    elif path == "/_simulator/stats":  # not Binance's: lets a load test in another process read the counters
        with exchange.lock:
            status, body = 200, {"connections": exchange.connections, "requests": len(exchange.requests)}
    elif any(known == path for _, known in exchange.routes):
        status, body = 405, {"code": -1000, "msg": "Method not allowed."}
    else:
        status, body = 404, {"code": -1000, "msg": "Not found."}
    content = json.dumps(body, ensure_ascii=False).encode()
    return _response(status, content, {"Content-Type": "application/json"}, weight)


async def _connection(exchange: Exchange, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """HTTP/1.1 keep-alive: requests without bodies (GET), answered in order until the client hangs up."""
    with exchange.lock:
        exchange.connections += 1
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            request_line, *header_lines = head.decode("latin-1").split("\r\n")
            method, target, _ = request_line.split(" ", 2)
            headers = dict(line.split(":", 1) for line in header_lines if ":" in line)
            api_key = next((v.strip() for k, v in headers.items() if k.strip().lower() == "x-mbx-apikey"), None)
            answer = await _answer(exchange, method, target, api_key)
            if answer is None:
                break
            writer.write(answer)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, ValueError, asyncio.CancelledError):
        pass  # the client hung up (or sent garbage), or the simulator is stopping: close our side too
    finally:
        writer.close()


@contextmanager
def serve(exchange: Exchange | None = None, port: int = 0) -> Iterator[tuple[str, Exchange]]:
    """Run a simulator on 127.0.0.1 (a free port by default); yields (base_url, exchange) and stops it afterwards.

    One asyncio event loop in a background thread serves every connection, so a hundred concurrent clients
    do not turn into a hundred threads fighting over the GIL.
    """
    state = exchange or demo_exchange()
    loop = asyncio.new_event_loop()
    ready: Future[asyncio.Server] = Future()

    async def start() -> None:
        server = await asyncio.start_server(lambda r, w: _connection(state, r, w), "127.0.0.1", port, backlog=1024)
        ready.set_result(server)

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(start(), loop)
    server = ready.result(timeout=10)
    try:
        yield f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}", state
    finally:
        asyncio.run_coroutine_threadsafe(_stop(server), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5)
        loop.close()


async def _stop(server: asyncio.Server) -> None:
    """Stop accepting, then end every open connection's task, so nothing is left for a closed loop."""
    server.close()
    pending = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)


def demo_exchange() -> Exchange:
    exchange = Exchange()
    exchange.add_hmac_key(DEMO_API_KEY, DEMO_API_SECRET)
    for data in demo_orders():
        exchange.add_order(data)
    return exchange


if __name__ == "__main__":
    with serve() as (url, _):
        print(url, flush=True)  # first line: the base URL, for a parent process to read
        print(f"demo key {DEMO_API_KEY!r}, secret {DEMO_API_SECRET!r}; Ctrl-C or SIGTERM stops it", flush=True)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        signal.sigwait({signal.SIGINT, signal.SIGTERM})
