"""Request signing for SIGNED (USER_DATA / TRADE) endpoints: one httpx.Auth that signs the exact bytes sent."""

from __future__ import annotations

import base64
import errno
import hashlib
import hmac
import os
import threading
import time
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import quote

import httpx

from .errors import BinanceError, ValidationError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey


class Signer(Protocol):
    def sign(self, payload: bytes) -> bytes:
        """The signature of payload, already safe to put in a query string."""
        ...


class HmacSigner:
    """HMAC-SHA256 keyed by the API secret, as lowercase hex."""

    __slots__ = ("_mac",)

    def __init__(self, secret: str) -> None:
        # Keyed once; each request copies the keyed state instead of re-deriving it from the secret.
        self._mac = hmac.new(secret.encode(), digestmod=hashlib.sha256)

    def sign(self, payload: bytes) -> bytes:
        mac = self._mac.copy()
        mac.update(payload)
        return mac.hexdigest().encode()

    def __repr__(self) -> str:
        return "HmacSigner(secret=<hidden>)"


class PrivateKeySigner:
    """Ed25519 or RSASSA-PKCS1-v1_5/SHA-256 with a PEM private key; base64, then percent-encoded."""

    __slots__ = ("_key", "algorithm")

    def __init__(self, pem: str | bytes | os.PathLike[str], password: str | bytes | None = None) -> None:
        # cryptography is imported here, not at module import: HMAC users never pay for it.
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: PLC0415
        from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey  # noqa: PLC0415
        from cryptography.hazmat.primitives.serialization import load_pem_private_key  # noqa: PLC0415

        data = _pem_bytes(pem)
        secret = _utf8(password, "private_key_password") if isinstance(password, str) else password
        try:
            key = load_pem_private_key(data, password=secret)
        except TypeError:  # cryptography: a password for a key without one, or none for an encrypted key
            if secret is None:
                raise ValidationError(
                    "private_key_password",
                    "private_key is encrypted: pass private_key_password",
                    "private_key 已加密：请提供 private_key_password",
                ) from None
            raise ValidationError(
                "private_key_password",
                "private_key has no password: pass none",
                "private_key 没有密码：请不要提供 private_key_password",
            ) from None
        except ValueError:
            raise ValidationError(
                "private_key",
                "private_key is not a readable PEM private key (or the password is wrong)",
                "private_key 不是可读取的 PEM 私钥（或密码错误）",
            ) from None
        if isinstance(key, Ed25519PrivateKey):
            self.algorithm = "Ed25519"
        elif isinstance(key, RSAPrivateKey):
            self.algorithm = "RSA"
        else:
            raise ValidationError(
                "private_key",
                f"private_key must be Ed25519 or RSA, not {type(key).__name__}",
                f"private_key 应为 Ed25519 或 RSA 私钥，而不是 {type(key).__name__}",
            )
        self._key: Ed25519PrivateKey | RSAPrivateKey = key

    def sign(self, payload: bytes) -> bytes:
        if self.algorithm == "Ed25519":
            raw = self._key.sign(payload)  # type: ignore[call-arg]
        else:
            from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15  # noqa: PLC0415
            from cryptography.hazmat.primitives.hashes import SHA256  # noqa: PLC0415

            raw = self._key.sign(payload, PKCS1v15(), SHA256())  # type: ignore[call-arg]
        return quote(base64.b64encode(raw), safe="").encode()

    def __repr__(self) -> str:
        return f"PrivateKeySigner(algorithm={self.algorithm!r}, key=<hidden>)"


def _pem_bytes(pem: str | bytes | os.PathLike[str]) -> bytes:
    if isinstance(pem, bytes):
        return pem
    if isinstance(pem, str) and "-----BEGIN" in pem:
        return pem.encode()
    data, reason = b"", None
    try:
        path = Path(pem)
        if path.is_file():
            with path.open("rb") as file:
                data = file.read(_MAX_KEY_FILE + 1)
        else:  # not read: a FIFO or a device could block or never end
            reason = "not a regular file" if path.exists() else os.strerror(errno.ENOENT)
    except (OSError, TypeError, ValueError) as exc:  # ValueError: a NUL in the path
        reason = getattr(exc, "strerror", None) or type(exc).__name__
    if reason is not None:
        if isinstance(pem, os.PathLike):  # surely a path, so naming it cannot show key material
            named = os.fspath(pem)
            raise ValidationError(
                "private_key",
                f"private_key {named!r} cannot be read: {reason}",
                f"无法读取 private_key {named}：{reason}",
            )
        raise ValidationError("private_key", f"private_key is neither PEM text nor a readable file ({reason})")
    if len(data) > _MAX_KEY_FILE:
        raise ValidationError(
            "private_key", f"the private_key file is larger than {_MAX_KEY_FILE} bytes: not a PEM key"
        )
    return data


_MAX_KEY_FILE = 64 << 10  # an RSA-8192 PEM is under 7 KiB


