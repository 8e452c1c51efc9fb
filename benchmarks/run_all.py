"""Run every `benchmarks/bench_*.py` in its own process and print what each printed.

A benchmark that fails or runs past its time limit is reported and the others still run;
the exit code is always 0 (benchmarks inform, they do not gate).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

TIMEOUT_SECONDS = 600
# Longer limits for benchmarks that build a large store first.
TIMEOUTS = {"bench_central_scale.py": 1800}
HERE = Path(__file__).resolve().parent


def run_one(script: Path, timeout: float = TIMEOUT_SECONDS) -> str:
    """Run one benchmark script; its output plus a status line."""
    began = time.monotonic()
    try:
        result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                                timeout=timeout, cwd=HERE.parent, check=False)
    except subprocess.TimeoutExpired as expired:
        partial = expired.stdout or ""
        if isinstance(partial, bytes):
            partial = partial.decode(errors="replace")
        return f"{partial}[{script.name}: stopped after {timeout:.0f} s time limit]"
    elapsed = time.monotonic() - began
    output = result.stdout.rstrip()
    if result.returncode != 0:
        output += f"\n{result.stderr.rstrip()}\n[{script.name}: exit code {result.returncode}]"
    return f"{output}\n[{script.name}: {elapsed:.1f} s]"


def main() -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    for script in scripts:
        print(f"=== {script.name}", flush=True)
        print(run_one(script, TIMEOUTS.get(script.name, TIMEOUT_SECONDS)), flush=True)
    print(f"=== {len(scripts)} benchmarks run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
