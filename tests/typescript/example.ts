// TypeScript smoke client: types generated from spec/openapi.yaml by openapi-typescript, checked by tsc --strict.
// It proves another language's generator reads the spec as meant: typed query parameters, an Order with
// decimal strings, integer ids and enum members. Run by `make check` (see the Makefile's ts-check).
import type { components, paths } from "../../build/typescript/openapi";

type OpenOrderQuery = paths["/dapi/v1/openOrder"]["get"]["parameters"]["query"];
type Order = components["schemas"]["Order"];
type OrderStatus = components["schemas"]["OrderStatus"];

export const byOrderId: OpenOrderQuery = { symbol: "BTCUSD_PERP", orderId: 1917641, recvWindow: 5000 };
export const byClientId: OpenOrderQuery = { symbol: "BTCUSD_PERP", origClientOrderId: "web_:/.x-1" };

export function describe(order: Order): string {
  const quantity: string = order.origQty; // a decimal string: never parsed into a float here
  const id: number = order.orderId;
  const status: OrderStatus = order.status;
  const average: string | null | undefined = order.avgPrice; // optional, and Binance may send null
  return `${id} ${order.symbol} ${status} ${quantity} @ ${average ?? "-"}`;
}

export const open: OrderStatus[] = ["NEW", "PARTIALLY_FILLED"];

// @ts-expect-error symbol is required
export const missingSymbol: OpenOrderQuery = { orderId: 1 };
// @ts-expect-error orderId is an integer, not a string
export const stringId: OpenOrderQuery = { symbol: "BTCUSD_PERP", orderId: "1917641" };
// @ts-expect-error origQty is a decimal string, not a number
export const numericQuantity: Order["origQty"] = 0.4;
