"""Whether the window program can have a window at all, said plainly before Qt tries.

Started on a Linux machine without a graphical session (over ssh, in a container, in CI
without `QT_QPA_PLATFORM=offscreen`), Qt stops with "xcb-cursor0 or libxcb-cursor0 is
needed to load the Qt xcb platform plugin", which sends people hunting for a library that
is not missing. The program says what is wrong instead, in one line.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from forebygg_desktop.core import i18n
from forebygg_desktop.core.i18n import _


def display_missing(environ: Mapping[str, str] | None = None,
                    platform: str | None = None) -> bool:
    """True on Linux/BSD when no display server is named and Qt's platform is not chosen."""
    env = os.environ if environ is None else environ
    if not (platform or sys.platform).startswith(("linux", "freebsd", "openbsd")):
        return False  # Windows and macOS always have their own display
    if env.get("QT_QPA_PLATFORM"):
        return False  # offscreen, vnc, wayland ... chosen on purpose
    return not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def terminal_language(environ: Mapping[str, str] | None = None) -> str:
    """The interface language closest to the terminal's locale (English when none fits)."""
    env = os.environ if environ is None else environ
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        code = (env.get(variable) or "")[:2].lower()
        if code:
            return code if code in i18n.UI_LANGUAGES else "en"
    return "en"


def no_display_message() -> str:
    """The one line shown instead of Qt's platform-plugin error, in the terminal's language."""
    i18n.set_language(terminal_language())
    return _("Forebygg Desktop needs a graphical desktop, and none was found (DISPLAY and "
             "WAYLAND_DISPLAY are not set). Start it from a desktop session; for tests, set "
             "QT_QPA_PLATFORM=offscreen.")
