"""The user-facing Client and AsyncClient: the generated methods of every spec operation, sent through one entry
point (_call) that owns validation, signing, retries, time sync, errors and parsing."""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import functools
import ipaddress
import json
import logging
import math
import os
import random
import ssl
import threading
import time
import typing
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
from binance_coinm_openapi._version import __version__
from binance_coinm_openapi.api import OPERATIONS, RECV_WINDOW, AsyncOperations, Operations
from binance_coinm_openapi.client import Client as _GeneratedClient
from binance_coinm_openapi.types import DetailedResponse, Operation

from .bounded import ACCEPT_ENCODING, DEFAULT_MAX_BODY_SIZE, BodyReader
from .errors import (
    APIError,
    BinanceError,
    RateLimitError,
    RequestTimeoutError,
    ServerTimeError,
    TimestampError,
    TransportError,
    ValidationError,
    error_from_response,
    malformed_success,
    retry_after_seconds,
    shown,
)
from .pacing import BANNED, NOT_SAID, WeightAccount
from .redaction import install as _install_log_redaction
from .redaction import redact
from .signing import ApiKeyAuth, BinanceAuth, ServerClock, make_signer
from .transport import DEADLINE, AiohttpTransport, drop_if_surplus, sync_transport
from .validation import OperationRules, Rule

if TYPE_CHECKING:
    from .http11 import HttpPool
    from .transport import HeaderFields

PRODUCTION_URL = "https://dapi.binance.com"
DEFAULT_WEIGHT_LIMIT = 2400  # request weight per minute per IP on COIN-M (Binance, General Info: Limits)
_log = logging.getLogger("binance_coinm")
# When the current thread's or task's latest attempt was sent (ms since the epoch): a clock sync measures the round
# trip of the attempt that answered, not the pacing wait or retry backoff before it.
_SENT_MS: contextvars.ContextVar[int] = contextvars.ContextVar("binance_coinm_sent_ms", default=0)
_MAX_URL_LENGTH = 65_536  # httpx's limit (httpx._urlparse.MAX_URL_LENGTH)
# Sent with every request by both clients.
_HEADERS = (("Accept-Encoding", ACCEPT_ENCODING), ("User-Agent", f"binance-coinm/{__version__}"))
_USED_WEIGHT_1M = "X-MBX-USED-WEIGHT-1M"
TESTNET_URL = "https://testnet.binancefuture.com"
MAX_CLOCK_OFFSET_MS = 3_600_000
"""The farthest the exchange's clock may be from ours (1 hour) for a time sync to be believed."""
DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=3.0)
"""Connect within 3 s, and each read, write and pool wait within 10 s."""
DEFAULT_DEADLINE = 30.0
"""Seconds one call may take in all: every attempt, backoff and clock sync."""

_UNSIGNED = httpx.Auth()  # the base Auth sends the request untouched: for NONE-security endpoints
_RETRYABLE_STATUS = frozenset({502, 503, 504})
_RETRYABLE_CODES = frozenset({-1001, -1007})
# The client-wide default recvWindow obeys the same rule as the parameter of the spec's signed operations.
_RECV_WINDOW = Rule("recvWindow", {"python_name": "recv_window", **(RECV_WINDOW or {"type": "integer"})})

T = TypeVar("T")

_install_log_redaction()  # httpx logs every request URL at INFO: the signature must not be in it


@dataclasses.dataclass(frozen=True, slots=True, weakref_slot=True)
class RetryPolicy:
    """When a failed request is sent again.

    Retried: connection errors, timeouts, HTTP 502/503/504, and codes -1001/-1007, with exponential backoff and
    jitter, within max_attempts and a total time budget. Never retried: other 4xx, 418. A 429 is retried only when
    rate_limit_wait is above zero and Retry-After is no longer than it. An operation that is not a GET (it may
    change something) is sent again only when it surely was not processed: no connection was made, -1001, or 429.

    Attributes:
        max_attempts: Attempts in all, the first included; 1 disables retries.
        budget: Seconds from the first attempt after which no further attempt starts.
        backoff: Base delay in seconds; attempt n waits up to backoff * 2 ** (n - 1), at least half of it.
        max_backoff: Cap on a single backoff delay, in seconds.
        rate_limit_wait: Longest Retry-After, in seconds, that a 429 may be waited out; 0 never waits.
    """

    max_attempts: int = 3
    budget: float = 5.0
    backoff: float = 0.2
    max_backoff: float = 2.0
    rate_limit_wait: float = 0.0

    def __post_init__(self) -> None:
        if isinstance(self.max_attempts, bool) or not isinstance(self.max_attempts, int) or self.max_attempts < 0:
            raise ValidationError("max_attempts", "max_attempts must be a whole number (0 and 1 mean one attempt)")
        for name in ("budget", "backoff", "max_backoff", "rate_limit_wait"):
            value = getattr(self, name)
            # Infinity is a fair "no limit" for the limits; backoff is a delay, so it must be finite.
            number = isinstance(value, int | float) and not isinstance(value, bool) and not math.isnan(value)
            if not number or value < 0 or (name == "backoff" and math.isinf(value)):
                raise ValidationError(name, f"{name} must be a number of seconds, at least 0")

    def delay(self, attempt: int, error: BinanceError, elapsed: float) -> float | None:
        """Seconds to wait before the next attempt, or None to give up and raise error."""
        if attempt >= self.max_attempts:
            return None
        if isinstance(error, RateLimitError):
            wait = error.retry_after
            retry = (
                error.status_code == 429
                and wait is not None
                and self.rate_limit_wait > 0
                and wait <= self.rate_limit_wait
            )
            delay = wait if retry and wait is not None else None
        elif isinstance(error, TransportError) or (
            isinstance(error, APIError) and (error.status_code in _RETRYABLE_STATUS or error.code in _RETRYABLE_CODES)
        ):
            try:
                doubled = self.backoff * 2 ** (attempt - 1)
            except OverflowError:  # doubled past any float (a thousand attempts): past any cap too, unless it is 0
                doubled = math.inf if self.backoff else 0.0
            ceiling = min(self.max_backoff, doubled)
            delay = ceiling / 2 + random.uniform(0, ceiling / 2)  # noqa: S311 - jitter, not cryptography
        else:
            delay = None
        if delay is None or elapsed + delay > self.budget:
            return None
        return delay


