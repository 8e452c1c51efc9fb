"""File paths named inside a package (materials index, configuration package), checked once.

A package names its files with relative, forward-slash paths (`sheets/x/ar.md`). The check
uses Windows' rules as well as POSIX ones, because the program runs on Windows: there
`sheets/D:x.md` names a file on drive D (or an alternate data stream), `C:..` leaves the
folder, `CON` or `nul.txt` is a device, and a trailing dot or space is silently dropped, so
`a.md.` and `a.md` would be the same file. Such paths are refused everywhere, on every
platform, so a package that installs on a Linux test machine installs the same on Windows.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

# Characters Windows forbids in a file name, plus the control characters.
_FORBIDDEN = re.compile(r'[<>:"|?*\\\x00-\x1f]')
# Device names, also with any extension (`nul.txt`) and the superscript-digit forms.
_RESERVED = re.compile(r"^(con|prn|aux|nul|conin\$|conout\$|(com|lpt)[0-9¹²³])(\..*)?$",
                       re.IGNORECASE)


def unsafe_reason(relative: str) -> str | None:
    """Why `relative` is not a safe package path, or None when it is."""
    if not relative:
        return "empty path"
    match = _FORBIDDEN.search(relative)
    if match:
        return f"forbidden character {match.group()!r}"
    if relative.startswith("/"):
        return "absolute path"
    for part in relative.split("/"):
        if part in {"", ".", ".."}:
            return f"path part {part!r}"
        if part[-1] in ". ":
            return "name ends with a dot or space"
        if _RESERVED.match(part.strip()):
            return f"reserved device name {part!r}"
    return None


def is_safe(relative: str) -> bool:
    """Whether `relative` is a relative package path that is valid on Windows and POSIX."""
    return unsafe_reason(relative) is None


def resolve_inside(root: Path, relative: str) -> Path | None:
    """The file `relative` names inside `root`, or None when it is unsafe or leads outside.

    After the name check the joined path is resolved (following links) and must still lie
    inside the resolved `root`.
    """
    if not is_safe(relative):
        return None
    path = root.joinpath(*PurePosixPath(relative).parts)
    try:
        inside = path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop, an unreadable folder
        return None
    return path if inside else None
