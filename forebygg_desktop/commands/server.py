"""`forebygg-cli server`: point a data folder at the central store on a PostgreSQL server.

`server set URL --password keyring|file|none [--password-file PATH]` checks the setting by
opening the server (migrating it when new), then writes `server.json` beside the data
(docs/central-server.md); `server show` prints it; `server off` goes back to the SQLite
file. A password never goes into the setting file or the database: it is asked for once and
put in the operating system's keyring, or read from a file only its owner can read.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from forebygg_desktop.cli_errors import say
from forebygg_desktop.core.i18n import _
from forebygg_desktop.core.paths import SERVER_FILE
from forebygg_desktop.core.server import (
    PASSWORD_SOURCES,
    ServerSetting,
    read_setting,
    store_password_in_keyring,
    write_setting,
)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    server = commands.add_parser(
        "server", help="use a PostgreSQL server for the central store (see docs)")
    actions = server.add_subparsers(dest="action", required=True)
    put = actions.add_parser("set", help="check the server, then use it from now on")
    put.add_argument("url", help="postgresql://user@host:5432/database (no password)")
    put.add_argument("--password", choices=PASSWORD_SOURCES, default="keyring",
                     help="where the password comes from (default: the OS keyring)")
    put.add_argument("--password-file", type=Path, default=None,
                     help="with --password file: a file only you can read (chmod 600)")
    put.set_defaults(run=run_set, without_store=True)
    show = actions.add_parser("show", help="print the server setting")
    show.set_defaults(run=run_show, without_store=True)
    off = actions.add_parser("off", help="use the SQLite file in the data folder again")
    off.set_defaults(run=run_off, without_store=True)


def run_set(data_dir: Path, args: argparse.Namespace) -> int:
    from forebygg_desktop.core.startup import open_server_store

    setting = ServerSetting(url=args.url, password=args.password,
                            password_file=str(args.password_file.expanduser().resolve())
                            if args.password_file else None)
    setting.checked_url()
    if setting.password == "file" and setting.password_file is None:
        say(_("Give the password file with --password-file."))
        return 2
    if setting.password == "keyring":
        if not sys.stdin.isatty():  # getpass would warn, then fail on the end of the input
            say(_("The server's password is asked for in a terminal. Run this command in a "
                  "terminal, or use --password file with --password-file."))
            return 2
        store_password_in_keyring(setting, getpass.getpass(_("Password for the server: ")))
    store = open_server_store(setting, data_dir)  # connects and migrates, or refuses
    store.close()
    path = write_setting(data_dir, setting)
    print(_("The central store is now on the server. Setting written: {path}").format(
        path=path))
    return 0


def run_show(data_dir: Path, args: argparse.Namespace) -> int:
    setting = read_setting(data_dir)
    if setting is None:
        print(_("No server: the store is the SQLite file in the data folder."))
        return 0
    print(f"url: {setting.url}\npassword: {setting.password}"
          + (f"\npassword_file: {setting.password_file}" if setting.password_file else ""))
    return 0


def run_off(data_dir: Path, args: argparse.Namespace) -> int:
    (data_dir / SERVER_FILE).unlink(missing_ok=True)
    print(_("No server: the store is the SQLite file in the data folder."))
    return 0
