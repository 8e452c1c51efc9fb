"""Screenshots at 1366×768 of the import dry run's breakdown per kind and of the kiosk's
"Are you still there?" countdown, offscreen, per language.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m forebygg_desktop.devtools.import_kiosk_screens

writes screenshots/import-breakdown-<lang>.png and kiosk-still-there-<lang>.png.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from forebygg_desktop.core import settings
from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import TalkData
from forebygg_desktop.devtools.over_window import save_over
from forebygg_desktop.devtools.shots_cli import run_shots
from forebygg_desktop.gui.areas.evaluations.kiosk.window import KioskWindow
from forebygg_desktop.gui.areas.exchange.page import ExchangePage
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.fonts import load_fonts
from forebygg_desktop.gui.language import LanguageController
from forebygg_desktop.gui.main_window import MainWindow
from forebygg_desktop.gui.operations import Operations


def _settle(ctx: AppContext) -> None:
    ctx.ops.wait()
    for _ in range(3):
        QCoreApplication.processEvents()


def _paired(folder: Path) -> tuple[Store, Store, Path]:
    """A central store and a laptop paired the way people do it, and a second export."""
    central = open_store(folder / "central" / "forebygg.sqlite3")
    central.settings.set(settings.ROLE, "central")
    laptop = open_store(folder / "laptop" / "forebygg.sqlite3")
    laptop.settings.set(settings.DEVICE_NAME, "Familjestöd 3")
    usb = folder / "usb"
    usb.mkdir()
    laptop.exchange.apply_config(central.exchange.make_config(usb))
    generate_demo(laptop, years=1, end=date.today() - timedelta(days=1))
    first = laptop.exchange.export(usb / "one.forebygg")
    [report] = central.exchange.plan_import([first.path])
    assert report.signer is not None
    central.exchange.enrol(report.signer)
    central.exchange.import_files([first.path])
    talks = laptop.talks.list()
    for record in talks[:4]:
        laptop.talks.delete(record.id)
    for record in talks[4:9]:
        laptop.talks.update(record.id, TalkData(first_talk_on=record.first_talk_on,
                                                who_came="father",
                                                language_code=record.language_code))
    for day in (1, 2, 3):
        laptop.talks.create(TalkData(first_talk_on=date.today() - timedelta(days=day),
                                     who_came="mother", language_code="ar"))
    meetings = laptop.open_meetings.list()
    laptop.open_meetings.delete(meetings[0].id)
    box = folder / "second"
    box.mkdir()
    laptop.exchange.export(box, full=True)
    return central, laptop, box


def shoot(language: str, out: Path) -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    load_fonts(app)
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        central, laptop, box = _paired(Path(tmp))
        controller = LanguageController(app)
        controller.apply(language)
        ctx = AppContext(central, Operations(central), controller)
        window = MainWindow(ctx)
        window.resize(1366, 768)
        window.show()
        window.show_page("exchange")
        _settle(ctx)
        page = window.pages["exchange"]
        assert isinstance(page, ExchangePage)
        page.plan_import([box])
        _settle(ctx)
        dialog = page.plan_dialog
        assert dialog is not None
        dialog.show()
        _settle(ctx)
        shots.append(save_over(window, dialog, out / f"import-breakdown-{language}.png"))
        dialog.done(0)
        window.close()
        _settle(ctx)

        lctx = AppContext(laptop, Operations(laptop), controller)
        series_id = laptop.groups.list_series()[0].id
        token = laptop.evaluations.start_round("series", series_id, "group")
        kiosk = KioskWindow(lctx, token, laptop.evaluations.questionnaire("group"))
        kiosk.resize(1366, 768)
        kiosk.show()
        kiosk._choose_language(language)
        kiosk._show_question(0)
        kiosk._idle()  # the idle time ran out: the warning comes up
        kiosk._tick()  # ... and has counted down a few seconds
        kiosk._tick()
        kiosk._tick()
        _settle(lctx)
        shots.append(out / f"kiosk-still-there-{language}.png")
        kiosk.grab().save(str(shots[-1]))
        kiosk.unlock()
        _settle(lctx)
        central.close()
        laptop.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    return run_shots(shoot, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
