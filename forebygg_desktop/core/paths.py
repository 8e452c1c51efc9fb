"""Where resources and user data live: source tree, frozen bundle, portable or installed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "ForebyggDesktop"
APP_AUTHOR = "Norrtalje"
DATA_DIR_ENV = "FOREBYGG_DATA_DIR"
PORTABLE_MARKER = "portable.txt"
# The database file inside a data folder.
DATABASE_NAME = "forebygg.sqlite3"
# Beside it: the setting that puts the central store on a PostgreSQL server instead.
SERVER_FILE = "server.json"


def install_root() -> Path:
    """The folder that holds `resources/` and `translations/`.

    In a PyInstaller bundle that is the unpack folder; from source it is the repository.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    """The read-only resources shipped with the program."""
    return install_root() / "resources"


def translations_dir() -> Path:
    """The gettext catalogs (`<lang>/LC_MESSAGES/messages.mo`)."""
    return install_root() / "translations"


def program_dir() -> Path:
    """The folder of the executable (frozen) or of the repository (source)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return install_root()


def data_dir() -> Path:
    """The user data folder, created if missing.

    Order: the `FOREBYGG_DATA_DIR` environment variable (tests, scripted installs), then
    portable mode (a `portable.txt` beside the program keeps data beside it, e.g. on a USB
    stick), then the platform's user data folder.
    """
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        path = Path(override)
    elif (program_dir() / PORTABLE_MARKER).exists():
        path = program_dir() / "data"
    else:
        path = Path(user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path
