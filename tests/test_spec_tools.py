"""Generators other than ours read the spec as meant (the TypeScript one runs in `make check`)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = yaml.safe_load((ROOT / "spec" / "openapi.yaml").read_text(encoding="utf-8"))
ORDER = SPEC["components"]["schemas"]["Order"]["properties"]


def test_java_models_keep_decimals_as_their_text_and_ids_as_long(tmp_path: Path) -> None:
    # x-format: decimal, not format: decimal: Java read that into BigDecimal but wrote it back as a JSON number,
    # which the spec refuses (generator/portability.md). A String keeps the exact text both ways.
    generator = shutil.which("openapi-generator-cli", path=str(Path(sys.executable).parent))
    assert generator, "openapi-generator-cli is pinned in requirements-dev.txt"
    result = subprocess.run(
        [generator, "generate", "-i", str(ROOT / "spec" / "openapi.yaml"), "-g", "java", "-o", str(tmp_path),
         "--global-property", "models,modelDocs=false,modelTests=false"],
        check=False, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    source = next(tmp_path.rglob("model/Order.java")).read_text()
    declared = dict((name, kind) for kind, name in re.findall(r"private (\w+) (\w+);", source))
    decimals = [name for name, schema in ORDER.items() if schema.get("x-format") == "decimal"]
    assert len(decimals) == 8
    assert {declared[name] for name in decimals} == {"String"}
    assert declared["orderId"] == declared["time"] == declared["updateTime"] == "Long"
    assert declared["status"] == "OrderStatus" and declared["type"] == "OrderType"
