"""Errors a user can meet: typed, with a message translated when it is shown.

The message is kept as an English msgid plus parameters and translated by `message()` at
display time, so an error raised in a worker thread shows in the language in use when the
dialog opens. `field` names the form field an inline validation message belongs to.
"""

from __future__ import annotations

from typing import Any

from forebygg_desktop.core.i18n import N_, _


class UserError(Exception):
    """Base of every error whose message is meant for the user."""

    msgid: str = N_("Something went wrong.")

    def __init__(self, msgid: str | None = None, *, field: str | None = None,
                 **params: Any) -> None:
        self.msgid = msgid or type(self).msgid
        self.field = field
        self.params = params
        super().__init__(self.msgid.format(**params) if params else self.msgid)

    def message(self) -> str:
        """The message in the current interface language."""
        text = _(self.msgid)
        return text.format(**self.params) if self.params else text


class ValidationError(UserError):
    """Input that breaks a rule; `field` says which form field to mark."""


class ValidationErrors(UserError):
    """Several validation errors found at once, so a form can mark every field."""

    msgid = N_("Please correct the marked fields.")

    def __init__(self, errors: list[ValidationError]) -> None:
        super().__init__()
        self.errors = errors


class NotFoundError(UserError):
    """A record that does not exist (or was deleted by someone else meanwhile)."""

    msgid = N_("The record no longer exists. It may have been deleted.")


class DatabaseError(UserError):
    """The database cannot be opened or used safely."""


class NewerDatabaseError(DatabaseError):
    """A database written by a newer program version: refused, never altered."""

    msgid = N_(
        "This database was written by a newer version of Forebygg Desktop. "
        "Install the newer version; the database has not been changed."
    )


class DamagedDatabaseError(DatabaseError):
    """The integrity check failed: never overwritten silently."""

    msgid = N_(
        "The database file is damaged ({detail}). It has not been changed. "
        "Restore the latest backup from the backups folder or contact support."
    )


class AlreadyRunningError(UserError):
    """A second copy of the program on the same data folder."""

    msgid = N_(
        "Forebygg Desktop is already running with this data folder. "
        "Switch to the open window instead."
    )


class DiskFullError(UserError):
    """Saving failed because the disk is full; nothing was saved."""

    msgid = N_("The disk is full, so nothing was saved. Free some space and try again.")
