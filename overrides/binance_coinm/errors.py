"""Every failure the SDK raises, and the one place that turns an HTTP answer into one of them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Protocol

from .redaction import redact

_EXCERPT_CHARS = 200
_MESSAGE_CHARS = 512


class BinanceError(Exception):
    """Base of every error raised by binance_coinm.

    Attributes:
        attempts: How many times the request was sent before this error was raised (1 without retries).
    """

    attempts: int = 1

    def __str__(self) -> str:
        text = super().__str__()
        return text if self.attempts <= 1 else f"{text} (after {self.attempts} attempts)"


class ValidationError(BinanceError, ValueError):
    """An argument breaks the spec's rules; raised before anything is sent.

    Attributes:
        parameter: The Python name of the offending argument.
        message_zh: The message in Chinese, where the SDK has one (the binance-coinm command shows it with
            --lang zh); None otherwise.
    """

    def __init__(self, parameter: str, message: str, message_zh: str | None = None) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.message_zh = message_zh


class APIError(BinanceError):
    """The exchange (or something in front of it) answered with an error.

    Attributes:
        status_code: The HTTP status.
        code: Binance's error code, or None when the body carried none (an HTML page from a proxy, say).
        msg: Binance's message as sent, or a short excerpt of the body. str(error) shows it at most 512
            characters long, control characters escaped, so a hostile answer cannot flood or forge output.
        headers: The response headers.
        body: The whole response body, as received.
    """

    def __init__(self, status_code: int, code: int | None, msg: str, headers: Mapping[str, str] | None = None) -> None:
        self.status_code = status_code
        self.code = code
        self.msg = msg
        self.headers: Mapping[str, str] = headers if headers is not None else {}
        self.body = b""
        where = f"HTTP {status_code}" + (f", code {code}" if code is not None else "")
        super().__init__(f"{where}: {shown(msg)}")


class OrderNotFoundError(APIError):
    """-2013: the order was not found. Which orders count as found depends on the operation: its docstring
    (Error codes) and the reference docs say, from the spec's x-error-meanings."""


class AuthenticationError(APIError):
    """The key or signature was rejected (-1022, -2014, -2015, or HTTP 401)."""


class TimestampError(APIError):
    """-1021: the request's timestamp is outside recvWindow of the server's clock."""


class ServerTimeError(APIError):
    """The exchange's time answer cannot be its clock (not a positive int64, or hours away from ours); the
    client's clock offset was left as it was."""


class RateLimitError(APIError):
    """HTTP 429 (rate limit broken) or 418 (IP banned).

    Attributes:
        retry_after: Seconds the exchange asked us to wait (Retry-After header), or None if it did not say.
    """

    def __init__(
        self,
        status_code: int,
        code: int | None,
        msg: str,
        headers: Mapping[str, str] | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(status_code, code, msg, headers)
        self.retry_after = retry_after


class ServerError(APIError):
    """HTTP 5xx: the exchange failed; whether the request took effect is unknown."""


class ResponseTooLargeError(APIError):
    """The answer's body is larger than the client's max_body_size (default 1 MiB), on the wire or once decoded.
    Nothing past the cap was read, and the connection was dropped; body holds nothing."""


class TransportError(BinanceError):
    """The request got no HTTP answer, or one that could not be read: connection refused or reset, a timeout, or an
    answer that breaks HTTP itself (a bad status line, header or Content-Length)."""


class RequestTimeoutError(TransportError):
    """No answer in time: a connect, read, write or pool wait took longer than the client's timeout, or the whole
    call (every attempt, backoff and clock sync) took longer than its deadline. The connection was dropped."""


_BY_CODE: dict[int, type[APIError]] = {
    -2013: OrderNotFoundError,
    -1022: AuthenticationError,
    -2014: AuthenticationError,
    -2015: AuthenticationError,
    -1021: TimestampError,
}


def shown(text: str) -> str:
    """text safe to show on one line: signatures redacted, control characters escaped, at most 512 characters."""
    if not text.isprintable():
        text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
    text = redact(text)
    return text if len(text) <= _MESSAGE_CHARS else text[:_MESSAGE_CHARS] + "…"


def excerpt(content: bytes) -> str:
    """A short, single-line, printable excerpt of a response body for error messages."""
    # A proxy's error page may echo the signed URL back.
    text = redact(" ".join(content[: _EXCERPT_CHARS * 4].decode("utf-8", errors="replace").split()))
    if not text:
        return "(empty body)"
    return text if len(text) <= _EXCERPT_CHARS else text[:_EXCERPT_CHARS] + "…"


class HeaderLookup(Protocol):
    """What reading an answer's headers takes: a lookup by name, any case, None when absent (httpx.Headers, a dict of
    lower-case names, or AsyncClient's view of aiohttp's headers)."""

    def get(self, key: str, /) -> str | None: ...


def retry_after_seconds(headers: HeaderLookup) -> float | None:
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None  # an HTTP-date; Binance sends seconds
    return seconds if seconds >= 0 else None


def error_from_response(status_code: int, headers: Mapping[str, str], content: bytes) -> APIError:
    """The typed error for a non-success answer, whatever its body is (JSON error, HTML, nothing)."""
    code, msg = _code_and_msg(content)
    error_class = exception_for(status_code, code)
    if error_class is RateLimitError:
        error: APIError = RateLimitError(status_code, code, msg, headers, retry_after_seconds(headers))
    else:
        error = error_class(status_code, code, msg, headers)
    error.body = content
    return error


def _code_and_msg(content: bytes) -> tuple[int | None, str]:
    """Binance's code and message from an error body, as far as it has them; an excerpt where it has no message.

    Tolerant on purpose: {"code": -1021} without msg, or -1021.0, is still -1021 (and still starts a clock sync).
    """
    try:
        parsed = json.loads(content)
    except (ValueError, RecursionError):
        return None, excerpt(content)  # not JSON (an HTML page, nothing): keep the excerpt
    if not isinstance(parsed, dict):
        return None, excerpt(content)
    raw, msg = parsed.get("code"), parsed.get("msg")
    code = None
    if type(raw) is int or (type(raw) is float and raw.is_integer() and abs(raw) < 2**53):
        code = int(raw)
    return code, msg if isinstance(msg, str) else excerpt(content)


def exception_for(status_code: int, code: int | None) -> type[APIError]:
    """The APIError subclass raised for an error answer with this HTTP status and Binance code."""
    if status_code in (418, 429):
        return RateLimitError
    if code is not None and code in _BY_CODE:
        return _BY_CODE[code]
    if status_code == 401:
        return AuthenticationError
    if status_code >= 500:
        return ServerError
    return APIError


def malformed_success(status_code: int, headers: Mapping[str, str], content: bytes, reason: Exception) -> APIError:
    """The error for a success status whose body is not the documented JSON."""
    problem = f"missing field {reason}" if isinstance(reason, KeyError) else str(reason)
    error = APIError(status_code, None, f"unexpected response body ({problem[:120]}): {excerpt(content)}", headers)
    error.body = content
    return error
