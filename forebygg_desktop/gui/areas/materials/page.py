"""The materials library: find a sheet, read it beside the parent's language, hand it over.

Left: filters (program, topic, language, title search) and the list; sheets the user has
not opened since an update are marked "New". Right: two panes side by side, the worker's
language and the parent's, each with its own picker and direction. Below: full screen for
the parent, print, and save as PDF (e.g. to a USB stick). Print and PDF use the parent's
pane.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QStyleOptionComboBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.core import i18n
from forebygg_desktop.core.i18n import N_, _, ngettext, pgettext
from forebygg_desktop.core.materials import TOPICS, MaterialLibrary, MaterialsError, Sheet
from forebygg_desktop.core.store import Change, Store
from forebygg_desktop.core.store.catalog import ProgramInfo
from forebygg_desktop.core.store.materials import CHANGE_KIND
from forebygg_desktop.gui.areas.materials.pane import SheetPane
from forebygg_desktop.gui.areas.materials.present import PresentDialog
from forebygg_desktop.gui.areas.materials.text import (
    MATERIAL_LANGUAGES,
    language_label,
    review_text,
    topic_name,
    write_sheet_pdf,
)
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.retranslate import Retranslatable
from forebygg_desktop.gui.widgets.last_folder import PDF, remember, save_file
from forebygg_desktop.gui.widgets.list_keys import ListFilter, ListKeys
from forebygg_desktop.gui.widgets.save_target import pdf_target_refusal

log = logging.getLogger(__name__)

GENERAL = "__general__"  # the program filter's entry for sheets that belong to no program
DEFAULT_PARENT_LANGUAGE = "sv-x-easy"
COLUMN_TITLE, COLUMN_NEW = 0, 1


class FilterCombo(QComboBox):
    """A filter never narrower than the entry it shows, but no wider need than that: the
    list drops down in full, and the four filters side by side fit a small screen (the
    longest program name made the page wider than 1366×768 at 150 %)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.currentIndexChanged.connect(lambda _i: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        text = self.fontMetrics().horizontalAdvance(self.currentText()) + 2
        needed = self.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option,
                                               QSize(text, hint.height()), self)
        return QSize(max(hint.width(), needed.width()), hint.height())
WORKER_HEADING = N_("&Your language:")
PARENT_HEADING = N_("Parent's la&nguage:")


def worker_language(parent_language: str) -> str:
    """The worker pane's first language: the interface's, unless the parent pane has it."""
    ui = i18n.current_language()
    language = ui if ui in MATERIAL_LANGUAGES else "sv"
    return "sv" if language == parent_language else language


@dataclass(frozen=True)
class LibraryRead:
    """What the page shows, read off the screen's thread (the library's files are checked
    one by one: about 100 ms on the screen's thread when it opened)."""

    library: MaterialLibrary | None
    new_ids: frozenset[str]
    programs: tuple[ProgramInfo, ...]


def read_library(store: Store) -> LibraryRead:
    """Runs on the reader."""
    try:
        library: MaterialLibrary | None = store.materials.library()
    except MaterialsError as error:
        log.error("materials library unusable: %s", error.message)
        library = None
    for problem in library.problems if library else ():
        log.warning("materials: %s", problem)
    new_ids = store.materials.new_ids(library) if library else frozenset()
    return LibraryRead(library, new_ids, tuple(store.catalog.programs(True)))


