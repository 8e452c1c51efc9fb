"""`forebygg-cli`: headless entry points for the central department and scripts."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

import forebygg_desktop.commands as commands_package
from forebygg_desktop import __version__
from forebygg_desktop.core import i18n
from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.paths import data_dir as default_data_dir
from forebygg_desktop.core.startup import open_installation


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="forebygg-cli")
    parser.add_argument("--data-dir", type=Path, help="data folder (default: per user)")
    parser.add_argument("--ui-language", choices=i18n.UI_LANGUAGES, default=None,
                        help="language of messages (default: the data folder's setting)")
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(dest="command", required=True)
    # Every module in forebygg_desktop/commands registers its own sub-commands.
    for info in sorted(pkgutil.iter_modules(commands_package.__path__), key=lambda i: i.name):
        importlib.import_module(f"{commands_package.__name__}.{info.name}").register(commands)
    return parser


def utf8_output() -> None:
    """Write UTF-8 to stdout and stderr, also when they are redirected to a file or pipe.

    Windows writes a redirected stream in the ANSI code page (cp1252): a ✗ or an Arabic
    file name then raised UnicodeEncodeError after an import had already committed.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    utf8_output()
    args = build_parser().parse_args(argv)
    if args.ui_language:
        i18n.set_language(args.ui_language)
    data_dir = args.data_dir or default_data_dir()
    if getattr(args, "without_store", False):  # e.g. `server set`: before any store opens
        try:
            return int(args.run(data_dir, args))
        except UserError as error:
            print(error.message(), file=sys.stderr)
            return 1
    try:
        installation = open_installation(data_dir)
    except UserError as error:
        print(error.message(), file=sys.stderr)
        return 2
    try:
        if not args.ui_language:
            from forebygg_desktop.core.settings import LANGUAGE
            i18n.set_language(installation.store.settings.get(LANGUAGE))
        code: int = args.run(installation, args)
        return code
    except UserError as error:
        print(error.message(), file=sys.stderr)
        return 1
    finally:
        installation.close()


if __name__ == "__main__":
    sys.exit(main())
