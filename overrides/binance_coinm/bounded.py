"""An answer's body, read and decoded within a size cap as it streams in.

httpx and aiohttp inflate Content-Encoding with zlib calls that have no output limit: one 64 KiB read of a gzip
bomb becomes about 64 MiB at once, so counting what comes out is too late (measured before this module: a 1 MiB
body inflating to 1 GiB took either client past 2 GiB RSS). Here every zlib call gets the room left under the cap as
its max_length, so memory never exceeds the cap whatever the ratio. The clients ask only for the encodings decoded
here (ACCEPT_ENCODING); an answer in any other is refused unread rather than decoded by a library without a limit.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping
from typing import cast

from .errors import APIError, HeaderLookup, ResponseTooLargeError, exception_for

DEFAULT_MAX_BODY_SIZE = 1 << 20
"""Largest answer body, decoded, that a client reads by default: 1 MiB, about 1,700 orders of some 600 bytes each."""
ACCEPT_ENCODING = "gzip, deflate"

_GZIP = zlib.MAX_WBITS | 16
_ZLIB_OR_RAW = (zlib.MAX_WBITS, -zlib.MAX_WBITS)  # "deflate" is zlib-wrapped by the RFC, raw by some servers


class BodyReader:
    """Collects one answer's body: feed() each raw chunk as it arrives, then body() for the decoded bytes.

    Raises ResponseTooLargeError (Content-Length, raw or decoded size past the cap) or APIError (an encoding not
    asked for, or bytes that do not decode) with the answer's status, as soon as it knows; the caller then stops
    reading and drops the connection. The error carries what error_headers() returns (the headers as the caller's
    errors carry them, built only when there is an error); without it, headers must be a Mapping, and is carried.
    """

    __slots__ = (
        "_cap",
        "_chunks",
        "_encoding",
        "_error_headers",
        "_head",
        "_headers",
        "_inflate",
        "_raw",
        "_size",
        "_status",
        "declared",
    )

    def __init__(
        self,
        status_code: int,
        headers: HeaderLookup,
        cap: int,
        error_headers: Callable[[], Mapping[str, str]] | None = None,
    ) -> None:
        self._status = status_code
        self._headers = headers
        self._error_headers = error_headers
        self._cap = cap
        self._chunks: list[bytes] = []
        self._raw = self._size = 0
        self._encoding = (headers.get("content-encoding") or "").strip().lower()
        self._head: bytes | None = None  # deflate's first bytes, kept until they prove to be zlib-wrapped
        self._inflate = None
        if self._encoding in ("gzip", "x-gzip"):
            self._inflate = zlib.decompressobj(_GZIP)
        elif self._encoding == "deflate":
            self._head = b""
            self._inflate = zlib.decompressobj(_ZLIB_OR_RAW[0])
        elif self._encoding not in ("", "identity"):
            raise self._undecodable("an encoding the client did not ask for")
        length = headers.get("content-length") or ""
        self.declared = int(length) if length.isdigit() and length.isascii() else None
        """The Content-Length, within the cap, if the answer gave one; a reader may then take the body in one read."""
        if self.declared is not None and self.declared > cap:
            raise self._too_large(f"Content-Length {length}")

    def feed(self, data: bytes) -> None:
        self._raw += len(data)
        if self._raw > self._cap:
            raise self._too_large(f"more than {self._cap} bytes on the wire")
        if self._inflate is None:
            self._keep(data)
            return
        if self._head is not None:
            self._head += data
        try:
            self._inflate_all(data)
            if self._head is not None and len(self._head) >= 2:  # zlib accepted its 2-byte header
                self._head = None
        except zlib.error as exc:
            if self._head is None or self._size:
                raise self._undecodable(str(exc)) from None
            head, self._head = self._head, None  # not zlib-wrapped: raw deflate, from the first byte
            self._inflate = zlib.decompressobj(_ZLIB_OR_RAW[1])
            self._raw -= len(head)
            self.feed(head)

    def _inflate_all(self, pending: bytes) -> None:
        while pending and self._inflate is not None:
            if self._inflate.eof:
                # A gzip answer may hold several members, one after another; nothing else may follow the end.
                if self._encoding == "deflate" or not pending.startswith(b"\x1f\x8b"):
                    raise zlib.error("bytes after the end of the compressed stream")
                self._inflate = zlib.decompressobj(_GZIP)
            # max_length: never more output than the room left (+1 to notice going past it).
            self._keep(self._inflate.decompress(pending, self._cap - self._size + 1))
            pending = self._inflate.unconsumed_tail or self._inflate.unused_data

    def body(self) -> bytes:
        if self._inflate is not None and not self._inflate.eof:
            raise self._undecodable("the compressed stream ends early")
        return b"".join(self._chunks)

    def _keep(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self._cap:
            raise self._too_large(f"more than {self._cap} bytes once decoded")
        if data:
            self._chunks.append(data)

    def _too_large(self, what: str) -> ResponseTooLargeError:
        return ResponseTooLargeError(
            self._status,
            None,
            f"answer body too large ({what}; the client's max_body_size is {self._cap}): not read further",
            self._shown_headers(),
        )

    def _undecodable(self, why: str) -> APIError:
        encoding = self._encoding[:40]
        error_class = exception_for(self._status, None)
        return error_class(
            self._status, None, f"answer body cannot be decoded as {encoding!r}: {why}", self._shown_headers()
        )

    def _shown_headers(self) -> Mapping[str, str]:
        return cast("Mapping[str, str]", self._headers) if self._error_headers is None else self._error_headers()
