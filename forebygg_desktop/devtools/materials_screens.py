"""Screenshots of the materials library at 1366×768, offscreen, per interface language.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m forebygg_desktop.devtools.materials_screens

writes screenshots/materials-<lang>-{library,side-by-side,fallback,present}.png. An update
with one new, Swedish-only sheet is installed first, so the "New" mark and the fallback
notice show. The parent's language is the interface language (Arabic or Somali), else
Arabic.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from forebygg_desktop.core.startup import open_store
from forebygg_desktop.gui.areas.materials.page import MaterialsPage
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.fonts import load_fonts
from forebygg_desktop.gui.language import LanguageController
from forebygg_desktop.gui.main_window import MainWindow
from forebygg_desktop.gui.operations import Operations

ROOT = Path(__file__).resolve().parents[2]
NEW_SHEET = "demo-new-sheet"


def _save(widget: QWidget, path: Path) -> Path:
    for _ in range(5):
        QCoreApplication.processEvents()
    widget.grab().save(str(path))
    return path


def _demo_update() -> tuple[bytes, dict[str, bytes]]:
    text = ("# Nytt blad: sommarens öppna träffar\n\nUnder sommaren har familjecaféet "
            "öppet varje tisdag.\n\n- Ingen anmälan\n- Gratis\n").encode()
    relative = f"sheets/{NEW_SHEET}/sv.md"
    index = {"format": 1, "package_version": 2, "sheets": [{
        "id": NEW_SHEET, "program": "CAFE", "topic": "program-info", "version": 1,
        "translations": [{"language": "sv", "title": "Nytt blad: sommarens öppna träffar",
                          "file": relative, "format": "markdown",
                          "sha256": hashlib.sha256(text).hexdigest(),
                          "review": "reviewed"}]}]}
    return json.dumps(index, ensure_ascii=False).encode(), {relative: text}


def shoot(language: str, out: Path) -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    load_fonts(app)
    parent_language = language if language in ("ar", "so") else "ar"
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "forebygg.sqlite3")
        store.materials.install_update(*_demo_update())
        controller = LanguageController(app)
        ctx = AppContext(store, Operations(store), controller)
        controller.apply(language)
        window = MainWindow(ctx)
        window.resize(1366, 768)
        window.show()
        window.show_page("materials")
        page = window.pages["materials"]
        assert isinstance(page, MaterialsPage)
        page.parent_pane.set_language(parent_language)
        page.worker_pane.set_language("sv")
        page.select_sheet("program-abc-3-12")
        shots.append(_save(window, out / f"materials-{language}-library.png"))
        page.worker_pane.set_language("so" if parent_language == "ar" else "ar")
        page.select_sheet("general-where-to-turn")
        shots.append(_save(window, out / f"materials-{language}-side-by-side.png"))
        page.worker_pane.set_language("sv")
        page.select_sheet(NEW_SHEET)
        shots.append(_save(window, out / f"materials-{language}-fallback.png"))
        page.select_sheet("program-abc-3-12")
        dialog = page.show_to_parent()
        if dialog is not None:
            dialog.resize(1366, 768)
            shots.append(_save(dialog, out / f"materials-{language}-present.png"))
            dialog.close()
        ctx.ops.wait()
        window.close()
        # Gone before the next language: a closed window would still retranslate, and
        # read from this store after it is closed.
        shiboken6.delete(window)
        shiboken6.delete(controller)
        store.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*", default=["sv", "ar", "so"])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for language in args.languages:
        for path in shoot(language, args.out):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
