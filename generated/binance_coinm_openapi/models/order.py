# Generated from spec/openapi.yaml by `make generate` (openapi-python-client 0.29.1).
# Do not edit: change the spec or generator/ and run `make generate`.
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass as _dataclass
from dataclasses import field as _field
from decimal import Decimal
from typing import Any, ClassVar, TypeVar, cast

from ..models.order_side import OrderSide
from ..models.order_status import OrderStatus
from ..models.order_type import OrderType
from ..models.position_side import PositionSide
from ..models.price_match import PriceMatch
from ..models.self_trade_prevention_mode import SelfTradePreventionMode
from ..models.time_in_force import TimeInForce
from ..models.working_type import WorkingType
from ..types import UNSET, Unset

T = TypeVar("T", bound="Order")
_V = TypeVar("_V")
_OPTIONAL = (
    "avgPrice",
    "cumBase",
    "cumQuote",
    "cumQty",
    "origType",
    "reduceOnly",
    "positionSide",
    "stopPrice",
    "closePosition",
    "pair",
    "timeInForce",
    "activatePrice",
    "priceRate",
    "workingType",
    "priceProtect",
    "priceMatch",
    "selfTradePreventionMode",
    "goodTillDate",
)


def _typed(value: Any, expected: type[_V], field: str) -> _V:
    """Return value if it has the JSON type the spec declares; bool does not pass as int."""
    kind = type(value)
    if kind is not expected:
        raise TypeError(f"{field}: expected {expected.__name__}, got {kind.__name__}")
    return cast(_V, value)


# Each listed value's member, for from_dict's inline read; a value not listed goes through the enum's call, which
# keeps an unknown string as a member of its own (open enums) and refuses anything else.
_OrderSide_BY_VALUE: dict[str, OrderSide] = {member.value: member for member in OrderSide}
_OrderStatus_BY_VALUE: dict[str, OrderStatus] = {member.value: member for member in OrderStatus}
_OrderType_BY_VALUE: dict[str, OrderType] = {member.value: member for member in OrderType}
_PositionSide_BY_VALUE: dict[str, PositionSide] = {member.value: member for member in PositionSide}
_PriceMatch_BY_VALUE: dict[str, PriceMatch] = {member.value: member for member in PriceMatch}
_SelfTradePreventionMode_BY_VALUE: dict[str, SelfTradePreventionMode] = {
    member.value: member for member in SelfTradePreventionMode
}
_TimeInForce_BY_VALUE: dict[str, TimeInForce] = {member.value: member for member in TimeInForce}
_WorkingType_BY_VALUE: dict[str, WorkingType] = {member.value: member for member in WorkingType}


def _bounded(value: int, low: int | None, high: int | None, field: str) -> int:
    """value if it is within the spec's range for the field (its minimum/maximum, or what its format holds)."""
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{field}: {value} is outside {low}..{high}")
    return value


# The spec's pattern for decimals. Its exponent of at most 3 digits also bounds what to_dict writes out: 1e999999999
# is finite, but its plain form would take gigabytes, and no price or quantity is near it.
_PLAIN_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]{1,3})?\Z")
_plain = _PLAIN_DECIMAL.match


def _written(wire: str | None, value: Decimal) -> str:
    """A decimal as it goes back on the wire: the text it came as while it still holds that value, else plain."""
    if wire is not None and _PLAIN_DECIMAL.match(wire) and Decimal(wire) == value:
        return wire
    return format(value, "f")


def _decimal(value: Any, field: str) -> Decimal:
    """Read a decimal exactly from its wire string, which must be a plain decimal (ASCII digits, an optional sign,
    fraction and bounded exponent; no spaces, underscores or other scripts' digits). A JSON number is refused, as
    the spec's schema refuses it: Binance sends every price and quantity as a string, and a number there means the
    answer is not what the spec describes (other languages' clients, typed from the spec, fail on it too)."""
    if type(value) is not str:
        raise TypeError(f"{field}: expected a decimal string, got {type(value).__name__}")
    if not _PLAIN_DECIMAL.match(value):
        raise ValueError(f"{field}: {value[:40]!r} is not a plain decimal number")
    return Decimal(value)  # finite: the pattern has no room for Infinity or NaN