def _retry_policy(retries: int | RetryPolicy) -> RetryPolicy:
    if isinstance(retries, RetryPolicy):
        return retries
    if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
        raise ValidationError("retries", "retries must be a RetryPolicy or a whole number of retries (0 disables them)")
    return RetryPolicy(max_attempts=retries + 1)


_MOST_SECONDS = 86_400.0  # a day: longer waits are mistakes, and overflow what sockets and event loops accept
_MOST_BYTES = 1 << 32


def _timeout(timeout: float | httpx.Timeout) -> httpx.Timeout:
    message = "timeout must be a number of seconds (0 to 86400, 0 excluded) or an httpx.Timeout of such numbers"
    if not isinstance(timeout, httpx.Timeout):
        return httpx.Timeout(_seconds(timeout, "timeout", message))
    for phase in (timeout.connect, timeout.read, timeout.write, timeout.pool):
        if phase is not None:  # None: no limit for the phase; the call's deadline still applies
            _seconds(phase, "timeout", message)
    return timeout


def _seconds(value: object, name: str, message: str = "") -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= _MOST_SECONDS:
        raise ValidationError(name, message or f"{name} must be a number of seconds, above 0 and at most 86400")
    return float(value)


def _byte_count(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= _MOST_BYTES:
        raise ValidationError(name, f"{name} must be a whole number of bytes, from 1 to 2**32")
    return value


def _ssl_context() -> ssl.SSLContext:
    """The CA bundle to verify the exchange with: certifi's, or the one SSL_CERT_FILE / SSL_CERT_DIR name."""
    try:
        return httpx.create_ssl_context()
    except (OSError, ssl.SSLError) as exc:
        problem = f"{type(exc).__name__}: {exc}"[:200]
        raise ValidationError(
            "SSL_CERT_FILE", f"the CA certificates named by SSL_CERT_FILE or SSL_CERT_DIR cannot be loaded ({problem})"
        ) from None


def _limits(pool_size: int) -> httpx.Limits:
    if isinstance(pool_size, bool) or not isinstance(pool_size, int) or pool_size < 1:
        raise ValidationError("pool_size", "pool_size must be a positive whole number")
    # Keep every pooled connection alive: under load, closing idle ones only to reopen them costs handshakes.
    return httpx.Limits(max_connections=pool_size, max_keepalive_connections=pool_size)


def _check_api_key(api_key: object) -> str:
    if not isinstance(api_key, str) or not api_key or not api_key.isascii() or not api_key.isprintable():
        raise ValidationError(
            "api_key",
            "api_key must be a non-empty string of printable ASCII characters",
            "api_key 应为非空的可打印 ASCII 字符串",
        )
    if " " in api_key:
        raise ValidationError("api_key", "api_key must not contain spaces", "api_key 不能包含空格")
    return api_key


def _http_url(value: object, name: str, example: str) -> httpx.URL:
    """value parsed as an absolute http(s) URL; ValidationError naming the argument otherwise."""
    try:
        url = httpx.URL(value) if isinstance(value, str) else None
        host = url.host if url is not None else ""  # decoded here: the IDNA codec refuses hosts such as xn--
        host.encode("idna")  # as the resolver will: an empty label, or one past 63 characters, is refused there
    except (httpx.InvalidURL, ValueError):  # UnicodeError too
        url, host = None, ""
    if url is None or url.scheme not in ("http", "https") or not host:
        raise ValidationError(
            name, f"{name} must be an http(s) URL such as {example}", f"{name} 应为 http(s) 地址，例如 {example}"
        )
    return url


def _check_proxy(proxy: object) -> str | None:
    if proxy is None:
        return None
    _http_url(proxy, "proxy", "http://proxy.example:3128 (or None)")
    return str(proxy)


def _loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# The leading segments of the spec's paths (/dapi, /dapi/v1): a base URL ending in one is a copied endpoint URL.
_API_PATH_PREFIXES = frozenset(
    "/".join(operation.path.split("/")[:end])
    for operation in OPERATIONS
    for end in range(2, operation.path.count("/") + 1)
)


def _weight_account(limit: object, window: object, clock: ServerClock) -> WeightAccount | None:
    if limit is None:
        return None
    if type(limit) is not int or limit < 1:
        raise ValidationError("weight_limit", "weight_limit must be a whole number of at least 1, or None (no pacing)")
    message = "weight_window must be seconds, from 0.001 to 86400"
    seconds = _seconds(window, "weight_window", message)
    if seconds < 0.001:  # shorter, the exchange's time divided by it overflows (and no exchange counts so)
        raise ValidationError("weight_window", message)
    return WeightAccount(limit, seconds, clock)


def _check_base_url(base_url: object, allow_http: bool) -> str:
    url = _http_url(base_url, "base_url", "https://dapi.binance.com")
    text = str(base_url)
    if "?" in text or "#" in text:  # also an empty one, which httpx.URL does not report
        raise ValidationError(
            "base_url",
            "base_url must not have a query or fragment: each call adds its own path",
            "base_url 不能带查询参数或片段：每次调用会加上自己的路径",
        )
    if url.userinfo:
        raise ValidationError(
            "base_url", "base_url must not carry a user name or password", "base_url 不能包含用户名或密码"
        )
    if url.path.rstrip("/") in _API_PATH_PREFIXES:
        root = f"{url.scheme}://{url.netloc.decode()}"
        raise ValidationError(
            "base_url",
            f"base_url must not end with the API path {url.path.rstrip('/')}: each call adds its own path (use {root})",
            f"base_url 不能以接口路径 {url.path.rstrip('/')} 结尾：每次调用会加上自己的路径（请使用 {root}）",
        )
    if url.scheme == "http" and not allow_http and not _loopback(url.host):
        raise ValidationError(
            "base_url",
            "base_url must be https:// (plain http only to a loopback host, or with allow_http=True): "
            "anyone on the way could read and replay each signed request",
            "base_url 应使用 https（只有本机回环地址或设置 allow_http=True 时才可用 http）："
            "否则途中任何人都能读取并重放每个签名请求",
        )
    return text.rstrip("/")


def _resend_safe(operation: Operation[Any], error: BinanceError, exc: Exception | None = None) -> bool:
    """Whether sending the request again cannot do anything twice: it reads only (GET), or it surely was not
    processed (no connection was made, a rate limit rejected it, or Binance said -1001: not processed)."""
    if operation.method == "GET" or isinstance(error, RateLimitError):
        return True
    if isinstance(error, APIError):
        return error.code == -1001
    return isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout)


