"""The CLI's one error path: a one-line message in the user's language and an exit code.

Exit codes: 0 done, 1 the command failed (the message says why; nothing was changed
unless it says so), 2 wrong arguments, 70 an unexpected error (details in the log; the
traceback is printed only with `--debug`), 130 interrupted.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from forebygg_desktop.core.errors import DamagedDatabaseError, UserError
from forebygg_desktop.core.files import is_damage
from forebygg_desktop.core.i18n import _
from forebygg_desktop.core.logs import safe_traceback

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_UNEXPECTED = 70
EXIT_INTERRUPTED = 130

log = logging.getLogger("forebygg_desktop.cli")


def say(message: str) -> None:
    """One line on stderr (messages never span lines: scripts read the last line)."""
    print(" ".join(message.split()), file=sys.stderr)


def raise_usage(error: UserError, cause: BaseException) -> NoReturn:
    """A wrong argument found after parsing: one line, exit code 2."""
    say(error.message())
    raise SystemExit(EXIT_USAGE) from cause


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a wrong argument is one translated line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        say(_("Wrong arguments: {detail}. See {program} --help.").format(
            detail=message, program=self.prog))
        raise SystemExit(EXIT_USAGE)


def guarded(run: Callable[[], int], *, debug: bool,
            log_path: Callable[[], Path | None]) -> int:
    """Run a command; every failure becomes one line and a non-zero exit code."""
    try:
        return run()
    except SystemExit as stop:  # a wrong argument found by a command: already said
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    except UserError as error:
        log.warning("command refused: %s", type(error).__name__)
        say(error.message())
        return EXIT_FAILED
    except KeyboardInterrupt:
        say(_("Interrupted. A save that was under way was completed or not made at all."))
        return EXIT_INTERRUPTED
    except Exception as error:  # the top-level error path: never a raw traceback
        log.error("unexpected error:\n%s", safe_traceback(error))
        if debug:
            traceback.print_exc()
        if is_damage(error):  # not "the database is consistent": it is not
            say(DamagedDatabaseError(detail=type(error).__name__).message())
            return EXIT_FAILED
        path = log_path()
        where = str(path) if path is not None else _("(no log: the data folder "
                                                             "cannot be written to)")
        say(_("Unexpected error ({kind}). Every save is whole or not made at all, so the "
              "database is consistent. Details are in the log: {log}").format(
                  kind=type(error).__name__, log=where))
        return EXIT_UNEXPECTED
