"""The simulated exchange: accounts, orders, clock, weight and faults, and Binance's rules for a request.

What it reads from the spec (binance_coinm_openapi/openapi.json, written from spec/openapi.yaml by `make generate`,
parsed here with its own code, not the SDK's): the routes, each operation's security type (no key; key only; key
and signature), its parameters' rules (-1102 when a required one or an x-exactly-one-of group is missing, -1100
when a value breaks its schema) and its request weight (x-weight), counted in X-MBX-USED-WEIGHT-1M. What is
written by hand is the exchange's behaviour: the order book, the timing rule, signature verification (stdlib hmac
and cryptography's public-key verify, never the SDK's signer: the signature must be the last query parameter and
covers the raw query bytes before it), the weight budget, and a few kinds of answer to a valid request
(BEHAVIOURS: the server time, one order, a list of orders). Each operation's x-simulator names the kind it gets
and its options (which statuses, which filters, what the exchange forgets); an operation without one is answered
with its spec's first 200 example. A test can add a behaviour (Exchange.behaviours) for an operation the SDK has
never seen.

Source: Binance, "COIN-M Futures General Info" (signed endpoints, timing security, limits) and "Error Codes".
"""

from __future__ import annotations

import asyncio
import base64
import copy
import hashlib
import hmac
import json
import math
import re
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from importlib.resources import files
from typing import Any
from urllib.parse import parse_qsl, unquote_to_bytes

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.serialization import load_pem_public_key

OPEN_STATUSES = {"NEW", "PARTIALLY_FILLED"}
SIGNED = {"USER_DATA", "TRADE"}  # Binance's security types: these need key and signature
KEYED = SIGNED | {"MARKET_DATA", "USER_STREAM"}  # these need the key
DAY_MS = 86_400_000

DEMO_API_KEY = "demo-api-key"
DEMO_API_SECRET = "demo-api-secret"

Spec = Mapping[str, Any]


def packaged_spec() -> dict[str, Any]:
    """The spec the installed SDK was generated from."""
    text = files("binance_coinm_openapi").joinpath("openapi.json").read_text(encoding="utf-8")
    spec: dict[str, Any] = json.loads(text)
    return spec


def _examples(node: Any) -> Iterator[tuple[str, Any]]:
    """Every named example of the spec: (name, value)."""
    if isinstance(node, dict):
        for name, example in (node.get("examples") or {}).items():
            if isinstance(example, dict) and "value" in example:
                yield name, example["value"]
        for value in node.values():
            yield from _examples(value)
    elif isinstance(node, list):
        for value in node:
            yield from _examples(value)


# The documentation's example order (English version, made valid JSON): the spec's example, from its corpus.
DOC_ORDER: dict[str, Any] = next(value for name, value in _examples(packaged_spec()) if name == "seed-en-open-order")


def order(**changes: Any) -> dict[str, Any]:
    """The documentation's example order with some fields changed (a None value removes the field)."""
    result = {**DOC_ORDER, **changes}
    return {key: value for key, value in result.items() if value is not None}


def demo_orders() -> list[dict[str, Any]]:
    """The demo account's order book: open, filled and cancelled orders, recent and old (the times are relative
    to now, so what an order query finds does not change with the date)."""
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
        # Forgotten by the exchange (x-simulator "forgets"): cancelled with no fill more than 3 days ago; created
        # over 90 days ago.
        order(orderId=6, clientOrderId="old-cancelled", symbol="BTCUSD_PERP", status="CANCELED", **hours_ago[96]),
        order(orderId=7, clientOrderId="old-filled", symbol="BTCUSD_PERP", status="FILLED", executedQty="0.40",
              **hours_ago[2400]),
    ]  # fmt: skip


FAULT_KINDS = ("status", "delay", "close", "gather")
DEFAULT_FAULT_BODY = b'{"code":-1000,"msg":"Unknown error, please check your request or try again later."}'


@dataclass
class Fault:
    """What the simulator does instead of answering normally, for the next `times` requests to a path.

    kind: "status" (answer `status` with `body` and `headers`), "delay" (sleep `seconds`, then answer normally),
    "close" (drop the connection without answering), "gather" (hold each answer until `times` requests have
    arrived, or `seconds` passed (10 when 0), then answer all normally: makes "all were sent before any answer"
    certain).
    path: the request path it applies to (one of the spec's paths); None, any path.
    """

    kind: str
    status: int = 503
    body: bytes = DEFAULT_FAULT_BODY
    headers: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    times: int = 1
    path: str | None = None
    arrived: asyncio.Event = field(default_factory=asyncio.Event)  # the server's loop alone uses it

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:  # a misspelt kind would otherwise pass for a delay of 0 s
            raise ValueError(f"a Fault's kind is one of {', '.join(FAULT_KINDS)}, not {self.kind!r}")