def _unsendable(exc: httpx.InvalidURL) -> ValidationError:
    return ValidationError("arguments", redact(f"the request cannot be sent: {exc}"))


def _transport_error(exc: httpx.HTTPError) -> TransportError:
    if isinstance(exc, httpx.TimeoutException):
        return RequestTimeoutError(f"no answer in time ({type(exc).__name__})")
    # shown(): aiohttp's messages carry the signed URL, and a bad header's bytes, however long.
    message = f"{type(exc).__name__}: {exc}"
    with contextlib.suppress(RuntimeError):  # httpx raises it when the error has no request
        host = exc.request.url.host
        if host and host not in message:  # "Name or service not known" alone does not say which name
            message = f"{type(exc).__name__} ({host}): {exc}"
    return TransportError(shown(message))


# msgspec takes about 430 bytes of C stack per level of nesting, three times json.loads, and its only limit is the
# recursion limit: 300 levels crash a thread of 128 KiB (musl's default; threading.stack_size can set any). A body
# with at most _MAX_OPENERS "[" and "{" (in strings too) cannot nest deeper, safe for msgspec in any thread Python
# runs. Counting is the bound, not the depth itself: a depth measured over the bytes is fooled by brackets in
# strings, and a string-aware scan in Python costs more than json.loads on a hostile body (both measured).
_MAX_OPENERS = 64


def decode_json(content: bytes) -> Any:
    """The JSON value of a 2xx answer's body (UTF-8), as both clients read it.

    msgspec's decoder rather than json.loads: a quarter of its CPU on an order (2.3 vs 9.6 µs alone; about 12 µs
    less per AsyncClient call through a transport that answers at once). Integers are exact up to Python's 4,300
    digits, as with json.loads (orjson, as fast, reads one past 64 bits as a float, silently). It refuses what
    RFC 8259 does not allow and json.loads takes: NaN and Infinity, a number past a float's range, a lone surrogate
    escape, a byte-order mark, UTF-16. A body with more than _MAX_OPENERS brackets (a list of more than 63 orders)
    goes to json.loads, as before msgspec, made to refuse the same but for a lone surrogate escape (kept). Error
    answers keep plain json.loads (errors.py), which keeps Binance's message beside such a value.

    Raises:
        ValueError: Not JSON (msgspec.DecodeError, json.JSONDecodeError, UnicodeDecodeError).
        RecursionError: Nested deeper than json.loads allows (about 1,000 levels).
    """
    if content.count(b"{") + content.count(b"[") > _MAX_OPENERS:
        return json.loads(content.decode("utf-8"), parse_constant=_refuse_constant, parse_float=_finite_float)
    return _json_decoder()(content)


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    number = float(text)
    if math.isinf(number):
        raise ValueError(f"number out of range: {text[:40]}")
    return number


