"""`forebygg-cli demo | check | backup`: data-folder maintenance without the window."""

from __future__ import annotations

import argparse
from pathlib import Path

from forebygg_desktop.cli_errors import EXIT_USAGE, say
from forebygg_desktop.core import settings
from forebygg_desktop.core.backups import copy_to_second, second_folder, set_second_folder
from forebygg_desktop.core.db import backup_to_folder, integrity_check
from forebygg_desktop.core.demo import PRESETS, generate_demo
from forebygg_desktop.core.errors import OutputFolderMissingError, WritesRefusedError
from forebygg_desktop.core.i18n import N_, _, format_number, ngettext
from forebygg_desktop.core.startup import Installation


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    demo = commands.add_parser("demo", help="load demo data into an empty database")
    demo.add_argument("--size", choices=sorted(PRESETS), default="year")
    demo.add_argument("--seed", type=int, default=2026)
    demo.set_defaults(run=run_demo)
    check = commands.add_parser("check", help="full integrity check of the database")
    check.set_defaults(run=run_check, checks_integrity=False)
    backup = commands.add_parser(
        "backup", help="write a rolling backup now (also to the second location, if chosen)")
    backup.add_argument("--second-location", metavar="FOLDER", default=None,
                        help="choose a second backup folder (e.g. a USB stick); 'none' stops")
    backup.set_defaults(run=run_backup)


def run_demo(installation: Installation, args: argparse.Namespace) -> int:
    store = installation.store
    if not store.is_empty():
        say(_("The database already holds data; demo data is only loaded into an empty one."))
        return 1
    size = PRESETS[args.size]
    rows = generate_demo(store, years=size.years, scale=size.scale, seed=args.seed)
    print(ngettext("Demo data loaded: {rows} row.", "Demo data loaded: {rows} rows.", rows).format(
        rows=format_number(rows)))
    return 0


ON_SERVER = N_("This store is on a database server: the server checks it, and its backups "
               "are made there with pg_dump (see docs/central-server.md).")


def run_check(installation: Installation, args: argparse.Namespace) -> int:
    if installation.store.uow.shared:
        print(_(ON_SERVER))
        return 1
    result = integrity_check(installation.store.path)
    if result == "ok":
        print(result)
        return 0
    say(WritesRefusedError().message() + f" ({result[:200]})")
    return 1


def run_backup(installation: Installation, args: argparse.Namespace) -> int:
    store = installation.store
    if store.uow.shared:
        say(_(ON_SERVER))
        return 1
    if args.second_location is not None:
        if not args.second_location.strip():  # "" once chose the current folder, silently
            say(_("Give a folder for the second backup location, or “none”."))
            return EXIT_USAGE
        second = None if args.second_location.lower() == "none" else Path(
            args.second_location).resolve()
        if second is not None and not second.is_dir():
            raise OutputFolderMissingError(folder=str(second))
        set_second_folder(store, second)
    keep = max(1, store.settings.get(settings.BACKUPS_KEEP))
    path = backup_to_folder(store.engine, installation.backup_dir, keep=keep)
    print(_("Backup written: {path}").format(path=path))
    second = second_folder(store)
    if second is None:
        return 0
    warnings = copy_to_second(store, second, keep)
    for warning in warnings:
        say(warning.message())
    if not warnings:
        print(_("Second copy written to {folder}").format(folder=second))
    return 1 if warnings else 0