@dataclass
class Request:
    """One request as the simulator received it: `query` is the raw query string, exactly the bytes sent (the
    signature covers them); `status` is the HTTP status answered (None while in progress or when the connection
    was dropped)."""

    method: str
    path: str
    query: str
    api_key: str | None
    status: int | None = None

    def __repr__(self) -> str:  # a signature is valid for recvWindow: never in a repr
        query = re.sub(r"(^|&)signature=[^&]*", r"\1signature=<redacted>", self.query)
        target = f"{self.path}?{query}" if query else self.path
        return f"Request({self.method} {target}, api_key={self.api_key!r}, status={self.status})"


@dataclass
class Credential:
    secret: bytes | None = field(default=None, repr=False)  # never in a repr
    public_key: Any = None


@dataclass(frozen=True)
class Route:
    """One operation of the spec, as the simulator enforces it."""

    operation_id: str
    security_type: str
    parameters: dict[str, dict[str, Any]]  # wire name -> the spec's parameter object
    exactly_one_of: list[list[str]]
    weight: list[tuple[list[str], int]]  # (parameters that must all be sent, weight); the first match applies
    simulator: Mapping[str, Any] | None = None  # x-simulator: {"answers": a behaviour's name, its options...}
    example: Any = None  # the first example of its 200 answer, for an operation without x-simulator

    def weight_for(self, sent: set[str]) -> int:
        return next((weight for names, weight in self.weight if set(names) <= sent), self.weight[-1][1])


def load_routes(spec: Spec) -> dict[tuple[str, str], Route]:
    """(METHOD, path) -> Route for every operation of the spec."""
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
            content = operation.get("responses", {}).get("200", {}).get("content", {}).get("application/json", {})
            examples = [e.get("value") for e in content.get("examples", {}).values()]
            routes[(method.upper(), path)] = Route(
                operation_id=operation["operationId"],
                security_type=operation["x-security-type"],
                parameters=parameters(item.get("parameters", []), operation.get("parameters", [])),
                exactly_one_of=operation.get("x-exactly-one-of", []),
                weight=cases,
                simulator=operation.get("x-simulator"),
                example=examples[0] if examples else content.get("example"),
            )
    return routes


