"""Start time of the PyInstaller bundle against the same program from source, and its size.

Both sides start with `--startup-probe` (quit as soon as the first window is shown) on their
own already-migrated data folder, offscreen, alternating runs; the wall time of the whole
process is measured, so interpreter start, imports, database opening and shutdown all
count. Skips with a message when no bundle has been built (`make bundle`).

Goals (issue 9): bundle < 150 MB; bundle start no slower than 1.2 × the source start.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
GOAL_SIZE_MB = 150.0
GOAL_RATIO = 1.2


def _build_module() -> ModuleType:
    """build/build_bundle.py (not a package): where the bundle is and how big it is."""
    path = ROOT / "build" / "build_bundle.py"
    spec = importlib.util.spec_from_file_location("build_bundle", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def time_start(command: list[str], env: dict[str, str]) -> float:
    """Seconds from launching `command` to its exit (it must exit 0)."""
    began = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=120,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - began


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed starts per side")
    args = parser.parse_args(argv)
    build = _build_module()
    folder, exe = build.bundle_paths()
    if not exe.exists():
        print(f"bench_bundle_start: skipped: no bundle at {exe} (run `make bundle` first)")
        return 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as tmp:
        commands = {
            "source": [sys.executable, "-m", "forebygg_desktop", "--startup-probe",
                       "--data-dir", str(Path(tmp) / "source")],
            "bundle": [str(exe), "--startup-probe", "--data-dir", str(Path(tmp) / "bundle")],
        }
        for command in commands.values():  # first start creates and migrates the database
            time_start(command, env)
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                samples[name].append(time_start(command, env))
    source, bundle = (statistics.median(samples[name]) for name in ("source", "bundle"))
    ratio = bundle / source
    size_mb = build.folder_size(folder) / 1_000_000
    print(f"bench_bundle_start: {args.runs} starts each to the first window (offscreen)")
    print(f"source  median {source * 1000:7.0f} ms   min {min(samples['source']) * 1000:7.0f} ms")
    print(f"bundle  median {bundle * 1000:7.0f} ms   min {min(samples['bundle']) * 1000:7.0f} ms")
    print(f"ratio bundle/source {ratio:5.2f}x (goal ≤ {GOAL_RATIO}x)")
    print(f"bundle size {size_mb:.1f} MB (goal < {GOAL_SIZE_MB:.0f} MB)")
    met = ratio <= GOAL_RATIO and size_mb < GOAL_SIZE_MB
    print(f"goal {'MET' if met else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
