"""Weight-aware pacing: a client keeps under the exchange's request-weight budget instead of collecting 429s and
then a 418 ban.

Binance counts the weight of every request per IP in fixed windows of its clock (COIN-M: 2,400 per minute;
"Limits", General Info) and reports the window's total in X-MBX-USED-WEIGHT-1M on every answer. The spec gives
each operation's weight (x-weight, Operation.weight_for). A client's account holds, for the current window, the
largest total the exchange reported and the weight this client sent; a request that would push the larger of the
two past the budget waits for the next window.
"""

from __future__ import annotations

import math
import threading
import time

from .signing import ServerClock

# Sent this long after the window rolls over by our clock: the exchange's clock may still be that far behind (the
# offset is measured to a round trip's precision, or not at all), and a request it counts in the old, full window
# is refused.
ROLLOVER_GUARD_SECONDS = 0.1
# Binance's IP bans "scale in duration for repeat offenders, from 2 minutes to 3 days" (General Info: Limits): a
# longer Retry-After is not the exchange's.
LONGEST_BAN_SECONDS = 3 * 86_400.0
NOT_SAID = float("inf")  # a 429 or 418 without a Retry-After (settle's retry_after)
BANNED = -2  # what reserve() gives as its window while the exchange has asked for silence


class WeightAccount:
    """The request weight one client has used in the exchange's current window; shared by its threads and tasks.

    limit: the budget per window (Binance's default for COIN-M: 2,400); window: its length in seconds (60).
    """

    __slots__ = ("_blocked_until", "_in_flight", "_index", "_lock", "_reported", "_sent", "clock", "limit", "window")

    def __init__(self, limit: int, window: float, clock: ServerClock) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._lock = threading.Lock()
        self._index = -1  # which window (server time // window) the counts below are for
        self._reported = 0  # the largest used weight the exchange reported for it
        self._sent = 0  # the weight this client sent in it
        self._in_flight = 0  # the weight sent and not yet answered, whatever the window
        self._blocked_until = 0.0  # time.monotonic() before which nothing is sent: a 429 or 418 said to wait

    def after_fork(self) -> None:
        """A new lock for a forked child: the parent's may have been held by a thread that does not exist here."""
        self._lock = threading.Lock()

    def _now(self) -> float:
        """The exchange's time in seconds; rolls the counts over when a new window has begun."""
        now = self.clock.now_ms() / 1000
        index = math.floor(now / self.window)
        if index != self._index:
            # What is still unanswered may be counted in the new window: count it there too.
            self._index, self._reported, self._sent = index, 0, self._in_flight
        return now

    def reserve(self, weight: int) -> tuple[float, int]:
        """(0, window) when a request of this weight may be sent now, counted as sent in that window; else (seconds
        to wait, -1 while the window's budget is used up, or BANNED while a 429 or 418's Retry-After runs). A
        request heavier than the whole budget goes into an empty window."""
        with self._lock:
            now = self._now()
            banned = self._blocked_until - time.monotonic()
            if banned > 0:
                return banned, BANNED
            used = max(self._reported, self._sent)
            if used + weight <= self.limit or used == 0:
                self._sent += weight
                self._in_flight += weight
                return 0.0, self._index
            return (self._index + 1) * self.window - now + ROLLOVER_GUARD_SECONDS, -1

    def settle(self, weight: int, window: int, reported: int | None, retry_after: float | None = None) -> None:
        """A request reserved in window was answered (reported: the exchange's X-MBX-USED-WEIGHT-1M, if it said),
        or failed without an answer (reported None). retry_after: the answer was a 429 or 418, which asks for that
        many seconds without requests (Binance bans an IP that does not wait); NOT_SAID when it did not say how
        long, which counts the rest of the window as full."""
        with self._lock:
            # Roll over before this request leaves the in-flight count: answered after the rollover, it may have
            # reached the exchange after it too, and be counted in the new window.
            now = self._now()
            self._in_flight -= weight
            if retry_after is not None:
                rest_of_window = (self._index + 1) * self.window - now + ROLLOVER_GUARD_SECONDS
                wait = rest_of_window if retry_after is NOT_SAID else min(retry_after, LONGEST_BAN_SECONDS)
                self._blocked_until = max(self._blocked_until, time.monotonic() + wait)
            if window != self._index:  # answered after the rollover: its total was the old window's
                return
            if reported is not None:
                self._reported = max(self._reported, reported)

    @property
    def used(self) -> int:
        """The weight counted in the current window: the larger of what the exchange reported and what was sent."""
        with self._lock:
            self._now()
            return max(self._reported, self._sent)

    def __repr__(self) -> str:
        return f"WeightAccount(limit={self.limit}, window={self.window:g}s, used={self.used})"
