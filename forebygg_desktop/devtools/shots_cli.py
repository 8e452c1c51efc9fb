"""The command line the screenshot scripts share: `--out FOLDER --languages sv ar …`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_shots(shoot: Callable[[str, Path], list[Path]], description: str | None,
              argv: list[str] | None = None) -> int:
    """Call `shoot(language, folder)` for each language asked for; print every file made."""
    parser = argparse.ArgumentParser(description=(description or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--languages", nargs="+", default=["sv", "ar"])
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for language in args.languages:
        for path in shoot(language, args.out):
            print(path)
    return 0
