"""tools/mutate.py (make mutate): the committed verdicts a clean clone starts from."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from types import ModuleType

import pytest
from mutmut.mutation.data import SourceFileMutationData
from mutmut.mutation.file_mutation import compute_function_hashes

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "src/binance_coinm/pacing.py"
# Two of its functions as they are now, by mutmut's hash; the second recorded with another hash (changed since).
NOW = compute_function_hashes((ROOT / "overrides" / "binance_coinm" / "pacing.py").read_text(encoding="utf-8"))
SAME, CHANGED = sorted(NOW)[:2]
HASHES = {SAME: NOW[SAME], CHANGED: "0123456789ab", "x_removed": "ba9876543210"}
VERDICTS = {
    f"binance_coinm.pacing.{SAME}__mutmut_1": 1,  # killed
    f"binance_coinm.pacing.{SAME}__mutmut_2": 0,  # survived
    f"binance_coinm.pacing.{SAME}__mutmut_3": None,  # not run yet
    f"binance_coinm.pacing.{CHANGED}__mutmut_1": 1,  # killed, but in code that has changed since
    "binance_coinm.pacing.x_removed__mutmut_1": 0,  # of a function that is gone
}


@pytest.fixture
def mutate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutate_tool", ROOT / "tools" / "mutate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "STAGE", tmp_path / "stage")
    monkeypatch.setattr(module, "VERDICTS", tmp_path / "verdicts.json")
    return module


def meta_of(mutate: ModuleType) -> Path:
    return Path(mutate.STAGE) / "mutants" / f"{SOURCE}.meta"


def write_meta(mutate: ModuleType, verdicts: dict[str, int | None]) -> None:
    meta = meta_of(mutate)
    meta.parent.mkdir(parents=True, exist_ok=True)
    fields = {"exit_code_by_key": verdicts, "hash_by_function_name": HASHES, "type_check_error_by_key": {},
              "durations_by_key": {f"binance_coinm.pacing.{SAME}__mutmut_1": 0.25},
              "estimated_durations_by_key": {f"binance_coinm.pacing.{SAME}__mutmut_1": 3.5}}  # fmt: skip
    meta.write_text(json.dumps(fields), encoding="utf-8")


def test_a_clean_clone_starts_from_the_verdicts_kept(mutate: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    write_meta(mutate, VERDICTS)
    mutate.keep_verdicts()
    text = Path(mutate.VERDICTS).read_text(encoding="utf-8")
    assert json.loads(text) == {SOURCE: {"hashes": HASHES, "verdicts": VERDICTS}}  # no durations: they vary by run
    assert f'  "binance_coinm.pacing.{SAME}__mutmut_2": 0,\n' in text  # one line per mutant: a diff shows each verdict

    shutil.rmtree(mutate.STAGE)  # a clean clone: no results of its own
    mutate.restore_verdicts()
    monkeypatch.chdir(mutate.STAGE)  # mutmut reads mutants/<source>.meta from its working directory
    data = SourceFileMutationData(path=SOURCE)
    data.load()
    # Only verdicts of the same code: the changed function's mutant not run yet, the removed one's not at all.
    restored = {**VERDICTS, f"binance_coinm.pacing.{CHANGED}__mutmut_1": None}
    del restored["binance_coinm.pacing.x_removed__mutmut_1"]
    assert data.exit_code_by_key == restored and data.hash_by_function_name == HASHES


def test_results_of_a_run_are_not_replaced_by_the_verdicts_kept(mutate: ModuleType) -> None:
    write_meta(mutate, VERDICTS)
    mutate.keep_verdicts()
    newer = {**VERDICTS, f"binance_coinm.pacing.{SAME}__mutmut_2": 1}
    write_meta(mutate, newer)  # this checkout's own run since
    mutate.restore_verdicts()
    assert json.loads(meta_of(mutate).read_text(encoding="utf-8"))["exit_code_by_key"] == newer


def test_no_verdicts_kept_and_no_results_is_a_fresh_start(mutate: ModuleType) -> None:
    mutate.restore_verdicts()
    mutate.keep_verdicts()
    assert not Path(mutate.STAGE).exists() and not Path(mutate.VERDICTS).exists()
