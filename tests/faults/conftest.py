"""Fault injection: a data folder with data and a backup, the CLI run in-process, a small disk.

Full disk: a small tmpfs mounted for the test when it runs as root (CI does), else ENOSPC
injected at the point where the file is written. Read-only: a read-only bind mount as root,
else a folder without write permission (a real refusal by the OS either way).
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from forebygg_desktop.cli import main as cli_main
from forebygg_desktop.core import i18n
from forebygg_desktop.core.db import backup_to_folder
from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.paths import DATABASE_NAME
from forebygg_desktop.core.startup import BACKUP_FOLDER, open_installation, open_store
from tests.core.conftest import connect

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


def snapshot(data_dir: Path) -> dict[str, bytes]:
    """The database and every backup, byte for byte (what must never change)."""
    files = {}
    for path in [data_dir / DATABASE_NAME, data_dir / (DATABASE_NAME + "-wal"),
                 *sorted((data_dir / BACKUP_FOLDER).rglob("*"))]:
        if path.is_file() and not path.name.endswith("-shm"):
            files[str(path.relative_to(data_dir))] = path.read_bytes()
    return files


def make_data_folder(data_dir: Path, *, demo: bool = True, backup: bool = True) -> None:
    installation = open_installation(data_dir)
    try:
        # Paired with a department (its key pinned, as a configuration package does), so an
        # export gets as far as its target: the faults below are about files, not keys.
        central = open_store(data_dir.parent / f"{data_dir.name}-central" / DATABASE_NAME)
        try:
            connect(installation.store, central)
        finally:
            central.close()
        if demo:
            generate_demo(installation.store, years=1, scale=0.3)
        if backup:
            backup_to_folder(installation.store.engine, installation.backup_dir)
    finally:
        installation.close()


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("faults-template") / "data"
    make_data_folder(folder)
    return folder


@pytest.fixture
def data_dir(tmp_path: Path, template_dir: Path) -> Path:
    """A data folder with a little data and one good rolling backup (a copy per test)."""
    folder = tmp_path / "data"
    shutil.copytree(template_dir, folder, ignore=shutil.ignore_patterns("*.lock", "logs"))
    return folder


class Cli:
    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def __call__(self, data_dir: Path, *args: str, lang: str = "en") -> CliResult:
        self.capsys.readouterr()
        code = cli_main(["--data-dir", str(data_dir), "--ui-language", lang, *args])
        captured = self.capsys.readouterr()
        i18n.set_language("sv")
        return CliResult(code, captured.out, captured.err)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run `forebygg-cli` in-process: exit code, stdout, stderr."""
    return Cli(capsys)


def _run(*command: str) -> bool:
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


class Mounts:
    """Small tmpfs disks and read-only bind mounts, unmounted after the test (root only)."""

    def __init__(self) -> None:
        self.mounted: list[Path] = []

    def tmpfs(self, path: Path, size: str = "4m") -> bool:
        path.mkdir(parents=True, exist_ok=True)
        if IS_ROOT and _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs",
                            str(path)):
            self.mounted.append(path)
            return True
        return False

    def read_only(self, path: Path) -> str:
        """Make `path` read-only: "bind" (a read-only mount) or "chmod" (no write bit)."""
        if IS_ROOT and _run("mount", "--bind", str(path), str(path)):
            self.mounted.append(path)
            if _run("mount", "-o", "remount,bind,ro", str(path)):
                return "bind"
        path.chmod(0o500)
        return "chmod"

    def cleanup(self) -> None:
        for path in reversed(self.mounted):
            _run("umount", "-l", str(path))
        self.mounted.clear()


@pytest.fixture
def mounts() -> Iterator[Mounts]:
    m = Mounts()
    yield m
    m.cleanup()


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill the disk under `folder` until only about `leave` bytes are free."""
    filler = folder / "filler.bin"
    chunk = b"\0" * 65536
    with filler.open("wb") as handle:
        while True:
            stats = os.statvfs(folder)
            free = stats.f_bavail * stats.f_frsize
            if free <= leave:
                break
            try:
                handle.write(chunk[:max(4096, min(len(chunk), free - leave))])
                handle.flush()
            except OSError as error:
                assert error.errno == errno.ENOSPC
                break
    return filler


def enospc(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class Tools:
    """The helpers above, for tests (conftest modules are not importable by name)."""

    is_root = IS_ROOT
    snapshot = staticmethod(snapshot)
    make_data_folder = staticmethod(make_data_folder)
    fill = staticmethod(fill)
    enospc = staticmethod(enospc)


@pytest.fixture
def tools() -> type[Tools]:
    return Tools
