"""Loaded by every Python process that make mutate starts (PYTHONPATH): a test's subprocess (the console script,
the sandbox) writes down the functions of overrides/ it ran, so that mutmut, which only sees its own process,
learns which tests reach them. See mutation_hits.py."""

import atexit
import os


def write_hits() -> None:
    try:
        from mutmut.state import state  # noqa: PLC0415 - only in a process that ran mutated code
    except ImportError:
        return
    if os.environ.get("MUTANT_UNDER_TEST") != "stats" or not state()._stats:
        return
    path = os.path.join(os.environ["MUTATION_HITS_DIR"], f"{os.getpid()}.txt")
    with open(path, "w", encoding="utf-8") as hits:
        hits.write("\n".join(sorted(state()._stats)))


if os.environ.get("MUTATION_HITS_DIR") and os.environ.get("MUTATION_HITS_PARENT") != str(os.getpid()):
    atexit.register(write_hits)
