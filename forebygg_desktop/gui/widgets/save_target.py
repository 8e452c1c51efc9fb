"""The check before a PDF is saved where the user pointed: never over the program's own
files (the database, a backup, the log) nor over a file that is not a PDF.

The save dialog already asked before replacing an existing file; this refuses what no
answer may allow. Used by the materials viewer, the questionnaire printing and the report summary.
"""

from __future__ import annotations

from pathlib import Path

from forebygg_desktop.core.errors import ForeignTargetError, ProtectedTargetError, UserError
from forebygg_desktop.core.targets import is_protected
from forebygg_desktop.gui.context import AppContext


def pdf_target_error(ctx: AppContext, path: Path) -> UserError | None:
    """The error that says why `path` may not be written, or None when it may."""
    store = ctx.store
    if is_protected(path, store.data_dir, store.path):
        return ProtectedTargetError(path=str(path))
    if path.is_dir() or (path.exists() and not _is_pdf(path)):
        return ForeignTargetError(path=str(path))
    return None


def pdf_target_refusal(ctx: AppContext, path: Path) -> str | None:
    """`pdf_target_error`'s message in the interface language."""
    error = pdf_target_error(ctx, path)
    return error.message() if error is not None else None


def _is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:
        return False