def make_signer(
    api_secret: str | None,
    private_key: str | bytes | os.PathLike[str] | None,
    private_key_password: str | bytes | None,
) -> Signer:
    """The signer for exactly one of api_secret and private_key."""
    if (api_secret is None) == (private_key is None):
        raise ValidationError(
            "api_secret",
            "pass exactly one of api_secret (HMAC) or private_key (Ed25519/RSA PEM)",
            "api_secret（HMAC）和 private_key（Ed25519/RSA PEM）必须且只能传一个",
        )
    if private_key is not None:
        return PrivateKeySigner(private_key, private_key_password)
    if not isinstance(api_secret, str) or not api_secret:
        raise ValidationError("api_secret", "api_secret must be a non-empty string")
    if not api_secret.isprintable() or api_secret != api_secret.strip():
        # A secret pasted with a newline would sign every request wrongly: -1022, with no hint why.
        raise ValidationError(
            "api_secret",
            "api_secret has spaces at an end or control characters (pasted?)",
            "api_secret 首尾有空格或含控制字符（是否粘贴时带入了？）",
        )
    _utf8(api_secret, "api_secret")
    return HmacSigner(api_secret)


def _utf8(secret: str, name: str) -> bytes:
    """secret as UTF-8; the error names the argument, never the text (UnicodeEncodeError's repr holds it all)."""
    try:
        return secret.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(name, f"{name} is not valid Unicode text") from None


class ServerClock:
    """Local time corrected by the offset to the exchange's clock, shared by every request of one client."""

    __slots__ = ("_lock", "generation", "offset_ms")

    def __init__(self) -> None:
        self.offset_ms = 0
        self.generation = 0
        """Bumped at every sync, so a request that failed with -1021 can tell whether a sync already happened."""
        self._lock = threading.Lock()

    def now_ms(self) -> int:
        return time.time_ns() // 1_000_000 + self.offset_ms

    def after_fork(self) -> None:
        """A new lock for a forked child: the parent's may have been held by a thread that does not exist here."""
        self._lock = threading.Lock()

    def set_offset(self, offset_ms: int) -> None:
        with self._lock:
            self.offset_ms = offset_ms
            self.generation += 1


def _with_query(url: httpx.URL, query: bytes) -> httpx.URL:
    """url with its query replaced by query, which must already be percent-encoded ASCII.

    httpx's copy_with re-parses and re-validates the whole URL one character at a time, which the profile
    shows as a large share of a call. The query here is valid by construction (httpx encoded it; we append
    only letters, digits, '=', '&' and '%'), so with httpx's known internals the parsed field is replaced
    directly; the caller still checks that url.query is exactly the bytes signed.
    """
    reference = getattr(url, "_uri_reference", None)
    if isinstance(reference, tuple) and hasattr(reference, "_replace") and hasattr(reference, "query"):
        replaced = httpx.URL.__new__(httpx.URL)
        replaced._uri_reference = reference._replace(query=query.decode("ascii"))
        return replaced
    return url.copy_with(query=query)


class ApiKeyAuth(httpx.Auth):
    """Adds the X-MBX-APIKEY header only: for MARKET_DATA and USER_STREAM endpoints, which are not signed."""

    def __init__(self, api_key: str) -> None:
        self.api_key = api_key

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["X-MBX-APIKEY"] = self.api_key
        yield request

    def __repr__(self) -> str:
        return "ApiKeyAuth()"


class BinanceAuth(httpx.Auth):
    """Adds recvWindow and timestamp, signs the query bytes exactly as they will be sent, appends signature last.

    totalParams is the encoded query string followed by the request body; see the spec's Signature scheme.
    """

    requires_request_body = True

    def __init__(self, api_key: str, signer: Signer, recv_window: int, clock: ServerClock) -> None:
        self.api_key = api_key
        self._signer = signer
        self.recv_window = recv_window
        self._recv_window = b"recvWindow=%d" % recv_window
        self.clock = clock

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.sign(request)
        yield request

    def sign(self, request: httpx.Request) -> None:
        signed = self.signed_query(request.url.query, request.content)
        request.url = _with_query(request.url, signed)
        if request.url.query != signed:  # never send bytes other than the ones signed
            raise BinanceError("not sent: the URL's query would differ from the bytes signed")
        request.headers["X-MBX-APIKEY"] = self.api_key

    def signed_query(self, query: bytes, body: bytes = b"") -> bytes:
        """query (percent-encoded, as it will be sent) with recvWindow if it has none, timestamp, and the signature
        of those exact bytes followed by body, appended last."""
        parts = [query] if query else []
        if not (query.startswith(b"recvWindow=") or b"&recvWindow=" in query):
            parts.append(self._recv_window)
        parts.append(b"timestamp=%d" % self.clock.now_ms())
        params = b"&".join(parts)
        return params + b"&signature=" + self._signer.sign(params + body)

    def __repr__(self) -> str:
        return f"BinanceAuth(signer={self._signer!r})"
