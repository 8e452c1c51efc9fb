"""SQLite `file:` URIs for a database path, built without `Path.resolve()`.

`resolve()` turns a mapped drive (`H:\\data`) into its UNC form (`\\\\server\\share\\data`),
and `Path.as_uri()` then gives `file://server/share/...`, an authority SQLite refuses:
the program could not open its database at all. The URI is built from the absolute path
as written instead, with every character SQLite's URI parser treats specially quoted.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote


def uri_path(absolute: str) -> str:
    """The path part of a `file:` URI for an absolute Windows or POSIX path."""
    windows = absolute[1:2] == ":" or absolute.startswith("\\\\")
    posix = absolute.replace("\\", "/") if windows else absolute
    if not posix.startswith("/"):
        posix = "/" + posix  # C:/x -> /C:/x, as SQLite expects
    return quote(posix, safe="/:")


def sqlite_uri(path: Path, options: str = "") -> str:
    """`file:/abs/path?options` for `path` (made absolute, never resolved)."""
    uri = "file:" + uri_path(os.path.abspath(path))
    return f"{uri}?{options}" if options else uri
