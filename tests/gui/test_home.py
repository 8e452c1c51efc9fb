"""The start page shows the core's quarter figures and leads to what needs attention."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from forebygg_desktop.core import i18n
from forebygg_desktop.core.i18n import format_number
from forebygg_desktop.core.store.records import MeetingData, OpenMeetingData
from forebygg_desktop.gui.areas.home.page import HomePage
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.main_window import MainWindow


def test_figures_come_from_the_overview(demo_ctx: AppContext, qtbot) -> None:
    page = HomePage(demo_ctx)
    qtbot.addWidget(page)
    overview = demo_ctx.store.overview.quarter()
    assert page.cards["meetings_all"].value.text() == format_number(overview.meetings_held)
    assert page.cards["attention"].value.text() == format_number(len(overview.attention))
    assert page.cards["other_language"].value.text() == format_number(
        overview.groups_other_language)
    assert page.attention_list.count() == len(overview.attention)
    assert all(page.attention_list.item(i).text().startswith("⚠")
               for i in range(page.attention_list.count()))


def test_figures_refresh_after_a_registration(demo_ctx: AppContext, qtbot) -> None:
    page = HomePage(demo_ctx)
    qtbot.addWidget(page)
    page.show()
    before = demo_ctx.store.overview.quarter().group_meetings
    item = demo_ctx.store.overview.quarter().attention[0]
    data = demo_ctx.store.groups.next_meeting(item.series_id)
    with qtbot.waitSignal(demo_ctx.ops.changed):
        demo_ctx.ops.run(lambda s: s.groups.register_meeting(
            item.series_id, MeetingData(data.number, data.held_on, women=3)))
    i18n.set_language("sv")
    assert page.cards["meetings_all"].detail.text().startswith(format_number(before + 1))


def test_enter_on_an_attention_item_opens_the_series(demo_ctx: AppContext, qtbot) -> None:
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.show()
    home = window.pages["home"]
    item = home.attention_list.item(0)
    series_id = item.data(Qt.ItemDataRole.UserRole)
    home.attention_list.setCurrentRow(0)
    home.attention_list.setFocus()
    qtbot.keyClick(home.attention_list, Qt.Key.Key_Return)
    groups = window.pages["groups"]
    assert window.stack.currentWidget() is groups
    assert groups.series_view.series.id == series_id


def test_an_empty_start_page_says_what_to_do_first(ctx: AppContext, qtbot) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.pages["home"]
    assert isinstance(page, HomePage)
    assert page.first_steps.isVisible() and page.first_steps_text.text()
    page.first_series_button.click()
    groups = window.pages["groups"]
    form = groups.form  # type: ignore[attr-defined]
    assert form is not None and form.isVisible()
    form.done(0)
    with qtbot.waitSignal(ctx.ops.changed):
        ctx.ops.run(lambda s: s.open_meetings.create(OpenMeetingData(
            program_code="CAFE", held_on=date.today(), locality_code="RIMBO",
            language_code="sv", women=1)))
    window.show_page("home")
    assert not page.first_steps.isVisible()


def test_the_start_page_says_its_figures_are_unsuppressed(demo_ctx: AppContext,
                                                          qtbot) -> None:
    page = HomePage(demo_ctx)
    qtbot.addWidget(page)
    swedish = page.staff_note.text()
    i18n.set_language("en")
    page.retranslate_ui()
    assert "unsuppressed" in page.staff_note.text() and swedish
    assert not page.staff_note.isHidden()


def test_figure_cards_never_cut_their_wrapped_caption(demo_ctx: AppContext, qtbot) -> None:
    """Arabic at 150 % on a 1366×768 laptop: long captions wrap; each card grows
    to hold them (the page scrolls) instead of cutting them off."""
    with qtbot.waitSignal(demo_ctx.language.language_changed, timeout=5000):
        demo_ctx.language.apply("ar")
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.resize(round(1366 / 1.5), round(600 / 1.5))  # 150 % with a tall task bar
    window.show()
    qtbot.waitExposed(window)
    window.show_page("home")
    home = window.findChild(HomePage)
    assert home is not None
    cards = list(home.cards.values())

    def whole() -> bool:
        return all(label.height() >= label.heightForWidth(label.width())
                   for card in cards for label in (card.caption, card.detail)
                   if label.text())

    qtbot.waitUntil(whole, timeout=3000)
    assert any(card.caption.height() >= 2 * card.caption.fontMetrics().height()
               for card in cards)  # a wrapped caption, shown whole
