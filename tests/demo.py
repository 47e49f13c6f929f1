"""make demo: start the exchange simulator, query one open order through the public Client, print it, stop."""

from __future__ import annotations

from binance_coinm import Client, Order

from tests.simulator import DEMO_API_KEY, DEMO_API_SECRET, serve


def render(order: Order) -> str:
    """The order's wire fields, each with its meaning in English and Chinese from the spec."""
    wire = order.to_dict()
    documented = [name for name in Order.FIELD_DESCRIPTIONS if name in wire]
    ordered = documented + sorted(set(wire) - set(documented))
    width = max(map(len, wire))
    lines = []
    for name in ordered:
        value = wire[name]
        english, chinese = Order.FIELD_DESCRIPTIONS.get(
            name, ("(not in the spec: kept as received)", "（规范未定义，原样保留）")
        )
        lines.append(f"  {name:<{width}}  {value!s:<22} {english} / {chinese}")
    return "\n".join(lines)


def main() -> None:
    with serve() as (base_url, _), Client(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url) as client:
        print(f"Simulator at {base_url}; GET /dapi/v1/openOrder symbol=BTCUSD_200925 orderId=1917641")
        order = client.query_current_open_order("BTCUSD_200925", order_id=1917641)
        print(render(order))
        print(f"status is {order.status!r}; origQty is {order.orig_qty!r} (exact Decimal, not float)")


if __name__ == "__main__":
    main()
