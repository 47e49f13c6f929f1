# Generated from spec/openapi.yaml by `make generate` (openapi-python-client 0.29.1).
# Do not edit: change the spec or generator/ and run `make generate`.
"""Contains methods for accessing the API: every operation of the spec, as methods of Operations and AsyncOperations"""

from typing import Any, Final, TypeVar

from ..models.order import Order
from ..models.server_time import ServerTime
from ..types import DetailedResponse, Operation
from .market import check_server_time as _check_server_time
from .trade import current_all_open_orders as _current_all_open_orders
from .trade import query_current_open_order as _query_current_open_order
from .trade import query_order as _query_order

T = TypeVar("T")

OPERATIONS: Final[tuple[Operation[Any], ...]] = (
    _query_current_open_order.OPERATION,
    _query_order.OPERATION,
    _current_all_open_orders.OPERATION,
    _check_server_time.OPERATION,
)
"""Every operation of the spec, in the spec's order of tags and paths."""
RECV_WINDOW: Final[dict[str, Any] | None] = {
    "type": "integer",
    "format": "int64",
    "minimum": 1,
    "maximum": 60000,
    "default": 5000,
}
"""recvWindow's JSON Schema constraints, as the spec's signed operations declare it (None if none takes it)."""


class Operations:
    """Every operation of the spec as a method; a subclass implements _call, the one entry point that sends them."""

    __slots__ = ()

    def _call(self, operation: Operation[T], arguments: dict[str, Any]) -> DetailedResponse[T]:
        """Validate, send and parse one operation; arguments by Python name, None meaning not sent."""
        raise NotImplementedError

    def query_current_open_order(
        self,
        symbol: str,
        *,
        order_id: int | None = None,
        orig_client_order_id: str | None = None,
        recv_window: int | None = None,
    ) -> Order:
        """Query Current Open Order (USER_DATA) · 查询当前挂单 (USER_DATA)

        `GET /dapi/v1/openOrder` · weight 1 · USER_DATA · operationId `queryCurrentOpenOrder`

        Query one current open order by `order_id` or `orig_client_order_id`.
        Exactly one of `order_id` and `orig_client_order_id` must be sent: this is the SDK's contract, stricter than
        Binance's, which asks for at least one and does not say which it uses when both are sent.
        If the queried order has been filled or cancelled, the error -2013 "Order does not exist." is returned.

        通过 `order_id` 或 `orig_client_order_id` 查询一个当前挂单。
        `order_id` 与 `orig_client_order_id` 中必须且只能发送一个：这是本 SDK 的约定，比币安更严格；
        币安只要求至少发送一个，且未说明两者都发送时以哪个为准。
        查询的订单如果已经成交或已撤销，将返回报错 -2013“Order does not exist.”。

        Args:
            symbol: Contract symbol, e.g. `BTCUSD_PERP` or `BTCUSD_200925`; may contain Chinese characters.
                交易对，例如 `BTCUSD_PERP` 或 `BTCUSD_200925`；可能包含中文字符。
            order_id: System order ID. Send this or `orig_client_order_id`, not both. An int64: in JavaScript, a `number`
                holds integers exactly only up to 2^53 - 1, so read and send it as a `bigint` or a string there.
                系统订单号。与 `orig_client_order_id` 二选一发送。类型为 int64：JavaScript 的 `number` 只能精确表示不超过 2^53 - 1 的整数，因此在 JavaScript 中应以 `bigint` 或字符串读取和发送。
            orig_client_order_id: Client order ID given when the order was placed. Send this or `order_id`, not both.
                下单时用户自定义的订单号。与 `order_id` 二选一发送。
            recv_window: Milliseconds after `timestamp` during which the request is valid. The server uses 5000 when it is
                not sent. None sends the client's recv_window.
                请求在 `timestamp` 之后的有效毫秒数。不发送时服务器使用 5000。为 None 时发送客户端的 recv_window。

        Returns:
            Order: The open order. 当前挂单。

        Raises:
            ValidationError: An argument breaks the spec's rules; nothing was sent.
            APIError: The exchange answered with an error: one of the codes below, or an HTTP error; binance_coinm.errors
                has a subclass for the kinds callers handle apart (rate limits, authentication, server errors, ...).
            TransportError: No HTTP answer (connection failure or timeout) after the retries.

        Error codes:
            -1000 UNKNOWN: An unknown error on Binance's side. Execution status unknown.
                币安服务端处理请求时发生未知错误。执行状态未知。
            -1001 DISCONNECTED: Internal error; the request was not processed and may be sent again.
                内部错误，请求未被处理，可以重新发送。
            -1003 TOO_MANY_REQUESTS: The request weight limit was exceeded, or the IP is banned. Wait before sending again.
                请求权重超出限制，或 IP 已被封禁。请等待后再发送请求。
            -1007 TIMEOUT: Timeout waiting for the backend. Execution status unknown; a read-only request may be retried.
                等待后端响应超时。执行状态未知；只读请求可以重试。
            -1021 INVALID_TIMESTAMP: The timestamp is outside recvWindow or more than 1000 ms ahead of the server time. Sync the clock.
                时间戳超出 recvWindow，或比服务器时间快 1000 毫秒以上。请同步时钟。
            -1022 INVALID_SIGNATURE: The signature does not match the parameters sent, or the secret is wrong.
                签名与发送的参数不符，或 Secret Key / 私钥有误。
            -1100 ILLEGAL_CHARS: A parameter contains characters outside its legal range.
                参数中包含超出其合法范围的字符。
            -1101 TOO_MANY_PARAMETERS: More parameters than the endpoint takes were sent, or one parameter was sent twice ("Duplicate
                values for a parameter detected.").
                发送的参数超过该接口接受的参数，或同一参数发送了两次（错误信息为“Duplicate values for a parameter detected.”）。
            -1102 MANDATORY_PARAM_EMPTY_OR_MALFORMED: A mandatory parameter was not sent, was empty, or was malformed.
                必填参数未发送、为空或格式错误。
            -1103 UNKNOWN_PARAM: A parameter the endpoint does not know was sent.
                发送了该接口不认识的参数。
            -1104 UNREAD_PARAMETERS: Some parameters that were sent were not read by the endpoint.
                发送的参数中有部分未被该接口读取。
            -1105 PARAM_EMPTY: A parameter was sent with an empty value.
                某个参数的值为空。
            -1121 BAD_SYMBOL: The symbol does not exist. Symbols are upper-case (`BTCUSD_PERP`, not `btcusd_perp`), and a delivery
                contract's symbol ends with its delivery date (`BTCUSD_200925`).
                交易对不存在。交易对为大写（`BTCUSD_PERP`，而不是 `btcusd_perp`），交割合约的交易对以交割日期结尾（`BTCUSD_200925`）。
            -2013 NO_SUCH_ORDER: The order is not open. It never existed, or it was filled, cancelled or expired.
                该订单不是当前挂单：订单不存在，或已成交、已撤销或已过期。
            -2014 BAD_API_KEY_FMT: The API key is not in a valid format.
                API Key 格式无效。
            -2015 REJECTED_MBX_KEY: The API key is unknown, the IP is not allowed, or the key lacks the permission.
                API Key 无效、IP 不在白名单或没有此权限。
        """

        return self._call(
            _query_current_open_order.OPERATION,
            {
                "symbol": symbol,
                "order_id": order_id,
                "orig_client_order_id": orig_client_order_id,
                "recv_window": recv_window,
            },
        ).data

    def query_current_open_order_detailed(
        self,
        symbol: str,
        *,
        order_id: int | None = None,
        orig_client_order_id: str | None = None,
        recv_window: int | None = None,
    ) -> DetailedResponse[Order]:
        """Like query_current_open_order, also returning the HTTP status, the headers and the used request weight.

        Returns:
            DetailedResponse[Order]: .data is what query_current_open_order returns.

        Raises:
            BinanceError: As query_current_open_order.
        """
        return self._call(
            _query_current_open_order.OPERATION,
            {
                "symbol": symbol,
                "order_id": order_id,
                "orig_client_order_id": orig_client_order_id,
                "recv_window": recv_window,
            },
        )

    def query_order(
        self,
        symbol: str,
        *,
        order_id: int | None = None,
        orig_client_order_id: str | None = None,
        recv_window: int | None = None,
    ) -> Order:
        """Query Order (USER_DATA) · 查询订单 (USER_DATA)

        `GET /dapi/v1/order` · weight 1 · USER_DATA · operationId `queryOrder`

        Check an order's status by `order_id` or `orig_client_order_id`: open, filled, cancelled or expired.
        Exactly one of `order_id` and `orig_client_order_id` must be sent: this is the SDK's contract, stricter than
        Binance's, which asks for at least one and does not say which it uses when both are sent.
        These orders are not found (error -2013): an order whose status is CANCELED or EXPIRED, that has no
        filled trade and was created more than 3 days ago; and any order created more than 90 days ago.

        通过 `order_id` 或 `orig_client_order_id` 查询订单状态：当前挂单、已成交、已撤销或已过期的订单均可查询。
        `order_id` 与 `orig_client_order_id` 中必须且只能发送一个：这是本 SDK 的约定，比币安更严格；
        币安只要求至少发送一个，且未说明两者都发送时以哪个为准。
        以下订单查询不到（返回报错 -2013）：状态为 CANCELED 或 EXPIRED、没有任何成交记录且创建时间超过 3 天的订单；
        以及创建时间超过 90 天的任何订单。

        Args:
            symbol: Contract symbol, e.g. `BTCUSD_PERP` or `BTCUSD_200925`; may contain Chinese characters.
                交易对，例如 `BTCUSD_PERP` 或 `BTCUSD_200925`；可能包含中文字符。
            order_id: System order ID. Send this or `orig_client_order_id`, not both. An int64: in JavaScript, a `number`
                holds integers exactly only up to 2^53 - 1, so read and send it as a `bigint` or a string there.
                系统订单号。与 `orig_client_order_id` 二选一发送。类型为 int64：JavaScript 的 `number` 只能精确表示不超过 2^53 - 1 的整数，因此在 JavaScript 中应以 `bigint` 或字符串读取和发送。
            orig_client_order_id: Client order ID given when the order was placed. Send this or `order_id`, not both.
                下单时用户自定义的订单号。与 `order_id` 二选一发送。
            recv_window: Milliseconds after `timestamp` during which the request is valid. The server uses 5000 when it is
                not sent. None sends the client's recv_window.
                请求在 `timestamp` 之后的有效毫秒数。不发送时服务器使用 5000。为 None 时发送客户端的 recv_window。

        Returns:
            Order: The order, whatever its status. 订单（任意状态）。

        Raises:
            ValidationError: An argument breaks the spec's rules; nothing was sent.
            APIError: The exchange answered with an error: one of the codes below, or an HTTP error; binance_coinm.errors
                has a subclass for the kinds callers handle apart (rate limits, authentication, server errors, ...).
            TransportError: No HTTP answer (connection failure or timeout) after the retries.

        Error codes:
            -1000 UNKNOWN: An unknown error on Binance's side. Execution status unknown.
                币安服务端处理请求时发生未知错误。执行状态未知。
            -1001 DISCONNECTED: Internal error; the request was not processed and may be sent again.
                内部错误，请求未被处理，可以重新发送。
            -1003 TOO_MANY_REQUESTS: The request weight limit was exceeded, or the IP is banned. Wait before sending again.
                请求权重超出限制，或 IP 已被封禁。请等待后再发送请求。
            -1007 TIMEOUT: Timeout waiting for the backend. Execution status unknown; a read-only request may be retried.
                等待后端响应超时。执行状态未知；只读请求可以重试。
            -1021 INVALID_TIMESTAMP: The timestamp is outside recvWindow or more than 1000 ms ahead of the server time. Sync the clock.
                时间戳超出 recvWindow，或比服务器时间快 1000 毫秒以上。请同步时钟。
            -1022 INVALID_SIGNATURE: The signature does not match the parameters sent, or the secret is wrong.
                签名与发送的参数不符，或 Secret Key / 私钥有误。
            -1100 ILLEGAL_CHARS: A parameter contains characters outside its legal range.
                参数中包含超出其合法范围的字符。
            -1101 TOO_MANY_PARAMETERS: More parameters than the endpoint takes were sent, or one parameter was sent twice ("Duplicate
                values for a parameter detected.").
                发送的参数超过该接口接受的参数，或同一参数发送了两次（错误信息为“Duplicate values for a parameter detected.”）。
            -1102 MANDATORY_PARAM_EMPTY_OR_MALFORMED: A mandatory parameter was not sent, was empty, or was malformed.
                必填参数未发送、为空或格式错误。
            -1103 UNKNOWN_PARAM: A parameter the endpoint does not know was sent.
                发送了该接口不认识的参数。
            -1104 UNREAD_PARAMETERS: Some parameters that were sent were not read by the endpoint.
                发送的参数中有部分未被该接口读取。
            -1105 PARAM_EMPTY: A parameter was sent with an empty value.
                某个参数的值为空。
            -1121 BAD_SYMBOL: The symbol does not exist. Symbols are upper-case (`BTCUSD_PERP`, not `btcusd_perp`), and a delivery
                contract's symbol ends with its delivery date (`BTCUSD_200925`).
                交易对不存在。交易对为大写（`BTCUSD_PERP`，而不是 `btcusd_perp`），交割合约的交易对以交割日期结尾（`BTCUSD_200925`）。
            -2013 NO_SUCH_ORDER: No such order: it never existed; or it is CANCELED or EXPIRED, has no filled trade and was created
                more than 3 days ago; or it was created more than 90 days ago.
                订单不存在；或订单状态为 CANCELED 或 EXPIRED、没有成交记录且创建时间已超过 3 天；或订单创建时间已超过 90 天。
            -2014 BAD_API_KEY_FMT: The API key is not in a valid format.
                API Key 格式无效。
            -2015 REJECTED_MBX_KEY: The API key is unknown, the IP is not allowed, or the key lacks the permission.
                API Key 无效、IP 不在白名单或没有此权限。
        """

        return self._call(
            _query_order.OPERATION,
            {
                "symbol": symbol,
                "order_id": order_id,
                "orig_client_order_id": orig_client_order_id,
                "recv_window": recv_window,
            },
        ).data

    def query_order_detailed(
        self,
        symbol: str,
        *,
        order_id: int | None = None,
        orig_client_order_id: str | None = None,
        recv_window: int | None = None,
    ) -> DetailedResponse[Order]:
        """Like query_order, also returning the HTTP status, the headers and the used request weight.

        Returns:
            DetailedResponse[Order]: .data is what query_order returns.

        Raises:
            BinanceError: As query_order.
        """
        return self._call(
            _query_order.OPERATION,
            {
                "symbol": symbol,
                "order_id": order_id,
                "orig_client_order_id": orig_client_order_id,
                "recv_window": recv_window,
            },
        )

    def current_all_open_orders(
        self,
        *,
        symbol: str | None = None,
        pair: str | None = None,
        recv_window: int | None = None,
    ) -> list[Order]:
        """Current All Open Orders (USER_DATA) · 查看当前全部挂单 (USER_DATA)

        `GET /dapi/v1/openOrders` · weight 1 with `symbol`; 40 otherwise · USER_DATA · operationId `currentAllOpenOrders`

        Get all open orders of one symbol, of one pair, or of the whole account.
        Careful when calling this without `symbol`: it then costs 40 weight instead of 1.

        获取某个交易对、某个标的交易对或整个账户的全部当前挂单。
        请小心使用不带 `symbol` 参数的调用：此时请求权重为 40，而不是 1。

        Args:
            symbol: Contract symbol, e.g. `BTCUSD_PERP`; only its open orders are returned, at weight 1. Without it the
                weight is 40, and the open orders of every symbol (or of `pair`'s contracts) are returned.
                交易对，例如 `BTCUSD_PERP`；只返回该交易对的挂单，请求权重为 1。不带此参数时请求权重为 40，返回全部交易对（或 `pair` 下所有合约）的挂单。
            pair: Underlying pair, e.g. `BTCUSD`; returns the open orders of every contract on it.
                标的交易对，例如 `BTCUSD`；返回该标的下所有合约的挂单。
            recv_window: Milliseconds after `timestamp` during which the request is valid. The server uses 5000 when it is
                not sent. None sends the client's recv_window.
                请求在 `timestamp` 之后的有效毫秒数。不发送时服务器使用 5000。为 None 时发送客户端的 recv_window。

        Returns:
            list[Order]: The open orders, possibly none. 当前挂单列表，可能为空。

        Raises:
            ValidationError: An argument breaks the spec's rules; nothing was sent.
            APIError: The exchange answered with an error: one of the codes below, or an HTTP error; binance_coinm.errors
                has a subclass for the kinds callers handle apart (rate limits, authentication, server errors, ...).
            TransportError: No HTTP answer (connection failure or timeout) after the retries.

        Error codes:
            -1000 UNKNOWN: An unknown error on Binance's side. Execution status unknown.
                币安服务端处理请求时发生未知错误。执行状态未知。
            -1001 DISCONNECTED: Internal error; the request was not processed and may be sent again.
                内部错误，请求未被处理，可以重新发送。
            -1003 TOO_MANY_REQUESTS: The request weight limit was exceeded, or the IP is banned. Wait before sending again.
                请求权重超出限制，或 IP 已被封禁。请等待后再发送请求。
            -1007 TIMEOUT: Timeout waiting for the backend. Execution status unknown; a read-only request may be retried.
                等待后端响应超时。执行状态未知；只读请求可以重试。
            -1021 INVALID_TIMESTAMP: The timestamp is outside recvWindow or more than 1000 ms ahead of the server time. Sync the clock.
                时间戳超出 recvWindow，或比服务器时间快 1000 毫秒以上。请同步时钟。
            -1022 INVALID_SIGNATURE: The signature does not match the parameters sent, or the secret is wrong.
                签名与发送的参数不符，或 Secret Key / 私钥有误。
            -1100 ILLEGAL_CHARS: A parameter contains characters outside its legal range.
                参数中包含超出其合法范围的字符。
            -1101 TOO_MANY_PARAMETERS: More parameters than the endpoint takes were sent, or one parameter was sent twice ("Duplicate
                values for a parameter detected.").
                发送的参数超过该接口接受的参数，或同一参数发送了两次（错误信息为“Duplicate values for a parameter detected.”）。
            -1102 MANDATORY_PARAM_EMPTY_OR_MALFORMED: A mandatory parameter was not sent, was empty, or was malformed.
                必填参数未发送、为空或格式错误。
            -1103 UNKNOWN_PARAM: A parameter the endpoint does not know was sent.
                发送了该接口不认识的参数。
            -1104 UNREAD_PARAMETERS: Some parameters that were sent were not read by the endpoint.
                发送的参数中有部分未被该接口读取。
            -1105 PARAM_EMPTY: A parameter was sent with an empty value.
                某个参数的值为空。
            -1121 BAD_SYMBOL: The symbol does not exist. Symbols are upper-case (`BTCUSD_PERP`, not `btcusd_perp`), and a delivery
                contract's symbol ends with its delivery date (`BTCUSD_200925`).
                交易对不存在。交易对为大写（`BTCUSD_PERP`，而不是 `btcusd_perp`），交割合约的交易对以交割日期结尾（`BTCUSD_200925`）。
            -2014 BAD_API_KEY_FMT: The API key is not in a valid format.
                API Key 格式无效。
            -2015 REJECTED_MBX_KEY: The API key is unknown, the IP is not allowed, or the key lacks the permission.
                API Key 无效、IP 不在白名单或没有此权限。
        """

        return self._call(
            _current_all_open_orders.OPERATION,
            {
                "symbol": symbol,
                "pair": pair,
                "recv_window": recv_window,
            },
        ).data

    def current_all_open_orders_detailed(
        self,
        *,
        symbol: str | None = None,
        pair: str | None = None,
        recv_window: int | None = None,
    ) -> DetailedResponse[list[Order]]:
        """Like current_all_open_orders, also returning the HTTP status, the headers and the used request weight.

        Returns:
            DetailedResponse[list[Order]]: .data is what current_all_open_orders returns.

        Raises:
            BinanceError: As current_all_open_orders.
        """
        return self._call(
            _current_all_open_orders.OPERATION,
            {
                "symbol": symbol,
                "pair": pair,
                "recv_window": recv_window,
            },
        )

    def check_server_time(
        self,
    ) -> ServerTime:
        """Check Server Time · 获取服务器时间

        `GET /dapi/v1/time` · weight 1 · NONE · operationId `checkServerTime`

        Test connectivity to the REST API and get the current server time. Used to keep request timestamps in sync.

        测试能否联通 REST API 并获取服务器当前时间。用于同步请求时间戳。

        Returns:
            ServerTime: The current server time. 服务器当前时间。

        Raises:
            ValidationError: An argument breaks the spec's rules; nothing was sent.
            APIError: The exchange answered with an error: one of the codes below, or an HTTP error; binance_coinm.errors
                has a subclass for the kinds callers handle apart (rate limits, authentication, server errors, ...).
            TransportError: No HTTP answer (connection failure or timeout) after the retries.

        Error codes:
            -1000 UNKNOWN: An unknown error on Binance's side. Execution status unknown.
                币安服务端处理请求时发生未知错误。执行状态未知。
            -1001 DISCONNECTED: Internal error; the request was not processed and may be sent again.
                内部错误，请求未被处理，可以重新发送。
            -1003 TOO_MANY_REQUESTS: The request weight limit was exceeded, or the IP is banned. Wait before sending again.
                请求权重超出限制，或 IP 已被封禁。请等待后再发送请求。
            -1007 TIMEOUT: Timeout waiting for the backend. Execution status unknown; a read-only request may be retried.
                等待后端响应超时。执行状态未知；只读请求可以重试。
        """

        return self._call(_check_server_time.OPERATION, {}).data

    def check_server_time_detailed(
        self,
    ) -> DetailedResponse[ServerTime]:
        """Like check_server_time, also returning the HTTP status, the headers and the used request weight.

        Returns:
            DetailedResponse[ServerTime]: .data is what check_server_time returns.

        Raises:
            BinanceError: As check_server_time.
        """
        return self._call(_check_server_time.OPERATION, {})


