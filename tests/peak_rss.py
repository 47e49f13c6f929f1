"""python -m tests.peak_rss Client|AsyncClient URL: one call of query_order against URL, after a warm-up call of
check_server_time; prints, as JSON, how much the call added to the process's peak RSS and what it raised.

A process of its own, so that the peak measured is the call's and not the test runner's."""

from __future__ import annotations

import asyncio
import json
import resource
import sys
from typing import Any

from binance_coinm import AsyncClient, Client, RetryPolicy


def peak() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB


def report(before: int, error: BaseException | None) -> None:
    print(json.dumps({
        "added": peak() - before,
        "error": type(error).__name__,
        "status": getattr(error, "status_code", None),
        "message": str(error),
    }))  # fmt: skip


def main(kind: str, url: str) -> None:
    options: dict[str, Any] = {"base_url": url, "retries": RetryPolicy(max_attempts=1)}
    if kind == "Client":
        with Client("key", "secret", **options) as client:
            client.check_server_time()  # imports and a connection: what any call costs first
            before = peak()
            try:
                client.query_order("BTCUSD_PERP", order_id=2)
            except Exception as error:
                report(before, error)
            else:
                report(before, None)
        return

    async def run() -> None:
        async with AsyncClient("key", "secret", **options) as client:
            await client.check_server_time()
            before = peak()
            try:
                await client.query_order("BTCUSD_PERP", order_id=2)
            except Exception as error:
                report(before, error)
            else:
                report(before, None)

    asyncio.run(run())


if __name__ == "__main__":
    main(*sys.argv[1:])
