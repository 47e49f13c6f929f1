"""make bench's A/B of the hostile-world guarantees measures what it says: inside guarantees_off() the guarantees
are really off, for both clients, and everything is back on after it."""

from __future__ import annotations

import logging

import pytest
from binance_coinm import RequestTimeoutError, ResponseTooLargeError, client, redaction
from binance_coinm.testing import ExchangeSimulator

from bench.guarantees import guarantees_off
from tests.conftest import MakeClient


def test_inside_guarantees_off_the_body_cap_and_deadline_are_off(
    make_client: MakeClient, simulator: ExchangeSimulator
) -> None:
    with guarantees_off():
        unguarded = make_client(max_body_size=100, deadline=0.1, retries=0)
        simulator.delay_next(0.3)
        order = unguarded.query_current_open_order("BTCUSD_200925", order_id=1917641)  # ~600 bytes, 0.3 s late
        assert order.order_id == 1917641
    guarded = make_client(max_body_size=100, retries=0)
    with pytest.raises(ResponseTooLargeError):
        guarded.query_current_open_order("BTCUSD_200925", order_id=1917641)
    simulator.delay_next(0.3)
    with pytest.raises(RequestTimeoutError):
        make_client(deadline=0.1, retries=0).query_current_open_order("BTCUSD_200925", order_id=1917641)


def test_guarantees_off_puts_everything_back() -> None:
    before = (client.BodyReader, client.drop_if_surplus, client.sync_transport, client.Client._send,
              client.AsyncClient._send)  # fmt: skip
    with guarantees_off():
        assert redaction._FILTER not in logging.getLogger("httpx").filters
        assert client.BodyReader is not before[0]
    after = (client.BodyReader, client.drop_if_surplus, client.sync_transport, client.Client._send,
             client.AsyncClient._send)  # fmt: skip
    assert after == before
    assert redaction._FILTER in logging.getLogger("httpx").filters
