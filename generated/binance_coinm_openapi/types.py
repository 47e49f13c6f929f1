# Generated from spec/openapi.yaml by `make generate` (openapi-python-client 0.29.1).
# Do not edit: change the spec or generator/ and run `make generate`.
"""Contains some shared types for properties, and the descriptor of each operation of the spec"""

from collections.abc import Callable, Collection, Mapping, MutableMapping
from dataclasses import dataclass
from http import HTTPStatus
from types import NoneType
from typing import IO, Any, BinaryIO, Generic, TypeVar
from urllib.parse import quote_plus

import httpx

# An absent optional field reads as None: the value users expect, which `mypy --strict` narrows with `is None`.
# The generator's templates call that value UNSET and test for it with isinstance(value, Unset); here they are
# None and NoneType, so that code works unchanged and a type checker reads `X | Unset` as `X | None`.
Unset = NoneType  # type: ignore[nonetype-type]
UNSET: None = None

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


_QUOTED_NAMES: dict[str, str] = {}


def encode_query(params: Mapping[str, Any]) -> str:
    """The query string of params, the same bytes as str(httpx.QueryParams(params)) (true/false for booleans, a
    list as repeated names, urlencode's quote_plus for the rest), without building a QueryParams: a third of the
    cost (make bench). tests/test_generation.py holds the two equal."""
    parts = []
    for name, value in params.items():
        key = _QUOTED_NAMES.get(name)
        if key is None:
            key = _QUOTED_NAMES[name] = quote_plus(name)
        for item in value if isinstance(value, list | tuple) else (value,):
            if type(item) is int:  # ASCII digits and "-": nothing to quote
                parts.append(f"{key}={item}")
            else:
                text = "true" if item is True else "false" if item is False else "" if item is None else str(item)
                parts.append(f"{key}={quote_plus(text)}")
    return "&".join(parts)


@dataclass(slots=True, weakref_slot=True)
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@dataclass(slots=True, weakref_slot=True)
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


_USED_WEIGHT_PREFIX = "x-mbx-used-weight-"


@dataclass(frozen=True, slots=True, weakref_slot=True)
class DetailedResponse(Generic[T]):
    """A parsed answer together with its HTTP details, for callers that track rate-limit usage.

    Attributes:
        data: The parsed model (a list of models for an operation that answers with an array).
        status_code: The HTTP status.
        headers: The response headers.
    """

    data: T
    status_code: int
    headers: httpx.Headers

    @property
    def used_weight(self) -> dict[str, int]:
        """Request weight used by this IP per interval, from X-MBX-USED-WEIGHT-<interval>, e.g. {"1m": 3}.

        A header sent twice counts at its largest value (pacing on the smaller one could exceed the limit); a value
        that is not ASCII digits, or has more than 18, is ignored.
        """
        used: dict[str, int] = {}
        items = getattr(self.headers, "multi_items", self.headers.items)()  # httpx joins repeats with ", "
        for name, value in items:
            if (
                name.lower().startswith(_USED_WEIGHT_PREFIX)
                and value.isascii()
                and value.isdigit()
                and len(value) <= 18
            ):
                interval = name[len(_USED_WEIGHT_PREFIX) :].lower()
                used[interval] = max(int(value), used.get(interval, 0))
        return used


@dataclass(frozen=True, slots=True, weakref_slot=True, eq=False)
class Operation(Generic[T]):
    """One operation of the spec: everything the SDK's single call entry point needs to send it and read the answer.

    Attributes:
        operation_id: The spec's operationId, e.g. "queryOrder".
        python_name: The SDK method name, e.g. "query_order".
        cli_names: Command-line names: the kebab-case operationId, then the spec's x-cli-alias if any.
        method: HTTP method, upper case.
        path: URL path, e.g. "/dapi/v1/order".
        summary: (English, Chinese) summary.
        security_type: Binance's security type (x-security-type): NONE, MARKET_DATA, USER_STREAM, USER_DATA, TRADE.
        sends_api_key: Whether the request carries the X-MBX-APIKEY header.
        signed: Whether the request carries timestamp and signature.
        weight: (parameters that must all be sent, weight) cases from x-weight; the first that matches applies.
        parameters: Each parameter's JSON Schema constraints by wire name, with python_name and required.
        parameter_descriptions: (English, Chinese) description of each parameter, by wire name.
        parameter_cli_aliases: Short command-line option names (x-cli-alias), by wire name.
        exactly_one_of: Groups of parameters (wire names) of which exactly one must be sent.
        errors: code -> (name, English, Chinese meaning for this operation) of each documented error code.
        build: The generated request builder: keyword arguments by Python name -> httpx request arguments.
        parse: Turns the JSON of a 200 answer into the model (or list of models); raises on a wrong shape.
        model: The response model class (of each item, for an array answer), or None.
        returns_list: Whether a 200 answer is a JSON array.
    """

    operation_id: str
    python_name: str
    cli_names: tuple[str, ...]
    method: str
    path: str
    summary: tuple[str, str]
    security_type: str
    sends_api_key: bool
    signed: bool
    weight: tuple[tuple[tuple[str, ...], int], ...]
    parameters: Mapping[str, Mapping[str, Any]]
    parameter_descriptions: Mapping[str, tuple[str, str]]
    parameter_cli_aliases: Mapping[str, str]
    exactly_one_of: tuple[tuple[str, ...], ...]
    errors: Mapping[int, tuple[str, str, str]]
    build: Callable[..., dict[str, Any]]
    parse: Callable[[Any], T]
    model: type | None
    returns_list: bool

    def weight_for(self, sent: Collection[str]) -> int:
        """The request weight when the parameters named in sent (wire names) are sent."""
        for required, weight in self.weight:
            if all(name in sent for name in required):
                return weight
        return self.weight[-1][1]


__all__ = ["UNSET", "DetailedResponse", "File", "FileTypes", "Operation", "RequestFiles", "Response", "Unset"]
