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
        "Restore a backup (Settings → Backups, or forebygg-cli restore) or contact support."
    )


class WritesRefusedError(DatabaseError):
    """The start-up check found damage: saves are refused until a backup is restored."""

    msgid = N_(
        "The database is damaged, so saving is turned off to protect what is in it. "
        "Nothing was saved. Restore a backup (Settings → Backups) or save what can still "
        "be read."
    )


class ForeignDatabaseError(DatabaseError):
    """Another program's SQLite file where the database should be: refused, untouched."""

    msgid = N_(
        "The file {path} is another program's database, not one of Forebygg Desktop. "
        "It has not been changed. Move it away or choose another data folder."
    )


class DatabaseIsFolderError(DatabaseError):
    """A folder sits where the database file should be."""

    msgid = N_(
        "There is a folder where the database file should be: {path}. Nothing was changed. "
        "Move that folder away or choose another data folder."
    )


class DataFolderError(DatabaseError):
    """The data folder cannot be created or written to (read-only medium, permissions)."""

    msgid = N_(
        "The data folder {path} cannot be written to ({detail}). Nothing was changed. "
        "Check that the folder or USB stick is not write-protected, or choose another "
        "data folder."
    )


class MigrationError(DatabaseError):
    """Upgrading the schema failed; the transaction left the file as it was."""

    msgid = N_(
        "The database could not be upgraded to this version of the program ({detail}). "
        "It has not been changed. Go back to the previous version or contact support."
    )


class StartDiskFullError(DatabaseError):
    """The disk is too full to open (or upgrade) the database."""

    msgid = N_(
        "The disk is full, so the database cannot be opened. Nothing was changed. "
        "Free some space and start again."
    )


class BackupError(UserError):
    """A backup could not be written; the database itself is unchanged."""

    msgid = N_(
        "The backup could not be written to {folder} ({detail}). The database has not been "
        "changed."
    )


class BackupWarning(UserError):
    """A start-up or scheduled backup failed: a warning, never a reason to stop.

    `cause` is the backup's own error; both are translated when the warning is shown.
    """

    msgid = N_(
        "No backup could be made this time ({detail}). Your data is safe; free some disk "
        "space or check the backup folder so that backups can be made again."
    )

    def __init__(self, cause: UserError, **params: Any) -> None:
        super().__init__(detail=str(cause), **params)
        self.cause = cause

    def message(self) -> str:
        return _(self.msgid).format(**{**self.params, "detail": self.cause.message()})


class BackupUnusableError(UserError):
    """A backup chosen for restoring fails its checks; nothing is changed."""

    msgid = N_(
        "The backup {name} cannot be restored ({detail}). Nothing was changed."
    )


class NoBackupError(UserError):
    """Nothing to restore."""

    msgid = N_("There is no backup that can be restored. Nothing was changed.")


class OutputFolderMissingError(UserError):
    """The folder an export or a report should go to does not exist."""

    msgid = N_(
        "The folder {folder} does not exist. Nothing was written. Choose an existing folder "
        "or plug in the USB stick."
    )


class ProtectedTargetError(UserError):
    """A target that is the program's own data: the database, a backup, the log."""

    msgid = N_(
        "{path} is part of Forebygg Desktop's own data (the database, a backup or the log). "
        "Nothing was written. Choose another file name."
    )


class TargetNameError(UserError):
    """A file name the file system cannot take (too long, or not text it can store)."""

    msgid = N_(
        "The file name “{name}” cannot be used: it is too long or has characters that cannot "
        "be stored. Nothing was written. Choose a shorter, plainer name."
    )


class ForeignTargetError(UserError):
    """An existing target that is not a file of the kind being written."""

    msgid = N_(
        "{path} already exists and is not a file of the same kind. Nothing was written. "
        "Choose another file name."
    )


class TargetExistsError(UserError):
    """An existing target of the right kind, replaced only when the user agreed."""

    msgid = N_(
        "{path} already exists. Nothing was written. To replace it, confirm (in the "
        "command line: --force)."
    )


class InvalidPeriodError(ValidationError):
    """A period that cannot be read (CLI, scripts)."""

    msgid = N_("“{text}” is not a period. Use 2026Q3, 2026 or 2026-01-01..2026-03-31.")


class AlreadyRunningError(UserError):
    """A second copy of the program on the same data folder."""

    msgid = N_(
        "Forebygg Desktop is already running with this data folder. "
        "Switch to the open window instead."
    )


class DiskFullError(UserError):
    """Saving failed because the disk is full; nothing was saved."""

    msgid = N_("The disk is full, so nothing was saved. Free some space and try again.")


class OutputDiskFullError(UserError):
    """An export, report or backup file did not fit on its disk."""

    msgid = N_("The disk at {folder} is full, so the file was not written. Free some space "
               "and try again.")
