"""Where a data folder may not be: network drives and synchronised cloud folders.

SQLite's write-ahead log needs shared memory between the processes on one machine, which a
network file system does not give; OneDrive (and Dropbox) upload a database file while it
is being written and may restore an old copy over it. Both can damage the database, so
such a data folder is refused with a clear message instead of opened. The checks are plain
string rules on Windows paths (`ntpath`) plus Windows' own drive type, so a test on Linux
can play any Windows situation.
"""

from __future__ import annotations

import ntpath
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from forebygg_desktop.core.errors import DataFolderError, UserError
from forebygg_desktop.core.i18n import N_

DRIVE_REMOTE = 4  # GetDriveTypeW: a mapped network drive
# Environment variables Windows' OneDrive client sets to the folders it synchronises.
CLOUD_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
# Folder names of synchronised folders (OneDrive for work is "OneDrive - <organisation>").
CLOUD_FOLDER_NAMES = ("onedrive", "dropbox", "icloud drive", "icloudrive", "google drive")


class NetworkDataFolderError(UserError):
    msgid = N_("The data folder {folder} is on a network drive. Forebygg Desktop keeps its "
               "database on this computer only, because a database on a network drive can "
               "be damaged. Use a folder on this computer (the default folder needs no "
               "setting). Nothing was changed.")


class SyncedDataFolderError(UserError):
    msgid = N_("The data folder {folder} is inside a folder that OneDrive or another cloud "
               "service synchronises. Such a service can damage a database while it is "
               "being written. Use a folder on this computer that is not synchronised (the "
               "default folder needs no setting). Nothing was changed.")


class PortableFolderError(DataFolderError):
    """`portable.txt` beside a program in a folder the user cannot write to."""

    msgid = N_("The file portable.txt beside the program asks for the data to be kept in "
               "{folder}, but that folder cannot be written to ({detail}). Portable mode "
               "needs a folder you can write to, such as a USB stick. Remove portable.txt "
               "(the data then goes to your own user folder) or copy the program to a "
               "folder you can write to.")


def _windows_drive_type(root: str) -> int:
    import ctypes

    windll = getattr(ctypes, "windll", None)
    if windll is None:  # pragma: no cover - only reached on Windows
        return 0
    return int(windll.kernel32.GetDriveTypeW(root))


def network_reason(path: str, *, drive_type: Callable[[str], int] = _windows_drive_type
                   ) -> str | None:
    """Why a Windows path lies on a network drive ("unc", "mapped"), or None."""
    text = path.replace("/", "\\")
    if text.startswith("\\\\?\\"):  # a long-path prefix: \\?\C:\... or \\?\UNC\server\...
        text = text[4:]
        if text.upper().startswith("UNC\\"):
            return "unc"
    elif text.startswith("\\\\"):
        return "unc"
    drive, _rest = ntpath.splitdrive(text)
    if len(drive) == 2 and drive[1] == ":" and drive_type(drive + "\\") == DRIVE_REMOTE:
        return "mapped"
    return None


def synced_reason(path: str, environ: Mapping[str, str]) -> str | None:
    """The synchronised folder a path lies in, or None (Windows and POSIX paths alike)."""
    folded = ntpath.normcase(path.replace("/", "\\")).rstrip("\\") + "\\"
    for variable in CLOUD_VARIABLES:
        root = environ.get(variable)
        if root:
            folded_root = ntpath.normcase(root.replace("/", "\\")).rstrip("\\") + "\\"
            if folded.startswith(folded_root):
                return root
    for part in folded.split("\\"):
        if part in CLOUD_FOLDER_NAMES or part.startswith("onedrive - "):
            return part
    return None


def check_data_location(data_dir: Path, *, windows: bool | None = None,
                        drive_type: Callable[[str], int] = _windows_drive_type,
                        environ: Mapping[str, str] | None = None) -> None:
    """Raise when `data_dir` lies on a network drive or in a synchronised cloud folder."""
    path = os.path.abspath(data_dir)  # not resolve(): that turns a mapped H:\ into \\server
    if (sys.platform == "win32" if windows is None else windows) and network_reason(
            path, drive_type=drive_type):
        raise NetworkDataFolderError(folder=path)
    if synced_reason(path, os.environ if environ is None else environ):
        raise SyncedDataFolderError(folder=path)
