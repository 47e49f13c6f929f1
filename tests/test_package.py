"""The package as users get it: `python -m build` makes a wheel and an sdist that `twine check --strict` passes,
and the wheel, installed alone in a fresh virtualenv outside this checkout, works: the command and its sandbox,
and a user's three-line pytest tests on the plugin's fixture, with Client and AsyncClient. A module or data file
missing from the wheel fails here."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from binance_coinm_openapi._version import __version__

ROOT = Path(__file__).resolve().parent.parent
PYTEST_PIN = re.search(r"^pytest==\S+$", (ROOT / "requirements-dev.txt").read_text(), re.MULTILINE)

USER_TESTS = """
import asyncio


def test_my_bot_with_client(binance_sandbox):
    with binance_sandbox.client() as client:
        assert client.query_current_open_order("BTCUSD_200925", order_id=1917641).status == "NEW"


def test_my_bot_with_async_client(binance_sandbox):
    async def query():
        async with binance_sandbox.async_client() as client:
            return await client.query_order("BTCUSD_PERP", order_id=3)

    assert asyncio.run(query()).status == "FILLED"
"""

CHECKS = """
import sys
import binance_coinm_pytest  # what pytest loads in every run of a project that installs the package
assert "binance_coinm" not in sys.modules and "aiohttp" not in sys.modules, "the plugin must import nothing more"
import binance_coinm
assert "aiohttp" not in sys.modules, "import binance_coinm must not import aiohttp"
assert "attr" not in sys.modules, "import binance_coinm must not import attrs (a fifth of its import time)"
assert "msgspec" not in sys.modules, "import binance_coinm must not import msgspec (about 12 ms; the first answer does)"
assert "httptools" not in sys.modules, "import binance_coinm must not import httptools (AsyncClient's first call does)"
assert binance_coinm.__file__.startswith(sys.prefix), binance_coinm.__file__  # the wheel's, not the checkout's
from binance_coinm.testing import ExchangeSimulator
with ExchangeSimulator() as sandbox:  # reads the spec the wheel ships (binance_coinm_openapi/openapi.json)
    assert len(sandbox.exchange.routes) >= 4
print("ok")
"""


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.mark.timeout(900)
def test_the_built_wheel_works_in_a_fresh_virtualenv(tmp_path: Path) -> None:
    dist, venv, user = tmp_path / "dist", tmp_path / "venv", tmp_path / "user"
    user.mkdir()
    run(sys.executable, "-m", "build", "--outdir", dist, ROOT, cwd=tmp_path)
    built = sorted(dist.iterdir())
    assert [p.name for p in built] == [
        f"binance_coinm-{__version__}-py3-none-any.whl",
        f"binance_coinm-{__version__}.tar.gz",
    ]
    assert "PASSED" in run(sys.executable, "-m", "twine", "check", "--strict", *built, cwd=tmp_path)

    run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    python, command = venv / "bin" / "python", str(venv / "bin" / "binance-coinm")
    assert PYTEST_PIN is not None
    run(
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        built[0],
        PYTEST_PIN.group(0),
        cwd=user,
    )
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("BINANCE_", "PYTHON"))}

    assert run(command, "--version", cwd=user, env=environ).strip() == f"binance-coinm {__version__}"
    assert run(python, "-c", CHECKS, cwd=user, env=environ).strip() == "ok"

    with subprocess.Popen(
        [command, "sandbox", "--quiet"], cwd=user, env=environ, stdout=subprocess.PIPE, text=True
    ) as sandbox:  # the with closes its pipe
        try:
            assert sandbox.stdout is not None
            url = sandbox.stdout.readline().strip()
            keys = {"BINANCE_BASE_URL": url, "BINANCE_API_KEY": "demo-api-key", "BINANCE_API_SECRET": "demo-api-secret"}
            shown = run(command, "--json", "open-order", "--symbol", "BTCUSD_200925", "--order-id", "1917641",
                        cwd=user, env={**environ, **keys})  # fmt: skip
            assert json.loads(shown)["orderId"] == 1917641
        finally:
            sandbox.send_signal(signal.SIGINT)
            assert sandbox.wait(timeout=10) == 0

    (user / "test_my_bot.py").write_text(USER_TESTS, encoding="utf-8")
    output = run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_my_bot.py", cwd=user, env=environ)
    assert "2 passed" in output
