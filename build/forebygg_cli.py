"""Entry script of the bundle's console executable `forebygg-cli` (see build/forebygg.spec)."""

import sys

from forebygg_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
