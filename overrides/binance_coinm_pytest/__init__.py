"""The pytest plugin installed with binance-coinm (entry point pytest11): the `binance_sandbox` fixture.

A package of its own, outside binance_coinm: pytest imports every installed plugin in every run, and importing a
module of binance_coinm would import the SDK (httpx) first. This imports only pytest.

    def test_my_bot(binance_sandbox):
        with binance_sandbox.client() as client:
            my_bot.run(client)  # your code, calling the exchange through client
        assert all(request.status == 200 for request in binance_sandbox.requests)

Nothing is imported until a test asks for the fixture, so installing the package costs other test runs nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from binance_coinm.testing import ExchangeSimulator


@pytest.fixture
def binance_sandbox() -> Iterator[ExchangeSimulator]:
    """A fresh ExchangeSimulator for each test, running on 127.0.0.1 with the demo account (DEMO_API_KEY,
    DEMO_API_SECRET, demo_orders()); stopped after the test."""
    from binance_coinm.testing import ExchangeSimulator  # noqa: PLC0415 - when a test asks for it

    with ExchangeSimulator() as simulator:
        yield simulator
