"""make mutate: mutation testing of overrides/ with mutmut, and the score checked against its target.

mutmut names a mutant by its module path with a leading "src." dropped, so it runs in build/mutate/, a directory of
links where src/ is overrides/ (and tests/, bench/, spec/, generated/ and pyproject.toml are the repository's).
Its results stay in build/mutate/mutants/ between runs: a second run tests only the mutants of functions that changed.
They are also kept in tests/mutation/verdicts.json, committed, from which a clean clone starts: each verdict holds
while its function's code is the same (mutmut's hash of the function), so a clone re-tests only what changed.
mutmut keeps every other verdict even when the tests changed (a weakened test leaves its mutants "killed"), so after
changing tests, run --survivors (survivors tested again) or, for a score to publish, --fresh.

Every mutant that survives must be listed in tests/mutation/survivors.txt with the reason it cannot change
behaviour; a survivor not listed there, a listed one that no longer survives, or a score under the target fails the
run. The config is [tool.mutmut] in pyproject.toml.

    python tools/mutate.py [--max-children N] [MUTANT_NAME_PATTERN ...]
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGE = ROOT / "build" / "mutate"
LINKS = {"src": "overrides", "tests": "tests", "bench": "bench", "spec": "spec", "generated": "generated",
         "pyproject.toml": "pyproject.toml"}  # fmt: skip
SURVIVORS = ROOT / "tests" / "mutation" / "survivors.txt"
VERDICTS = ROOT / "tests" / "mutation" / "verdicts.json"
HITS = STAGE / "hits"
STATS_SOURCE = STAGE / "stats-source.sha256"
# mutmut links each test to the functions it reaches; far fewer linked tests means the tests ran the original code.
LINKED_AT_LEAST = 0.5
TARGET = 0.90
UNEXPLAINED_SHOWN = 40
KILLED = {"killed", "caught by type check", "timeout"}  # timeout: the mutant made a test hang, so it was caught


def stage() -> None:
    STAGE.mkdir(parents=True, exist_ok=True)
    for name, target in LINKS.items():
        link = STAGE / name
        if not link.is_symlink():
            link.unlink(missing_ok=True)
            link.symlink_to(os.path.relpath(ROOT / target, STAGE))
    # On PYTHONPATH (environment()) from the start: a directory missing when Python starts is remembered as missing
    # (sys.path_importer_cache), and the tests would then import overrides/ itself instead of the mutated copy.
    (STAGE / "mutants" / "src").mkdir(parents=True, exist_ok=True)
    shutil.rmtree(HITS, ignore_errors=True)
    HITS.mkdir()


def restore_verdicts() -> None:
    """Start build/mutate/mutants/ from tests/mutation/verdicts.json when it holds no results (a clean clone).

    Only verdicts of the same code are restored: a function changed since they were recorded (mutmut's hash of it
    differs) has its mutants restored as not run, and one since removed none at all. A run would reset those too;
    restoring them so keeps a report before any run honest.
    """
    from mutmut.mutation.file_mutation import compute_function_hashes  # noqa: PLC0415 - only make mutate needs it

    mutants = STAGE / "mutants"
    if any(mutants.rglob("*.meta")) or not VERDICTS.exists():
        return
    changed = set()
    for path, kept in json.loads(VERDICTS.read_text(encoding="utf-8")).items():
        source = ROOT / "overrides" / path.removeprefix("src/")
        if not source.exists():
            continue
        now = compute_function_hashes(source.read_text(encoding="utf-8"))
        verdicts = {}
        for name, verdict in kept["verdicts"].items():
            function = name.rsplit("__mutmut_", 1)[0].rsplit(".", 1)[1]
            if function in now:
                same = now[function] == kept["hashes"].get(function)
                verdicts[name] = verdict if same else None
                if not same:
                    changed.add(f"{path}:{function}")
        meta = mutants / f"{path}.meta"
        meta.parent.mkdir(parents=True, exist_ok=True)
        fields = {"exit_code_by_key": verdicts, "hash_by_function_name": kept["hashes"],
                  "type_check_error_by_key": {}, "durations_by_key": {}, "estimated_durations_by_key": {}}  # fmt: skip
        meta.write_text(json.dumps(fields), encoding="utf-8")
    if changed:
        print(f"{len(changed)} functions changed or removed since the verdicts were recorded: their mutants are "
              "not run yet (a function added since has none recorded at all)")  # fmt: skip


def keep_verdicts() -> None:
    """Write the verdicts of build/mutate/mutants/ to tests/mutation/verdicts.json: one line per mutant, sorted, so
    a diff shows which verdicts a change moved. Durations are left out: they differ on every run."""
    mutants = STAGE / "mutants"
    kept = {}
    for meta in sorted(mutants.rglob("*.meta")):
        fields = json.loads(meta.read_text(encoding="utf-8"))
        kept[meta.relative_to(mutants).as_posix().removesuffix(".meta")] = {
            "hashes": fields["hash_by_function_name"],
            "verdicts": fields["exit_code_by_key"],
        }
    if kept:
        VERDICTS.write_text(json.dumps(kept, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def forget_stale_stats() -> None:
    """Make mutmut link tests to functions again when the code or the tests changed since it last did.

    mutmut records which tests reach each function once, and then only for tests it has not seen: a function added
    or rewritten since would have no tests linked ("no tests", its mutants never tried), and a test changed since
    would keep its old links (so would one whose operation's x-simulator now names another behaviour). Collecting
    the links again takes one run of the tests; the verdicts are kept.
    """
    digest = hashlib.sha256()
    # The spec too: which behaviour of the simulator an operation's tests reach is its x-simulator.
    sources = [*(ROOT / "overrides").rglob("*.py"), *(ROOT / "tests").rglob("*.py"), ROOT / "spec" / "openapi.yaml"]
    for path in sorted(sources):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    stats = STAGE / "mutants" / "mutmut-stats.json"
    if STATS_SOURCE.exists() and STATS_SOURCE.read_text(encoding="utf-8") == digest.hexdigest():
        return
    stats.unlink(missing_ok=True)
    STATS_SOURCE.write_text(digest.hexdigest(), encoding="utf-8")


def environment() -> dict[str, str]:
    # The tests' subprocesses (the console script, fork checks) import the mutated package, not the editable one.
    env = dict(os.environ)
    # tools/mutation/ brings the hooks that tell mutmut which tests reach code through a subprocess.
    paths = [str(ROOT / "tools" / "mutation"), str(STAGE / "mutants" / "src"), env.get("PYTHONPATH")]
    env["PYTHONPATH"] = os.pathsep.join(filter(None, paths))
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["BINANCE_COINM_MUTATION"] = "1"  # tests/conftest.py: few, derandomized property-test examples
    # A test's subprocess imports the mutated modules, tens of thousands of lines of trampolines: without cached
    # bytecode each one compiled them again (a console-script run took 3 s instead of 0.4).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["MUTATION_HITS_DIR"] = str(HITS)  # tools/mutation/: where subprocesses write what they reached
    return env


def results() -> dict[str, str]:
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    out = subprocess.run([mutmut, "results", "--all", "true"], cwd=STAGE, env=environment(), capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    found = {}
    for line in out.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep and "__mutmut_" in name:
            found[name] = status
    return found


def listed() -> dict[str, str]:
    """tests/mutation/survivors.txt: `mutant name  reason`, one per line; # starts a comment."""
    reasons = {}
    for text in SURVIVORS.read_text(encoding="utf-8").splitlines():
        line = text.split("#", 1)[0].strip()
        if line:
            name, _, reason = line.partition(" ")
            reasons[name] = reason.strip()
    return reasons


def report(found: dict[str, str], *, whole: bool) -> int:
    """Per module and in all: mutants, killed (by a test, by mypy, or by hanging a test), survived, no test reaches
    them, not run yet. The score counts every mutant: one not run yet is not killed."""
    by_module: dict[str, Counter[str]] = {}
    for name, status in found.items():
        module = name.split(".x_")[0].split(".xǁ")[0]
        by_module.setdefault(module, Counter())[status] += 1
    print(f"{'module':32} {'mutants':>8} {'killed':>8} {'survived':>9} {'no tests':>9} {'not run':>8} {'score':>7}")
    for module, counts in sorted(by_module.items()):
        total = sum(counts.values())
        killed = sum(counts[s] for s in KILLED)
        print(f"{module:32} {total:8} {killed:8} {counts['survived']:9} {counts['no tests']:9} "
              f"{counts['not checked']:8} {killed / total:7.1%}")  # fmt: skip
    total = len(found)
    killed = sum(1 for s in found.values() if s in KILLED)
    score = killed / total if total else 0.0
    print(f"\n{killed} of {total} mutants killed: {score:.1%} (target {TARGET:.0%})")

    reasons = listed()
    not_run = sum(1 for status in found.values() if status == "not checked")
    if not_run:
        print(f"{not_run} mutants not run yet (counted as not killed): `make mutate` runs them")
    unexplained = sorted(
        name for name, status in found.items() if status not in KILLED | {"not checked"} and not reasons.get(name)
    )
    # Listed but killed now, or (on a whole run) no longer a mutant at all: the list must say only what is true.
    stale = sorted(name for name in reasons if found.get(name) in KILLED or (whole and name not in found))
    for name in unexplained[:UNEXPLAINED_SHOWN]:
        print(f"not killed and not in {SURVIVORS.relative_to(ROOT)}: {name} ({found[name]})")
    if len(unexplained) > UNEXPLAINED_SHOWN:
        print(f"... and {len(unexplained) - UNEXPLAINED_SHOWN} more (mutmut results, in build/mutate/, lists them)")
    for name in stale:
        print(f"listed in {SURVIVORS.relative_to(ROOT)} but killed now or gone (remove it): {name}")
    return 0 if score >= TARGET and not unexplained and not stale else 1


def changed_modules(rev: str) -> list[str]:
    """Mutant globs for the modules of overrides/ that differ from rev: committed, uncommitted or new."""
    names = [
        *_git("diff", "--name-only", rev, "--", "overrides"),
        *_git("ls-files", "--others", "--exclude-standard", "--", "overrides"),
    ]
    modules = []
    for name in names:
        path = Path(name).relative_to("overrides")
        if path.suffix == ".py" and (ROOT / name).exists():
            module = ".".join(path.with_suffix("").parts).removesuffix(".__init__")
            modules.append(f"{module}.x*")  # x_function and xǁClassǁmethod: this module's functions only
    return modules


def _git(*arguments: str) -> list[str]:
    return subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()


def linked_tests() -> tuple[int, int]:
    """(tests linked to some function, tests run) in mutmut's stats of the last run."""
    stats = json.loads((STAGE / "mutants" / "mutmut-stats.json").read_text(encoding="utf-8"))
    linked = set().union(*stats["tests_by_mangled_function_name"].values())
    return len(linked), len(stats["duration_by_test"])


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--fresh", action="store_true", help="forget the results of earlier runs")
    parser.add_argument("--report", action="store_true", help="only report the results of the last run")
    parser.add_argument("--changed", metavar="REV", help="only the modules of overrides/ that differ from git REV")
    parser.add_argument("--survivors", action="store_true", help="test again the mutants that were not killed "
                        "(after adding tests: mutmut keeps a verdict until the function itself changes)")  # fmt: skip
    parser.add_argument("mutants", nargs="*", help="mutant names or globs (mutmut's), e.g. 'binance_coinm.pacing*'")
    args = parser.parse_args()
    if args.report and (args.fresh or args.survivors):
        parser.error("--report reads the last run's results: it cannot be combined with --fresh or --survivors")
    return args


def selection(args: argparse.Namespace, known: dict[str, str]) -> tuple[list[str], list[str]] | None:
    """(what mutmut runs, what the report covers: all when empty); None when there is nothing to run."""
    patterns = list(args.mutants)
    if args.changed:
        patterns += changed_modules(args.changed)
        if known:  # a module without functions (an __init__ of imports) has no mutants, and mutmut refuses those
            patterns = [p for p in patterns if any(fnmatch.fnmatchcase(name, p) for name in known)]
        if not patterns:
            print(f"no module of overrides/ with mutants changed since {args.changed}: nothing to mutate")
            return None
    if args.survivors:  # the survivors (of the patterns' mutants, if given) only
        chosen = [name for name in known if not patterns or any(fnmatch.fnmatchcase(name, p) for p in patterns)]
        run = sorted(name for name in chosen if known[name] not in KILLED | {"not checked"})
        if not run:
            print("no survivors to test again")
            return None
        return run, patterns
    return list(patterns), patterns


def main() -> int:
    args = arguments()
    if shutil.which("mutmut", path=str(Path(sys.executable).parent)) is None:
        sys.exit("mutmut is not installed in this environment: run `make setup`")
    if args.fresh:
        shutil.rmtree(STAGE / "mutants", ignore_errors=True)
    stage()
    if not args.fresh:
        restore_verdicts()
    known = results() if any((STAGE / "mutants").rglob("*.meta")) else {}
    if args.report and not known:
        sys.exit("no results yet: run `make mutate` first")
    chosen = selection(args, known)
    if chosen is None:
        return 0
    run, patterns = chosen
    if not args.report:
        forget_stale_stats()
        mutmut = str(Path(sys.executable).with_name("mutmut"))
        command = [mutmut, "run", "--max-children", str(args.max_children), *run]
        try:
            finished = subprocess.run(command, cwd=STAGE, env=environment(), check=False).returncode == 0
        finally:  # an interrupted run's verdicts are kept too: mutmut records each as it comes
            keep_verdicts()
        if not finished:
            return 1
        linked, ran = linked_tests()
        if linked < LINKED_AT_LEAST * ran:
            print(f"only {linked} of {ran} tests reached the mutated code: the tests imported something else "
                  "(run again with --fresh)")  # fmt: skip
            return 1
    keep_verdicts()  # also after --report: what a killed run (a CI job past its time) recorded is kept
    found = results()
    if patterns:
        found = {name: status for name, status in found.items() if any(fnmatch.fnmatchcase(name, p) for p in patterns)}
    return report(found, whole=not patterns)


if __name__ == "__main__":
    sys.exit(main())
