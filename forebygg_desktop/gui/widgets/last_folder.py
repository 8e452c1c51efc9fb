"""Save and PDF dialogs start where the user last saved that kind of file.

One remembered folder per kind ("report", "pdf", "exchange"), kept as a setting; a folder
that no longer exists (a USB stick taken out) falls back to the Documents folder.
"""

from __future__ import annotations

from pathlib import Path

from forebygg_desktop.core import settings
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.widgets.file_dialogs import documents_dir as documents


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
