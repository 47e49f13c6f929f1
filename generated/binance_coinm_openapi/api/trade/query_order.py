# Generated from spec/openapi.yaml by `make generate` (openapi-python-client 0.29.1).
# Do not edit: change the spec or generator/ and run `make generate`.
from http import HTTPStatus
from typing import Any, Final

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.order import Order
from ...types import UNSET, Operation, Response, Unset, encode_query

OPERATION_ID: Final = "queryOrder"
METHOD: Final = "GET"
PATH: Final = "/dapi/v1/order"
WEIGHT: Final[tuple[tuple[tuple[str, ...], int], ...]] = (((), 1),)
"""Request weight (x-weight): (parameters that must all be sent, weight) cases; the first that matches applies."""
SECURITY_TYPE: Final = "USER_DATA"
PARAMETERS: Final[dict[str, dict[str, Any]]] = {
    "symbol": {"python_name": "symbol", **{"type": "string", "minLength": 1, "required": True}},
    "orderId": {"python_name": "order_id", **{"type": "integer", "format": "int64", "minimum": 1, "required": False}},
    "origClientOrderId": {
        "python_name": "orig_client_order_id",
        **{"type": "string", "pattern": "^[.A-Z:/a-z0-9_-]{1,36}$", "required": False},
    },
    "recvWindow": {
        "python_name": "recv_window",
        **{"type": "integer", "format": "int64", "minimum": 1, "maximum": 60000, "default": 5000, "required": False},
    },
}
"""Each query parameter's JSON Schema constraints from the spec, by wire name."""
EXACTLY_ONE_OF: Final[tuple[tuple[str, ...], ...]] = (("orderId", "origClientOrderId"),)
"""Groups of parameters (wire names) of which exactly one must be sent (x-exactly-one-of)."""
ERROR_CODES: Final[tuple[int, ...]] = (
    -1000,
    -1001,
    -1003,
    -1007,
    -1021,
    -1022,
    -1100,
    -1101,
    -1102,
    -1103,
    -1104,
    -1105,
    -1121,
    -2013,
    -2014,
    -2015,
)
"""Binance error codes this operation is documented to return (x-error-codes)."""


