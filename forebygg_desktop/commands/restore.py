"""`forebygg-cli restore | rescue`: put a backup back, or save what a damaged file still holds.

Both work on the files, without opening the database as a Store (a damaged file might not
open). `restore` with no choice lists the backups, newest first, numbered; `restore N`,
`restore FILE` or `restore --newest` restores one, keeping the current file aside.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from forebygg_desktop.cli_errors import EXIT_USAGE, say
from forebygg_desktop.core.errors import NoBackupError, OutputFolderMissingError, UserError
from forebygg_desktop.core.i18n import N_, _, format_number, ngettext, separated


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    restore = commands.add_parser(
        "restore", help="list the backups, or restore one (the current file is kept aside)")
    restore.add_argument("choice", nargs="?", default=None,
                         help="a number from the list, or a backup file")
    restore.add_argument("--newest", action="store_true",
                         help="restore the newest backup that passes its check")
    restore.set_defaults(run_folder=run_restore)
    rescue = commands.add_parser(
        "rescue", help="copy what a damaged database still holds into a new file")
    rescue.add_argument("--out", type=Path, required=True, help="the folder for the copy")
    rescue.set_defaults(run_folder=run_rescue)


def _second(data_dir: Path) -> Path | None:
    """The second backup location, read from the file without opening a Store."""
    import json
    import sqlite3

    from forebygg_desktop.core.paths import DATABASE_NAME
    from forebygg_desktop.core.settings import BACKUP_SECOND_FOLDER

    path = data_dir / DATABASE_NAME
    if not path.is_file():
        return None
    wal = path.with_name(path.name + "-wal")
    options = "mode=ro" if wal.exists() else "mode=ro&immutable=1"  # creates no -wal
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True)
        try:
            row = connection.execute("SELECT value FROM setting WHERE key = ?",
                                     (BACKUP_SECOND_FOLDER.key,)).fetchone()
        finally:
            connection.close()
        value = json.loads(row[0]) if row and row[0] else None
    except (sqlite3.Error, ValueError, TypeError):
        return None
    return Path(value) if isinstance(value, str) and value else None


def run_restore(data_dir: Path, args: argparse.Namespace) -> int:
    from forebygg_desktop.core.backups import list_all, newest_good, summarize
    from forebygg_desktop.core.restore import restore_backup
    from forebygg_desktop.core.startup import acquire_lock, prepare_data_folder

    second = _second(data_dir)
    backups = list_all(data_dir, second)
    if args.choice is None and not args.newest:
        if not backups:
            raise NoBackupError()
        for number, info in enumerate(backups, start=1):
            summary = summarize(info.path)
            held = summary.text() if summary else _("cannot be read")
            print(f"{number:>3}  {info.taken_at:%Y-%m-%d %H:%M}  {info.kind_label()}  "
                  f"{format_number(info.size // 1024)} kB  {held}  {info.path}")
        return 0
    if args.newest:
        chosen = newest_good(data_dir, second)
        if chosen is None:
            raise NoBackupError()
        source = chosen.path
    elif args.choice.isdigit():
        index = int(args.choice)
        if not 1 <= index <= len(backups):
            say(_("There is no backup number {number}. Run “forebygg-cli restore” to see "
                  "the list.").format(number=args.choice))
            return EXIT_USAGE
        source = backups[index - 1].path
    else:
        source = Path(args.choice)
    prepare_data_folder(data_dir)
    lock = acquire_lock(data_dir)  # the program must not be running on this folder
    try:
        result = restore_backup(data_dir, source)
    finally:
        lock.release()
    print(_("Restored from {backup}.").format(backup=result.restored_from))
    if result.set_aside is not None:
        print(_("The previous database was kept as {path}.").format(path=result.set_aside))
    return 0


def run_rescue(data_dir: Path, args: argparse.Namespace) -> int:
    from forebygg_desktop.core.paths import DATABASE_NAME
    from forebygg_desktop.core.restore import rescue_copy

    out: Path = args.out
    if not out.is_dir():
        raise OutputFolderMissingError(folder=str(out))
    database = data_dir / DATABASE_NAME
    if not database.is_file():
        raise NoDatabaseError(path=str(database))
    result = rescue_copy(database, out, data_dir)
    rows = sum(result.rows.values())
    print(ngettext("{rows} row copied to {path}.", "{rows} rows copied to {path}.",
                   rows).format(rows=format_number(rows), path=result.path))
    if result.unreadable:
        say(_("Some tables could be read only in part: {tables}.").format(
            tables=separated(result.unreadable)))
        return 1
    return 0


class NoDatabaseError(UserError):
    msgid = N_("There is no database at {path}. Nothing was written.")
