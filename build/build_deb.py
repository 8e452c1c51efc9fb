"""A Debian package of the Linux bundle (`make deb`): the same folder, installed under /opt.

    python build/build_deb.py     # → dist-bundle/forebygg-desktop_<version>_amd64.deb

/opt/forebygg-desktop/ holds the bundle as built; /usr/bin/forebygg-desktop and
/usr/bin/forebygg-cli link to its two programs; a desktop entry and the icon put it in the
application menu. The dependencies are the system libraries PyInstaller never bundles
(OpenGL/EGL, X11/xcb, fontconfig, xkbcommon). Built with `dpkg-deb` (Debian's dpkg).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_bundle import (
    APP_NAME,
    CLI_NAME,
    ROOT,
    bundle_paths,
    folder_size,
    output_root,
)

DEPENDS = ("libc6, libgl1, libegl1, libfontconfig1, libfreetype6, libxkbcommon0, "
           "libxkbcommon-x11-0, libx11-6, libx11-xcb1, libxcb1, libxcb-cursor0, "
           "libxcb-icccm4, libxcb-keysyms1, libxcb-image0, libxcb-randr0, "
           "libxcb-render-util0, libxcb-shape0, libxcb-xinerama0, libxcb-xkb1, libdbus-1-3, "
           "libglib2.0-0")
DESKTOP_ENTRY = """[Desktop Entry]
Type=Application
Name=Forebygg Desktop
Comment=Registration, evaluation and quarterly reports of parenting support
Comment[sv]=Registrering, utvärdering och kvartalsrapporter för föräldraskapsstöd
Exec=/usr/bin/forebygg-desktop
Icon=forebygg-desktop
Terminal=false
Categories=Office;
"""


def version() -> str:
    text = (ROOT / "forebygg_desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', text)
    assert match is not None
    return match.group(1)


def deb_path() -> Path:
    return output_root() / f"{APP_NAME}_{version()}_amd64.deb"


def main() -> int:
    if shutil.which("dpkg-deb") is None:
        print("build_deb: dpkg-deb is missing (Debian's dpkg)", file=sys.stderr)
        return 1
    bundle, exe = bundle_paths()
    if not exe.exists():
        print(f"build_deb: {exe} is missing: run `make bundle` first", file=sys.stderr)
        return 1
    root = output_root() / "deb-root"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(bundle, root / "opt" / APP_NAME, symlinks=True)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    for name in (APP_NAME, CLI_NAME):
        (bin_dir / name).symlink_to(f"/opt/{APP_NAME}/{name}")
    apps = root / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    (apps / f"{APP_NAME}.desktop").write_text(DESKTOP_ENTRY, encoding="utf-8")
    icons = root / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps"
    icons.mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "icons" / "forebygg.png", icons / f"{APP_NAME}.png")
    control = root / "DEBIAN"
    control.mkdir()
    (control / "control").write_text(
        f"Package: {APP_NAME}\nVersion: {version()}\nSection: misc\nPriority: optional\n"
        f"Architecture: amd64\nInstalled-Size: {folder_size(root) // 1024}\n"
        f"Depends: {DEPENDS}\nMaintainer: Norrtälje kommun <forebygg@example.invalid>\n"
        "Description: Forebygg Desktop - offline registration of parenting support\n"
        " Anonymous registration, evaluation and quarterly reporting for preventive\n"
        " parenting support; the window program and the forebygg-cli console program.\n",
        encoding="utf-8")
    target = deb_path()
    target.unlink(missing_ok=True)
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zgzip", "--build", str(root),
                    str(target)], check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(root, ignore_errors=True)
    print(f"build_deb: {target} ({target.stat().st_size / 1_000_000:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
