"""`forebygg-cli`: headless entry points for the central department and scripts.

Every failure ends in one line in the user's language and a non-zero exit code
(`cli_errors.py`); a traceback is printed only with `--debug`.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from pathlib import Path

import forebygg_desktop.commands as commands_package
from forebygg_desktop import __version__
from forebygg_desktop.cli_errors import EXIT_OK, EXIT_USAGE, OneLineParser, guarded
from forebygg_desktop.core import i18n
from forebygg_desktop.core.files import private_umask
from forebygg_desktop.core.paths import data_dir as default_data_dir
from forebygg_desktop.core.startup import open_installation


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="forebygg-cli")
    parser.add_argument("--data-dir", type=Path, help="data folder (default: per user)")
    parser.add_argument("--ui-language", choices=i18n.UI_LANGUAGES, default=None,
                        help="language of messages (default: the data folder's setting)")
    parser.add_argument("--debug", action="store_true",
                        help="print the traceback of an unexpected error")
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(dest="command", required=True,
                                     parser_class=OneLineParser)
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
    private_umask()  # data folder, database, backups, logs and exports: this user only
    argv = sys.argv[1:] if argv is None else argv
    _early_language(argv)  # so that even a wrong argument is told in that language
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:  # --help, --version, wrong arguments (one line, code 2)
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    if args.ui_language:
        i18n.set_language(args.ui_language)
    log_path = None

    def run() -> int:
        nonlocal log_path
        data_dir: Path = args.data_dir or _default_data_dir()
        # A network or synchronised folder is refused before anything (the log) is written there.
        from forebygg_desktop.core.data_location import check_data_location

        check_data_location(data_dir)
        log_path = _start_log(data_dir)
        if getattr(args, "without_store", False):  # e.g. `server set`: before any store opens
            return int(args.run(data_dir, args))
        # Commands that work on the files themselves (restore, rescue) open no Store.
        folder_command = getattr(args, "run_folder", None)
        if folder_command is not None:
            code: int = folder_command(data_dir, args)
            return code
        installation = open_installation(data_dir)
        try:
            if not args.ui_language:
                from forebygg_desktop.core.settings import LANGUAGE
                i18n.set_language(installation.store.settings.get(LANGUAGE))
            if getattr(args, "checks_integrity", True):
                from forebygg_desktop.core.backups import check_integrity
                check_integrity(installation.store)  # a damaged file: writes are refused
            from forebygg_desktop.cli_errors import say
            for warning in installation.warnings:
                say(warning.message())
            code = args.run(installation, args)
            return code if code is not None else EXIT_OK
        finally:
            installation.close()

    return guarded(run, debug=args.debug, log_path=lambda: log_path)


def _early_language(argv: list[str]) -> None:
    """Apply `--ui-language` before the arguments are checked."""
    for index, arg in enumerate(argv):
        value = None
        if arg == "--ui-language" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--ui-language="):
            value = arg.partition("=")[2]
        if value in i18n.UI_LANGUAGES:
            i18n.set_language(value)


def _default_data_dir() -> Path:
    try:
        return default_data_dir()
    except OSError as error:
        from forebygg_desktop.core.errors import DataFolderError
        from forebygg_desktop.core.files import reason

        raise DataFolderError(path="?", detail=reason(error)) from error


def _start_log(data_dir: Path) -> Path | None:
    """The log file in the data folder (none when the folder cannot be written to)."""
    from forebygg_desktop.core.logs import setup_logging

    try:
        return setup_logging(data_dir, console=False)
    except OSError:
        # No log: then nothing at all, rather than Python's last-resort handler printing
        # log lines on stderr before the one line the user is told.
        logging.getLogger().addHandler(logging.NullHandler())
        return None


if __name__ == "__main__":
    sys.exit(main())