@functools.cache
def _json_decoder() -> Callable[[bytes], Any]:
    import msgspec  # noqa: PLC0415 - about 12 ms: imported with the first answer, not with the package

    return msgspec.json.Decoder().decode


def _parse(status: int, headers: httpx.Headers, body: bytes, parse: Callable[[Any], T]) -> DetailedResponse[T]:
    """The model for a 2xx answer; the typed error for anything else, including a malformed body."""
    if not 200 <= status < 300:
        raise error_from_response(status, headers, body)
    try:
        data = parse(decode_json(body))
    except (ValueError, TypeError, KeyError, ArithmeticError, RecursionError) as exc:
        raise malformed_success(status, headers, body, exc) from None
    return DetailedResponse(data=data, status_code=status, headers=headers)


def _log_attempt(
    operation: Operation[Any], attempt: int, sent: float, outcome: int | BaseException, headers: Any = None
) -> None:
    """One DEBUG line per attempt on the binance_coinm logger: the operation, the attempt's number (1 first), its
    HTTP status or why there was no answer, the ms from sending to the answer's head (sent: monotonic seconds) and
    the used weight the exchange reported. The path only, never the query: it carries the signature."""
    if _log.isEnabledFor(logging.DEBUG):
        shown = outcome if isinstance(outcome, int) else f"no answer ({type(outcome).__name__})"
        used = headers.get(_USED_WEIGHT_1M, "-") if headers is not None else "-"
        elapsed = (time.monotonic() - sent) * 1000
        _log.debug("%s %s (%s) attempt %d: %s in %.1f ms, used weight %s",
                   operation.method, operation.path, operation.operation_id, attempt, shown, elapsed, used)  # fmt: skip


def _direct(kwargs: dict[str, Any], auth: httpx.Auth) -> tuple[str, str, list[tuple[str, str]]]:
    """(method, URL, headers) of a request for AsyncClient's aiohttp path, signed by the same code as Client's
    (BinanceAuth.signed_query, over the query exactly as it is sent)."""
    url: str = kwargs["url"]
    if len(url) > _MAX_URL_LENGTH:  # what httpx refuses on Client's path, refused here too: no server takes it
        raise httpx.InvalidURL("URL too long")
    headers = list(_HEADERS)
    if isinstance(auth, BinanceAuth):
        path, _, query = url.partition("?")
        url = path + "?" + auth.signed_query(query.encode("ascii")).decode("ascii")
    if isinstance(auth, BinanceAuth | ApiKeyAuth):
        headers.append(("X-MBX-APIKEY", auth.api_key))
    return kwargs["method"].upper(), url, headers


def _offset_ms(sent_ms: int, server_ms: int, received_ms: int) -> int:
    """Server clock minus local clock, assuming the server read its clock halfway through the round trip.

    Raises ServerTimeError, leaving the clock as it was, when the answer cannot be the exchange's clock: not a positive
    int64, or more than MAX_CLOCK_OFFSET_MS away from ours (signing with it would only be refused, or worse).
    """
    offset = server_ms - (sent_ms + received_ms) // 2
    if not 0 < server_ms < 2**63 or abs(offset) > MAX_CLOCK_OFFSET_MS:
        raise ServerTimeError(200, None, f"implausible server time {server_ms} (offset {offset} ms); clock unchanged")
    return offset


class _NoCookies(httpx.Cookies):
    """A cookie jar that keeps nothing: the API is stateless, and httpx otherwise builds urllib request
    objects for every response just to look for Set-Cookie (a measurable share of each call)."""

    def extract_cookies(self, response: httpx.Response) -> None:
        pass


def _stateless(client: httpx.Client | httpx.AsyncClient) -> None:
    if isinstance(getattr(client, "_cookies", None), httpx.Cookies):
        client._cookies = _NoCookies()


