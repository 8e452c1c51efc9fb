"""`forebygg-cli demo | check | backup`: data-folder maintenance without the window."""

from __future__ import annotations

import argparse

from forebygg_desktop.core.db import backup_to_folder, integrity_check
from forebygg_desktop.core.demo import PRESETS, generate_demo
from forebygg_desktop.core.i18n import N_, _
from forebygg_desktop.core.startup import Installation


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    demo = commands.add_parser("demo", help="load demo data into an empty database")
    demo.add_argument("--size", choices=sorted(PRESETS), default="year")
    demo.add_argument("--seed", type=int, default=2026)
    demo.set_defaults(run=run_demo)
    check = commands.add_parser("check", help="full integrity check of the database")
    check.set_defaults(run=run_check)
    backup = commands.add_parser("backup", help="write a rolling backup now")
    backup.set_defaults(run=run_backup)


def run_demo(installation: Installation, args: argparse.Namespace) -> int:
    store = installation.store
    if not store.is_empty():
        print(_("The database already holds data; demo data is only loaded into an empty one."))
        return 1
    size = PRESETS[args.size]
    rows = generate_demo(store, years=size.years, scale=size.scale, seed=args.seed)
    print(_("Demo data loaded: {rows} rows.").format(rows=rows))
    return 0


ON_SERVER = N_("This store is on a database server: the server checks it, and its backups "
               "are made there with pg_dump (see docs/central-server.md).")


def run_check(installation: Installation, args: argparse.Namespace) -> int:
    if installation.store.uow.shared:
        print(_(ON_SERVER))
        return 1
    result = integrity_check(installation.store.path)
    print(result)
    return 0 if result == "ok" else 1


def run_backup(installation: Installation, args: argparse.Namespace) -> int:
    if installation.store.uow.shared:
        print(_(ON_SERVER))
        return 1
    print(backup_to_folder(installation.store.engine, installation.backup_dir))
    return 0
