"""Every setting declared once, with its type and default (stored in the database)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from forebygg_desktop.core.i18n import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Option[T]:
    """A declared setting: its key, its default and the type a stored value must have."""

    key: str
    default: T
    kind: type | tuple[type, ...]

    def coerce(self, value: Any) -> T:
        """The stored value if it has the declared type, else the default."""
        if value is None or not isinstance(value, self.kind) or (isinstance(value, bool) and \
                self.kind is int):
            return self.default
        return cast(T, value)


SETUP_DONE = Option("setup_done", False, bool)
LANGUAGE = Option("language", DEFAULT_LANGUAGE, str)
DEVICE_NAME = Option("device_name", "", str)
DEFAULT_LOCALITY: Option[str | None] = Option("default_locality", None, str)
# "field" (a worker's laptop) or "central" (the department's merged store)
ROLE = Option("role", "field", str)
DEPARTMENT = Option("department", "norrtalje-socialforvaltningen", str)
SUPPRESSION_THRESHOLD = Option("suppression_threshold", 5, int)
# The thresholds a report may use (the window's box and the command line's --suppress).
SUPPRESSION_THRESHOLDS = (2, 50)
# Reports page: a suppressed year's workbook is written with its quarters', protected together.
REPORT_WITH_QUARTERS = Option("report_with_quarters", False, bool)
BACKUPS_KEEP = Option("backups_keep", 10, int)
# A second folder (e.g. a USB stick) that gets a copy of every rolling backup; None: none.
BACKUP_SECOND_FOLDER: Option[str | None] = Option("backup_second_folder", None, str)
KIOSK_PIN_HASH: Option[str | None] = Option("kiosk_pin_hash", None, str)
KIOSK_IDLE_SECONDS = Option("kiosk_idle_seconds", 90, int)
# Materials: {sheet id: the version last opened}; a newer version is marked "new".
# Read-only default: callers copy before changing it.
MATERIALS_SEEN: Option[dict[str, int]] = Option("materials_seen", {}, dict)

# The folder a save or PDF dialog last used, per kind of file ({"report": "/home/…"}).
LAST_FOLDERS: Option[dict[str, str]] = Option("last_folders", {}, dict)
# The main window's place per screen setup: {screen key: [x, y, width, height, maximized]}
# (gui/widgets/window_geometry.py). Read-only default.
WINDOW_PLACES: Option[dict[str, list[int]]] = Option("window_places", {}, dict)

ALL_OPTIONS = (SETUP_DONE, LANGUAGE, DEVICE_NAME, DEFAULT_LOCALITY, ROLE, DEPARTMENT,
               SUPPRESSION_THRESHOLD, BACKUPS_KEEP, BACKUP_SECOND_FOLDER, KIOSK_PIN_HASH,
               KIOSK_IDLE_SECONDS, MATERIALS_SEEN, WINDOW_PLACES, LAST_FOLDERS,
               REPORT_WITH_QUARTERS)
