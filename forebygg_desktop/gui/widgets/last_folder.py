"""Every file dialog starts where the user last went for that kind of file.

One remembered folder per kind (`KINDS`: the report workbook, PDFs, exchange files
written and read, the second backup place), kept as a setting; a folder that no longer
exists (a USB stick taken out) falls back to the Documents folder. The dialog functions
below are the one way the interface asks for a file or a folder: they start in the
kind's folder, speak the program's language (`dialog_options`) and remember the choice.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from forebygg_desktop.core import settings
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.widgets.file_dialogs import dialog_options
from forebygg_desktop.gui.widgets.file_dialogs import documents_dir as documents

REPORT = "report"  # the report workbook (.xlsx)
PDF = "pdf"  # summaries, questionnaires and materials saved as PDF
EXCHANGE_OUT = "exchange-out"  # exchange and configuration packages written
EXCHANGE_IN = "exchange-in"  # exchange and configuration packages read
BACKUP = "backup"  # the second backup place
KINDS = (REPORT, PDF, EXCHANGE_OUT, EXCHANGE_IN, BACKUP)


def start_folder(ctx: AppContext, kind: str) -> Path:
    """Where a dialog for `kind` opens: the folder last used for it, if still there."""
    remembered = ctx.store.settings.get(settings.LAST_FOLDERS).get(kind)
    if isinstance(remembered, str) and Path(remembered).is_dir():
        return Path(remembered)
    return documents()


def remember(ctx: AppContext, kind: str, chosen: Path) -> None:
    """Keep the folder of a file (or the folder) the user chose for `kind`."""
    folder = str(chosen if chosen.is_dir() else chosen.parent)
    folders = dict(ctx.store.settings.get(settings.LAST_FOLDERS))
    if folders.get(kind) == folder:
        return
    folders[kind] = folder
    ctx.ops.run(lambda store: store.settings.set(settings.LAST_FOLDERS, folders))


def save_file(ctx: AppContext, kind: str, parent: QWidget, title: str, file_name: str,
              file_filter: str, keep: bool = True) -> Path | None:
    """Ask where to save `file_name` (offered in the kind's folder); None when cancelled.

    `keep=False`: the caller checks the place first and calls `remember` if it is used.
    """
    suggested = start_folder(ctx, kind) / file_name
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter,
                                                  options=dialog_options())
    if chosen and not keep:
        return Path(chosen)
    return _chosen(ctx, kind, chosen)


def open_file(ctx: AppContext, kind: str, parent: QWidget, title: str,
              file_filter: str) -> Path | None:
    """Ask for one file to read; None when cancelled."""
    chosen, _filter = QFileDialog.getOpenFileName(parent, title, str(start_folder(ctx, kind)),
                                                  file_filter, options=dialog_options())
    return _chosen(ctx, kind, chosen)


def open_files(ctx: AppContext, kind: str, parent: QWidget, title: str,
               file_filter: str) -> list[Path]:
    """Ask for files to read; [] when cancelled."""
    chosen, _filter = QFileDialog.getOpenFileNames(parent, title, str(start_folder(ctx, kind)),
                                                   file_filter, options=dialog_options())
    paths = [Path(name) for name in chosen]
    if paths:
        remember(ctx, kind, paths[0])
    return paths


def choose_folder(ctx: AppContext, kind: str, parent: QWidget, title: str) -> Path | None:
    """Ask for a folder (a USB stick, a backup place); None when cancelled."""
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start_folder(ctx, kind)),
                                              options=dialog_options()
                                              | QFileDialog.Option.ShowDirsOnly)
    if not chosen:
        return None
    remember(ctx, kind, Path(chosen))
    return Path(chosen)


def _chosen(ctx: AppContext, kind: str, name: str) -> Path | None:
    if not name:
        return None
    remember(ctx, kind, Path(name))
    return Path(name)
