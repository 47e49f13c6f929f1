# Generated from spec/openapi.yaml by `make generate` (openapi-python-client 0.29.1).
# Do not edit: change the spec or generator/ and run `make generate`.
from http import HTTPStatus
from typing import Any, Final

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.server_time import ServerTime
from ...types import Operation, Response

OPERATION_ID: Final = "checkServerTime"
METHOD: Final = "GET"
PATH: Final = "/dapi/v1/time"
WEIGHT: Final[tuple[tuple[tuple[str, ...], int], ...]] = (((), 1),)
"""Request weight (x-weight): (parameters that must all be sent, weight) cases; the first that matches applies."""
SECURITY_TYPE: Final = "NONE"
PARAMETERS: Final[dict[str, dict[str, Any]]] = {}
"""Each query parameter's JSON Schema constraints from the spec, by wire name."""
EXACTLY_ONE_OF: Final[tuple[tuple[str, ...], ...]] = ()
"""Groups of parameters (wire names) of which exactly one must be sent (x-exactly-one-of)."""
ERROR_CODES: Final[tuple[int, ...]] = (-1000, -1001, -1003, -1007)
"""Binance error codes this operation is documented to return (x-error-codes)."""


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/dapi/v1/time",
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | ServerTime | None:
    if response.status_code == 200:
        response_200 = ServerTime.from_dict(response.json())

        return response_200

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 408:
        response_408 = Error.from_dict(response.json())

        return response_408

    if response.status_code == 418:
        response_418 = Error.from_dict(response.json())

        return response_418

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if 500 <= response.status_code <= 599:
        response_5xx = Error.from_dict(response.json())

        return response_5xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | ServerTime]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | ServerTime]:
    """Check Server Time / 获取服务器时间

     `GET /dapi/v1/time` · Weight: 1 · Security type: NONE

    Test connectivity to the REST API and get the current server time. Used to keep request timestamps
    in sync.

    测试能否联通 REST API 并获取服务器当前时间。用于同步请求时间戳。

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ServerTime]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> Error | ServerTime | None:
    """Check Server Time / 获取服务器时间

     `GET /dapi/v1/time` · Weight: 1 · Security type: NONE

    Test connectivity to the REST API and get the current server time. Used to keep request timestamps
    in sync.

    测试能否联通 REST API 并获取服务器当前时间。用于同步请求时间戳。

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ServerTime
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | ServerTime]:
    """Check Server Time / 获取服务器时间

     `GET /dapi/v1/time` · Weight: 1 · Security type: NONE

    Test connectivity to the REST API and get the current server time. Used to keep request timestamps
    in sync.

    测试能否联通 REST API 并获取服务器当前时间。用于同步请求时间戳。

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ServerTime]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> Error | ServerTime | None:
    """Check Server Time / 获取服务器时间

     `GET /dapi/v1/time` · Weight: 1 · Security type: NONE

    Test connectivity to the REST API and get the current server time. Used to keep request timestamps
    in sync.

    测试能否联通 REST API 并获取服务器当前时间。用于同步请求时间戳。

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ServerTime
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed


def _parse_success(data: Any) -> ServerTime:
    """The model of a 200 answer's JSON; raises TypeError, ValueError or KeyError when it has another shape."""
    response_200 = ServerTime.from_dict(data)

    return response_200


OPERATION: Final[Operation[ServerTime]] = Operation(
    operation_id=OPERATION_ID,
    python_name="check_server_time",
    cli_names=(
        "check-server-time",
        "server-time",
    ),
    method=METHOD,
    path=PATH,
    summary=("Check Server Time", "获取服务器时间"),
    security_type=SECURITY_TYPE,
    sends_api_key=False,
    signed=False,
    weight=WEIGHT,
    parameters=PARAMETERS,
    parameter_descriptions={},
    parameter_cli_aliases={},
    exactly_one_of=EXACTLY_ONE_OF,
    errors={
        -1000: (
            "UNKNOWN",
            "An unknown error on Binance's side. Execution status unknown.",
            "币安服务端处理请求时发生未知错误。执行状态未知。",
        ),
        -1001: (
            "DISCONNECTED",
            "Internal error; the request was not processed and may be sent again.",
            "内部错误，请求未被处理，可以重新发送。",
        ),
        -1003: (
            "TOO_MANY_REQUESTS",
            "The request weight limit was exceeded, or the IP is banned. Wait before sending again.",
            "请求权重超出限制，或 IP 已被封禁。请等待后再发送请求。",
        ),
        -1007: (
            "TIMEOUT",
            "Timeout waiting for the backend. Execution status unknown; a read-only request may be retried.",
            "等待后端响应超时。执行状态未知；只读请求可以重试。",
        ),
    },
    build=_get_kwargs,
    parse=_parse_success,
    model=ServerTime,
    returns_list=False,
)
"""This operation as the SDK's call entry point reads it."""
