"""Every example in README.md runs, as written, against the sandbox (binance_coinm.testing): a README that drifts
from the product fails the build.

What the runs change, and nothing else: the sandbox also accepts the README's placeholder key (your-api-key /
your-api-secret); a Python example's default base URL (production) is the sandbox's; a shell example runs with
BINANCE_BASE_URL set to it. A `def test_...` block runs under pytest, with the plugin's fixture. A shell line
`binance-coinm sandbox ...` runs until it has printed its base URL and orders, then is stopped; `make test` is
the command running this test, and `make demo` runs as written.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from binance_coinm.testing import ExchangeSimulator

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = [
    (match.group(1), match.group(2), README.count("\n", 0, match.start()) + 1)
    for match in re.finditer(r"^```(\w+)\n(.*?)^```$", README, flags=re.MULTILINE | re.DOTALL)
]
README_KEY, README_SECRET = "your-api-key", "your-api-secret"
BIN = Path(sys.executable).parent
# Point the clients' default base URL at the sandbox: the one change made to a Python example.
PRELUDE = """
import binance_coinm.client
binance_coinm.client._Base.__init__.__kwdefaults__["base_url"] = {url!r}
"""


def _examples(language: str) -> list[tuple[str, int]]:
    return [(code, line) for kind, code, line in BLOCKS if kind == language]


def test_the_readme_has_the_examples_this_test_runs() -> None:
    assert len(_examples("python")) >= 3 and len(_examples("sh")) >= 3
    assert {kind for kind, _, _ in BLOCKS} <= {"python", "sh"}, "a block in a language this test does not run"


@pytest.fixture
def sandbox() -> Iterator[ExchangeSimulator]:
    with ExchangeSimulator() as running:
        running.add_hmac_key(README_KEY, README_SECRET)
        yield running


def _environment(url: str) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("BINANCE_")}
    return {**environ, "BINANCE_BASE_URL": url, "PATH": f"{BIN}{os.pathsep}{environ.get('PATH', '')}"}


@pytest.mark.parametrize(("code", "line"), _examples("python"), ids=[f"line {n}" for _, n in _examples("python")])
def test_python_example_runs(code: str, line: int, sandbox: ExchangeSimulator, tmp_path: Path) -> None:
    if code.lstrip().startswith("def test_"):
        (tmp_path / "test_example.py").write_text(code, encoding="utf-8")
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path / "test_example.py")]
    else:
        command = [sys.executable, "-c", PRELUDE.format(url=sandbox.base_url) + code]
    result = subprocess.run(
        command,
        cwd=tmp_path,
        env=_environment(sandbox.base_url),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"README.md line {line}:\n{code}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    if "ExchangeSimulator(" not in code and "binance_sandbox" not in code:  # one that brings no sandbox of its own
        assert sandbox.requests, "the example sent nothing to the sandbox"


def _shell_lines(code: str) -> list[str]:
    return [line for line in code.splitlines() if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize(("code", "line"), _examples("sh"), ids=[f"line {n}" for _, n in _examples("sh")])
def test_shell_example_runs(code: str, line: int, sandbox: ExchangeSimulator, tmp_path: Path) -> None:
    for command in _shell_lines(code):
        if command.startswith(("make test", "export ")):
            continue  # the command that runs this test; exports, which run before each command
        if command.startswith("binance-coinm sandbox"):
            _run_sandbox_command(command, tmp_path)
            continue
        before = len(sandbox.requests)
        result = subprocess.run(
            ["bash", "-c", f"set -euo pipefail\n{_exports(code)}\n{command}"],
            cwd=ROOT if command.startswith("make ") else tmp_path,
            env=_environment(sandbox.base_url),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, f"README.md line {line}: {command}\n{result.stdout}\n{result.stderr}"
        assert result.stdout.strip(), command
        if command.startswith("binance-coinm") and "--version" not in command:
            assert len(sandbox.requests) > before, f"{command} sent nothing to the sandbox"


def _exports(code: str) -> str:
    """The block's export lines, which every later line of the block relies on."""
    return "\n".join(line for line in _shell_lines(code) if line.startswith("export "))


def _run_sandbox_command(command: str, tmp_path: Path) -> None:
    # On a free port instead of the example's, which another run may hold; everything else as written.
    arguments = re.sub(r"--port \d+", "--port 0", command.split("#", 1)[0]).split()
    child = subprocess.Popen(
        arguments, cwd=tmp_path, env=_environment(""), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        url = child.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url), url
        lines: list[str] = []
        while not lines or lines[-1] not in ("Requests:\n", ""):  # the banner ends with "Requests:"; "" is EOF
            lines.append(child.stdout.readline())
        assert lines[-1] == "Requests:\n", lines
        shown = "".join(lines)
        assert f"export BINANCE_BASE_URL={url} BINANCE_API_KEY=demo-api-key" in shown
        assert "1917641" in shown and "web_:/.x-1" in shown  # the seeded orders the README uses
        for key in re.findall(r"--hmac-key (\S+?):", command):
            assert f"{key} (HMAC)" in shown
        paste = next(line for line in shown.splitlines() if "export BINANCE_BASE_URL" in line)
        query = subprocess.run(
            ["bash", "-c", f"{paste}\nbinance-coinm --json open-order --symbol BTCUSD_PERP --order-id 2"],
            env=_environment(""),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert query.returncode == 0 and '"orderId": 2' in query.stdout, query.stderr
        assert "GET /dapi/v1/openOrder 200 (demo-api-key)" in child.stdout.readline()
    finally:
        with child:  # closes its pipes
            child.send_signal(signal.SIGINT)
            assert child.wait(timeout=10) == 0
            assert "Traceback" not in (child.stderr.read() if child.stderr else "")


def test_the_readme_examples_use_the_seeded_orders() -> None:
    with ExchangeSimulator() as sandbox:
        seeded = {(order["symbol"], order["orderId"]) for order in sandbox.orders()}
    used = set(re.findall(r'\("(BTCUSD_\w+)", order_id=(\d+)\)', README))
    used |= set(re.findall(r"--symbol (BTCUSD_\w+) --order-id (\d+)", README))
    added = {("BTCUSD_PERP", 42)}  # the order the README's sandbox example adds itself
    assert used and {(symbol, int(order_id)) for symbol, order_id in used} <= seeded | added