def _get_kwargs(
    *,
    symbol: str,
    order_id: int | Unset = UNSET,
    orig_client_order_id: str | Unset = UNSET,
    recv_window: int | Unset = 5000,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["symbol"] = symbol

    params["orderId"] = order_id

    params["origClientOrderId"] = orig_client_order_id

    params["recvWindow"] = recv_window

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/dapi/v1/order",
    }

    # Encoded here, once, exactly as httpx would encode params=: httpx then parses one URL instead of
    # parsing the path and re-parsing it to merge the parameters in.
    if params:
        _kwargs["url"] += "?" + encode_query(params)
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Order | None:
    if response.status_code == 200:
        response_200 = Order.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Order]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    symbol: str,
    order_id: int | Unset = UNSET,
    orig_client_order_id: str | Unset = UNSET,
    recv_window: int | Unset = 5000,
) -> Response[Error | Order]:
    """Query Order (USER_DATA) / 查询订单 (USER_DATA)

     `GET /dapi/v1/order` · Weight: 1 · Security type: USER_DATA

    Check an order's status by `orderId` or `origClientOrderId`: open, filled, cancelled or expired.
    Exactly one of `orderId` and `origClientOrderId` must be sent: this is the SDK's contract, stricter
    than
    Binance's, which asks for at least one and does not say which it uses when both are sent.
    These orders are not found (error -2013): an order whose status is CANCELED or EXPIRED, that has no
    filled trade and was created more than 3 days ago; and any order created more than 90 days ago.

    通过 `orderId` 或 `origClientOrderId` 查询订单状态：当前挂单、已成交、已撤销或已过期的订单均可查询。
    `orderId` 与 `origClientOrderId` 中必须且只能发送一个：这是本 SDK 的约定，比币安更严格；
    币安只要求至少发送一个，且未说明两者都发送时以哪个为准。
    以下订单查询不到（返回报错 -2013）：状态为 CANCELED 或 EXPIRED、没有任何成交记录且创建时间超过 3 天的订单；
    以及创建时间超过 90 天的任何订单。

    Args:
        symbol (str): Contract symbol, e.g. `BTCUSD_PERP` or `BTCUSD_200925`; may contain Chinese
            characters.

            交易对，例如 `BTCUSD_PERP` 或 `BTCUSD_200925`；可能包含中文字符。
        order_id (int | Unset): System order ID. Send this or `origClientOrderId`, not both. An
            int64: in JavaScript, a `number`
            holds integers exactly only up to 2^53 - 1, so read and send it as a `bigint` or a string
            there.

            系统订单号。与 `origClientOrderId` 二选一发送。类型为 int64：JavaScript 的 `number`
            只能精确表示不超过 2^53 - 1 的整数，因此在 JavaScript 中应以 `bigint` 或字符串读取和发送。
        orig_client_order_id (str | Unset): Client order ID given when the order was placed. Send
            this or `orderId`, not both.

            下单时用户自定义的订单号。与 `orderId` 二选一发送。
        recv_window (int | Unset): Milliseconds after `timestamp` during which the request is
            valid. The server uses 5000 when it is not sent.

            请求在 `timestamp` 之后的有效毫秒数。不发送时服务器使用 5000。 Default: 5000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Order]
    """

    kwargs = _get_kwargs(
        symbol=symbol,
        order_id=order_id,
        orig_client_order_id=orig_client_order_id,
        recv_window=recv_window,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    symbol: str,
    order_id: int | Unset = UNSET,
    orig_client_order_id: str | Unset = UNSET,
    recv_window: int | Unset = 5000,
) -> Error | Order | None:
    """Query Order (USER_DATA) / 查询订单 (USER_DATA)

     `GET /dapi/v1/order` · Weight: 1 · Security type: USER_DATA

    Check an order's status by `orderId` or `origClientOrderId`: open, filled, cancelled or expired.
    Exactly one of `orderId` and `origClientOrderId` must be sent: this is the SDK's contract, stricter
    than
    Binance's, which asks for at least one and does not say which it uses when both are sent.
    These orders are not found (error -2013): an order whose status is CANCELED or EXPIRED, that has no
    filled trade and was created more than 3 days ago; and any order created more than 90 days ago.

    通过 `orderId` 或 `origClientOrderId` 查询订单状态：当前挂单、已成交、已撤销或已过期的订单均可查询。
    `orderId` 与 `origClientOrderId` 中必须且只能发送一个：这是本 SDK 的约定，比币安更严格；
    币安只要求至少发送一个，且未说明两者都发送时以哪个为准。
    以下订单查询不到（返回报错 -2013）：状态为 CANCELED 或 EXPIRED、没有任何成交记录且创建时间超过 3 天的订单；
    以及创建时间超过 90 天的任何订单。

    Args:
        symbol (str): Contract symbol, e.g. `BTCUSD_PERP` or `BTCUSD_200925`; may contain Chinese
            characters.

            交易对，例如 `BTCUSD_PERP` 或 `BTCUSD_200925`；可能包含中文字符。
        order_id (int | Unset): System order ID. Send this or `origClientOrderId`, not both. An
            int64: in JavaScript, a `number`
            holds integers exactly only up to 2^53 - 1, so read and send it as a `bigint` or a string
            there.

            系统订单号。与 `origClientOrderId` 二选一发送。类型为 int64：JavaScript 的 `number`
            只能精确表示不超过 2^53 - 1 的整数，因此在 JavaScript 中应以 `bigint` 或字符串读取和发送。
        orig_client_order_id (str | Unset): Client order ID given when the order was placed. Send
            this or `orderId`, not both.

            下单时用户自定义的订单号。与 `orderId` 二选一发送。
        recv_window (int | Unset): Milliseconds after `timestamp` during which the request is
            valid. The server uses 5000 when it is not sent.

            请求在 `timestamp` 之后的有效毫秒数。不发送时服务器使用 5000。 Default: 5000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Order
    """

    return sync_detailed(
        client=client,
        symbol=symbol,
        order_id=order_id,
        orig_client_order_id=orig_client_order_id,
        recv_window=recv_window,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    symbol: str,
    order_id: int | Unset = UNSET,
    orig_client_order_id: str | Unset = UNSET,
    recv_window: int | Unset = 5000,
) -> Response[Error | Order]:
    """Query Order (USER_DATA) / 查询订单 (USER_DATA)

     `GET /dapi/v1/order` · Weight: 1 · Security type: USER_DATA

    Check an order's status by `orderId` or `origClientOrderId`: open, filled, cancelled or expired.
    Exactly one of `orderId` and `origClientOrderId` must be sent: this is the SDK's contract, stricter
    than
    Binance's, which asks for at least one and does not say which it uses when both are sent.
    These orders are not found (error -2013): an order whose status is CANCELED or EXPIRED, that has no
    filled trade and was created more than 3 days ago; and any order created more than 90 days ago.

    通过 `orderId` 或 `origClientOrderId` 查询订单状态：当前挂单、已成交、已撤销或已过期的订单均可查询。
    `orderId` 与 `origClientOrderId` 中必须且只能发送一个：这是本 SDK 的约定，比币安更严格；
    币安只要求至少发送一个，且未说明两者都发送时以哪个为准。
    以下订单查询不到（返回报错 -2013）：状态为 CANCELED 或 EXPIRED、没有任何成交记录且创建时间超过 3 天的订单；
    以及创建时间超过 90 天的任何订单。

    Args:
        symbol (str): Contract symbol, e.g. `BTCUSD_PERP` or `BTCUSD_200925`; may contain Chinese
            characters.

            交易对，例如 `BTCUSD_PERP` 或 `BTCUSD_200925`；可能包含中文字符。
        order_id (int | Unset): System order ID. Send this or `origClientOrderId`, not both. An
            int64: in JavaScript, a `number`
            holds integers exactly only up to 2^53 - 1, so read and send it as a `bigint` or a string
            there.

            系统订单号。与 `origClientOrderId` 二选一发送。类型为 int64：JavaScript 的 `number`
            只能精确表示不超过 2^53 - 1 的整数，因此在 JavaScript 中应以 `bigint` 或字符串读取和发送。
        orig_client_order_id (str | Unset): Client order ID given when the order was placed. Send
            this or `orderId`, not both.

            下单时用户自定义的订单号。与 `orderId` 二选一发送。
        recv_window (int | Unset): Milliseconds after `timestamp` during which the request is
            valid. The server uses 5000 when it is not sent.

            请求在 `timestamp` 之后的有效毫秒数。不发送时服务器使用 5000。 Default: 5000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Order]
    """

    kwargs = _get_kwargs(
        symbol=symbol,
        order_id=order_id,
        orig_client_order_id=orig_client_order_id,
        recv_window=recv_window,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    symbol: str,
    order_id: int | Unset = UNSET,
    orig_client_order_id: str | Unset = UNSET,
    recv_window: int | Unset = 5000,
) -> Error | Order | None:
    """Query Order (USER_DATA) / 查询订单 (USER_DATA)

     `GET /dapi/v1/order` · Weight: 1 · Security type: USER_DATA

    Check an order's status by `orderId` or `origClientOrderId`: open, filled, cancelled or expired.
    Exactly one of `orderId` and `origClientOrderId` must be sent: this is the SDK's contract, stricter
    than
    Binance's, which asks for at least one and does not say which it uses when both are sent.
    These orders are not found (error -2013): an order whose status is CANCELED or EXPIRED, that has no
    filled trade and was created more than 3 days ago; and any order created more than 90 days ago.

    通过 `orderId` 或 `origClientOrderId` 查询订单状态：当前挂单、已成交、已撤销或已过期的订单均可查询。
    `orderId` 与 `origClientOrderId` 中必须且只能发送一个：这是本 SDK 的约定，比币安更严格；
    币安只要求至少发送一个，且未说明两者都发送时以哪个为准。
    以下订单查询不到（返回报错 -2013）：状态为 CANCELED 或 EXPIRED、没有任何成交记录且创建时间超过 3 天的订单；
    以及创建时间超过 90 天的任何订单。

    Args:
        symbol (str): Contract symbol, e.g. `BTCUSD_PERP` or `BTCUSD_200925`; may contain Chinese
            characters.

            交易对，例如 `BTCUSD_PERP` 或 `BTCUSD_200925`；可能包含中文字符。
        order_id (int | Unset): System order ID. Send this or `origClientOrderId`, not both. An
            int64: in JavaScript, a `number`
            holds integers exactly only up to 2^53 - 1, so read and send it as a `bigint` or a string
            there.

            系统订单号。与 `origClientOrderId` 二选一发送。类型为 int64：JavaScript 的 `number`
            只能精确表示不超过 2^53 - 1 的整数，因此在 JavaScript 中应以 `bigint` 或字符串读取和发送。
        orig_client_order_id (str | Unset): Client order ID given when the order was placed. Send
            this or `orderId`, not both.

            下单时用户自定义的订单号。与 `orderId` 二选一发送。
        recv_window (int | Unset): Milliseconds after `timestamp` during which the request is
            valid. The server uses 5000 when it is not sent.

            请求在 `timestamp` 之后的有效毫秒数。不发送时服务器使用 5000。 Default: 5000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Order
    """

    return (
        await asyncio_detailed(
            client=client,
            symbol=symbol,
            order_id=order_id,
            orig_client_order_id=orig_client_order_id,
            recv_window=recv_window,
        )
    ).parsed