class AsyncOperations:
    """Every operation of the spec as a coroutine method; a subclass implements _call, the one entry point."""

    __slots__ = ()

    async def _call(self, operation: Operation[T], arguments: dict[str, Any]) -> DetailedResponse[T]:
        """Validate, send and parse one operation; arguments by Python name, None meaning not sent."""
        raise NotImplementedError

    async def query_current_open_order(
        self,
        symbol: str,
        *,
        order_id: int | None = None,
        orig_client_order_id: str | None = None,
        recv_window: int | None = None,
    ) -> Order:
        """Query Current Open Order (USER_DATA) · 查询当前挂单 (USER_DATA)

        `GET /dapi/v1/openOrder` · weight 1 · USER_DATA · operationId `queryCurrentOpenOrder`

        Query one current open order by `order_id` or `orig_client_order_id`.
        Exactly one of `order_id` and `orig_client_order_id` must be sent: this is the SDK's contract, stricter than
        Binance's, which asks for at least one and does not say which it uses when both are sent.
        If the queried order has been filled or cancelled, the error -2013 "Order does not exist." is returned.

        通过 `order_id` 或 `orig_client_order_id` 查询一个当前挂单。
        `order_id` 与 `orig_client_order_id` 中必须且只能发送一个：这是本 SDK 的约定，比币安更严格；
        币安只要求至少发送一个，且未说明两者都发送时以哪个为准。
        查询的订单如果已经成交或已撤销，将返回报错 -2013“Order does not exist.”。

        Args:
            symbol: Contract symbol, e.g. `BTCUSD_PERP` or `BTCUSD_200925`; may contain Chinese characters.
                交易对，例如 `BTCUSD_PERP` 或 `BTCUSD_200925`；可能包含中文字符。
            order_id: System order ID. Send this or `orig_client_order_id`, not both. An int64: in JavaScript, a `number`
                holds integers exactly only up to 2^53 - 1, so read and send it as a `bigint` or a string there.
                系统订单号。与 `orig_client_order_id` 二选一发送。类型为 int64：JavaScript 的 `number` 只能精确表示不超过 2^53 - 1 的整数，因此在 JavaScript 中应以 `bigint` 或字符串读取和发送。
            orig_client_order_id: Client order ID given when the order was placed. Send this or `order_id`, not both.
                下单时用户自定义的订单号。与 `order_id` 二选一发送。
            recv_window: Milliseconds after `timestamp` during which the request is valid. The server uses 5000 when it is
                not sent. None sends the client's recv_window.
                请求在 `timestamp` 之后的有效毫秒数。不发送时服务器使用 5000。为 None 时发送客户端的 recv_window。

        Returns:
            Order: The open order. 当前挂单。

        Raises:
            ValidationError: An argument breaks the spec's rules; nothing was sent.
            APIError: The exchange answered with an error: one of the codes below, or an HTTP error; binance_coinm.errors
                has a subclass for the kinds callers handle apart (rate limits, authentication, server errors, ...).
            TransportError: No HTTP answer (connection failure or timeout) after the retries.

        Error codes:
            -1000 UNKNOWN: An unknown error on Binance's side. Execution status unknown.
                币安服务端处理请求时发生未知错误。执行状态未知。
            -1001 DISCONNECTED: Internal error; the request was not processed and may be sent again.
                内部错误，请求未被处理，可以重新发送。
            -1003 TOO_MANY_REQUESTS: The request weight limit was exceeded, or the IP is banned. Wait before sending again.
                请求权重超出限制，或 IP 已被封禁。请等待后再发送请求。
            -1007 TIMEOUT: Timeout waiting for the backend. Execution status unknown; a read-only request may be retried.
                等待后端响应超时。执行状态未知；只读请求可以重试。
            -1021 INVALID_TIMESTAMP: The timestamp is outside recvWindow or more than 1000 ms ahead of the server time. Sync the clock.
                时间戳超出 recvWindow，或比服务器时间快 1000 毫秒以上。请同步时钟。
            -1022 INVALID_SIGNATURE: The signature does not match the parameters sent, or the secret is wrong.
                签名与发送的参数不符，或 Secret Key / 私钥有误。
            -1100 ILLEGAL_CHARS: A parameter contains characters outside its legal range.
                参数中包含超出其合法范围的字符。
            -1101 TOO_MANY_PARAMETERS: More parameters than the endpoint takes were sent, or one parameter was sent twice ("Duplicate
                values for a parameter detected.").
                发送的参数超过该接口接受的参数，或同一参数发送了两次（错误信息为“Duplicate values for a parameter detected.”）。
            -1102 MANDATORY_PARAM_EMPTY_OR_MALFORMED: A mandatory parameter was not sent, was empty, or was malformed.
                必填参数未发送、为空或格式错误。
            -1103 UNKNOWN_PARAM: A parameter the endpoint does not know was sent.
                发送了该接口不认识的参数。
            -1104 UNREAD_PARAMETERS: Some parameters that were sent were not read by the endpoint.
                发送的参数中有部分未被该接口读取。
            -1105 PARAM_EMPTY: A parameter was sent with an empty value.
                某个参数的值为空。
            -1121 BAD_SYMBOL: The symbol does not exist. Symbols are upper-case (`BTCUSD_PERP`, not `btcusd_perp`), and a delivery
                contract's symbol ends with its delivery date (`BTCUSD_200925`).
                交易对不存在。交易对为大写（`BTCUSD_PERP`，而不是 `btcusd_perp`），交割合约的交易对以交割日期结尾（`BTCUSD_200925`）。
            -2013 NO_SUCH_ORDER: The order is not open. It never existed, or it was filled, cancelled or expired.
                该订单不是当前挂单：订单不存在，或已成交、已撤销或已过期。
            -2014 BAD_API_KEY_FMT: The API key is not in a valid format.
                API Key 格式无效。
            -2015 REJECTED_MBX_KEY: The API key is unknown, the IP is not allowed, or the key lacks the permission.
                API Key 无效、IP 不在白名单或没有此权限。
        """

        return (
            await self._call(
                _query_current_open_order.OPERATION,
                {
                    "symbol": symbol,
                    "order_id": order_id,
                    "orig_client_order_id": orig_client_order_id,
                    "recv_window": recv_window,
                },
            )
        ).data

    async def query_current_open_order_detailed(
        self,
        symbol: str,
        *,
        order_id: int | None = None,
        orig_client_order_id: str | None = None,
        recv_window: int | None = None,
    ) -> DetailedResponse[Order]:
        """Like query_current_open_order, also returning the HTTP status, the headers and the used request weight.

        Returns:
            DetailedResponse[Order]: .data is what query_current_open_order returns.

        Raises:
            BinanceError: As query_current_open_order.
        """
        return await self._call(
            _query_current_open_order.OPERATION,
            {
                "symbol": symbol,
                "order_id": order_id,
                "orig_client_order_id": orig_client_order_id,
                "recv_window": recv_window,
            },
        )

    async def query_order(
        self,
        symbol: str,
        *,
        order_id: int | None = None,
        orig_client_order_id: str | None = None,
        recv_window: int | None = None,
    ) -> Order:
        """Query Order (USER_DATA) · 查询订单 (USER_DATA)

        `GET /dapi/v1/order` · weight 1 · USER_DATA · operationId `queryOrder`

        Check an order's status by `order_id` or `orig_client_order_id`: open, filled, cancelled or expired.
        Exactly one of `order_id` and `orig_client_order_id` must be sent: this is the SDK's contract, stricter than
        Binance's, which asks for at least one and does not say which it uses when both are sent.
        These orders are not found (error -2013): an order whose status is CANCELED or EXPIRED, that has no
        filled trade and was created more than 3 days ago; and any order created more than 90 days ago.

        通过 `order_id` 或 `orig_client_order_id` 查询订单状态：当前挂单、已成交、已撤销或已过期的订单均可查询。
        `order_id` 与 `orig_client_order_id` 中必须且只能发送一个：这是本 SDK 的约定，比币安更严格；
        币安只要求至少发送一个，且未说明两者都发送时以哪个为准。
        以下订单查询不到（返回报错 -2013）：状态为 CANCELED 或 EXPIRED、没有任何成交记录且创建时间超过 3 天的订单；
        以及创建时间超过 90 天的任何订单。

        Args:
            symbol: Contract symbol, e.g. `BTCUSD_PERP` or `BTCUSD_200925`; may contain Chinese characters.
                交易对，例如 `BTCUSD_PERP` 或 `BTCUSD_200925`；可能包含中文字符。
            order_id: System order ID. Send this or `orig_client_order_id`, not both. An int64: in JavaScript, a `number`
                holds integers exactly only up to 2^53 - 1, so read and send it as a `bigint` or a string there.
                系统订单号。与 `orig_client_order_id` 二选一发送。类型为 int64：JavaScript 的 `number` 只能精确表示不超过 2^53 - 1 的整数，因此在 JavaScript 中应以 `bigint` 或字符串读取和发送。
            orig_client_order_id: Client order ID given when the order was placed. Send this or `order_id`, not both.
                下单时用户自定义的订单号。与 `order_id` 二选一发送。
            recv_window: Milliseconds after `timestamp` during which the request is valid. The server uses 5000 when it is
                not sent. None sends the client's recv_window.
                请求在 `timestamp` 之后的有效毫秒数。不发送时服务器使用 5000。为 None 时发送客户端的 recv_window。

        Returns:
            Order: The order, whatever its status. 订单（任意状态）。

        Raises:
            ValidationError: An argument breaks the spec's rules; nothing was sent.
            APIError: The exchange answered with an error: one of the codes below, or an HTTP error; binance_coinm.errors
                has a subclass for the kinds callers handle apart (rate limits, authentication, server errors, ...).
            TransportError: No HTTP answer (connection failure or timeout) after the retries.

        Error codes:
            -1000 UNKNOWN: An unknown error on Binance's side. Execution status unknown.
                币安服务端处理请求时发生未知错误。执行状态未知。
            -1001 DISCONNECTED: Internal error; the request was not processed and may be sent again.
                内部错误，请求未被处理，可以重新发送。
            -1003 TOO_MANY_REQUESTS: The request weight limit was exceeded, or the IP is banned. Wait before sending again.
                请求权重超出限制，或 IP 已被封禁。请等待后再发送请求。
            -1007 TIMEOUT: Timeout waiting for the backend. Execution status unknown; a read-only request may be retried.
                等待后端响应超时。执行状态未知；只读请求可以重试。
            -1021 INVALID_TIMESTAMP: The timestamp is outside recvWindow or more than 1000 ms ahead of the server time. Sync the clock.
                时间戳超出 recvWindow，或比服务器时间快 1000 毫秒以上。请同步时钟。
            -1022 INVALID_SIGNATURE: The signature does not match the parameters sent, or the secret is wrong.
                签名与发送的参数不符，或 Secret Key / 私钥有误。
            -1100 ILLEGAL_CHARS: A parameter contains characters outside its legal range.
                参数中包含超出其合法范围的字符。
            -1101 TOO_MANY_PARAMETERS: More parameters than the endpoint takes were sent, or one parameter was sent twice ("Duplicate
                values for a parameter detected.").
                发送的参数超过该接口接受的参数，或同一参数发送了两次（错误信息为“Duplicate values for a parameter detected.”）。
            -1102 MANDATORY_PARAM_EMPTY_OR_MALFORMED: A mandatory parameter was not sent, was empty, or was malformed.
                必填参数未发送、为空或格式错误。
            -1103 UNKNOWN_PARAM: A parameter the endpoint does not know was sent.
                发送了该接口不认识的参数。
            -1104 UNREAD_PARAMETERS: Some parameters that were sent were not read by the endpoint.
                发送的参数中有部分未被该接口读取。
            -1105 PARAM_EMPTY: A parameter was sent with an empty value.
                某个参数的值为空。
            -1121 BAD_SYMBOL: The symbol does not exist. Symbols are upper-case (`BTCUSD_PERP`, not `btcusd_perp`), and a delivery
                contract's symbol ends with its delivery date (`BTCUSD_200925`).
                交易对不存在。交易对为大写（`BTCUSD_PERP`，而不是 `btcusd_perp`），交割合约的交易对以交割日期结尾（`BTCUSD_200925`）。
            -2013 NO_SUCH_ORDER: No such order: it never existed; or it is CANCELED or EXPIRED, has no filled trade and was created
                more than 3 days ago; or it was created more than 90 days ago.
                订单不存在；或订单状态为 CANCELED 或 EXPIRED、没有成交记录且创建时间已超过 3 天；或订单创建时间已超过 90 天。
            -2014 BAD_API_KEY_FMT: The API key is not in a valid format.
                API Key 格式无效。
            -2015 REJECTED_MBX_KEY: The API key is unknown, the IP is not allowed, or the key lacks the permission.
                API Key 无效、IP 不在白名单或没有此权限。
        """

        return (
            await self._call(
                _query_order.OPERATION,
                {
                    "symbol": symbol,
                    "order_id": order_id,
                    "orig_client_order_id": orig_client_order_id,
                    "recv_window": recv_window,
                },
            )
        ).data

    async def query_order_detailed(
        self,
        symbol: str,
        *,
        order_id: int | None = None,
        orig_client_order_id: str | None = None,
        recv_window: int | None = None,
    ) -> DetailedResponse[Order]:
        """Like query_order, also returning the HTTP status, the headers and the used request weight.

        Returns:
            DetailedResponse[Order]: .data is what query_order returns.

        Raises:
            BinanceError: As query_order.
        """
        return await self._call(
            _query_order.OPERATION,
            {
                "symbol": symbol,
                "order_id": order_id,
                "orig_client_order_id": orig_client_order_id,
                "recv_window": recv_window,
            },
        )

    async def current_all_open_orders(
        self,
        *,
        symbol: str | None = None,
        pair: str | None = None,
        recv_window: int | None = None,
    ) -> list[Order]:
        """Current All Open Orders (USER_DATA) · 查看当前全部挂单 (USER_DATA)

        `GET /dapi/v1/openOrders` · weight 1 with `symbol`; 40 otherwise · USER_DATA · operationId `currentAllOpenOrders`

        Get all open orders of one symbol, of one pair, or of the whole account.
        Careful when calling this without `symbol`: it then costs 40 weight instead of 1.

        获取某个交易对、某个标的交易对或整个账户的全部当前挂单。
        请小心使用不带 `symbol` 参数的调用：此时请求权重为 40，而不是 1。

        Args:
            symbol: Contract symbol, e.g. `BTCUSD_PERP`; only its open orders are returned, at weight 1. Without it the
                weight is 40, and the open orders of every symbol (or of `pair`'s contracts) are returned.
                交易对，例如 `BTCUSD_PERP`；只返回该交易对的挂单，请求权重为 1。不带此参数时请求权重为 40，返回全部交易对（或 `pair` 下所有合约）的挂单。
            pair: Underlying pair, e.g. `BTCUSD`; returns the open orders of every contract on it.
                标的交易对，例如 `BTCUSD`；返回该标的下所有合约的挂单。
            recv_window: Milliseconds after `timestamp` during which the request is valid. The server uses 5000 when it is
                not sent. None sends the client's recv_window.
                请求在 `timestamp` 之后的有效毫秒数。不发送时服务器使用 5000。为 None 时发送客户端的 recv_window。

        Returns:
            list[Order]: The open orders, possibly none. 当前挂单列表，可能为空。

        Raises:
            ValidationError: An argument breaks the spec's rules; nothing was sent.
            APIError: The exchange answered with an error: one of the codes below, or an HTTP error; binance_coinm.errors
                has a subclass for the kinds callers handle apart (rate limits, authentication, server errors, ...).
            TransportError: No HTTP answer (connection failure or timeout) after the retries.

        Error codes:
            -1000 UNKNOWN: An unknown error on Binance's side. Execution status unknown.
                币安服务端处理请求时发生未知错误。执行状态未知。
            -1001 DISCONNECTED: Internal error; the request was not processed and may be sent again.
                内部错误，请求未被处理，可以重新发送。
            -1003 TOO_MANY_REQUESTS: The request weight limit was exceeded, or the IP is banned. Wait before sending again.
                请求权重超出限制，或 IP 已被封禁。请等待后再发送请求。
            -1007 TIMEOUT: Timeout waiting for the backend. Execution status unknown; a read-only request may be retried.
                等待后端响应超时。执行状态未知；只读请求可以重试。
            -1021 INVALID_TIMESTAMP: The timestamp is outside recvWindow or more than 1000 ms ahead of the server time. Sync the clock.
                时间戳超出 recvWindow，或比服务器时间快 1000 毫秒以上。请同步时钟。
            -1022 INVALID_SIGNATURE: The signature does not match the parameters sent, or the secret is wrong.
                签名与发送的参数不符，或 Secret Key / 私钥有误。
            -1100 ILLEGAL_CHARS: A parameter contains characters outside its legal range.
                参数中包含超出其合法范围的字符。
            -1101 TOO_MANY_PARAMETERS: More parameters than the endpoint takes were sent, or one parameter was sent twice ("Duplicate
                values for a parameter detected.").
                发送的参数超过该接口接受的参数，或同一参数发送了两次（错误信息为“Duplicate values for a parameter detected.”）。
            -1102 MANDATORY_PARAM_EMPTY_OR_MALFORMED: A mandatory parameter was not sent, was empty, or was malformed.
                必填参数未发送、为空或格式错误。
            -1103 UNKNOWN_PARAM: A parameter the endpoint does not know was sent.
                发送了该接口不认识的参数。
            -1104 UNREAD_PARAMETERS: Some parameters that were sent were not read by the endpoint.
                发送的参数中有部分未被该接口读取。
            -1105 PARAM_EMPTY: A parameter was sent with an empty value.
                某个参数的值为空。
            -1121 BAD_SYMBOL: The symbol does not exist. Symbols are upper-case (`BTCUSD_PERP`, not `btcusd_perp`), and a delivery
                contract's symbol ends with its delivery date (`BTCUSD_200925`).
                交易对不存在。交易对为大写（`BTCUSD_PERP`，而不是 `btcusd_perp`），交割合约的交易对以交割日期结尾（`BTCUSD_200925`）。
            -2014 BAD_API_KEY_FMT: The API key is not in a valid format.
                API Key 格式无效。
            -2015 REJECTED_MBX_KEY: The API key is unknown, the IP is not allowed, or the key lacks the permission.
                API Key 无效、IP 不在白名单或没有此权限。
        """

        return (
            await self._call(
                _current_all_open_orders.OPERATION,
                {
                    "symbol": symbol,
                    "pair": pair,
                    "recv_window": recv_window,
                },
            )
        ).data

    async def current_all_open_orders_detailed(
        self,
        *,
        symbol: str | None = None,
        pair: str | None = None,
        recv_window: int | None = None,
    ) -> DetailedResponse[list[Order]]:
        """Like current_all_open_orders, also returning the HTTP status, the headers and the used request weight.

        Returns:
            DetailedResponse[list[Order]]: .data is what current_all_open_orders returns.

        Raises:
            BinanceError: As current_all_open_orders.
        """
        return await self._call(
            _current_all_open_orders.OPERATION,
            {
                "symbol": symbol,
                "pair": pair,
                "recv_window": recv_window,
            },
        )

    async def check_server_time(
        self,
    ) -> ServerTime:
        """Check Server Time · 获取服务器时间

        `GET /dapi/v1/time` · weight 1 · NONE · operationId `checkServerTime`

        Test connectivity to the REST API and get the current server time. Used to keep request timestamps in sync.

        测试能否联通 REST API 并获取服务器当前时间。用于同步请求时间戳。

        Returns:
            ServerTime: The current server time. 服务器当前时间。

        Raises:
            ValidationError: An argument breaks the spec's rules; nothing was sent.
            APIError: The exchange answered with an error: one of the codes below, or an HTTP error; binance_coinm.errors
                has a subclass for the kinds callers handle apart (rate limits, authentication, server errors, ...).
            TransportError: No HTTP answer (connection failure or timeout) after the retries.

        Error codes:
            -1000 UNKNOWN: An unknown error on Binance's side. Execution status unknown.
                币安服务端处理请求时发生未知错误。执行状态未知。
            -1001 DISCONNECTED: Internal error; the request was not processed and may be sent again.
                内部错误，请求未被处理，可以重新发送。
            -1003 TOO_MANY_REQUESTS: The request weight limit was exceeded, or the IP is banned. Wait before sending again.
                请求权重超出限制，或 IP 已被封禁。请等待后再发送请求。
            -1007 TIMEOUT: Timeout waiting for the backend. Execution status unknown; a read-only request may be retried.
                等待后端响应超时。执行状态未知；只读请求可以重试。
        """

        return (await self._call(_check_server_time.OPERATION, {})).data

    async def check_server_time_detailed(
        self,
    ) -> DetailedResponse[ServerTime]:
        """Like check_server_time, also returning the HTTP status, the headers and the used request weight.

        Returns:
            DetailedResponse[ServerTime]: .data is what check_server_time returns.

        Raises:
            BinanceError: As check_server_time.
        """
        return await self._call(_check_server_time.OPERATION, {})