class MaterialsPage(Retranslatable):
    # The library has been read and shown (at first and after each `reload`).
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent_language: str = DEFAULT_PARENT_LANGUAGE) -> None:
        super().__init__()
        self.ctx = ctx
        self.library: MaterialLibrary | None = None
        self.new_ids: frozenset[str] = frozenset()
        self.programs: tuple[ProgramInfo, ...] = ()
        self.present_dialog: PresentDialog | None = None
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 18px; font-weight: bold;")
        layout.addWidget(self.heading)
        layout.addLayout(self._build_filters())
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.list = QTreeWidget(self.splitter)
        self.list.setColumnCount(2)
        self.list.setRootIsDecorated(False)
        self.list.header().setStretchLastSection(False)
        self.list.header().setSectionResizeMode(COLUMN_TITLE, QHeaderView.ResizeMode.Stretch)
        self.list.header().setSectionResizeMode(COLUMN_NEW,
                                                QHeaderView.ResizeMode.ResizeToContents)
        self.list.setUniformRowHeights(True)
        self.list.setWordWrap(False)
        # Titles stay readable on a small screen (elided beyond, with the title as tooltip).
        self.list.setMinimumWidth(self.fontMetrics().averageCharWidth() * 32)
        self.list.currentItemChanged.connect(lambda *_a: self._sheet_chosen())
        self.parent_pane = SheetPane(PARENT_HEADING, parent_language)
        self.worker_pane = SheetPane(WORKER_HEADING, worker_language(parent_language))
        panes = QSplitter(Qt.Orientation.Horizontal, self.splitter)
        panes.addWidget(self.worker_pane)
        panes.addWidget(self.parent_pane)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(panes)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([340, 1000])
        layout.addWidget(self.splitter, 1)
        layout.addLayout(self._build_actions())
        self.worker_pane.language_changed.connect(lambda _l: self._fill_list())
        self.parent_pane.language_changed.connect(lambda _l: self._update_actions())
        ctx.ops.changed.connect(self._changed)
        self.list.header().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # library order
        self.keys = ListKeys(self, self.list, self.search)
        self.reload()
        self.retranslate_ui()

    def _build_filters(self) -> QGridLayout:
        grid = QGridLayout()
        self.program_label, self.program = QLabel(self), FilterCombo(self)
        self.topic_label, self.topic = QLabel(self), FilterCombo(self)
        self.language_label, self.language = QLabel(self), FilterCombo(self)
        # The list's filter field (Ctrl+F, Escape clears); it filters as each letter comes.
        self.search_label, self.search = QLabel(self), ListFilter(self, lambda _t: None)
        pairs = ((self.program_label, self.program), (self.topic_label, self.topic),
                 (self.language_label, self.language), (self.search_label, self.search))
        for column, (label, field) in enumerate(pairs):
            label.setBuddy(field)
            grid.addWidget(label, 0, column)
            grid.addWidget(field, 1, column)
            grid.setColumnStretch(column, 1)
        for combo in (self.program, self.topic, self.language):
            combo.currentIndexChanged.connect(lambda _i: self._fill_list())
        self.search.textChanged.connect(lambda _t: self._fill_list())
        return grid

    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.count = QLabel(self)
        self.present_button = QPushButton(self)
        self.print_button = QPushButton(self)
        self.pdf_button = QPushButton(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.present_button.clicked.connect(self.show_to_parent)
        self.print_button.clicked.connect(self.print_sheet)
        self.pdf_button.clicked.connect(self.choose_pdf_file)
        row.addWidget(self.count)
        row.addWidget(self.message, 1)
        for button in (self.present_button, self.print_button, self.pdf_button):
            row.addWidget(button)
        return row

    # --- data ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the library again (after a configuration package) and refill everything
        when it has been read (`loaded`)."""
        self.ctx.ops.read(read_library, self._library_read)

    def _library_read(self, read: LibraryRead) -> None:
        if not shiboken6.isValid(self):
            return
        self.library, self.new_ids, self.programs = read.library, read.new_ids, read.programs
        self._fill_programs()
        self._fill_list()
        self.loaded.emit()

    def _refresh_new(self) -> None:
        library = self.library
        if library is not None:
            self.ctx.ops.read(lambda store: store.materials.new_ids(library), self._new_read)

    def _new_read(self, new_ids: frozenset[str]) -> None:
        if shiboken6.isValid(self):
            self.new_ids = new_ids
            self._fill_list()
            self.loaded.emit()

    def _changed(self, change: Change) -> None:
        if change.kind == CHANGE_KIND:
            self._refresh_new()
        elif change.kind == "catalog":  # a configuration package may bring materials
            self.reload()

    def visible_sheets(self) -> list[Sheet]:
        """The sheets the filters let through, in library order."""
        if self.library is None:
            return []
        program = self.program.currentData()
        sheets = self.library.filter(
            program=program if program not in (None, GENERAL) else None,
            topic=self.topic.currentData(), language=self.language.currentData(),
            text=self.search.text().strip() or None)
        if program == GENERAL:
            sheets = [s for s in sheets if s.program is None]
        return sheets

    def current_sheet_id(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(COLUMN_TITLE, Qt.ItemDataRole.UserRole)) if item else None

    def select_sheet(self, sheet_id: str) -> bool:
        for row in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(row)
            if item is not None and item.data(COLUMN_TITLE, Qt.ItemDataRole.UserRole) == sheet_id:
                self.list.setCurrentItem(item)
                return True
        return False

    # --- filling ------------------------------------------------------------------------
    def _fill_programs(self) -> None:
        current = self.program.currentData()
        self.program.blockSignals(True)
        self.program.clear()
        self.program.addItem(_("All programs"), None)
        self.program.addItem(_("General (no program)"), GENERAL)
        codes = [] if self.library is None else list(dict.fromkeys(
            s.program for s in self.library.sheets if s.program is not None))
        names = self._program_names()
        for code in codes:
            self.program.addItem(names.get(code, code), code)
        self.program.setCurrentIndex(max(0, self.program.findData(current)))
        self.program.blockSignals(False)

    def _program_names(self) -> dict[str, str]:
        """Every program's name in the interface language (read with the library)."""
        return {info.code: info.name() for info in self.programs}

    def _fill_list(self) -> None:
        keep = self.current_sheet_id()
        sheets = self.visible_sheets()
        title_language = self.language.currentData() or self.worker_pane.current_language()
        names = self._program_names()
        self.list.blockSignals(True)
        self.list.clear()
        for sheet in sheets:
            item = QTreeWidgetItem(self.list)
            item.setData(COLUMN_TITLE, Qt.ItemDataRole.UserRole, sheet.id)
            title = self._title(sheet, title_language)
            item.setText(COLUMN_TITLE, title)
            where = names.get(sheet.program, sheet.program) if sheet.program else _("General")
            item.setToolTip(COLUMN_TITLE, f"{title}\n{where} · {topic_name(sheet.topic)}")
            # The review status of the title's language, as a word and a sign.
            translation = sheet.translation(title_language)
            reviewed = translation is not None and translation.review == "reviewed"
            status = ("✓ " + pgettext("material review status, short", "Reviewed") if reviewed
                      else "⚠ " + pgettext("material review status, short", "Draft"))
            item.setToolTip(COLUMN_NEW, review_text("reviewed" if reviewed else "draft"))
            if sheet.id in self.new_ids:
                # A word, not only a colour or a dot: "New".
                # TRANSLATORS: a sheet added or updated since the user last opened it.
                status = f"{status} · {pgettext('material sheet', 'New')}"
                font = item.font(COLUMN_NEW)
                font.setBold(True)
                item.setFont(COLUMN_NEW, font)
            item.setText(COLUMN_NEW, status)
        self.list.blockSignals(False)
        self.count.setText(ngettext("{n} sheet", "{n} sheets", len(sheets)).format(
            n=len(sheets)))
        first = self.list.topLevelItem(0)
        if not (keep and self.select_sheet(keep)) and first is not None:
            self.list.setCurrentItem(first)
        self._sheet_chosen()

    def _title(self, sheet: Sheet, language: str) -> str:
        if self.library is None:
            return sheet.id
        try:
            return self.library.resolve(sheet.id, language).translation.title
        except MaterialsError:
            return sheet.id

    def _sheet_chosen(self) -> None:
        sheet_id = self.current_sheet_id()
        for pane in (self.worker_pane, self.parent_pane):
            pane.show_sheet(self.library, sheet_id)
        self._update_actions()
        if sheet_id is not None and sheet_id in self.new_ids and self.library is not None:
            version = self.library.sheet(sheet_id).version
            self.ctx.ops.run(lambda s: s.materials.mark_seen(sheet_id, version))

    def _update_actions(self) -> None:
        has_sheet = self.parent_pane.resolved is not None
        for button in (self.present_button, self.pdf_button):
            button.setEnabled(has_sheet)
        # A PDF material prints from the PDF viewer it opens in.
        self.print_button.setEnabled(has_sheet and not self.parent_pane.is_pdf()
                                     and _printing_available())
        self.present_button.setEnabled(has_sheet and not self.parent_pane.is_pdf())

    def retranslate_ui(self) -> None:
        # The worker pane reads in the interface language until the user picks another one.
        self.worker_pane.follow_language(worker_language(self.parent_pane.current_language()))
        self.heading.setText(_("Materials for parents"))
        self.list.setAccessibleName(_("Materials for parents"))
        self.keys.retranslate_ui()
        self.program_label.setText(_("&Program"))
        self.topic_label.setText(_("&Topic"))
        self.language_label.setText(_("Available in lan&guage"))
        self.search_label.setText(_("&Search titles"))
        self.search.setPlaceholderText(_("Part of a title"))
        self._fill_combo(self.topic, _("All topics"),
                         [(topic_name(code), code) for code in TOPICS])
        self._fill_combo(self.language, _("All languages"),
                         [(language_label(code), code) for code in MATERIAL_LANGUAGES])
        self._fill_programs()
        self.list.setHeaderLabels([_("Title"), _("Status")])
        self.present_button.setText(_("Show to the p&arent"))
        self.present_button.setToolTip(_("The sheet in the parent's language, full screen "
                                         "with large text. Esc closes it."))
        self.print_button.setText(_("P&rint…"))
        self.print_button.setToolTip(_("Print the sheet in the parent's language."))
        self.pdf_button.setText(_("Save as P&DF…"))
        self.pdf_button.setToolTip(_("Save the sheet in the parent's language as a PDF, "
                                     "e.g. on a USB stick."))
        self._fill_list()

    def _fill_combo(self, combo: QComboBox, all_text: str,
                    entries: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, None)
        for text, code in entries:
            combo.addItem(text, code)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    # --- actions ------------------------------------------------------------------------
    def show_to_parent(self) -> PresentDialog | None:
        resolved = self.parent_pane.resolved
        if resolved is None:
            return None
        self.present_dialog = PresentDialog(resolved, self)
        self.present_dialog.present()
        return self.present_dialog

    def save_pdf(self, path: Path) -> Path:
        """Write the parent pane's sheet to `path` as a PDF."""
        resolved = self.parent_pane.resolved
        if resolved is None:
            raise ValueError("no sheet chosen")
        written = write_sheet_pdf(resolved, path)
        self.message.setText("✓ " + _("Saved: {path}").format(path=str(written)))
        return written

    def choose_pdf_file(self) -> None:
        resolved = self.parent_pane.resolved
        if resolved is None:
            return
        chosen = save_file(self.ctx, PDF, self, _("Save as PDF"),
                           f"{resolved.sheet.id}-{resolved.language}.pdf",
                           _("PDF files (*.pdf)"), keep=False)
        if chosen is None:
            return
        refusal = pdf_target_refusal(self.ctx, chosen)
        if refusal is not None:
            self.message.setText("⚠ " + refusal)
            return
        remember(self.ctx, PDF, chosen)
        try:
            self.save_pdf(chosen)
        except OSError as error:
            self.message.setText("⚠ " + _("The PDF could not be saved: {detail}").format(
                detail=error.strerror or type(error).__name__))

    def print_sheet(self) -> None:
        resolved = self.parent_pane.resolved
        if resolved is None or not _printing_available():
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from forebygg_desktop.gui.areas.materials.text import print_sheet

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(resolved.translation.title)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            print_sheet(resolved, printer)
            self.message.setText("✓ " + _("Sent to the printer."))


def _printing_available() -> bool:
    """QtPrintSupport ships with PySide6-Essentials; guard anyway (a trimmed bundle)."""
    try:
        import PySide6.QtPrintSupport  # noqa: F401
    except ImportError:
        return False
    return True