class _Base:
    """Configuration and state shared by Client and AsyncClient; no I/O."""

    def __init__(
        self,
        api_key: str,
        api_secret: str | None = None,
        *,
        private_key: str | bytes | os.PathLike[str] | None = None,
        private_key_password: str | bytes | None = None,
        base_url: str = PRODUCTION_URL,
        recv_window: int = 5000,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        retries: int | RetryPolicy = RetryPolicy(),
        sync_on_timestamp_error: bool = True,
        pool_size: int = 100,
        proxy: str | None = None,
        deadline: float = DEFAULT_DEADLINE,
        max_body_size: int = DEFAULT_MAX_BODY_SIZE,
        allow_http: bool = False,
        weight_limit: int | None = DEFAULT_WEIGHT_LIMIT,
        weight_window: float = 60.0,
    ) -> None:
        """Set up a client; nothing is sent until the first call.

        Args:
            api_key: The API key (sent in the X-MBX-APIKEY header).
            api_secret: The HMAC secret. Pass this or private_key.
            private_key: An Ed25519 or RSA private key: PEM text or bytes, or the path of a PEM file.
            private_key_password: The password of an encrypted private key.
            base_url: PRODUCTION_URL (default), TESTNET_URL, or another https URL (http only to a loopback host,
                such as a local simulator, unless allow_http is True).
            recv_window: Default milliseconds a request stays valid after its timestamp (1 to 60000).
            timeout: Seconds, or an httpx.Timeout with separate connect and read limits.
            retries: Retries of failed read-only requests: a count (0 disables) or a RetryPolicy.
            sync_on_timestamp_error: On -1021, fetch the server time once, correct the clock and retry.
            pool_size: Most connections kept open at once (and kept alive between calls).
            proxy: An http(s) proxy URL, or None for none. Both clients ignore HTTP_PROXY, HTTPS_PROXY and
                ALL_PROXY: a proxy the caller did not choose would see every signed URL of a plain-http target.
            deadline: Seconds one call may take in all (every attempt, backoff and clock sync included); past it
                the call raises RequestTimeoutError and its connection is dropped.
            max_body_size: Largest answer body in bytes, decoded (default 1 MiB); a larger one raises
                ResponseTooLargeError, unread past the cap.
            allow_http: Allow a plain http:// base_url to a host that is not loopback.
            weight_limit: The request weight this client lets itself use per weight_window seconds (Binance's limit
                for COIN-M: 2,400 per minute per IP). Before each request, the client counts the spec's weight of
                it (x-weight) against the larger of the X-MBX-USED-WEIGHT-1M the exchange last reported and what
                it sent itself in the current window; a request that would pass the limit waits for the next
                window, and raises RateLimitError (retry_after: seconds) without being sent if that wait would pass
                the call's deadline. Shared by all threads or tasks of the client. None turns pacing off.
            weight_window: The length of the exchange's weight window in seconds (60: a minute of its clock).

        Raises:
            ValidationError: An argument is invalid (including both or neither of api_secret and private_key).
        """
        self._api_key = _check_api_key(api_key)
        signer = make_signer(api_secret, private_key, private_key_password)
        _RECV_WINDOW.check(recv_window)
        self.base_url = _check_base_url(base_url, allow_http is True)
        self._retry = _retry_policy(retries)
        self._sync_on_timestamp_error = sync_on_timestamp_error
        self.clock = ServerClock()
        self._auth = BinanceAuth(self._api_key, signer, recv_window, self.clock)
        self._key_only = ApiKeyAuth(self._api_key)
        self._timeout = _timeout(timeout)
        self._limits = _limits(pool_size)
        self._deadline = _seconds(deadline, "deadline")
        self._max_body_size = _byte_count(max_body_size, "max_body_size")
        self._proxy = _check_proxy(proxy)
        self._weights = _weight_account(weight_limit, weight_window, self.clock)
        self._ssl = _ssl_context()
        self._generated = self._new_generated()
        self._pid = os.getpid()
        self._closed = False
        self._parents_http: list[object] = []  # see _after_fork
        self._set_up_http()

    def _new_generated(self) -> _GeneratedClient:
        return _GeneratedClient(base_url=self.base_url, timeout=self._timeout, follow_redirects=False)

    def _set_up_http(self) -> None:
        """Give the generated client its httpx client (sync or async), signing with self._auth; no I/O."""
        raise NotImplementedError

    @property
    def recv_window(self) -> int:
        return self._auth.recv_window

    def _request(self, operation: Operation[Any], arguments: dict[str, Any]) -> tuple[dict[str, Any], httpx.Auth, int]:
        """The httpx request arguments (absolute URL), the auth and the request weight (the spec's x-weight for the
        parameters sent) of one call; ValidationError before sending."""
        if self._closed:
            raise BinanceError(f"this {type(self).__name__} is closed: create a new one")
        if self._pid != os.getpid():
            self._after_fork()
        present = _rules(operation).check(arguments)
        recv_window = operation.parameters.get("recvWindow")
        if recv_window is not None and recv_window["python_name"] not in present:
            # Always explicit: the generated builder would otherwise send the spec's default, not this client's.
            present[recv_window["python_name"]] = self.recv_window
        kwargs = operation.build(**present)
        # An absolute URL: httpx then parses it once instead of also joining it to base_url.
        kwargs["url"] = self.base_url + kwargs["url"]
        weight = operation.weight_for(
            {w for w, schema in operation.parameters.items() if schema["python_name"] in present}
        )
        if operation.signed:
            return kwargs, self._auth, weight
        return kwargs, self._key_only if operation.sends_api_key else _UNSIGNED, weight

    def _reserve(self, weight: int) -> tuple[float, int]:
        """(0, window) when a request of weight may be sent now (see WeightAccount.reserve), else (seconds to wait,
        -1); RateLimitError, nothing sent, when that wait would pass the call's deadline."""
        if self._weights is None:
            return 0.0, -1
        wait, window = self._weights.reserve(weight)
        if wait and time.monotonic() + wait > DEADLINE.get():
            why = (
                "the exchange asked for no requests for that long (the Retry-After of its 429 or 418)"
                if window == BANNED
                else f"the request weight would pass weight_limit={self._weights.limit} in this "
                f"{self._weights.window:g} s window, and the next one begins after the call's deadline"
            )
            raise RateLimitError(429, None, f"not sent: {why}", retry_after=math.ceil(wait * 1000) / 1000)
        return wait, window

    def _settle(
        self,
        weight: int,
        window: int,
        status: int | None = None,
        headers: httpx.Headers | HeaderFields | None = None,
    ) -> None:
        """Count the answer (its status and headers; none: there was no answer) in the weight account."""
        if self._weights is None:
            return
        if status is None or headers is None:
            self._weights.settle(weight, window, None)
            return
        # Digits only, and few enough for int() (Python refuses more than 4,300): anything else is not a count.
        values = [int(v) for v in headers.get_list(_USED_WEIGHT_1M) if v.isascii() and v.isdigit() and len(v) <= 18]
        retry_after = None
        if status in (418, 429):
            said = retry_after_seconds(headers)  # 0 is a real answer: no wait at all
            retry_after = NOT_SAID if said is None else said
        self._weights.settle(weight, window, max(values, default=None), retry_after)

    def _after_fork(self) -> None:
        """In a process forked from the one that made this client: fresh connections and locks of its own.

        The parent's pooled connections are shared sockets: reading or writing them here would mix the two
        processes' answers (each would read orders meant for the other). They are kept, never used and never
        closed: closing an aiohttp connection unregisters its socket from the event loop's epoll instance, which
        the child shares with the parent, and the parent would then wait for answers forever. Locks another
        thread of the parent may have held at the fork are replaced too.
        """
        self._pid = os.getpid()
        self._parents_http += [self._generated, vars(self).get("_transport")]  # AsyncClient's connections
        self._generated = self._new_generated()
        self.clock.after_fork()
        if self._weights is not None:
            self._weights.after_fork()
        self._set_up_http()

    def _deadline_from(self, started: float) -> float:
        """The monotonic time by which a call started now must end: its own deadline, or an enclosing call's."""
        return min(DEADLINE.get(), started + self._deadline)

    def _retry_delay(self, attempt: int, error: BinanceError, started: float, resend_safe: bool) -> float:
        """Seconds to wait before attempt + 1; raises error when the retry policy says to give up, when sending
        the request again is not safe (resend_safe False: it may have taken effect), or when the wait would end
        past the call's deadline (RequestTimeoutError if the deadline has already passed)."""
        now = time.monotonic()
        left = DEADLINE.get() - now
        if left <= 0:
            error = self._past_deadline()
        delay = self._retry.delay(attempt, error, now - started) if resend_safe and left > 0 else None
        if delay is None or delay >= left:
            error.attempts = attempt
            raise error
        return delay

    def _past_deadline(self) -> RequestTimeoutError:
        return RequestTimeoutError(f"no complete answer within the call's deadline of {self._deadline:g} s")

    def __copy__(self) -> Any:
        raise BinanceError(f"a {type(self).__name__} cannot be copied (a copy would share and close its connections)")

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        return self.__copy__()

    def __reduce_ex__(self, protocol: object) -> Any:
        raise BinanceError(f"a {type(self).__name__} cannot be pickled: create one in each process from its settings")

    def __repr__(self) -> str:
        key = self._api_key[:4] + "…"
        return f"{type(self).__name__}(base_url={self.base_url!r}, api_key={key!r}, auth={self._auth!r})"


