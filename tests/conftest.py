"""Shared fixtures: a fresh exchange simulator per test, clients pointed at it, and a secret-leak guard."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from binance_coinm import AsyncClient, Client, RetryPolicy
from binance_coinm.testing import DEMO_API_KEY, DEMO_API_SECRET, Exchange, ExchangeSimulator, demo_exchange
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

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


@pytest.fixture
def client(base_url: str) -> Iterator[Client]:
    with Client(DEMO_API_KEY, DEMO_API_SECRET, base_url=base_url, retries=FAST_RETRIES) as c:
        yield c


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
