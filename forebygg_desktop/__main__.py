"""`python -m forebygg_desktop`: start the desktop program."""

from __future__ import annotations

import sys


def main() -> int:
    from forebygg_desktop.gui.app import main as gui_main

    return gui_main()


if __name__ == "__main__":
    sys.exit(main())
