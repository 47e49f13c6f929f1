"""A pytest plugin for make mutate (pytest_add_cli_args in pyproject.toml's [tool.mutmut]).

mutmut picks the tests to run against a mutant from the functions each test reached, and it records them in its own
process only: code run by a test's subprocess (the console script, the sandbox) would count as reached by no test,
and its mutants would never be tried. The subprocesses write what they reached (sitecustomize.py); this plugin adds
it to the test that started them, before mutmut reads the test's list.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("MUTATION_HITS_DIR", tempfile.mkdtemp(prefix="mutation-hits-"))  # tools/mutate.py sets it
    os.environ.setdefault("MUTATION_HITS_PARENT", str(os.getpid()))
    # A test's forked child (the fork-safety tests) ends with os._exit, which skips atexit: it writes its hits first.
    from sitecustomize import write_hits  # noqa: PLC0415 - tools/mutation/ is on PYTHONPATH under make mutate

    exit_now = os._exit

    def exit_after_writing(status: int) -> None:
        if str(os.getpid()) != os.environ["MUTATION_HITS_PARENT"]:
            write_hits()
        exit_now(status)

    os._exit = exit_after_writing


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: Any) -> None:
    if os.environ.get("MUTANT_UNDER_TEST") != "stats":
        return
    from mutmut.state import state  # noqa: PLC0415 - the run's own state, only while mutmut collects stats

    for hits in Path(os.environ["MUTATION_HITS_DIR"]).glob("*.txt"):
        state()._stats.update(hits.read_text(encoding="utf-8").split())
        hits.unlink()


@pytest.hookimpl(trylast=True)  # after any reordering of other plugins (pytest-randomly's shuffle)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Against a mutant, the fastest tests first: with -x the first failure ends the run, and in the order given
    (mutmut's set order, or a shuffle) a slow test before the one that fails costs its whole time for nothing."""
    if os.environ.get("MUTANT_UNDER_TEST") in (None, "", "stats", "fail"):
        return
    stats = Path("mutmut-stats.json")  # mutmut runs the tests in its mutants/ directory, beside its stats
    if not stats.exists():
        return
    durations: dict[str, float] = json.loads(stats.read_text(encoding="utf-8")).get("duration_by_test", {})
    items.sort(key=lambda item: durations.get(item.nodeid, float("inf")))
