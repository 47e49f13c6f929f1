// A signed client in another language, from the spec alone: types from openapi-typescript, and signing as the
// Signature scheme's x-signing says (HMAC-SHA256 over the query as sent, hex; timestamp in ms; signature last),
// with node's crypto. tests/test_typescript_client.py runs it against the simulator and compares its orders
// with the Python client's. Usage: node signed.js BASE_URL API_KEY API_SECRET SYMBOL ORDER_ID CLIENT_ORDER_ID
import { createHmac } from "node:crypto";
import type { components, paths } from "../../build/typescript/openapi";

type Query = paths["/dapi/v1/openOrder"]["get"]["parameters"]["query"];
type Order = components["schemas"]["Order"];

function signedQuery(query: Query, secret: string): string {
  const fields: [string, string][] = Object.entries(query).map(([k, v]) => [k, String(v)]);
  fields.push(["timestamp", String(Date.now())]);
  const sent = new URLSearchParams(fields).toString(); // percent-encoded UTF-8, exactly as it will be sent
  return `${sent}&signature=${createHmac("sha256", secret).update(sent).digest("hex")}`;
}

async function openOrder(base: string, key: string, secret: string, query: Query): Promise<Order> {
  const response = await fetch(`${base}/dapi/v1/openOrder?${signedQuery(query, secret)}`, {
    headers: { "X-MBX-APIKEY": key },
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as Order;
}

async function main(): Promise<void> {
  const [base, key, secret, symbol, orderId, clientOrderId] = process.argv.slice(2);
  if (!base || !key || !secret || !symbol || !orderId || !clientOrderId) throw new Error("usage: see the header");
  const orders = [
    await openOrder(base, key, secret, { symbol, orderId: Number(orderId), recvWindow: 5000 }),
    await openOrder(base, key, secret, { symbol, origClientOrderId: clientOrderId }),
  ];
  process.stdout.write(JSON.stringify(orders));
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
