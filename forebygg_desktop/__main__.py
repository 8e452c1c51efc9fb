"""`python -m forebygg_desktop`: start the desktop program."""

from __future__ import annotations

import gc
import sys


def begin() -> None:
    """The start's first steps, before the program's modules load (may be taken twice).

    The start's imports make some 100,000 objects that live as long as the program and
    almost no garbage: collecting while they load only walks them again. The program's own
    collector (gui/collector.py) takes over once the application exists, and keeps quiet
    until the start has settled. And PySide6's import hook, which reads the source of every
    module imported after it, is handed back (gui/import_hook.py).
    """
    gc.disable()
    from forebygg_desktop.gui.import_hook import skip_feature_import

    skip_feature_import()


def main() -> int:
    try:
        begin()
        from forebygg_desktop.gui.app import main as gui_main
    finally:
        gc.enable()
    return gui_main()


if __name__ == "__main__":
    sys.exit(main())
