"""Keep signed requests out of logs and error messages: a signature with its timestamp can be replayed for
recvWindow by anyone who also sees the API key, so neither is ever written out in full."""

from __future__ import annotations

import logging
import re

REDACTED = "<redacted>"
# signature=<value>, signature%3D<value> up to %26 (a URL echoed inside another URL's query: an error page's), and
# "signature": "<value>" (a request echoed as JSON or a dict, in a message).
_SIGNATURE = re.compile(
    r"(signature=)[^&\s'\"\\]+|(signature%3D)(?:(?!%26)[^&\s'\"\\])+|([\"']signature[\"']\s*:\s*[\"'])[^'\"\\]+",
    re.IGNORECASE,
)
_API_KEY_HEADER = re.compile(r"(x-mbx-apikey['\"]?\s*[:=,]\s*b?['\"]?)[^'\"\s,)]+", re.IGNORECASE)
# The loggers of the HTTP libraries underneath. A logger's filter applies only to its own records, not to its
# children's, so each is named.
_LIBRARY_LOGGERS = (
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "aiohttp",
    "aiohttp.client",
    "aiohttp.internal",
)


def redact(text: str) -> str:
    """text with every signature value and X-MBX-APIKEY header value replaced by <redacted>."""
    lowered = text.lower()
    if "ignature" not in lowered and "apikey" not in lowered:
        return text  # the common case, without running the expressions
    text = _SIGNATURE.sub(lambda match: (match.group(1) or match.group(2) or match.group(3)) + REDACTED, text)
    return _API_KEY_HEADER.sub(rf"\g<1>{REDACTED}", text)


class _RedactingFilter(logging.Filter):
    """Rewrites a record whose message holds a signature or the key header; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


_FILTER = _RedactingFilter()


def install() -> None:
    """Attach the redacting filter to the HTTP libraries' loggers (once; cheap while they log nothing)."""
    for name in _LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
