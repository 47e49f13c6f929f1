"""The pacing run of `make bench`: one Client with 8 threads and one AsyncClient at concurrency 100, each making
enough calls to need several of the simulator's weight windows, with and without the client's pacing. The simulator
(binance_coinm.testing, in this process) enforces the budget as Binance does: 429 -1003 past it.

tests/test_pacing.py runs the same drivers on a smaller budget.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from binance_coinm import AsyncClient, Client, RateLimitError
from binance_coinm.testing import DEMO_API_KEY, DEMO_API_SECRET, ExchangeSimulator, demo_exchange


@dataclass
class PacingResult:
    name: str
    paced: bool
    calls: int
    answered: int  # 200s
    refused: int  # 429s from the exchange
    seconds: float
    limit: int
    window: float

    @property
    def share_of_budget(self) -> float:
        """Calls per second as a share of what the budget allows (weight 1 per call)."""
        return (self.answered / self.seconds) / (self.limit / self.window)

    def row(self) -> str:
        return (
            f"| {self.name} | {'on' if self.paced else 'off'} | {self.calls:,} | {self.answered:,} | {self.refused:,} "
            f"| {self.seconds:.1f} | {self.answered / self.seconds:,.0f} | {self.share_of_budget:.0%} |"
        )


HEADER = (
    "| client | pacing | calls | answered | 429s | seconds | calls/s | share of the budget |\n"
    "|---|---|---|---|---|---|---|---|"
)


def threads(client: Client, calls: int, count: int = 8) -> None:
    """calls queries, spread over count threads sharing client."""

    def work(share: int) -> None:
        for _ in range(share):
            with contextlib.suppress(RateLimitError):  # the 429s are counted by the simulator
                client.query_order("BTCUSD_PERP", order_id=2)

    workers = [threading.Thread(target=work, args=(calls // count + (i < calls % count),)) for i in range(count)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


async def tasks(client: AsyncClient, calls: int, concurrency: int = 100) -> None:
    """calls queries from tasks on client, at most concurrency at once."""
    gate = asyncio.Semaphore(concurrency)

    async def one() -> None:
        async with gate:
            with contextlib.suppress(RateLimitError):  # the 429s are counted by the simulator
                await client.query_order("BTCUSD_PERP", order_id=2)

    await asyncio.gather(*(one() for _ in range(calls)))


def run(kind: str, paced: bool, limit: int, window: float, calls: int) -> PacingResult:
    """One run of kind ("Client" with 8 threads, or "AsyncClient" at concurrency 100) against a fresh simulator
    with a budget of limit weight per window seconds."""
    options: dict[str, Any] = {"weight_limit": limit if paced else None, "weight_window": window, "retries": 0}
    with ExchangeSimulator(demo_exchange(weight_limit=limit, weight_window=window)) as sandbox:
        started = time.monotonic()
        if kind == "Client":
            with Client(DEMO_API_KEY, DEMO_API_SECRET, base_url=sandbox.base_url, **options) as client:
                threads(client, calls)
        else:

            async def run_tasks() -> None:
                async with AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, base_url=sandbox.base_url, **options) as client:
                    await tasks(client, calls)

            asyncio.run(run_tasks())
        seconds = time.monotonic() - started
        statuses = Counter(request.status for request in sandbox.requests)
    name = "Client, 8 threads" if kind == "Client" else "AsyncClient, concurrency 100"
    return PacingResult(name, paced, calls, statuses[200], statuses[429], seconds, limit, window)


def report(limit: int = 600, window: float = 2.0, calls: int = 2000) -> list[PacingResult]:
    return [run(kind, paced, limit, window, calls) for kind in ("Client", "AsyncClient") for paced in (True, False)]
