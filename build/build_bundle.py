"""Build the one-folder PyInstaller bundle (`make bundle`).

    python build/build_bundle.py            # → dist-bundle/dist/forebygg-desktop/
    FOREBYGG_BUNDLE_DIR=/tmp/b python build/build_bundle.py
    python build/build_bundle.py --clean    # rebuild without PyInstaller's cache
    python build/build_bundle.py --env current   # use this interpreter's packages (quicker)

Compiles the gettext catalogs first (the bundle ships the .mo files), then runs
build/forebygg.spec with the output outside the source folders, and prints the bundle's
folder, executables and size (also written to `<output>/bundle-size.txt`).

The bundle is built from a **clean environment** (`<output>/build-env`, a virtual
environment holding the program's runtime packages and PyInstaller only, made again when
pyproject.toml changes): test and lint tools cannot slip into what ships. The build stops
when a test or lint package is found in that environment or in the bundle.
`bundle_paths()` is shared with the start-time benchmark and the bundle tests.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "build" / "forebygg.spec"
APP_NAME = "forebygg-desktop"
CLI_NAME = "forebygg-cli"
BUNDLE_DIR_ENV = "FOREBYGG_BUNDLE_DIR"
# Distributions that must never be in the build environment or the bundle.
DEV_PACKAGES = frozenset({"pytest", "pytest-qt", "hypothesis", "python-calamine", "ruff",
                          "mypy", "mypy-extensions", "iniconfig"})
# Module folders of those packages, as they would appear inside `_internal/`.
DEV_MODULES = frozenset({"pytest", "_pytest", "pytestqt", "hypothesis", "python_calamine",
                         "ruff", "mypy", "mypyc", "iniconfig"})


def output_root() -> Path:
    """Where build output goes: `$FOREBYGG_BUNDLE_DIR`, else `<repo>/dist-bundle` (ignored)."""
    override = os.environ.get(BUNDLE_DIR_ENV)
    return Path(override).resolve() if override else ROOT / "dist-bundle"


def bundle_paths() -> tuple[Path, Path]:
    """The bundle's folder and its window executable (which may not be built yet)."""
    folder = output_root() / "dist" / APP_NAME
    return folder, folder / _exe_name(APP_NAME)


def cli_path() -> Path:
    """The bundle's console executable `forebygg-cli` (which may not be built yet)."""
    return bundle_paths()[0] / _exe_name(CLI_NAME)


def _exe_name(name: str) -> str:
    return name + (".exe" if sys.platform.startswith("win") else "")


def _env_python(env: Path) -> Path:
    scripts = "Scripts" if sys.platform.startswith("win") else "bin"
    return env / scripts / ("python.exe" if sys.platform.startswith("win") else "python")


def clean_environment(root: Path) -> Path:
    """A virtual environment with the runtime packages and PyInstaller only; its python."""
    env = root / "build-env"
    python = _env_python(env)
    stamp = env / ".forebygg-stamp"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not (python.exists() and stamp.exists() and stamp.read_text() == wanted):
        print(f"build_bundle: making the clean build environment {env}")
        shutil.rmtree(env, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
                       check=True)
        # The runtime dependencies and the build extra (PyInstaller), never the dev extra.
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[build]"],
                       check=True)
        stamp.write_text(wanted)
    return python


def installed_distributions(python: Path) -> dict[str, str]:
    """{normalised name: version} of what `python`'s environment holds."""
    out = subprocess.run([str(python), "-m", "pip", "list", "--format=json",
                          "--disable-pip-version-check"],
                         check=True, capture_output=True, text=True).stdout
    return {row["name"].lower().replace("_", "-"): row["version"] for row in json.loads(out)}


def dev_modules_in(folder: Path) -> list[str]:
    """Test and lint packages found inside a built bundle (should be none)."""
    internal = folder / "_internal"
    if not internal.is_dir():
        return []
    return sorted(path.name for path in internal.iterdir()
                  if path.name.split(".")[0].split("-")[0] in DEV_MODULES)


def size_report(folder: Path, top: int = 8) -> str:
    """Total size and the largest parts of the bundle, as lines of text."""
    total = folder_size(folder)
    parts: dict[str, int] = {}
    internal = folder / "_internal"
    for path in internal.rglob("*") if internal.is_dir() else ():
        if path.is_file() and not path.is_symlink():
            key = path.relative_to(internal).parts[0]
            parts[key] = parts.get(key, 0) + path.stat().st_size
    for path in folder.iterdir():
        if path.is_file():
            parts[path.name] = path.stat().st_size
    lines = [f"total {total / 1_000_000:.1f} MB (goal < 150 MB)"]
    for name, size in sorted(parts.items(), key=lambda item: -item[1])[:top]:
        lines.append(f"  {size / 1_000_000:7.1f} MB  {name}")
    return "\n".join(lines)


def folder_size(folder: Path) -> int:
    """Bytes of every file under `folder`."""
    # PyInstaller links some libraries from the top level: count each file once.
    files = (path for path in folder.rglob("*") if path.is_file() and not path.is_symlink())
    return sum(path.stat().st_size for path in files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true", help="ignore PyInstaller's cache")
    parser.add_argument("--env", choices=("clean", "current"), default="clean",
                        help="build in a clean runtime-only environment (default) or in "
                             "this interpreter's")
    args = parser.parse_args(argv)
    if sys.platform.startswith("linux") and shutil.which("objdump") is None:
        # PyInstaller reads shared libraries with binutils' objdump on Linux.
        print("build_bundle: objdump is missing: install binutils (apt-get install binutils)",
              file=sys.stderr)
        return 1
    root = output_root()
    python = clean_environment(root) if args.env == "clean" else Path(sys.executable)
    subprocess.run([str(python), "-m", "forebygg_desktop.devtools.catalogs", "compile"],
                   cwd=ROOT, check=True)
    found = sorted(DEV_PACKAGES & installed_distributions(python).keys())
    if args.env == "clean" and found:
        print(f"build_bundle: the build environment holds {', '.join(found)}", file=sys.stderr)
        return 1
    command = [str(python), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(root / "dist"), "--workpath", str(root / "work"), str(SPEC)]
    if args.clean:
        command.insert(3, "--clean")
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True)
    folder, exe = bundle_paths()
    for program in (exe, cli_path()):
        if not program.exists():
            print(f"build_bundle: {program} was not produced", file=sys.stderr)
            return 1
    leaked = dev_modules_in(folder)
    if leaked:
        print(f"build_bundle: test or lint packages in the bundle: {', '.join(leaked)}",
              file=sys.stderr)
        return 1
    report = size_report(folder)
    (root / "bundle-size.txt").write_text(report + "\n", encoding="utf-8")
    print(f"build_bundle: built in {time.perf_counter() - started:.0f} s "
          f"({args.env} environment: {python})")
    print(f"build_bundle: folder {folder}")
    print(f"build_bundle: executables {exe.name}, {cli_path().name}")
    print("build_bundle: size " + report.replace("\n", "\nbuild_bundle: "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
