"""Signing is describable for other languages: a TypeScript client written from the spec alone (its types from
openapi-typescript, its signing from the Signature scheme's x-signing, node's crypto) is accepted by the
simulator, which verifies signatures with its own code, and reads the same orders as the Python client."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from binance_coinm import Client
from binance_coinm.testing import DEMO_API_KEY, DEMO_API_SECRET, Exchange

ROOT = Path(__file__).resolve().parent.parent
SIGNED = ROOT / "build" / "typescript" / "out" / "signed.js"


def test_a_typescript_client_signs_from_the_spec_and_reads_what_python_reads(base_url: str, exchange: Exchange) -> None:
    node = shutil.which("node")
    assert node, "node is needed (Node.js 20 is on the development machine and in CI)"
    assert SIGNED.exists(), "build/typescript/out/signed.js is built by `make ts-check` (part of make check / test)"
    symbol, client_order_id = "BTCUSD_PERP", "web_:/.x-1"  # ':' '/' '.': percent-encoded, signed as sent
    done = subprocess.run(
        [node, str(SIGNED), base_url, DEMO_API_KEY, DEMO_API_SECRET, symbol, "2", client_order_id],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    typescript_orders = json.loads(done.stdout)
    with Client(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url) as client:
        python_orders = [
            client.query_current_open_order(symbol, order_id=2).to_dict(),
            client.query_current_open_order(symbol, orig_client_order_id=client_order_id).to_dict(),
        ]
    assert typescript_orders == python_orders
    assert [order["clientOrderId"] for order in typescript_orders] == [client_order_id] * 2
    queries = [r.query for r in exchange.requests if r.path == "/dapi/v1/openOrder"]
    assert len(queries) == 4 and all(query.rsplit("&", 1)[1].startswith("signature=") for query in queries)
    assert "origClientOrderId=web_%3A%2F.x-1" in queries[1]  # the TypeScript request, encoded as the spec says
