"""Build the Windows installer from the bundle with NSIS' `makensis` (`make installer`).

    python build/build_installer.py     # → dist-bundle/forebygg-desktop-<version>-setup.exe

On Windows it packs the Windows bundle. On Linux (CI) it packs the Linux bundle as a
stand-in payload, so the script is compiled on every run and cannot rot; that installer is
not for use. Debian's `nsis` package provides `makensis` (apt-get install nsis).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_bundle import ROOT, bundle_paths, output_root

SCRIPT = ROOT / "build" / "installer" / "forebygg.nsi"
ICON = ROOT / "resources" / "icons" / "forebygg.ico"


def version() -> str:
    text = (ROOT / "forebygg_desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', text)
    if match is None:
        raise SystemExit("build_installer: no __version__ in forebygg_desktop/__init__.py")
    return match.group(1)


def version4(text: str) -> str:
    """`0.1.0` → `0.1.0.0` (Windows' four-number form; non-digits dropped)."""
    numbers = [re.match(r"\d*", part).group() or "0"  # type: ignore[union-attr]
               for part in text.split(".")[:4]]
    return ".".join([*numbers, "0", "0", "0", "0"][:4])


def installer_path() -> Path:
    stand_in = "" if sys.platform.startswith("win") else "-linux-stand-in"
    return output_root() / f"forebygg-desktop-{version()}-setup{stand_in}.exe"


def makensis_command(makensis: str, bundle: Path, out_file: Path) -> list[str]:
    suffix = ".exe" if sys.platform.startswith("win") else ""
    # makensis accepts /D on Windows and -D elsewhere; -D works on both since NSIS 3.
    # -WX: a warning fails the build, so the script cannot rot quietly.
    return [makensis, "-WX", "-V2", "-INPUTCHARSET", "UTF8",
            f"-DVERSION={version()}", f"-DVERSION4={version4(version())}",
            f"-DBUNDLE_DIR={bundle}", f"-DOUT_FILE={out_file}", f"-DICON={ICON}",
            f"-DEXE_SUFFIX={suffix}", str(SCRIPT)]


def main() -> int:
    makensis = shutil.which("makensis")
    if makensis is None:
        print("build_installer: makensis is missing: install NSIS (apt-get install nsis)",
              file=sys.stderr)
        return 1
    bundle, exe = bundle_paths()
    if not exe.exists():
        print(f"build_installer: {exe} is missing: run `make bundle` first", file=sys.stderr)
        return 1
    out_file = installer_path()
    out_file.unlink(missing_ok=True)
    subprocess.run(makensis_command(makensis, bundle, out_file), check=True)
    if not out_file.exists():
        print(f"build_installer: {out_file} was not produced", file=sys.stderr)
        return 1
    print(f"build_installer: {out_file} ({out_file.stat().st_size / 1_000_000:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
