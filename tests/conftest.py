"""Shared fixtures: a fresh exchange simulator per test, clients pointed at it, and a secret-leak guard."""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
import os
import subprocess
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from binance_coinm import AsyncClient, Client, RetryPolicy
from binance_coinm.testing import DEMO_API_KEY, DEMO_API_SECRET, Exchange, ExchangeSimulator, demo_exchange
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from hypothesis import settings

# Under make mutate (tools/mutate.py sets it) every test runs once per mutant that reaches it: property tests draw
# a few examples, always the same ones, so that a run takes minutes and a mutant's verdict does not vary by run.
MUTATION = os.environ.get("BINANCE_COINM_MUTATION") == "1"
settings.register_profile("mutation", max_examples=10, derandomize=True, database=None)
if MUTATION:
    settings.load_profile("mutation")


def examples(wanted: int) -> int:
    """max_examples for a property test: wanted, or the mutation profile's few under make mutate."""
    return min(wanted, 10) if MUTATION else wanted


@functools.cache
def node_tools() -> Path:
    """node_modules/ with the pinned npm tools (redocly, tsc, openapi-typescript), installed by `make` if it is
    missing; a failure names the command to run instead of surfacing as "redocly: No such file"."""
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(["make", "--no-print-directory", "-C", str(root), "node_modules/.installed"],
                          capture_output=True, text=True, check=False, timeout=600)  # fmt: skip
    if done.returncode != 0 or not (root / "node_modules" / ".bin" / "redocly").exists():
        pytest.fail(f"the pinned npm tools are missing and `npm ci` failed: run `make setup` (needs Node.js and "
                    f"npm's registry)\n{done.stdout}{done.stderr}", pytrace=False)  # fmt: skip
    return root / "node_modules"


# Retries without waiting, so fault tests stay fast; the policy's own delays are tested separately.
FAST_RETRIES = RetryPolicy(max_attempts=3, budget=5.0, backoff=0.001, max_backoff=0.002)


@pytest.fixture
def exchange() -> Exchange:
    return demo_exchange()


@pytest.fixture
def simulator(exchange: Exchange) -> Iterator[ExchangeSimulator]:
    with ExchangeSimulator(exchange) as running:
        yield running


@pytest.fixture
def base_url(simulator: ExchangeSimulator) -> str:
    return simulator.base_url


@pytest.fixture(autouse=True)
def no_secret_in_logs(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Every test runs with all loggers at DEBUG; no record may contain a secret or private key."""
    caplog.set_level(logging.DEBUG)
    yield
    for secret in SECRETS:
        assert secret not in caplog.text


SECRETS: list[str] = [DEMO_API_SECRET]


def leak_free(error: BaseException) -> bool:
    """True when neither str() nor repr() of the error (and its cause chain) holds a known secret."""
    seen: BaseException | None = error
    while seen is not None:
        if any(secret in str(seen) or secret in repr(seen) for secret in SECRETS):
            return False
        seen = seen.__cause__ or seen.__context__
    return True


async def _awaited(awaitable: Awaitable[Any]) -> Any:
    return await awaitable


class Driven:
    """An AsyncClient used from synchronous test code, so that one test proves a behaviour for both clients.

    Each method call runs to its end on one event loop that lives as long as the client, as in an async program:
    the client's connection pool is kept across calls. close() and `with` run aclose(); a public method whose
    result is not awaitable fails the test.
    """

    def __init__(self, client: AsyncClient) -> None:
        self.client = client
        self._runner = asyncio.Runner()
        self._closed = False

    def __getattr__(self, name: str) -> Any:
        value = getattr(self.client, name)
        if not callable(value):
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            result = value(*args, **kwargs)
            if not inspect.isawaitable(result):
                # Every public method of AsyncClient is a coroutine: one that is not must fail, not pass as sync.
                assert name.startswith("_"), f"AsyncClient.{name}() returned {result!r}, not an awaitable"
                return result
            return asyncio.run(_awaited(result)) if self._closed else self._runner.run(result)  # after close()

        return call

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._runner.run(self.client.aclose())
        finally:
            self._runner.close()

    def __enter__(self) -> Driven:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


AnyClient = Client | Driven
MakeClient = Callable[..., AnyClient]


@pytest.fixture(params=["Client", "AsyncClient"])
def client_kind(request: pytest.FixtureRequest) -> str:
    kind: str = request.param
    return kind


@pytest.fixture
def make_client(base_url: str, client_kind: str) -> Iterator[MakeClient]:
    """make_client(**options): a Client, or an AsyncClient driven from sync code, as the test's parameter says.

    Options go to the constructor; base_url defaults to the simulator's, retries to FAST_RETRIES, the keys to the
    demo keys. Every client made is closed at the end of the test."""
    made: list[AnyClient] = []

    def make(*keys: Any, **options: Any) -> AnyClient:
        keys = keys or (() if "private_key" in options else (DEMO_API_KEY, DEMO_API_SECRET))
        options = {"base_url": base_url, "retries": FAST_RETRIES, **options}
        made.append(Client(*keys, **options) if client_kind == "Client" else Driven(AsyncClient(*keys, **options)))
        return made[-1]

    yield make
    for each in made:
        each.close()


@pytest.fixture
def client(make_client: MakeClient) -> AnyClient:
    """The default client of each kind (the test runs once with a Client, once with an AsyncClient)."""
    return make_client()


@pytest.fixture
def async_client(base_url: str) -> AsyncClient:
    return AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url, retries=FAST_RETRIES)


def _pem(key: ed25519.Ed25519PrivateKey | rsa.RSAPrivateKey) -> tuple[bytes, bytes]:
    private = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    public = key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    SECRETS.append(private.decode().splitlines()[1])  # a line of the key body must never leak
    return private, public


@pytest.fixture(scope="session")
def ed25519_pem() -> tuple[bytes, bytes]:
    return _pem(ed25519.Ed25519PrivateKey.generate())


@pytest.fixture(scope="session")
def rsa_pem() -> tuple[bytes, bytes]:
    return _pem(rsa.generate_private_key(public_exponent=65537, key_size=2048))


def both_answers(base_url: str, call: Callable[[Any], Any], **options: Any) -> list[object]:
    """What call gives on a Client, then on an AsyncClient (its result awaited there): the result, or what it
    raises. options go to both constructors (fast retries unless they say otherwise)."""
    options = {"base_url": base_url, "retries": FAST_RETRIES, **options}
    answers: list[object] = []
    with Client(DEMO_API_KEY, DEMO_API_SECRET, **options) as client:
        try:
            answers.append(call(client))
        except Exception as error:
            answers.append(error)

    async def run() -> object:
        async with AsyncClient(DEMO_API_KEY, DEMO_API_SECRET, **options) as client:
            awaitable: Awaitable[Any] = call(client)
            return await awaitable

    try:
        answers.append(asyncio.run(run()))
    except Exception as error:
        answers.append(error)
    return answers


def both_clients(base_url: str, call: Callable[[Any], Any]) -> list[BaseException]:
    """What call raises on a Client and on an AsyncClient (call's result is awaited for the async one)."""
    return [answer for answer in both_answers(base_url, call) if isinstance(answer, BaseException)]
