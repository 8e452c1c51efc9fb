"""Screenshots of the damaged-database dialog and Settings → Backups, offscreen, per language.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m forebygg_desktop.devtools.data_care_screens

writes screenshots/data-care-<lang>-<screen>.png (the folder is git-ignored).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from forebygg_desktop.core.backups import list_all, summarize
from forebygg_desktop.core.db import backup_to_folder
from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.devtools.shots_cli import run_shots
from forebygg_desktop.gui.areas.settings.page import SettingsPage
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.damaged_dialog import DamagedDialog
from forebygg_desktop.gui.fonts import load_fonts
from forebygg_desktop.gui.language import LanguageController
from forebygg_desktop.gui.main_window import MainWindow
from forebygg_desktop.gui.operations import Operations


def _save(widget: QWidget, path: Path) -> None:
    for _ in range(5):
        QCoreApplication.processEvents()
    widget.grab().save(str(path))


def shoot(language: str, out: Path) -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    load_fonts(app)
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        store = open_store(folder / "forebygg.sqlite3", folder / "backups")
        generate_demo(store, years=1)
        for reason in ("pre-migration", "rolling", "rolling"):
            backup_to_folder(store.engine, folder / "backups", keep=None, reason=reason)
            time.sleep(0.01)
        controller = LanguageController(app)
        ctx = AppContext(store, Operations(store), controller, restore=lambda _path: None)
        controller.apply(language)
        newest = list_all(folder)[0]
        dialog = DamagedDialog("database disk image is malformed", newest,
                               summarize(newest.path))
        dialog.show()
        shots.append(out / f"data-care-{language}-damaged-dialog.png")
        _save(dialog, shots[-1])
        dialog.close()
        window = MainWindow(ctx)
        window.resize(1366, 768)
        window.show()
        window.show_page("settings")
        ctx.ops.wait()
        page = window.pages["settings"]
        assert isinstance(page, SettingsPage)
        QCoreApplication.processEvents()
        section = page.backups_section
        section.choose(0)
        scroll = page.findChild(QScrollArea)
        assert scroll is not None
        scroll.ensureWidgetVisible(section.status, 0, 0)
        shots.append(out / f"data-care-{language}-restore-screen.png")
        _save(window, shots[-1])
        window.close()
        ctx.ops.wait()
        shiboken6.delete(window)  # the next language must not reach this window's pages
        shiboken6.delete(controller)
        store.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    return run_shots(shoot, __doc__, argv)

if __name__ == "__main__":
    sys.exit(main())
