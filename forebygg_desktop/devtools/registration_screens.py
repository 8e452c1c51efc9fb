"""Screenshots of every registration screen at 1366×768, offscreen, per language.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m forebygg_desktop.devtools.registration_screens

writes screenshots/registration-<lang>-<screen>.png (the folder is git-ignored).
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QApplication, QDateEdit, QDialog, QWidget

from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.errors import ValidationError, ValidationErrors
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.devtools.over_window import save_over
from forebygg_desktop.devtools.shots_cli import run_shots
from forebygg_desktop.gui.areas.groups.page import GroupsPage
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.first_start import FirstStartDialog
from forebygg_desktop.gui.fonts import load_fonts
from forebygg_desktop.gui.language import LanguageController
from forebygg_desktop.gui.main_window import MainWindow
from forebygg_desktop.gui.operations import Operations
from forebygg_desktop.gui.widgets.count_spin import CountSpin
from forebygg_desktop.gui.widgets.record_dialog import RecordDialog
from forebygg_desktop.gui.widgets.record_list import RecordListPage


def _save(widget: QWidget, path: Path) -> None:
    for _ in range(3):
        QCoreApplication.processEvents()
    widget.grab().save(str(path))


def shoot(language: str, out: Path) -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    load_fonts(app)
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "forebygg.sqlite3")
        controller = LanguageController(app)
        ctx = AppContext(store, Operations(store), controller)
        controller.apply(language)
        first = FirstStartDialog(ctx)
        first.show()
        shots.append(out / f"registration-{language}-first-start.png")
        _save(first, shots[-1])
        first.close()
        generate_demo(store, years=1)
        window = MainWindow(ctx)
        window.resize(1366, 768)
        window.show()

        def page(key: str, name: str) -> None:
            window.show_page(key)
            shots.append(out / f"registration-{language}-{name}.png")
            _save(window, shots[-1])

        def dialog(form: QWidget, name: str) -> None:
            shots.append(out / f"registration-{language}-{name}.png")
            _save(form, shots[-1])
            if isinstance(form, QDialog):
                form.done(0)  # not close(): a changed form would ask before discarding
            else:
                form.close()
            ctx.ops.wait()

        def on_screen(form: QWidget, name: str) -> None:
            """The form over the window, as a 1366×768 screen shows it."""
            shots.append(out / f"registration-{language}-{name}.png")
            for _ in range(3):
                QCoreApplication.processEvents()
            save_over(window, form, shots[-1])

        for key in ("home", "groups", "open_meetings", "talks", "digital"):
            page(key, key)
        groups = window.pages["groups"]
        assert isinstance(groups, GroupsPage)
        attention = store.overview.attention()
        series_id = attention[0].series_id if attention else groups.list_view.model.record(0).id
        groups.show_series(series_id)
        page("groups", "series")
        dialog(groups.new_series(), "series-form")
        view = groups.series_view
        dialog(_opened(view.open_meeting_form(None)), "meeting-form")
        form = _opened(view.open_meeting_form(None))
        women, held_on = form.fields["women"], form.fields["held_on"]
        assert isinstance(women, CountSpin) and isinstance(held_on, QDateEdit)
        women.set_count(40)
        later = date.today() + timedelta(days=2)
        held_on.setDate(QDate(later.year, later.month, later.day))
        form.show_error(ValidationErrors([
            ValidationError(N_("{attendance} attended, but only {registered} are registered."),
                            field="attendance", attendance=40, registered=10),
            ValidationError(N_("A meeting cannot be registered in the future."),
                            field="held_on")]))
        on_screen(form, "meeting-form-errors-screen")
        dialog(form, "meeting-form-errors")
        dialog(_opened(view.change_status("cancelled")), "status-form")
        for key, name in (("open_meetings", "open-meeting-form"), ("talks", "talk-form"),
                          ("digital", "digital-form")):
            window.show_page(key)
            records = window.pages[key]
            assert isinstance(records, RecordListPage)
            dialog(records.open_form(None), name)
        window.close()
        ctx.ops.wait()
        store.close()
    return shots


def _opened(form: RecordDialog | None) -> RecordDialog:
    """A form the series page opened (it opens one whenever a series is shown)."""
    assert form is not None
    return form


def main(argv: list[str] | None = None) -> int:
    return run_shots(shoot, __doc__, argv)

if __name__ == "__main__":
    sys.exit(main())
