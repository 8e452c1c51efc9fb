"""Paper entry by keyboard, free-text review, research counts, results and the area."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from forebygg_desktop.core.i18n import _
from forebygg_desktop.core.models import EvaluationResponse
from forebygg_desktop.gui.areas.evaluations.choices import ChoiceSource
from forebygg_desktop.gui.areas.evaluations.page import EvaluationsPage
from forebygg_desktop.gui.context import AppContext


def _page(qtbot: QtBot, ctx: AppContext) -> EvaluationsPage:
    # The tabs' series and activities arrive from one read off the screen's thread.
    with qtbot.waitSignal(ChoiceSource.of(ctx.ops).ready):
        page = EvaluationsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def _rows(ctx: AppContext) -> list[EvaluationResponse]:
    with ctx.store.uow.read() as session:
        return list(session.scalars(select(EvaluationResponse)))


def test_paper_forms_are_typed_in_by_keyboard(qtbot: QtBot, ctx: AppContext,
                                             series_id: str) -> None:
    page = _page(qtbot, ctx)
    page.tabs.setCurrentWidget(page.paper)
    paper = page.paper
    paper.picker.select("series", series_id)
    assert paper.picker.questionnaire_code() == "group"
    paper.language.setCurrentIndex(paper.language.findData("so"))
    filled_in = date.today().replace(day=1)
    paper.answered_on.setDate(QDate(filled_in))
    form = paper.form
    form.setFocus()
    qtbot.keyClicks(form, "54x3")  # x is no answer: ignored
    qtbot.keyClick(form, Qt.Key.Key_Space)  # skip item 4
    qtbot.keyClicks(form, "1n")
    assert form.index == 6 and page.focusWidget() is paper.form.free_text
    qtbot.keyClicks(paper.form.free_text, "Bra kurs")
    with qtbot.waitSignal(ctx.ops.changed, timeout=5000):
        qtbot.keyClick(paper.form.free_text, Qt.Key.Key_Return)
    # The next form starts empty, at the first item.
    assert form.index == 0 and form.answers == {} and form.free_text.text() == ""
    form.setFocus()
    qtbot.keyClicks(form, "2")
    qtbot.keyClick(form, Qt.Key.Key_Backspace)  # back, and that answer is gone
    qtbot.keyClicks(form, "3y")
    with qtbot.waitSignal(ctx.ops.changed, timeout=5000):
        qtbot.keyClick(form, Qt.Key.Key_Return)
    ctx.ops.wait()
    rows = _rows(ctx)
    answers = sorted((r.answers for r in rows), key=len)
    assert answers == [{"overall": 3}, {"overall": 5, "learned_use_at_home": 4,
                                       "more_secure_parent": 3, "leaders_listened": 1,
                                       "would_recommend": False}]
    assert {r.mode for r in rows} == {"paper"} and {r.language for r in rows} == {"so"}
    assert {r.answered_on for r in rows} == {filled_in}
    assert len({r.local_seq for r in rows}) == 1
    assert "2" in paper.status.text()


def test_free_text_review_releases_and_redacts(qtbot: QtBot, ctx: AppContext,
                                               series_id: str) -> None:
    evaluations = ctx.store.evaluations
    token = evaluations.start_round("series", series_id, "group")
    evaluations.submit_answer(token, "sv", {"comment": "Tack Lisa!"})
    evaluations.submit_answer(token, "sv", {"comment": "Ring 070-1234567"})
    page = _page(qtbot, ctx)
    page.tabs.setCurrentWidget(page.review)
    review = page.review
    assert review.warning.text() and review.list.count() == 2
    # The tab's count of texts to review is read off the screen's thread.
    qtbot.waitUntil(lambda: "2" in page.tabs.tabText(2), timeout=5000)
    review.list.setCurrentRow(next(i for i, r in enumerate(review.rows)
                                   if r.text == "Tack Lisa!"))
    review.editor.setPlainText("Tack [ledaren]!")
    with qtbot.waitSignal(ctx.ops.changed, timeout=5000):
        qtbot.mouseClick(review.reviewed_button, Qt.MouseButton.LeftButton)
    assert review.list.count() == 1
    with qtbot.waitSignal(ctx.ops.changed, timeout=5000):
        qtbot.mouseClick(review.redact_button, Qt.MouseButton.LeftButton)
    assert review.list.count() == 0 and not review.reviewed_button.isEnabled()
    assert [r.text for r in evaluations.free_texts("reviewed")] == ["Tack [ledaren]!"]
    assert [r.text for r in evaluations.free_texts("redacted")] == [None]


def test_research_counts_keep_empty_apart_from_zero(qtbot: QtBot, ctx: AppContext,
                                                    series_id: str) -> None:
    page = _page(qtbot, ctx)
    research = page.research
    research.fill_series()
    research.series.setCurrentIndex(research.series.findData(series_id))
    research.boxes[("before", "handed_out")].setValue(12)
    research.boxes[("before", "returned")].setValue(10)
    research.boxes[("after", "handed_out")].setValue(0)
    with qtbot.waitSignal(ctx.ops.changed, timeout=5000):
        qtbot.mouseClick(research.save_button, Qt.MouseButton.LeftButton)
    counts = ctx.store.evaluations.research_counts(series_id)
    assert (counts["before"].handed_out, counts["before"].returned) == (12, 10)
    assert (counts["after"].handed_out, counts["after"].returned) == (0, None)


def test_results_show_counts_and_hide_small_means_and_distributions(
        qtbot: QtBot, ctx: AppContext, series_id: str) -> None:
    token = ctx.store.evaluations.start_round("series", series_id, "group")
    for score in (5, 4):
        ctx.store.evaluations.submit_answer(token, "sv", {"overall": score})
    page = _page(qtbot, ctx)
    results = page.results
    results.refresh()
    first = [results.table.item(0, c).text() for c in range(4)]
    # Two answers: n is shown; the mean (4,5 would give both answers away) and the
    # distribution are not, and the cells say so in words.
    not_shown = _("Not shown (fewer than {k})").format(k=5)
    assert first[1] == "2" and first[2] == not_shown and first[3] == not_shown
    for score in (3, 5, 4):
        ctx.store.evaluations.submit_answer(token, "sv", {"overall": score})
    results.refresh()
    first = [results.table.item(0, c).text() for c in range(4)]
    assert first[1] == "5" and first[2] == "4,2"
    assert "1: 0" in first[3] and "5: 2" in first[3]


def test_print_tab_writes_the_chosen_language(qtbot: QtBot, ctx: AppContext,
                                              tmp_path: Path) -> None:
    page = _page(qtbot, ctx)
    tab = page.print
    tab.questionnaire.setCurrentIndex(tab.questionnaire.findData("open-meeting v1"))
    tab.language.setCurrentIndex(tab.language.findData("so"))
    written = tab.save_to(tmp_path / "form.pdf")
    assert written.read_bytes().startswith(b"%PDF")


def test_the_kiosk_tab_sets_a_pin_and_starts_and_ends_a_kiosk(qtbot: QtBot, ctx: AppContext,
                                                              series_id: str) -> None:
    page = _page(qtbot, ctx)
    tab = page.kiosk
    tab.picker.select("series", series_id)
    assert tab.start_button.isEnabled()  # the fixture set a PIN
    # The stored idle time arrives from the reader thread; Save waits for it.
    qtbot.waitUntil(tab.pin_box.save_button.isEnabled, timeout=5000)
    tab.pin_box.new_pin.setText("97531")
    tab.pin_box.repeat_pin.setText("97530")
    qtbot.mouseClick(tab.pin_box.save_button, Qt.MouseButton.LeftButton)
    assert not ctx.store.evaluations.verify_kiosk_pin("97531")  # they differed
    tab.pin_box.new_pin.setText("97531")
    tab.pin_box.repeat_pin.setText("97531")
    with qtbot.waitSignal(ctx.ops.changed, timeout=5000):
        qtbot.mouseClick(tab.pin_box.save_button, Qt.MouseButton.LeftButton)
    assert ctx.store.evaluations.verify_kiosk_pin("97531")
    assert tab.pin_box.new_pin.text() == ""
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.kiosk is not None and tab.kiosk.isVisible(), timeout=5000)
    kiosk = tab.kiosk
    assert kiosk is not None and kiosk.isFullScreen() and not tab.start_button.isEnabled()
    kiosk._saved("sv")  # two parents' answers came back saved (the Store's on_done path)
    kiosk._saved("ar")
    kiosk.ask_pin()
    qtbot.keyClicks(kiosk.pin_page.edit, "97531")
    with qtbot.waitSignal(kiosk.finished, timeout=5000):
        qtbot.keyClick(kiosk.pin_page.edit, Qt.Key.Key_Return)
    ctx.ops.wait()
    assert tab.kiosk is None and tab.status.text()
    assert "2" in tab.status.text()  # leaving says how many answers were saved


def test_the_activity_picker_is_shared_sorted_searchable_and_the_kiosk_skips_the_future(
        qtbot: QtBot, ctx: AppContext) -> None:
    from datetime import timedelta

    from forebygg_desktop.core import bidi
    from forebygg_desktop.core.store.records import SeriesData
    from forebygg_desktop.gui.areas.evaluations.kiosk_start import KioskStartTab
    from forebygg_desktop.gui.areas.evaluations.paper import PaperEntryTab

    store = ctx.store
    started = store.groups.create_series(SeriesData(
        program_code="ABC-3-12", locality_code="RIMBO", language_code="sv",
        venue="Kyrkans lokal", planned_start=date.today() - timedelta(days=10))).id
    future = store.groups.create_series(SeriesData(
        program_code="ABC-3-12", locality_code="HALLSTAVIK", language_code="sv",
        planned_start=date.today() + timedelta(days=30))).id
    source = ChoiceSource.of(ctx.ops)
    with qtbot.waitSignal(source.ready):
        kiosk, paper = KioskStartTab(ctx), PaperEntryTab(ctx)
    qtbot.addWidget(kiosk)
    qtbot.addWidget(paper)

    def ids(picker) -> list[str]:
        return [picker.target.itemData(i) for i in range(picker.target.count())]

    assert ids(kiosk.picker) == [started]  # never a series that has not started
    assert set(ids(paper.picker)) == {started, future}
    label = bidi.plain(paper.picker.target.itemText(ids(paper.picker).index(started)))
    assert "Kyrkans lokal" in label and "Rimbo" in label
    assert paper.picker.target.isEditable()  # typing filters the list
    assert paper.picker.target.completer().filterMode() == Qt.MatchFlag.MatchContains


def test_the_activity_field_reads_right_to_left_in_arabic(qtbot: QtBot, ctx: AppContext,
                                                          series_id: str) -> None:
    """The searchable activity field is a line edit: it takes its direction from the text,
    and a label made of isolated parts has no strong letter outside them. In Arabic it must
    still start at the right, as every other field does."""
    from forebygg_desktop.gui.areas.evaluations.paper import PaperEntryTab

    with qtbot.waitSignal(ctx.language.language_changed, timeout=5000):
        ctx.language.apply("ar")
    with qtbot.waitSignal(ChoiceSource.of(ctx.ops).ready):  # the activities, read once
        tab = PaperEntryTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(900, 400)
    tab.show()
    qtbot.waitExposed(tab)
    field = tab.picker.target.lineEdit()
    assert field is not None and field.text()
    assert field.text()[0] == "\u200f"  # RIGHT-TO-LEFT MARK: an Arabic paragraph
    image = field.grab().toImage()
    ink = [x for x in range(image.width()) for y in range(image.height())
           if image.pixelColor(x, y).lightness() < 90]
    assert ink and max(ink) > image.width() * 0.8  # flush right, as Arabic text reads
    with qtbot.waitSignal(ctx.language.language_changed, timeout=5000):
        ctx.language.apply("sv")
    QApplication.processEvents()  # the tab retranslates on Qt's LanguageChange event
    assert tab.picker.target.lineEdit().text()[0] == "\u200e"  # LEFT-TO-RIGHT MARK