def _parse_success(data: Any) -> Order:
    """The model of a 200 answer's JSON; raises TypeError, ValueError or KeyError when it has another shape."""
    response_200 = Order.from_dict(data)

    return response_200


OPERATION: Final[Operation[Order]] = Operation(
    operation_id=OPERATION_ID,
    python_name="query_order",
    cli_names=("query-order",),
    method=METHOD,
    path=PATH,
    summary=("Query Order (USER_DATA)", "查询订单 (USER_DATA)"),
    security_type=SECURITY_TYPE,
    sends_api_key=True,
    signed=True,
    weight=WEIGHT,
    parameters=PARAMETERS,
    parameter_descriptions={
        "symbol": (
            "Contract symbol, e.g. `BTCUSD_PERP` or `BTCUSD_200925`; may contain Chinese characters.",
            "交易对，例如 `BTCUSD_PERP` 或 `BTCUSD_200925`；可能包含中文字符。",
        ),
        "orderId": (
            "System order ID. Send this or `origClientOrderId`, not both. An int64: in JavaScript, a `number` holds integers exactly only up to 2^53 - 1, so read and send it as a `bigint` or a string there.",
            "系统订单号。与 `origClientOrderId` 二选一发送。类型为 int64：JavaScript 的 `number` 只能精确表示不超过 2^53 - 1 的整数，因此在 JavaScript 中应以 `bigint` 或字符串读取和发送。",
        ),
        "origClientOrderId": (
            "Client order ID given when the order was placed. Send this or `orderId`, not both.",
            "下单时用户自定义的订单号。与 `orderId` 二选一发送。",
        ),
        "recvWindow": (
            "Milliseconds after `timestamp` during which the request is valid. The server uses 5000 when it is not sent.",
            "请求在 `timestamp` 之后的有效毫秒数。不发送时服务器使用 5000。",
        ),
    },
    parameter_cli_aliases={
        "origClientOrderId": "client-order-id",
    },
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
        -1021: (
            "INVALID_TIMESTAMP",
            "The timestamp is outside recvWindow or more than 1000 ms ahead of the server time. Sync the clock.",
            "时间戳超出 recvWindow，或比服务器时间快 1000 毫秒以上。请同步时钟。",
        ),
        -1022: (
            "INVALID_SIGNATURE",
            "The signature does not match the parameters sent, or the secret is wrong.",
            "签名与发送的参数不符，或 Secret Key / 私钥有误。",
        ),
        -1100: (
            "ILLEGAL_CHARS",
            "A parameter contains characters outside its legal range.",
            "参数中包含超出其合法范围的字符。",
        ),
        -1101: (
            "TOO_MANY_PARAMETERS",
            'More parameters than the endpoint takes were sent, or one parameter was sent twice ("Duplicate values for a parameter detected.").',
            "发送的参数超过该接口接受的参数，或同一参数发送了两次（错误信息为“Duplicate values for a parameter detected.”）。",
        ),
        -1102: (
            "MANDATORY_PARAM_EMPTY_OR_MALFORMED",
            "A mandatory parameter was not sent, was empty, or was malformed.",
            "必填参数未发送、为空或格式错误。",
        ),
        -1103: ("UNKNOWN_PARAM", "A parameter the endpoint does not know was sent.", "发送了该接口不认识的参数。"),
        -1104: (
            "UNREAD_PARAMETERS",
            "Some parameters that were sent were not read by the endpoint.",
            "发送的参数中有部分未被该接口读取。",
        ),
        -1105: ("PARAM_EMPTY", "A parameter was sent with an empty value.", "某个参数的值为空。"),
        -1121: (
            "BAD_SYMBOL",
            "The symbol does not exist. Symbols are upper-case (`BTCUSD_PERP`, not `btcusd_perp`), and a delivery contract's symbol ends with its delivery date (`BTCUSD_200925`).",
            "交易对不存在。交易对为大写（`BTCUSD_PERP`，而不是 `btcusd_perp`），交割合约的交易对以交割日期结尾（`BTCUSD_200925`）。",
        ),
        -2013: (
            "NO_SUCH_ORDER",
            "No such order: it never existed; or it is CANCELED or EXPIRED, has no filled trade and was created more than 3 days ago; or it was created more than 90 days ago.",
            "订单不存在；或订单状态为 CANCELED 或 EXPIRED、没有成交记录且创建时间已超过 3 天；或订单创建时间已超过 90 天。",
        ),
        -2014: ("BAD_API_KEY_FMT", "The API key is not in a valid format.", "API Key 格式无效。"),
        -2015: (
            "REJECTED_MBX_KEY",
            "The API key is unknown, the IP is not allowed, or the key lacks the permission.",
            "API Key 无效、IP 不在白名单或没有此权限。",
        ),
    },
    build=_get_kwargs,
    parse=_parse_success,
    model=Order,
    returns_list=False,
)
"""This operation as the SDK's call entry point reads it."""
