"""SQLite `file:` URIs for a database path, built without `Path.resolve()`.

`resolve()` turns a mapped drive (`H:\\data`) into its UNC form (`\\\\server\\share\\data`),
and `Path.as_uri()` then gives `file://server/share/...`, an authority SQLite refuses:
the program could not open its database at all. The URI is built from the absolute path
as written instead, with every character SQLite's URI parser treats specially quoted.

The quoting is `urllib.parse.quote(path, safe="/:")`, written out: the first window opens
the database through here, and importing `urllib.parse` (with `ipaddress`) costs about 5 ms
of every start. A test holds the two equal.
"""

from __future__ import annotations

import os
from pathlib import Path


def uri_path(absolute: str) -> str:
    """The path part of a `file:` URI for an absolute Windows or POSIX path."""
    windows = absolute[1:2] == ":" or absolute.startswith("\\\\")
    posix = absolute.replace("\\", "/") if windows else absolute
    if not posix.startswith("/"):
        posix = "/" + posix  # C:/x -> /C:/x, as SQLite expects
    return quoted(posix)


# What `urllib.parse.quote` leaves as it is (RFC 3986 unreserved), and the separators kept.
_KEPT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/:")


def quoted(text: str) -> str:
    """`text` percent-encoded as UTF-8, but for letters and digits of ASCII, `_.-~/:`."""
    if _KEPT.issuperset(text):
        return text
    return "".join(c if c in _KEPT else "".join(f"%{b:02X}" for b in c.encode("utf-8"))
                   for c in text)


def sqlite_uri(path: Path, options: str = "") -> str:
    """`file:/abs/path?options` for `path` (made absolute, never resolved)."""
    uri = "file:" + uri_path(os.path.abspath(path))
    return f"{uri}?{options}" if options else uri
