"""What every screen is given: the Store (reads), Operations (writes) and the language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the first window is shown before the Store's modules are imported
    from forebygg_desktop.core.store import Store
    from forebygg_desktop.gui.language import LanguageController
    from forebygg_desktop.gui.operations import Operations


@dataclass
class AppContext:
    store: Store
    ops: Operations
    language: LanguageController
    # Restore a backup file: closes the Store, restores (the current file kept aside) and
    # reopens the program on it. None where nothing can be reopened (tests, self-test).
    restore: Callable[[Path], None] | None = None
