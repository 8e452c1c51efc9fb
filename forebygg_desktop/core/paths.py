"""Where resources and user data live: source tree, frozen bundle, portable or installed."""

from __future__ import annotations

import os
import sys
import tempfile
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
# The store's signing key beside it (core/device_keys.py).
DEVICE_KEY_FILE = "device-key.pem"


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
    """The user data folder, created if missing and checked to be writable.

    Order: the `FOREBYGG_DATA_DIR` environment variable (tests, scripted installs), then
    portable mode (a `portable.txt` beside the program keeps data beside it, e.g. on a USB
    stick), then the platform's user data folder. Raises `PortableFolderError` when
    `portable.txt` asks for a folder that cannot be written (the program installed under
    Program Files), `DataFolderError` for any other folder that cannot be written.
    """
    override = os.environ.get(DATA_DIR_ENV)
    portable = not override and (program_dir() / PORTABLE_MARKER).exists()
    if override:
        path = Path(override)
    elif portable:
        path = program_dir() / "data"
    else:
        path = Path(user_data_dir(APP_NAME, APP_AUTHOR))
    try:
        ensure_writable(path)
    except OSError as error:
        # Imported here: the error texts need i18n, which needs this module.
        from forebygg_desktop.core.data_location import PortableFolderError
        from forebygg_desktop.core.errors import DataFolderError

        detail = error.strerror or type(error).__name__
        if portable:
            raise PortableFolderError(folder=str(path), detail=detail) from error
        raise DataFolderError(path=str(path), detail=detail) from error
    return path


def ensure_writable(path: Path) -> None:
    """Create `path` if missing and prove a file can be written in it (raises OSError)."""
    path.mkdir(parents=True, exist_ok=True)
    # Program Files lets anyone create nothing, but an administrator may have made the folder.
    with tempfile.TemporaryFile(dir=path, prefix=".write-test-"):
        pass
