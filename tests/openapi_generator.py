"""openapi-generator, as other languages' teams run it on the spec: the jar in the pinned PyPI wheel
`openapi-generator-cli` (requirements-dev.txt), run by Java 17."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "openapi.yaml"


def run(command: list[str], cwd: Path = ROOT) -> str:
    """command's standard output; a failed command fails the test with the end of what it printed."""
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, (command[:3], done.stdout[-3000:], done.stderr[-3000:])
    return done.stdout


def generate(generator: str, out: Path, *options: str, files: str = "models") -> None:
    """openapi-generator's `generator` (java, go, typescript-fetch, ...) output for the spec, in a fresh out.

    files: its --global-property selection, e.g. "models" or "models,supportingFiles".
    """
    cli = shutil.which("openapi-generator-cli", path=str(Path(sys.executable).parent))
    assert cli, "openapi-generator-cli is pinned in requirements-dev.txt"
    shutil.rmtree(out, ignore_errors=True)
    run([cli, "generate", "-i", str(SPEC), "-g", generator, "-o", str(out), *options,
         "--global-property", f"{files},modelDocs=false,modelTests=false"])  # fmt: skip
