"""make soak: sustained load against the simulator in its own process; prints a table of what it measured.

Sequential queries on one Client, then concurrent queries on one AsyncClient. Reports errors (must be 0),
TCP connections the simulator saw opened (bounded by the pool size), and this process's RSS and open file
descriptors before, and after closing the client. A smaller run is part of the pytest suite (test_soak.py).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from binance_coinm import AsyncClient, BinanceError, Client
from binance_coinm.testing import DEMO_API_KEY, DEMO_API_SECRET

QUERIES = [  # (symbol, order_id, orig_client_order_id): by id, by client id with :/. and a Chinese symbol
    ("BTCUSD_200925", 1917641, None),
    ("BTCUSD_PERP", None, "web_:/.x-1"),
    ("币安人生USD_PERP", 5, None),
]
POOL_SIZE = 100


@dataclass
class Result:
    name: str
    calls: int
    errors: int
    seconds: float
    connections: int
    rss_growth_kib: int
    fd_growth_after_close: int

    def row(self) -> str:
        return (
            f"| {self.name} | {self.calls:,} | {self.errors} | {self.calls / self.seconds:,.0f} | "
            f"{self.connections} | {self.rss_growth_kib:,} | {self.fd_growth_after_close} |"
        )


def rss_kib() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@contextmanager
def simulator_process(core: int | None = None) -> Iterator[str]:
    """The simulator in a child process (pinned to core, if given), so its work does not count against ours."""
    pin = None if core is None else (lambda: os.sched_setaffinity(0, {core}))
    child = subprocess.Popen(
        [sys.executable, "-m", "binance_coinm.cli", "sandbox", "--quiet", "--weight-limit", "0"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        preexec_fn=pin,  # noqa: PLW1509 - runs before the child has threads
    )
    try:
        assert child.stdout is not None
        yield child.stdout.readline().strip()
    finally:
        with child:  # closes its pipe
            child.terminate()
            child.wait(timeout=10)


def stats(base_url: str) -> dict[str, int]:
    return dict(httpx.get(f"{base_url}/_simulator/stats", timeout=5).json())


def soak_sync(base_url: str, calls: int) -> Result:
    before, fds, started = stats(base_url), open_fds(), time.perf_counter()
    errors, rss = 0, 0
    with Client(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url, pool_size=POOL_SIZE, weight_limit=None) as client:
        for i in range(calls):
            if i == calls // 10:
                rss = rss_kib()  # after warm-up: what grows from here on would be a leak
            symbol, order_id, client_id = QUERIES[i % len(QUERIES)]
            try:
                client.query_current_open_order(symbol, order_id=order_id, orig_client_order_id=client_id)
            except BinanceError:
                errors += 1
        seconds = time.perf_counter() - started
        grown = rss_kib() - rss
    after = stats(base_url)
    return Result("Client, sequential", calls, errors, seconds, after["connections"] - before["connections"] - 1,
                  grown, open_fds() - fds)  # fmt: skip


def soak_async(base_url: str, calls: int, concurrency: int) -> Result:
    async def worker(client: AsyncClient, start: int, stop: int) -> int:
        errors = 0
        for i in range(start, stop, concurrency):
            symbol, order_id, client_id = QUERIES[i % len(QUERIES)]
            try:
                await client.query_current_open_order(symbol, order_id=order_id, orig_client_order_id=client_id)
            except BinanceError:
                errors += 1
        return errors

    async def run() -> tuple[int, float, int]:
        async with AsyncClient(
            DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url, pool_size=POOL_SIZE, weight_limit=None
        ) as client:
            started, warm_up = time.perf_counter(), calls // 10
            errors = sum(await asyncio.gather(*(worker(client, n, warm_up) for n in range(concurrency))))
            rss = rss_kib()  # after warm-up: what grows from here on would be a leak
            errors += sum(await asyncio.gather(*(worker(client, warm_up + n, calls) for n in range(concurrency))))
            return errors, time.perf_counter() - started, rss_kib() - rss

    before, fds = stats(base_url), open_fds()
    errors, seconds, grown = asyncio.run(run())
    after = stats(base_url)
    return Result(f"AsyncClient, concurrency {concurrency}", calls, errors, seconds,
                  after["connections"] - before["connections"] - 1, grown, open_fds() - fds)  # fmt: skip


def run(calls: int, concurrency: int) -> list[Result]:
    with simulator_process() as base_url:
        httpx.get(f"{base_url}/dapi/v1/time", timeout=5)  # warm up imports and the simulator
        return [soak_sync(base_url, calls), soak_async(base_url, calls, concurrency)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=100)
    args = parser.parse_args()
    results = run(args.calls, args.concurrency)
    print(f"pool size {POOL_SIZE}; simulator in its own process on 127.0.0.1\n")
    print("| run | calls | errors | calls/s | TCP connections opened | RSS growth after warm-up (KiB) |", end="")
    print(" FDs left after close |")
    print("|---|---|---|---|---|---|---|")
    for result in results:
        print(result.row())
    sys.exit(1 if any(r.errors for r in results) else 0)


if __name__ == "__main__":
    main()
