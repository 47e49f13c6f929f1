"""The simulated exchange over HTTP: aiohttp's web server, on its own event loop in a background thread.

One loop serves every connection, so a hundred concurrent clients do not become a hundred threads fighting over
the GIL, and a test's own event loop (for AsyncClient) is never blocked by the server. aiohttp exposes the raw
query string, which is what a signature covers; its access log is off, so no signature is logged.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import math
import socket
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

from .exchange import Exchange, Fault, Request, Route, demo_exchange

_EXCHANGE = web.AppKey("exchange", Exchange)
# Binance's text for -1003 (Error Codes page); the limit is the exchange's own.
TOO_MANY_REQUESTS = (
    "Too many requests; current limit is {limit} requests per minute. Please use the websocket for live updates "
    "to avoid polling the API."
)
# Generous, as Binance's front end is: a long but valid query must reach the rules, not aiohttp's 8 KiB default.
_PARSER_LIMITS = {"max_line_size": 65536, "max_field_size": 65536}
_SHUTDOWN_SECONDS = 0.5  # a held "gather" or "delay" answer is cancelled after this when the server stops


def _json(status: int, body: Any, weight: int, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(
        status=status,
        body=json.dumps(body, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json", "X-MBX-USED-WEIGHT-1M": str(weight), **(headers or {})},
    )


async def _serve_request(request: web.Request) -> web.StreamResponse:
    exchange = request.app[_EXCHANGE]
    method, path, query = request.method, request.rel_url.raw_path, request.rel_url.raw_query_string
    record = Request(method, path, query, request.headers.get("X-MBX-APIKEY"))
    route = exchange.routes.get((method, path))
    sent = {name for name, _ in parse_qsl(query, keep_blank_values=True)}
    with exchange.lock:
        if request.transport is not None and request.transport not in exchange.transports:
            exchange.transports.add(request.transport)
            exchange.connections += 1
        if not request.raw_path.startswith("/"):  # absolute form: the request came through the simulator as a proxy
            exchange.proxied += 1
        exchange.requests.append(record)
        weight, retry_after = exchange.spend_weight(route.weight_for(sent) if route else 1)
    response = await _answer(exchange, record, route, weight, retry_after)
    record.status = response.status if response is not None else None
    listener = exchange.on_request
    if listener is not None:
        try:
            listener(record)
        except Exception:  # a listener that fails (a closed pipe) must not change the answer: it is dropped
            exchange.on_request = None
    if response is None:  # the "close" fault: hang up without a word
        if request.transport is not None:
            request.transport.abort()
        raise asyncio.CancelledError
    return response


async def _answer(
    exchange: Exchange, record: Request, route: Route | None, weight: int, retry_after: float | None
) -> web.Response | None:
    fault = exchange.take_fault(record.path)
    if fault is not None:
        if fault.kind == "close":
            return None
        if fault.kind == "status":
            headers = {"X-MBX-USED-WEIGHT-1M": str(weight), **fault.headers}
            return web.Response(status=fault.status, body=fault.body, headers=headers)
        await _hold(fault)
    if retry_after is not None:
        limit = exchange.weight_limit
        text = TOO_MANY_REQUESTS.format(limit=limit)
        return _json(429, {"code": -1003, "msg": text}, weight, {"Retry-After": str(math.ceil(retry_after))})
    if route is not None:
        status, body = exchange.handle(route, record.query.encode("latin-1"), record.api_key)
        return _json(status, body, weight)
    if record.path == "/_simulator/stats":  # not Binance's: lets a load test in another process read the counters
        with exchange.lock:
            return _json(200, {"connections": exchange.connections, "requests": len(exchange.requests)}, weight)
    if any(known == record.path for _, known in exchange.routes):
        return _json(405, {"code": -1000, "msg": "Method not allowed."}, weight)
    return _json(404, {"code": -1000, "msg": "Not found."}, weight)


async def _hold(fault: Fault) -> None:
    if fault.kind == "gather":
        if fault.times <= 0:
            fault.arrived.set()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(fault.arrived.wait(), fault.seconds or 10)
    else:
        await asyncio.sleep(fault.seconds)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@contextmanager
def serve(exchange: Exchange | None = None, port: int = 0, host: str = "127.0.0.1") -> Iterator[tuple[str, Exchange]]:
    """Serve exchange (default: the demo exchange) on host:port (a free port by default); yields (base_url,
    exchange) and stops the server afterwards. Binding anything but a loopback address is the caller's choice
    to make and say (ExchangeSimulator warns)."""
    state = exchange or demo_exchange()
    app = web.Application(handler_args=_PARSER_LIMITS)
    app[_EXCHANGE] = state
    app.router.add_route("*", "/{tail:.*}", _serve_request)
    runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=_SHUTDOWN_SECONDS)
    loop = asyncio.new_event_loop()
    ready: Future[int] = Future()

    async def start() -> None:
        try:
            await runner.setup()
            site = web.TCPSite(runner, host, port, backlog=1024)
            await site.start()
            sockets: Sequence[socket.socket] = getattr(site._server, "sockets", ())  # aiohttp shows it nowhere else
            ready.set_result(sockets[0].getsockname()[1])
        except BaseException as error:  # e.g. the port is taken: the caller sees it, the thread ends cleanly
            ready.set_exception(error)

    thread = threading.Thread(target=loop.run_forever, name="binance-coinm-simulator", daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(start(), loop)
    try:
        bound = ready.result(timeout=10)
    except BaseException:
        _stop_loop(loop, runner, thread)
        raise
    try:
        # A wildcard address serves this machine too: the URL to give a client here is the loopback one.
        local = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)  # noqa: S104 - names it, binds nothing
        shown = f"[{local}]" if ":" in local else local
        yield f"http://{shown}:{bound}", state
    finally:
        _stop_loop(loop, runner, thread)


async def _shutdown(runner: web.AppRunner) -> None:
    """Stop serving, then end what is still running (an answer held by a delay): nothing left for a closed loop."""
    with contextlib.suppress(Exception):
        await runner.cleanup()
    pending = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)


def _stop_loop(loop: asyncio.AbstractEventLoop, runner: web.AppRunner, thread: threading.Thread) -> None:
    with contextlib.suppress(Exception):
        asyncio.run_coroutine_threadsafe(_shutdown(runner), loop).result(timeout=10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=5)
    if not thread.is_alive():
        loop.close()