@functools.cache
def _rules(operation: Operation[Any]) -> OperationRules:
    return OperationRules(operation)


class Client(_Base, Operations):
    """Synchronous client for Binance COIN-M Futures: one method per operation of the spec (and a *_detailed twin).

    Thread-safe; use as a context manager or call close(). Constructor arguments: see _Base.__init__.
    """

    def _set_up_http(self) -> None:
        self._sync_lock = threading.Lock()
        http = httpx.Client(
            base_url=self.base_url,
            auth=self._auth,
            headers=dict(_HEADERS),
            timeout=self._timeout,
            follow_redirects=False,
            trust_env=False,  # one proxy policy for both clients: only the proxy= argument
            transport=sync_transport(self._limits, self._proxy, self._ssl),
        )
        _stateless(http)
        self._generated.set_httpx_client(http)

    def sync_time(self) -> int:
        """Fetch the server time once and correct every later request's timestamp; returns the offset in ms.

        Raises:
            BinanceError: As check_server_time.
        """
        with self._lock_within(time.monotonic() + self._deadline):
            return self._sync_time_locked()

    @contextlib.contextmanager
    def _lock_within(self, deadline: float) -> Iterator[None]:
        """Hold the clock-sync lock; RequestTimeoutError if another thread holds it past deadline (monotonic)."""
        if not self._sync_lock.acquire(timeout=max(0.0, min(deadline, DEADLINE.get()) - time.monotonic())):
            raise self._past_deadline()
        try:
            yield
        finally:
            self._sync_lock.release()

    def _sync_time_locked(self) -> int:
        server = self.check_server_time().server_time
        offset = _offset_ms(_SENT_MS.get(), server, time.time_ns() // 1_000_000)
        self.clock.set_offset(offset)
        return offset

    def _call(self, operation: Operation[T], arguments: dict[str, Any]) -> DetailedResponse[T]:
        """The entry point of every generated method: validate, pace, sign, send, retry, sync the clock, parse."""
        kwargs, auth, weight = self._request(operation, arguments)
        return self._send(kwargs, operation, auth, weight)

    def _send(
        self, kwargs: dict[str, Any], operation: Operation[T], auth: httpx.Auth, weight: int
    ) -> DetailedResponse[T]:
        started = time.monotonic()
        token = DEADLINE.set(self._deadline_from(started))  # every socket operation of this call is cut to it
        try:
            return self._attempts(kwargs, operation, auth, weight, started)
        finally:
            DEADLINE.reset(token)

    def _exchange(
        self, kwargs: dict[str, Any], operation: Operation[T], auth: httpx.Auth, weight: int, attempt: int
    ) -> DetailedResponse[T]:
        """One request, once the weight budget has room for it, and its answer, read within max_body_size."""
        while True:
            wait, window = self._reserve(weight)
            if not wait:
                break
            time.sleep(wait)
        http = self._generated.get_httpx_client()
        sent = time.monotonic()
        try:
            _SENT_MS.set(time.time_ns() // 1_000_000)
            response = http.send(http.build_request(**kwargs), auth=auth, stream=True)
        except BaseException as exc:
            self._settle(weight, window)
            _log_attempt(operation, attempt, sent, exc)
            raise
        self._settle(weight, window, response.status_code, response.headers)
        _log_attempt(operation, attempt, sent, response.status_code, response.headers)
        try:
            reader = BodyReader(response.status_code, response.headers, self._max_body_size)
            # The stream itself, not iter_raw(): iter_raw() closes the response at its end, giving the connection
            # back to the pool (where another thread may take it) before drop_if_surplus has looked at it.
            for chunk in typing.cast(httpx.SyncByteStream, response.stream):
                reader.feed(chunk)
            body = reader.body()
            drop_if_surplus(response)
        finally:
            response.close()  # before the end of the answer, this drops the connection
        return _parse(response.status_code, response.headers, body, operation.parse)

    def _attempts(
        self, kwargs: dict[str, Any], operation: Operation[T], auth: httpx.Auth, weight: int, started: float
    ) -> DetailedResponse[T]:
        synced = not self._sync_on_timestamp_error or not operation.signed
        attempt = 0
        while True:
            attempt += 1
            generation = self.clock.generation
            failure: Exception | None = None
            try:
                return self._exchange(kwargs, operation, auth, weight, attempt)
            except httpx.InvalidURL as exc:
                raise _unsendable(exc) from None
            except httpx.HTTPError as exc:  # no connection, no (readable) answer, or a timeout
                error: BinanceError = _transport_error(exc)
                failure = exc
            except TimestampError:
                if synced:
                    raise
                synced = True
                with self._lock_within(DEADLINE.get()):
                    if self.clock.generation == generation:  # nobody synced since this request was signed
                        with contextlib.suppress(ServerTimeError):  # clock kept; the retry tells if it matters
                            self._sync_time_locked()
                continue
            except APIError as exc:
                error = exc
            time.sleep(self._retry_delay(attempt, error, started, _resend_safe(operation, error, failure)))

    def close(self) -> None:
        """Close the connection pool; a call after it raises BinanceError."""
        if self._pid != os.getpid():
            self._after_fork()  # in a forked child: the parent's pool (and its locks) is not ours to close
        self._closed = True
        self._generated.get_httpx_client().close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncClient(_Base, AsyncOperations):
    """Asynchronous client for Binance COIN-M Futures: one coroutine method per operation of the spec (and a
    *_detailed twin). Safe for concurrent tasks; use `async with` or aclose(). Arguments: as Client.
    """

    _transport: HttpPool | AiohttpTransport

    def _set_up_http(self) -> None:
        import asyncio  # noqa: PLC0415 - only async users pay for importing asyncio

        self._sync_lock = asyncio.Lock()
        # Calls go straight through these connections (_exchange), with no httpx client around them.
        if self._proxy is None:
            from .http11 import HttpPool  # noqa: PLC0415 - imports asyncio

            self._transport = HttpPool(self._limits, self._ssl)
        else:
            self._transport = AiohttpTransport(self._limits, self._ssl, proxy=self._proxy)

    async def sync_time(self) -> int:
        """Fetch the server time once and correct every later request's timestamp; returns the offset in ms.

        Raises:
            BinanceError: As check_server_time.
        """
        async with self._lock_within(time.monotonic() + self._deadline):
            return await self._sync_time_locked()

    @contextlib.asynccontextmanager
    async def _lock_within(self, deadline: float) -> AsyncIterator[None]:
        """Hold the clock-sync lock; RequestTimeoutError if another task holds it past deadline (monotonic)."""
        import asyncio  # noqa: PLC0415 - already imported by then; kept out of `import binance_coinm`

        try:
            async with asyncio.timeout(max(0.0, min(deadline, DEADLINE.get()) - time.monotonic())):
                await self._sync_lock.acquire()
        except TimeoutError:
            raise self._past_deadline() from None
        try:
            yield
        finally:
            self._sync_lock.release()

    async def _sync_time_locked(self) -> int:
        server = (await self.check_server_time()).server_time
        offset = _offset_ms(_SENT_MS.get(), server, time.time_ns() // 1_000_000)
        self.clock.set_offset(offset)
        return offset

    async def _call(self, operation: Operation[T], arguments: dict[str, Any]) -> DetailedResponse[T]:
        """The entry point of every generated method: validate, pace, sign, send, retry, sync the clock, parse."""
        kwargs, auth, weight = self._request(operation, arguments)
        return await self._send(kwargs, operation, auth, weight)

    async def _send(
        self, kwargs: dict[str, Any], operation: Operation[T], auth: httpx.Auth, weight: int
    ) -> DetailedResponse[T]:
        started = time.monotonic()
        # Every wait of this call is cut to it: for a connection of the pool, a connect, each read, the pacing and the
        # backoff. Not one timer cancelling the task: a timer per call cost about 4 µs more, and a cancellation
        # turned into another error on its way out (some libraries do) is hard to tell from the caller's own.
        token = DEADLINE.set(self._deadline_from(started))
        try:
            return await self._attempts(kwargs, operation, auth, weight, started)
        finally:
            DEADLINE.reset(token)

    async def _exchange(
        self, kwargs: dict[str, Any], operation: Operation[T], auth: httpx.Auth, weight: int, attempt: int
    ) -> DetailedResponse[T]:
        """One request, once the weight budget has room for it, and its answer, read within max_body_size."""
        import asyncio  # noqa: PLC0415 - already imported by then; kept out of `import binance_coinm`

        while True:
            wait, window = self._reserve(weight)
            if not wait:
                break
            await asyncio.sleep(wait)
        method, url, headers = _direct(kwargs, auth)
        sent = time.monotonic()
        try:
            # Not through httpx.AsyncClient: httpx's request, URL and response objects cost about as much as
            # aiohttp itself, and aiohttp's session as much again (the profile in the bench's results; http11).
            _SENT_MS.set(time.time_ns() // 1_000_000)
            answer = await self._transport.send(method, url, headers, self._timeout)
        except BaseException as exc:  # cancelled too: the weight is no longer in flight
            self._settle(weight, window)
            _log_attempt(operation, attempt, sent, exc)
            raise
        try:
            seen = answer.headers  # read as httpx.Headers reads; what a caller gets is httpx.Headers, as from Client
            self._settle(weight, window, answer.status, seen)
            _log_attempt(operation, attempt, sent, answer.status, seen)
            reader = BodyReader(answer.status, seen, self._max_body_size, lambda: httpx.Headers(answer.raw_headers))
            await answer.read(reader, self._timeout.read)
            body = reader.body()
        finally:
            answer.done()
        return _parse(answer.status, httpx.Headers(answer.raw_headers), body, operation.parse)

    async def _attempts(
        self, kwargs: dict[str, Any], operation: Operation[T], auth: httpx.Auth, weight: int, started: float
    ) -> DetailedResponse[T]:
        synced = not self._sync_on_timestamp_error or not operation.signed
        attempt = 0
        while True:
            attempt += 1
            generation = self.clock.generation
            failure: Exception | None = None
            try:
                return await self._exchange(kwargs, operation, auth, weight, attempt)
            except httpx.InvalidURL as exc:
                raise _unsendable(exc) from None
            except httpx.HTTPError as exc:  # no connection, no (readable) answer, or a timeout
                error: BinanceError = _transport_error(exc)
                failure = exc
            except TimestampError:
                if synced:
                    raise
                synced = True
                async with self._lock_within(DEADLINE.get()):
                    if self.clock.generation == generation:  # nobody synced since this request was signed
                        with contextlib.suppress(ServerTimeError):  # clock kept; the retry tells if it matters
                            await self._sync_time_locked()
                continue
            except APIError as exc:
                error = exc
            delay = self._retry_delay(attempt, error, started, _resend_safe(operation, error, failure))
            import asyncio  # noqa: PLC0415 - already imported by then; kept out of `import binance_coinm`

            await asyncio.sleep(delay)

    async def aclose(self) -> None:
        """Close the connection pool; a call after it raises BinanceError."""
        if self._pid != os.getpid():
            self._after_fork()  # in a forked child: the parent's sockets are not ours to close
        self._closed = True
        await self._transport.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()
