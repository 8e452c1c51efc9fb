"""Imports after PySide6 at the cost of the import alone.

PySide6 puts its own `__import__` in `builtins` for its `from __feature__ import …`
switches (snake_case names, true properties). After every import statement it reads the
imported module's source file to see whether the module names PySide6 (`shibokensupport/
feature.py`, `_mod_uses_pyside`). At start that is some 340 source files — every module of
SQLAlchemy, Babel and the program imported after Qt — and about a tenth of the start's
processor time, with the text of each file kept in `linecache` for as long as the program runs.

The program never selects a feature, so it hands `builtins.__import__` back to the import
PySide6 wrapped (`__orig_import__`, which keeps PySide6's lazy loading of its own types).
Without a selected feature PySide6 reads every module as "no feature", exactly as before.
"""

from __future__ import annotations

import builtins


def skip_feature_import() -> bool:
    """Hand `__import__` back to the one PySide6 wrapped; True when it was PySide6's."""
    import shiboken6  # noqa: F401  (installs the hook, once per process)

    current = builtins.__import__
    original = getattr(builtins, "__orig_import__", None)
    if original is None or getattr(current, "__name__", "") != "__feature_import__":
        return False  # another PySide6 version, or already handed back
    builtins.__import__ = original
    return True
