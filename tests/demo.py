"""make demo: start the exchange simulator, query one open order with the `binance-coinm` command, stop.

The order is printed twice, with each field's meaning in English and then in Chinese, and once as exact JSON.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from binance_coinm.testing import DEMO_API_KEY, DEMO_API_SECRET, ExchangeSimulator

COMMAND = str(Path(sys.executable).with_name("binance-coinm"))  # the console script `make setup` installed


def main() -> None:
    environ = {**os.environ, "BINANCE_API_KEY": DEMO_API_KEY, "BINANCE_API_SECRET": DEMO_API_SECRET}
    with ExchangeSimulator() as sandbox:
        base_url = sandbox.base_url
        query = ["open-order", "--symbol", "BTCUSD_200925", "--order-id", "1917641"]
        for options in (["--lang", "en"], ["--lang", "zh"], ["--json"]):
            shown = ["binance-coinm", "--base-url", base_url, *options, *query]
            print(f"\n$ {' '.join(shown)}", flush=True)
            subprocess.run([COMMAND, *shown[1:]], env=environ, check=True, timeout=60)


if __name__ == "__main__":
    main()