@_dataclass(slots=True, weakref_slot=True)
class Order:
    """An order as returned by the order query endpoints. Prices and quantities are decimal strings and must
    be read exactly; fields added by Binance later are kept, and enum values unknown to this spec are accepted.
    `activatePrice` and `priceRate` are only returned for TRAILING_STOP_MARKET orders.

    订单查询接口返回的订单。价格与数量为十进制字符串，须精确读取；币安日后新增的字段会被保留，
    本规范未列出的枚举值也会被接受。`activatePrice` 与 `priceRate` 仅在 TRAILING_STOP_MARKET 订单中返回。

        Attributes:
            client_order_id (str): Client order ID, as given when the order was placed; the system generates one when none
                was given. / 客户订单号：下单时用户自定义的订单号；未自定义时由系统生成。
            executed_qty (Decimal): Executed quantity, in contracts. / 成交量（张数）。
            order_id (int): System order ID. An int64: in JavaScript, a `number` holds integers exactly only up to 2^53 - 1,
                so parse it as a `bigint` or a string there. / 系统订单号。类型为 int64：JavaScript 的 `number` 只能精确表示不超过 2^53 - 1 的整数，因此在
                JavaScript 中应以 `bigint` 或字符串解析。
            orig_qty (Decimal): Original order quantity, in contracts. / 原始委托数量（张数）。
            price (Decimal): Order price. / 委托价格。
            side (OrderSide): Order side. / 买卖方向。
            status (OrderStatus): Order status. / 订单状态。
            symbol (str): Contract symbol. / 交易对。
            time (int): Order time, in milliseconds since the epoch. / 订单时间（毫秒时间戳）。
            type_ (OrderType): Order type. / 订单类型。
            update_time (int): Last update time, in milliseconds since the epoch. / 更新时间（毫秒时间戳）。
            avg_price (Decimal | None): Average fill price. / 平均成交价。
            cum_base (Decimal | None): Cumulative filled amount, in the base asset. / 成交金额（标的数量）。
            cum_quote (Decimal | None): Cumulative filled amount, in the quote asset. USDⓈ-M orders carry it; COIN-M's
                documents give `cumBase` instead, and a COIN-M answer that carries it is read exactly too. / 成交金额（计价资产）。U
                本位合约订单带有此字段；币本位合约文档使用 `cumBase`，币本位合约的响应若带有此字段，同样精确读取。
            cum_qty (Decimal | None): Cumulative filled quantity. USDⓈ-M's New Order answer carries it; COIN-M's documents
                do not list it. / 累计成交数量。U 本位合约下单接口的响应带有此字段；币本位合约文档未列出此字段。
            orig_type (OrderType | None): Order type before the order was triggered. / 触发前订单类型。
            reduce_only (bool | None): Whether the order only reduces a position. / 是否仅减仓。
            position_side (PositionSide | None): Position side. / 持仓方向。
            stop_price (Decimal | None): Trigger price; ignore it when the order type is TRAILING_STOP_MARKET. / 触发价，对
                `TRAILING_STOP_MARKET` 无效。
            close_position (bool | None): Whether this is a conditional close-all order. / 是否条件全平仓。
            pair (str | None): Underlying pair of the contract. / 标的交易对。
            time_in_force (TimeInForce | None): Time in force. / 有效方法。
            activate_price (Decimal | None): Activation price; only returned for TRAILING_STOP_MARKET orders. / 跟踪止损激活价格，仅
                `TRAILING_STOP_MARKET` 订单返回此字段。
            price_rate (Decimal | None): Callback rate, in percent; only returned for TRAILING_STOP_MARKET orders. /
                跟踪止损回调比例（百分比），仅 `TRAILING_STOP_MARKET` 订单返回此字段。
            working_type (WorkingType | None): Price type that triggers a conditional order. / 条件价格触发类型。
            price_protect (bool | None): Whether price protection is on for the conditional order trigger. / 是否开启条件单触发保护。
            price_match (PriceMatch | None): Price match mode. / 盘口价格下单模式。
            self_trade_prevention_mode (SelfTradePreventionMode | None): Self-trade prevention mode. / 订单自成交保护模式。
            good_till_date (int | None): When a GTD order is cancelled automatically, in milliseconds since the epoch; 0
                when the order is not GTD. USDⓈ-M orders carry it; COIN-M's documents list neither it nor GTD. / GTD
                订单的自动撤销时间（毫秒时间戳）；非 GTD 订单为 0。U 本位合约订单带有此字段；币本位合约文档既未列出此字段，也没有 GTD。
    """

    client_order_id: str
    executed_qty: Decimal
    order_id: int
    orig_qty: Decimal
    price: Decimal
    side: OrderSide
    status: OrderStatus
    symbol: str
    time: int
    type_: OrderType
    update_time: int
    avg_price: Decimal | None = None
    cum_base: Decimal | None = None
    cum_quote: Decimal | None = None
    cum_qty: Decimal | None = None
    orig_type: OrderType | None = None
    reduce_only: bool | None = None
    position_side: PositionSide | None = None
    stop_price: Decimal | None = None
    close_position: bool | None = None
    pair: str | None = None
    time_in_force: TimeInForce | None = None
    activate_price: Decimal | None = None
    price_rate: Decimal | None = None
    working_type: WorkingType | None = None
    price_protect: bool | None = None
    price_match: PriceMatch | None = None
    self_trade_prevention_mode: SelfTradePreventionMode | None = None
    good_till_date: int | None = None
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)
    _wire: dict[str, str] = _field(init=False, default_factory=dict, repr=False, compare=False)
    """The decimal fields' text as received, so that to_dict() gives back the exact wire string."""
    _nulls: tuple[str, ...] = _field(init=False, default=(), repr=False, compare=False)
    """The optional fields received as null: read as absent (None), written back as null by to_dict()."""
    FIELD_DESCRIPTIONS: ClassVar[dict[str, tuple[str, str]]] = {
        "avgPrice": ("Average fill price.", "平均成交价。"),
        "clientOrderId": (
            "Client order ID, as given when the order was placed; the system generates one when none was given.",
            "客户订单号：下单时用户自定义的订单号；未自定义时由系统生成。",
        ),
        "cumBase": ("Cumulative filled amount, in the base asset.", "成交金额（标的数量）。"),
        "cumQuote": (
            "Cumulative filled amount, in the quote asset. USDⓈ-M orders carry it; COIN-M's documents give `cumBase` instead, and a COIN-M answer that carries it is read exactly too.",
            "成交金额（计价资产）。U 本位合约订单带有此字段；币本位合约文档使用 `cumBase`，币本位合约的响应若带有此字段，同样精确读取。",
        ),
        "cumQty": (
            "Cumulative filled quantity. USDⓈ-M's New Order answer carries it; COIN-M's documents do not list it.",
            "累计成交数量。U 本位合约下单接口的响应带有此字段；币本位合约文档未列出此字段。",
        ),
        "executedQty": ("Executed quantity, in contracts.", "成交量（张数）。"),
        "orderId": (
            "System order ID. An int64: in JavaScript, a `number` holds integers exactly only up to 2^53 - 1, so parse it as a `bigint` or a string there.",
            "系统订单号。类型为 int64：JavaScript 的 `number` 只能精确表示不超过 2^53 - 1 的整数，因此在 JavaScript 中应以 `bigint` 或字符串解析。",
        ),
        "origQty": ("Original order quantity, in contracts.", "原始委托数量（张数）。"),
        "origType": ("Order type before the order was triggered.", "触发前订单类型。"),
        "price": ("Order price.", "委托价格。"),
        "reduceOnly": ("Whether the order only reduces a position.", "是否仅减仓。"),
        "side": ("Order side.", "买卖方向。"),
        "positionSide": ("Position side.", "持仓方向。"),
        "status": ("Order status.", "订单状态。"),
        "stopPrice": (
            "Trigger price; ignore it when the order type is TRAILING_STOP_MARKET.",
            "触发价，对 `TRAILING_STOP_MARKET` 无效。",
        ),
        "closePosition": ("Whether this is a conditional close-all order.", "是否条件全平仓。"),
        "symbol": ("Contract symbol.", "交易对。"),
        "pair": ("Underlying pair of the contract.", "标的交易对。"),
        "time": ("Order time, in milliseconds since the epoch.", "订单时间（毫秒时间戳）。"),
        "timeInForce": ("Time in force.", "有效方法。"),
        "type": ("Order type.", "订单类型。"),
        "activatePrice": (
            "Activation price; only returned for TRAILING_STOP_MARKET orders.",
            "跟踪止损激活价格，仅 `TRAILING_STOP_MARKET` 订单返回此字段。",
        ),
        "priceRate": (
            "Callback rate, in percent; only returned for TRAILING_STOP_MARKET orders.",
            "跟踪止损回调比例（百分比），仅 `TRAILING_STOP_MARKET` 订单返回此字段。",
        ),
        "updateTime": ("Last update time, in milliseconds since the epoch.", "更新时间（毫秒时间戳）。"),
        "workingType": ("Price type that triggers a conditional order.", "条件价格触发类型。"),
        "priceProtect": (
            "Whether price protection is on for the conditional order trigger.",
            "是否开启条件单触发保护。",
        ),
        "priceMatch": ("Price match mode.", "盘口价格下单模式。"),
        "selfTradePreventionMode": ("Self-trade prevention mode.", "订单自成交保护模式。"),
        "goodTillDate": (
            "When a GTD order is cancelled automatically, in milliseconds since the epoch; 0 when the order is not GTD. USDⓈ-M orders carry it; COIN-M's documents list neither it nor GTD.",
            "GTD 订单的自动撤销时间（毫秒时间戳）；非 GTD 订单为 0。U 本位合约订单带有此字段；币本位合约文档既未列出此字段，也没有 GTD。",
        ),
    }
    """English and Chinese meaning of each documented field, by wire name."""
    VALUE_DESCRIPTIONS: ClassVar[dict[str, dict[str, tuple[str, str]]]] = {
        "origType": {
            "LIMIT": ("Limit order.", "限价单。"),
            "MARKET": ("Market order.", "市价单。"),
            "STOP": ("Stop-limit order.", "止损限价单。"),
            "STOP_MARKET": ("Stop-market order.", "止损市价单。"),
            "TAKE_PROFIT": ("Take-profit limit order.", "止盈限价单。"),
            "TAKE_PROFIT_MARKET": ("Take-profit market order.", "止盈市价单。"),
            "TRAILING_STOP_MARKET": ("Trailing stop market order.", "跟踪止损单。"),
        },
        "side": {
            "BUY": ("Buy.", "买入。"),
            "SELL": ("Sell.", "卖出。"),
        },
        "positionSide": {
            "BOTH": ("One-way mode.", "单向持仓。"),
            "LONG": ("Long side, in hedge mode.", "双向持仓的多头。"),
            "SHORT": ("Short side, in hedge mode.", "双向持仓的空头。"),
        },
        "status": {
            "NEW": ("New, not yet filled.", "新建订单，未成交。"),
            "PARTIALLY_FILLED": ("Partially filled.", "部分成交。"),
            "FILLED": ("Fully filled.", "全部成交。"),
            "CANCELED": ("Cancelled.", "已撤销。"),
            "EXPIRED": ("Expired.", "订单过期。"),
        },
        "timeInForce": {
            "GTC": ("Good till cancelled.", "成交为止：在成交或被撤销前一直有效。"),
            "IOC": ("Immediate or cancel.", "无法立即成交的部分就撤销。"),
            "FOK": ("Fill or kill.", "无法全部立即成交就撤销。"),
            "GTX": ("Good till crossing (post only).", "无法成为挂单方就撤销（只做挂单，Post Only）。"),
        },
        "type": {
            "LIMIT": ("Limit order.", "限价单。"),
            "MARKET": ("Market order.", "市价单。"),
            "STOP": ("Stop-limit order.", "止损限价单。"),
            "STOP_MARKET": ("Stop-market order.", "止损市价单。"),
            "TAKE_PROFIT": ("Take-profit limit order.", "止盈限价单。"),
            "TAKE_PROFIT_MARKET": ("Take-profit market order.", "止盈市价单。"),
            "TRAILING_STOP_MARKET": ("Trailing stop market order.", "跟踪止损单。"),
        },
        "workingType": {
            "MARK_PRICE": ("Mark price.", "标记价格。"),
            "CONTRACT_PRICE": ("Latest contract price.", "合约最新价。"),
        },
        "priceMatch": {
            "NONE": ("No price match.", "不使用盘口价格。"),
            "OPPONENT": ("Best price on the opposite side of the book.", "盘口对手价。"),
            "OPPONENT_5": ("Fifth best price on the opposite side.", "盘口对手5档价。"),
            "OPPONENT_10": ("Tenth best price on the opposite side.", "盘口对手10档价。"),
            "OPPONENT_20": ("Twentieth best price on the opposite side.", "盘口对手20档价。"),
            "QUEUE": ("Best price on the same side of the book.", "盘口同向价。"),
            "QUEUE_5": ("Fifth best price on the same side.", "盘口同向5档价。"),
            "QUEUE_10": ("Tenth best price on the same side.", "盘口同向10档价。"),
            "QUEUE_20": ("Twentieth best price on the same side.", "盘口同向20档价。"),
        },
        "selfTradePreventionMode": {
            "NONE": ("No self-trade prevention.", "不做自成交保护。"),
            "EXPIRE_TAKER": ("Expire the taker order.", "发生自成交时，吃单方订单过期。"),
            "EXPIRE_BOTH": ("Expire both orders.", "发生自成交时，双方订单均过期。"),
            "EXPIRE_MAKER": ("Expire the maker order.", "发生自成交时，挂单方订单过期。"),
        },
    }
    """English and Chinese meaning of each documented value of the enum fields, by wire name and value."""
    EPOCH_MS_FIELDS: ClassVar[frozenset[str]] = frozenset(
        {
            "time",
            "updateTime",
            "goodTillDate",
        }
    )
    """Wire names of the fields that are times, in milliseconds since the Unix epoch (x-unit: epoch-ms)."""

    def to_dict(self) -> dict[str, Any]:
        client_order_id = self.client_order_id

        executed_qty = _written(self._wire.get("executedQty"), self.executed_qty)

        order_id = self.order_id

        orig_qty = _written(self._wire.get("origQty"), self.orig_qty)

        price = _written(self._wire.get("price"), self.price)

        side = self.side.value

        status = self.status.value

        symbol = self.symbol

        time = self.time

        type_ = self.type_.value

        update_time = self.update_time

        avg_price: str | Unset = UNSET
        if not isinstance(self.avg_price, Unset):
            avg_price = _written(self._wire.get("avgPrice"), self.avg_price)

        cum_base: str | Unset = UNSET
        if not isinstance(self.cum_base, Unset):
            cum_base = _written(self._wire.get("cumBase"), self.cum_base)

        cum_quote: str | Unset = UNSET
        if not isinstance(self.cum_quote, Unset):
            cum_quote = _written(self._wire.get("cumQuote"), self.cum_quote)

        cum_qty: str | Unset = UNSET
        if not isinstance(self.cum_qty, Unset):
            cum_qty = _written(self._wire.get("cumQty"), self.cum_qty)

        orig_type: str | Unset = UNSET
        if not isinstance(self.orig_type, Unset):
            orig_type = self.orig_type.value

        reduce_only = self.reduce_only

        position_side: str | Unset = UNSET
        if not isinstance(self.position_side, Unset):
            position_side = self.position_side.value

        stop_price: str | Unset = UNSET
        if not isinstance(self.stop_price, Unset):
            stop_price = _written(self._wire.get("stopPrice"), self.stop_price)

        close_position = self.close_position

        pair = self.pair

        time_in_force: str | Unset = UNSET
        if not isinstance(self.time_in_force, Unset):
            time_in_force = self.time_in_force.value

        activate_price: str | Unset = UNSET
        if not isinstance(self.activate_price, Unset):
            activate_price = _written(self._wire.get("activatePrice"), self.activate_price)

        price_rate: str | Unset = UNSET
        if not isinstance(self.price_rate, Unset):
            price_rate = _written(self._wire.get("priceRate"), self.price_rate)

        working_type: str | Unset = UNSET
        if not isinstance(self.working_type, Unset):
            working_type = self.working_type.value

        price_protect = self.price_protect

        price_match: str | Unset = UNSET
        if not isinstance(self.price_match, Unset):
            price_match = self.price_match.value

        self_trade_prevention_mode: str | Unset = UNSET
        if not isinstance(self.self_trade_prevention_mode, Unset):
            self_trade_prevention_mode = self.self_trade_prevention_mode.value

        good_till_date = self.good_till_date

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "clientOrderId": client_order_id,
                "executedQty": executed_qty,
                "orderId": order_id,
                "origQty": orig_qty,
                "price": price,
                "side": side,
                "status": status,
                "symbol": symbol,
                "time": time,
                "type": type_,
                "updateTime": update_time,
            }
        )
        if avg_price is not UNSET:
            field_dict["avgPrice"] = avg_price
        if cum_base is not UNSET:
            field_dict["cumBase"] = cum_base
        if cum_quote is not UNSET:
            field_dict["cumQuote"] = cum_quote
        if cum_qty is not UNSET:
            field_dict["cumQty"] = cum_qty
        if orig_type is not UNSET:
            field_dict["origType"] = orig_type
        if reduce_only is not UNSET:
            field_dict["reduceOnly"] = reduce_only
        if position_side is not UNSET:
            field_dict["positionSide"] = position_side
        if stop_price is not UNSET:
            field_dict["stopPrice"] = stop_price
        if close_position is not UNSET:
            field_dict["closePosition"] = close_position
        if pair is not UNSET:
            field_dict["pair"] = pair
        if time_in_force is not UNSET:
            field_dict["timeInForce"] = time_in_force
        if activate_price is not UNSET:
            field_dict["activatePrice"] = activate_price
        if price_rate is not UNSET:
            field_dict["priceRate"] = price_rate
        if working_type is not UNSET:
            field_dict["workingType"] = working_type
        if price_protect is not UNSET:
            field_dict["priceProtect"] = price_protect
        if price_match is not UNSET:
            field_dict["priceMatch"] = price_match
        if self_trade_prevention_mode is not UNSET:
            field_dict["selfTradePreventionMode"] = self_trade_prevention_mode
        if good_till_date is not UNSET:
            field_dict["goodTillDate"] = good_till_date
        for name in self._nulls:
            field_dict.setdefault(name, None)  # still absent: give back the null received

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, Mapping):
            raise TypeError(f"Order: expected a JSON object, got {type(src_dict).__name__}")
        d = dict(src_dict)
        # Binance sends null for some absent optional fields: null is read as absent, never a reason to refuse.
        nulls = tuple(name for name in _OPTIONAL if name in d and d[name] is None) if None in d.values() else ()
        for name in nulls:
            del d[name]
        wire: dict[str, str] = {}  # each decimal's text as it came: what to_dict writes back
        _client_order_id = d.pop("clientOrderId")
        client_order_id = (
            _client_order_id if type(_client_order_id) is str else _typed(_client_order_id, str, "Order.clientOrderId")
        )

        _executed_qty = d.pop("executedQty")
        if type(_executed_qty) is str and _plain(_executed_qty):
            executed_qty = Decimal(_executed_qty)
            wire["executedQty"] = _executed_qty
        else:
            executed_qty = _decimal(_executed_qty, "Order.executedQty")

        _order_id = d.pop("orderId")
        order_id = (
            _order_id
            if type(_order_id) is int and 1 <= _order_id <= 9223372036854775807
            else _bounded(_typed(_order_id, int, "Order.orderId"), 1, 9223372036854775807, "Order.orderId")
        )

        _orig_qty = d.pop("origQty")
        if type(_orig_qty) is str and _plain(_orig_qty):
            orig_qty = Decimal(_orig_qty)
            wire["origQty"] = _orig_qty
        else:
            orig_qty = _decimal(_orig_qty, "Order.origQty")

        _price = d.pop("price")
        if type(_price) is str and _plain(_price):
            price = Decimal(_price)
            wire["price"] = _price
        else:
            price = _decimal(_price, "Order.price")

        _side = d.pop("side")
        side = _OrderSide_BY_VALUE[_side] if type(_side) is str and _side in _OrderSide_BY_VALUE else OrderSide(_side)

        _status = d.pop("status")
        status = (
            _OrderStatus_BY_VALUE[_status]
            if type(_status) is str and _status in _OrderStatus_BY_VALUE
            else OrderStatus(_status)
        )

        _symbol = d.pop("symbol")
        symbol = _symbol if type(_symbol) is str else _typed(_symbol, str, "Order.symbol")

        _time = d.pop("time")
        time = (
            _time
            if type(_time) is int and -9223372036854775808 <= _time <= 9223372036854775807
            else _bounded(_typed(_time, int, "Order.time"), -9223372036854775808, 9223372036854775807, "Order.time")
        )

        _type_ = d.pop("type")
        type_ = (
            _OrderType_BY_VALUE[_type_] if type(_type_) is str and _type_ in _OrderType_BY_VALUE else OrderType(_type_)
        )

        _update_time = d.pop("updateTime")
        update_time = (
            _update_time
            if type(_update_time) is int and -9223372036854775808 <= _update_time <= 9223372036854775807
            else _bounded(
                _typed(_update_time, int, "Order.updateTime"),
                -9223372036854775808,
                9223372036854775807,
                "Order.updateTime",
            )
        )

        _avg_price = d.pop("avgPrice", UNSET)
        avg_price: Decimal | None
        if _avg_price is UNSET:
            avg_price = UNSET
        elif type(_avg_price) is str and _plain(_avg_price):
            avg_price = Decimal(_avg_price)
            wire["avgPrice"] = _avg_price
        else:
            avg_price = _decimal(_avg_price, "Order.avgPrice")

        _cum_base = d.pop("cumBase", UNSET)
        cum_base: Decimal | None
        if _cum_base is UNSET:
            cum_base = UNSET
        elif type(_cum_base) is str and _plain(_cum_base):
            cum_base = Decimal(_cum_base)
            wire["cumBase"] = _cum_base
        else:
            cum_base = _decimal(_cum_base, "Order.cumBase")

        _cum_quote = d.pop("cumQuote", UNSET)
        cum_quote: Decimal | None
        if _cum_quote is UNSET:
            cum_quote = UNSET
        elif type(_cum_quote) is str and _plain(_cum_quote):
            cum_quote = Decimal(_cum_quote)
            wire["cumQuote"] = _cum_quote
        else:
            cum_quote = _decimal(_cum_quote, "Order.cumQuote")

        _cum_qty = d.pop("cumQty", UNSET)
        cum_qty: Decimal | None
        if _cum_qty is UNSET:
            cum_qty = UNSET
        elif type(_cum_qty) is str and _plain(_cum_qty):
            cum_qty = Decimal(_cum_qty)
            wire["cumQty"] = _cum_qty
        else:
            cum_qty = _decimal(_cum_qty, "Order.cumQty")

        _orig_type = d.pop("origType", UNSET)
        orig_type: OrderType | None
        if _orig_type is UNSET:
            orig_type = UNSET
        else:
            orig_type = (
                _OrderType_BY_VALUE[_orig_type]
                if type(_orig_type) is str and _orig_type in _OrderType_BY_VALUE
                else OrderType(_orig_type)
            )

        _reduce_only = d.pop("reduceOnly", UNSET)
        reduce_only: bool | None
        reduce_only = (
            _reduce_only
            if _reduce_only is UNSET or type(_reduce_only) is bool
            else _typed(_reduce_only, bool, "Order.reduceOnly")
        )

        _position_side = d.pop("positionSide", UNSET)
        position_side: PositionSide | None
        if _position_side is UNSET:
            position_side = UNSET
        else:
            position_side = (
                _PositionSide_BY_VALUE[_position_side]
                if type(_position_side) is str and _position_side in _PositionSide_BY_VALUE
                else PositionSide(_position_side)
            )

        _stop_price = d.pop("stopPrice", UNSET)
        stop_price: Decimal | None
        if _stop_price is UNSET:
            stop_price = UNSET
        elif type(_stop_price) is str and _plain(_stop_price):
            stop_price = Decimal(_stop_price)
            wire["stopPrice"] = _stop_price
        else:
            stop_price = _decimal(_stop_price, "Order.stopPrice")

        _close_position = d.pop("closePosition", UNSET)
        close_position: bool | None
        close_position = (
            _close_position
            if _close_position is UNSET or type(_close_position) is bool
            else _typed(_close_position, bool, "Order.closePosition")
        )

        _pair = d.pop("pair", UNSET)
        pair: str | None
        pair = _pair if _pair is UNSET or type(_pair) is str else _typed(_pair, str, "Order.pair")

        _time_in_force = d.pop("timeInForce", UNSET)
        time_in_force: TimeInForce | None
        if _time_in_force is UNSET:
            time_in_force = UNSET
        else:
            time_in_force = (
                _TimeInForce_BY_VALUE[_time_in_force]
                if type(_time_in_force) is str and _time_in_force in _TimeInForce_BY_VALUE
                else TimeInForce(_time_in_force)
            )

        _activate_price = d.pop("activatePrice", UNSET)
        activate_price: Decimal | None
        if _activate_price is UNSET:
            activate_price = UNSET
        elif type(_activate_price) is str and _plain(_activate_price):
            activate_price = Decimal(_activate_price)
            wire["activatePrice"] = _activate_price
        else:
            activate_price = _decimal(_activate_price, "Order.activatePrice")

        _price_rate = d.pop("priceRate", UNSET)
        price_rate: Decimal | None
        if _price_rate is UNSET:
            price_rate = UNSET
        elif type(_price_rate) is str and _plain(_price_rate):
            price_rate = Decimal(_price_rate)
            wire["priceRate"] = _price_rate
        else:
            price_rate = _decimal(_price_rate, "Order.priceRate")

        _working_type = d.pop("workingType", UNSET)
        working_type: WorkingType | None
        if _working_type is UNSET:
            working_type = UNSET
        else:
            working_type = (
                _WorkingType_BY_VALUE[_working_type]
                if type(_working_type) is str and _working_type in _WorkingType_BY_VALUE
                else WorkingType(_working_type)
            )

        _price_protect = d.pop("priceProtect", UNSET)
        price_protect: bool | None
        price_protect = (
            _price_protect
            if _price_protect is UNSET or type(_price_protect) is bool
            else _typed(_price_protect, bool, "Order.priceProtect")
        )

        _price_match = d.pop("priceMatch", UNSET)
        price_match: PriceMatch | None
        if _price_match is UNSET:
            price_match = UNSET
        else:
            price_match = (
                _PriceMatch_BY_VALUE[_price_match]
                if type(_price_match) is str and _price_match in _PriceMatch_BY_VALUE
                else PriceMatch(_price_match)
            )

        _self_trade_prevention_mode = d.pop("selfTradePreventionMode", UNSET)
        self_trade_prevention_mode: SelfTradePreventionMode | None
        if _self_trade_prevention_mode is UNSET:
            self_trade_prevention_mode = UNSET
        else:
            self_trade_prevention_mode = (
                _SelfTradePreventionMode_BY_VALUE[_self_trade_prevention_mode]
                if type(_self_trade_prevention_mode) is str
                and _self_trade_prevention_mode in _SelfTradePreventionMode_BY_VALUE
                else SelfTradePreventionMode(_self_trade_prevention_mode)
            )

        _good_till_date = d.pop("goodTillDate", UNSET)
        good_till_date: int | None
        good_till_date = (
            _good_till_date
            if _good_till_date is UNSET or type(_good_till_date) is int and 0 <= _good_till_date <= 9223372036854775807
            else _bounded(
                _typed(_good_till_date, int, "Order.goodTillDate"), 0, 9223372036854775807, "Order.goodTillDate"
            )
        )

        _obj = cls(
            client_order_id=client_order_id,
            executed_qty=executed_qty,
            order_id=order_id,
            orig_qty=orig_qty,
            price=price,
            side=side,
            status=status,
            symbol=symbol,
            time=time,
            type_=type_,
            update_time=update_time,
            avg_price=avg_price,
            cum_base=cum_base,
            cum_quote=cum_quote,
            cum_qty=cum_qty,
            orig_type=orig_type,
            reduce_only=reduce_only,
            position_side=position_side,
            stop_price=stop_price,
            close_position=close_position,
            pair=pair,
            time_in_force=time_in_force,
            activate_price=activate_price,
            price_rate=price_rate,
            working_type=working_type,
            price_protect=price_protect,
            price_match=price_match,
            self_trade_prevention_mode=self_trade_prevention_mode,
            good_till_date=good_till_date,
        )
        _obj._nulls = nulls
        _obj._wire = wire

        _obj.additional_properties = d
        return _obj

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