class Exchange:
    """The simulated exchange's state: accounts, orders, clock skew, weight, queued faults and a request log.

    spec: the spec whose operations it serves (default: the one the installed SDK was generated from; a test may
    pass a copy with operations added; an operation whose x-simulator names a behaviour not in BEHAVIOURS gets it
    from `behaviours`, where a test adds it by that name).
    weight_limit: the request weight allowed per `weight_window` seconds (Binance: 2,400 per minute per IP); past
    it the answer is 429 -1003 with Retry-After, as Binance's. None: no limit.
    """

    def __init__(
        self, spec: Spec | None = None, *, weight_limit: int | None = None, weight_window: float = 60.0
    ) -> None:
        self.lock = threading.Lock()
        spec = packaged_spec() if spec is None else spec
        self.routes = load_routes(spec)
        self.schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})
        self.order_schema: dict[str, Any] = self.schemas.get("Order", {})  # what the order book holds
        self.behaviours: dict[str, Behaviour] = dict(BEHAVIOURS)
        self.credentials: dict[str, Credential] = {}
        self.orders: dict[tuple[str, int], dict[str, Any]] = {}
        self.symbols: set[str] = set()
        self.skew_ms = 0
        self.faults: deque[Fault] = deque()
        self.requests: deque[Request] = deque(maxlen=100_000)
        self.weight_limit = weight_limit
        self.weight_window = weight_window
        self.used_weight = 0  # in the current window
        self._window_start = 0.0
        self.proxied = 0  # requests that arrived in absolute form, as to a forward proxy
        self.connections = 0  # TCP connections opened to the server, ever
        # The connections served (asyncio transports), open or closed; the server adds each one it sees.
        self.transports: weakref.WeakSet[asyncio.BaseTransport] = weakref.WeakSet()
        self.on_request: Callable[[Request], None] | None = None  # called with each request once answered

    @property
    def open_connections(self) -> int:
        """Connections served that are still open: neither the client nor the server has closed them."""
        with self.lock:
            return sum(1 for transport in list(self.transports) if not transport.is_closing())

    def add_hmac_key(self, api_key: str, secret: str) -> None:
        self.credentials[api_key] = Credential(secret=secret.encode())

    def add_public_key(self, api_key: str, public_pem: bytes, algorithm: str | None = None) -> None:
        """An Ed25519 or RSA public key in PEM (SubjectPublicKeyInfo), as registered on Binance's API page.
        algorithm: "Ed25519" or "RSA" to insist on one. Raises ValueError for anything else."""
        key = load_pem_public_key(public_pem)
        kinds = {"Ed25519": Ed25519PublicKey, "RSA": RSAPublicKey}
        wanted = tuple(kinds.values()) if algorithm is None else (kinds[algorithm],)
        if not isinstance(key, wanted):
            raise ValueError(f"not an {algorithm or 'Ed25519 or RSA'} public key")
        self.credentials[api_key] = Credential(public_key=key)

    def add_order(self, data: Mapping[str, Any], *, checked: bool = False) -> dict[str, Any]:
        """Put an order in the book as the exchange will answer it; returns it. Without an orderId it takes the
        next free one. A Decimal is stored as its exact plain string, as Binance sends prices and quantities.

        checked: refuse (TypeError or ValueError, the book left as it was) an order the spec's Order does not
        allow: a required field missing or None, a value of the wrong JSON type, or one not JSON at all. False
        stores anything with a symbol and an orderId: an answer a client must refuse, for testing that it does.
        """
        stored: dict[str, Any] = {
            name: format(value, "f") if isinstance(value, Decimal) else value for name, value in data.items()
        }
        with self.lock:
            if "orderId" not in stored:
                stored["orderId"] = max((order_id for _, order_id in self.orders), default=0) + 1
            if checked:
                check_order(self.order_schema, self.schemas, stored)
            self.orders[(stored["symbol"], stored["orderId"])] = copy.deepcopy(stored)
            self.symbols.add(stored["symbol"])
        return stored

    def server_ms(self) -> int:
        return time.time_ns() // 1_000_000 + self.skew_ms

    def inject(self, fault: Fault) -> None:
        with self.lock:
            self.faults.append(fault)

    def count(self, path: str) -> int:
        with self.lock:
            return sum(1 for seen in self.requests if seen.path == path)

    def take_fault(self, path: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.path is None or fault.path == path:
                    fault.times -= 1
                    if fault.times <= 0:
                        self.faults.remove(fault)
                    return fault
        return None

    def spend_weight(self, weight: int) -> tuple[int, float | None]:
        """Count a request's weight in the current window, as Binance does (windows start on the clock's
        multiples of weight_window); returns (the window's used weight, None) or, past the limit, (used weight,
        seconds until the window rolls over) without counting it. Call with the lock held."""
        now = self.server_ms() / 1000
        start = math.floor(now / self.weight_window) * self.weight_window
        if start != self._window_start:
            self._window_start, self.used_weight = start, 0
        if self.weight_limit is not None and self.used_weight + weight > self.weight_limit:
            return self.used_weight, max(start + self.weight_window - now, 0.001)
        self.used_weight += weight
        return self.used_weight, None

    def handle(self, route: Route, raw_query: bytes, api_key: str | None) -> tuple[int, Any]:
        """The answer to a request for route: the spec's security and parameter rules, then the handler."""
        if route.security_type in SIGNED:
            params, problem = self._authenticate(raw_query, api_key)
            if problem:
                return problem
        else:
            if route.security_type in KEYED and (problem := self._known_key(api_key)):
                return problem
            pairs = _query_pairs(raw_query)
            if pairs is None:
                return error_answer(400, -1100, _ILLEGAL_CHARS)
            params = dict(pairs)
        problem = check_parameters(route, params)
        if problem:
            return problem
        if route.simulator is None:
            if route.example is None:
                return error_answer(501, -1000, f"The simulator has no answer for {route.operation_id}.")
            return 200, copy.deepcopy(route.example)
        behaviour = self.behaviours.get(route.simulator.get("answers", ""))
        if behaviour is None:
            return error_answer(501, -1000, f"The simulator has no behaviour {route.simulator.get('answers')!r}.")
        with self.lock:
            return behaviour(self, params, route.simulator)

    def find_order(self, params: dict[str, str]) -> dict[str, Any] | None:
        """The order of params["symbol"] with params' orderId or origClientOrderId; call with the lock held."""
        symbol, order_id, client_id = params.get("symbol"), params.get("orderId"), params.get("origClientOrderId")
        if order_id:
            return self.orders.get((symbol or "", int(order_id)))
        return next((o for (s, _), o in self.orders.items() if s == symbol and o["clientOrderId"] == client_id), None)

    def _known_key(self, api_key: str | None) -> tuple[int, Any] | None:
        if not api_key:
            return error_answer(401, -2014, "API-key format invalid.")
        if api_key not in self.credentials:
            return error_answer(401, -2015, "Invalid API-key, IP, or permissions for action.")
        return None

    def _authenticate(self, raw_query: bytes, api_key: str | None) -> tuple[dict[str, str], tuple[int, Any] | None]:
        if problem := self._known_key(api_key):
            return {}, problem
        credential = self.credentials[api_key or ""]
        payload, sep, signature = raw_query.rpartition(b"&signature=")
        if not sep or b"&" in signature:
            return {}, error_answer(
                400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed."
            )
        if not verify_signature(credential, payload, signature):
            return {}, error_answer(400, -1022, "Signature for this request is not valid.")
        pairs = _query_pairs(payload)
        if pairs is None:
            return {}, error_answer(400, -1100, _ILLEGAL_CHARS)
        params = dict(pairs)
        if len(params) != len(pairs):
            return {}, error_answer(400, -1101, "Duplicate values for a parameter detected.")
        timestamp, recv_window = params.get("timestamp", ""), params.get("recvWindow", "5000")
        if not timestamp.isdigit():
            return {}, error_answer(
                400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed."
            )
        if not recv_window.isdigit() or not 0 < int(recv_window) <= 60000:
            return {}, error_answer(400, -1102, "Param 'recvWindow' was malformed.")
        server = self.server_ms()
        if not (int(timestamp) < server + 1000 and server - int(timestamp) <= int(recv_window)):
            return {}, error_answer(400, -1021, "Timestamp for this request is outside of the recvWindow.")
        return params, None


_ILLEGAL_CHARS = "Illegal characters found in a parameter."


def _query_pairs(raw_query: bytes) -> list[tuple[str, str]] | None:
    """The query's (name, value) pairs, blank values kept; None when it is not ASCII or a percent-escape is not
    UTF-8 (Binance's -1100, where a lenient decoder would put U+FFFD in the value, and a strict one a 500)."""
    try:
        return parse_qsl(raw_query.decode("ascii"), keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        return None


def check_order(schema: Mapping[str, Any], schemas: Mapping[str, Any], order: Mapping[str, Any]) -> None:
    """Raise TypeError or ValueError when order is not one the spec's Order schema allows (required fields,
    JSON types, decimal strings, int64 and the spec's minimum and maximum, such as orderId >= 1); unknown fields and
    unknown enum values pass, as from Binance."""
    try:
        json.dumps(order, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise TypeError(f"an order holds JSON values only: {error}") from None
    missing = [name for name in schema.get("required", []) if order.get(name) is None]
    if missing:
        raise ValueError(f"an order needs {', '.join(missing)} (the spec's Order requires them)")
    properties = schema.get("properties", {})
    for name, value in order.items():
        if name in properties and value is not None and not _fits(properties[name], schemas, value):
            raise TypeError(f"{name}={value!r} does not fit the spec's Order.{name}")


_JSON_TYPES = {"string": (str,), "integer": (int,), "boolean": (bool,), "number": (int, float), "object": (dict,),
               "array": (list,)}  # fmt: skip


def _fits(schema: Mapping[str, Any], schemas: Mapping[str, Any], value: object) -> bool:
    """Whether value has the JSON type (and, for a decimal string, the pattern) the schema says."""
    if "$ref" in schema:
        return _fits(schemas[schema["$ref"].rsplit("/", 1)[1]], schemas, value)
    if "anyOf" in schema:
        return any(_fits(option, schemas, value) for option in schema["anyOf"])
    kinds = schema.get("type", [])
    kinds = [kinds] if isinstance(kinds, str) else kinds
    # type(), not isinstance(): True is not a JSON integer. "null" has no entry: check_order never passes None.
    if kinds and not any(type(value) in _JSON_TYPES.get(kind, ()) for kind in kinds):
        return False
    if type(value) is int and schema.get("format") == "int64" and not -(2**63) <= value < 2**63:
        return False
    low, high = schema.get("minimum"), schema.get("maximum")
    if type(value) is int and ((low is not None and value < low) or (high is not None and value > high)):
        return False
    pattern = schema.get("pattern")
    return not (isinstance(value, str) and pattern and not re.search(pattern, value))


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


def error_answer(status: int, code: int, msg: str) -> tuple[int, Any]:
    return status, {"code": code, "msg": msg}


def check_parameters(route: Route, params: dict[str, str]) -> tuple[int, Any] | None:
    """Binance's answer to parameters that break the spec's rules, or None when they keep them."""
    for name, parameter in route.parameters.items():
        value = params.get(name, "")
        if value == "":
            if parameter.get("required"):
                return error_answer(
                    400, -1102, f"Mandatory parameter '{name}' was not sent, was empty/null, or malformed."
                )
            continue
        legal = _legal_range(parameter["schema"], value)
        if legal is not None:
            return error_answer(
                400, -1100, f"Illegal characters found in parameter '{name}'; legal range is '{legal}'."
            )
    for group in route.exactly_one_of:
        if not any(params.get(name) for name in group):
            names = " or ".join(f"'{name}'" for name in group)
            return error_answer(400, -1102, f"Param {names} must be sent, but both were empty/null!")
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
    pattern: str | None = schema.get("pattern")
    if pattern is not None and not re.fullmatch(pattern, value):  # the spec's ^ and $ hold inside fullmatch too
        return pattern
    if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", len(value)):
        return f"{schema.get('minLength', 0)}-{schema.get('maxLength', '')} characters"
    return None


# -- what the exchange does with a valid request: each operation's x-simulator names one of these behaviours, and
# gives its options; each runs with the exchange's lock held ----------------------------------------------------


def _clock(exchange: Exchange, params: dict[str, str], rules: Mapping[str, Any]) -> tuple[int, Any]:
    """The exchange's clock, as {"serverTime": epoch ms}."""
    return 200, {"serverTime": exchange.server_ms()}


def _order(exchange: Exchange, params: dict[str, str], rules: Mapping[str, Any]) -> tuple[int, Any]:
    """One order of `symbol`, by `orderId` or `origClientOrderId`; -2013 when there is none.

    rules["statuses"]: the statuses it is found in (default any). rules["forgets"]: what the exchange no longer
    keeps, each {"after-days": n, "statuses": [...] (default any), "unfilled": true (no executed quantity)}: an
    order matching one, created more than n days ago, is not found.
    """
    if params["symbol"] not in exchange.symbols:
        return error_answer(400, -1121, "Invalid symbol.")
    found = exchange.find_order(params)
    if found is not None and (not _in_statuses(found, rules) or _forgotten(exchange, found, rules)):
        found = None
    if found is None:
        return error_answer(400, -2013, "Order does not exist.")
    return 200, copy.deepcopy(found)


def _orders(exchange: Exchange, params: dict[str, str], rules: Mapping[str, Any]) -> tuple[int, Any]:
    """The orders in rules["statuses"] (default any), by orderId; each parameter named in rules["filters"], when
    sent, keeps only the orders whose field of that name equals it."""
    if "symbol" in params and params["symbol"] not in exchange.symbols:
        return error_answer(400, -1121, "Invalid symbol.")
    wanted = {name: params[name] for name in rules.get("filters", []) if name in params}
    found = [
        copy.deepcopy(o)
        for (_, _), o in sorted(exchange.orders.items(), key=lambda item: item[0][1])
        if _in_statuses(o, rules) and all(o.get(name) == value for name, value in wanted.items())
    ]
    return 200, found


def _in_statuses(order: Mapping[str, Any], rules: Mapping[str, Any]) -> bool:
    return "statuses" not in rules or order["status"] in rules["statuses"]


def _forgotten(exchange: Exchange, order: Mapping[str, Any], rules: Mapping[str, Any]) -> bool:
    age = exchange.server_ms() - order["time"]
    return any(
        age > rule["after-days"] * DAY_MS
        and _in_statuses(order, rule)
        and not (rule.get("unfilled") and Decimal(order["executedQty"]) != 0)
        for rule in rules.get("forgets", [])
    )


Behaviour = Callable[["Exchange", dict[str, str], Mapping[str, Any]], tuple[int, Any]]
"""What the exchange does with a valid request: (exchange, parameters by wire name, the operation's x-simulator)
-> (HTTP status, JSON body)."""

BEHAVIOURS: dict[str, Behaviour] = {"clock": _clock, "order": _order, "orders": _orders}


def demo_exchange(**options: Any) -> Exchange:
    """An exchange with the demo key (DEMO_API_KEY / DEMO_API_SECRET) and the demo order book; options go to
    Exchange."""
    exchange = Exchange(**options)
    exchange.add_hmac_key(DEMO_API_KEY, DEMO_API_SECRET)
    for data in demo_orders():
        exchange.add_order(data)
    return exchange
