// The corpus read by a TypeScript client generated from the spec (openapi-generator's typescript-fetch): each
// entry parsed by the generated OrderFromJSON / ServerTimeFromJSON and written back by its ...ToJSON.
// tests/test_corpus.py generates the client into build/corpus/typescript, compiles this with tsc and compares
// what it prints with the corpus. Usage: node corpus.js KIND=FILE ...   (KIND: order, orders or server-time)
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { OrderFromJSON, OrderToJSON } from "../../build/corpus/typescript/models/Order";
import { ServerTimeFromJSON, ServerTimeToJSON } from "../../build/corpus/typescript/models/ServerTime";

const readers: Record<string, (json: unknown) => unknown> = {
  order: (json) => OrderToJSON(OrderFromJSON(json)),
  orders: (json) => (json as unknown[]).map((item) => OrderToJSON(OrderFromJSON(item))),
  "server-time": (json) => ServerTimeToJSON(ServerTimeFromJSON(json)),
};

const written: Record<string, unknown> = {};
for (const argument of process.argv.slice(2)) {
  const [kind, file] = argument.split("=", 2);
  const read = kind === undefined ? undefined : readers[kind];
  if (read === undefined || file === undefined) throw new Error(`not KIND=FILE: ${argument}`);
  written[basename(file).replace(/\.json$/, "")] = read(JSON.parse(readFileSync(file, "utf-8")));
}
process.stdout.write(JSON.stringify(written));
