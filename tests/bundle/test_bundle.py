"""The built bundle, as shipped: both executables answer, share one folder, carry no test
tools, and the console program works on a data folder.

Run after `make bundle` (CI: .ci/run): `FOREBYGG_TEST_BUNDLE=1 pytest tests/bundle`.
Not collected by the plain `make test` (tests/conftest.py), since the bundle is built later.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from forebygg_desktop import __version__

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "build"))
from build_bundle import bundle_paths, cli_path, dev_modules_in  # noqa: E402
from build_installer import makensis_command  # noqa: E402

FOLDER, WINDOW = bundle_paths()
CLI = cli_path()


def run(program: Path, *args: str, env: dict[str, str] | None = None,
        timeout: int = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(program), *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=timeout)


def test_the_bundle_was_built() -> None:
    assert WINDOW.is_file() and CLI.is_file(), "run `make bundle` first"


def test_the_console_program_answers_version_and_help() -> None:
    version = run(CLI, "--version")
    assert version.returncode == 0 and version.stdout.strip() == __version__
    usage = run(CLI, "--help")
    assert usage.returncode == 0
    for command in ("export", "import", "report", "backup", "check", "apply-config"):
        assert command in usage.stdout


def test_the_window_program_answers_version() -> None:
    done = run(WINDOW, "--version")
    assert done.returncode == 0 and done.stdout.strip() == __version__


def test_both_programs_share_one_folder_and_no_test_tools_ship() -> None:
    assert WINDOW.parent == CLI.parent == FOLDER
    assert [p.name for p in FOLDER.iterdir() if p.is_dir()] == ["_internal"]
    assert dev_modules_in(FOLDER) == []
    internal = FOLDER / "_internal"
    assert (internal / "resources" / "help" / "ar" / "groups.html").is_file()
    assert (internal / "resources" / "icons" / "forebygg.png").is_file()
    assert not list(internal.rglob("libssl*")) and not list(internal.rglob("_ssl*"))


def test_the_console_program_works_on_a_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}  # a redirected Windows console
    demo = run(CLI, "--data-dir", str(data), "--ui-language", "ar", "demo", env=env)
    assert demo.returncode == 0, demo.stderr
    assert any("\u0600" <= ch <= "\u06ff" for ch in demo.stdout)  # Arabic, as UTF-8
    check = run(CLI, "--data-dir", str(data), "check")
    assert check.returncode == 0 and check.stdout.strip() == "ok"
    report = run(CLI, "--data-dir", str(data), "report", "--help")
    assert report.returncode == 0
    # Every kind of report the console program offers, read back by independent readers
    # (`report --pdf` once ended the bundled CLI with a fatal error: Qt was left out of it).
    env = {k: v for k, v in os.environ.items()
           if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}}  # a server: no screen
    for args, name in ((["--pdf"], "q.pdf"), ([], "q.xlsx")):
        done = run(CLI, "--data-dir", str(data), "--ui-language", "en", "report", "--period",
                   "2026Q1", "--language", "en", "--out", str(tmp_path / name), *args, env=env)
        assert done.returncode == 0 and done.stderr == "", done.stderr
    pdf = subprocess.run(["pdftotext", str(tmp_path / "q.pdf"), "-"], capture_output=True,
                         text=True, check=True).stdout
    assert "Quarterly summary" in pdf
    from python_calamine import CalamineWorkbook

    assert "Summary" in CalamineWorkbook.from_path(str(tmp_path / "q.xlsx")).sheet_names


def test_without_a_display_the_bundle_says_so(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}}
    env["LANG"] = "en_GB.UTF-8"
    done = run(WINDOW, "--data-dir", str(tmp_path / "d"), env=env)
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and "graphical desktop" in done.stderr
    assert "xcb" not in done.stderr


def test_the_installer_script_compiles_without_warnings(tmp_path: Path) -> None:
    """makensis on a tiny stand-in bundle (seconds), warnings counted as errors."""
    import shutil

    makensis = shutil.which("makensis")
    assert makensis is not None, "install NSIS (apt-get install nsis)"
    fake = tmp_path / "bundle"
    (fake / "_internal").mkdir(parents=True)
    for name in ("forebygg-desktop", "forebygg-cli", "_internal/x.txt"):
        (fake / name).write_text("stand-in")
    out = tmp_path / "forebygg-desktop-0.0.0-setup.exe"  # the real pattern; not "setup.exe"
    done = subprocess.run(makensis_command(makensis, fake, out), capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "-WX" in makensis_command(makensis, fake, out)
    assert out.read_bytes()[:2] == b"MZ"  # a Windows executable
