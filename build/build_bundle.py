"""Build the one-folder PyInstaller bundle (`make bundle`).

    python build/build_bundle.py            # → dist-bundle/dist/forebygg-desktop/
    FOREBYGG_BUNDLE_DIR=/tmp/b python build/build_bundle.py
    python build/build_bundle.py --clean    # rebuild without PyInstaller's cache

Compiles the gettext catalogs first (the bundle ships the .mo files), then runs
build/forebygg.spec with the output outside the source folders, and prints the bundle's
folder, executable and size. `bundle_paths()` is shared with the start-time benchmark.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "build" / "forebygg.spec"
APP_NAME = "forebygg-desktop"
BUNDLE_DIR_ENV = "FOREBYGG_BUNDLE_DIR"


def output_root() -> Path:
    """Where build output goes: `$FOREBYGG_BUNDLE_DIR`, else `<repo>/dist-bundle` (ignored)."""
    override = os.environ.get(BUNDLE_DIR_ENV)
    return Path(override).resolve() if override else ROOT / "dist-bundle"


def bundle_paths() -> tuple[Path, Path]:
    """The bundle's folder and its executable (which may not be built yet)."""
    folder = output_root() / "dist" / APP_NAME
    exe = folder / (APP_NAME + (".exe" if sys.platform.startswith("win") else ""))
    return folder, exe


def folder_size(folder: Path) -> int:
    """Bytes of every file under `folder`."""
    # PyInstaller links some libraries from the top level: count each file once.
    files = (path for path in folder.rglob("*") if path.is_file() and not path.is_symlink())
    return sum(path.stat().st_size for path in files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true", help="ignore PyInstaller's cache")
    args = parser.parse_args(argv)
    if sys.platform.startswith("linux") and shutil.which("objdump") is None:
        # PyInstaller reads shared libraries with binutils' objdump on Linux.
        print("build_bundle: objdump is missing: install binutils (apt-get install binutils)",
              file=sys.stderr)
        return 1
    subprocess.run([sys.executable, "-m", "forebygg_desktop.devtools.catalogs", "compile"],
                   cwd=ROOT, check=True)
    root = output_root()
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(root / "dist"), "--workpath", str(root / "work"), str(SPEC)]
    if args.clean:
        command.insert(3, "--clean")
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True)
    folder, exe = bundle_paths()
    if not exe.exists():
        print(f"build_bundle: {exe} was not produced", file=sys.stderr)
        return 1
    size_mb = folder_size(folder) / 1_000_000
    print(f"build_bundle: built in {time.perf_counter() - started:.0f} s")
    print(f"build_bundle: folder {folder}")
    print(f"build_bundle: executable {exe}")
    print(f"build_bundle: size {size_mb:.1f} MB (goal < 150 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
