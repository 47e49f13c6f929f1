"""A small `make soak`: sustained load, no errors, bounded connections, no descriptors left behind."""

from __future__ import annotations

from tests import soak


def test_sustained_load_is_error_free_and_bounded() -> None:
    sequential, concurrent = soak.run(calls=600, concurrency=50)
    assert sequential.errors == 0 and concurrent.errors == 0
    assert sequential.connections == 1  # keep-alive: one connection for every sequential call
    assert 1 <= concurrent.connections <= soak.POOL_SIZE
    assert sequential.fd_growth_after_close <= 0 and concurrent.fd_growth_after_close <= 0
