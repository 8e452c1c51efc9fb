"""Program, locality, language and theme names, looked up at display time (every list uses them).

The names are read from the Store when first needed, not when a page is built: a list's
shown texts are made on the reader thread (`widgets/paged_model.py`), so that is where a
list reads them, and opening an area reads nothing on the screen's thread. `reload()`
forgets them; the next use reads them again.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from forebygg_desktop.core.store import Store
from forebygg_desktop.gui.widgets.record_table import EMPTY


@dataclass(frozen=True)
class _Names:
    programs: dict[str, Any]
    localities: dict[str, str]
    languages: dict[str, Any]
    themes: dict[str, Any]


class CatalogNames:
    """Program, locality, language and theme names looked up at display time."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._names: _Names | None = None

    def reload(self) -> None:
        """The catalogue may have changed: read it again when next needed."""
        with self._lock:
            self._names = None

    def _read(self) -> _Names:
        # Either thread may be first (a list's reader, or the screen's thread naming a
        # series): one reads, the other waits for its result.
        with self._lock:
            if self._names is None:
                catalog = self.store.catalog
                self._names = _Names(
                    programs={p.code: p for p in catalog.programs(include_inactive=True)},
                    localities={loc.code: loc.name
                                for loc in catalog.localities(include_inactive=True)},
                    languages={lang.code: lang
                               for lang in catalog.languages(include_inactive=True)},
                    themes={t.code: t for t in catalog.themes()})
            return self._names

    @property
    def programs(self) -> dict[str, Any]:
        return self._read().programs

    @property
    def localities(self) -> dict[str, str]:
        return self._read().localities

    @property
    def languages(self) -> dict[str, Any]:
        return self._read().languages

    @property
    def themes(self) -> dict[str, Any]:
        return self._read().themes

    # {code: shown name}, for sorting and filtering a list by what it shows.
    def program_labels(self) -> dict[str, str]:
        return {code: info.name() for code, info in self.programs.items()}

    def locality_labels(self) -> dict[str, str]:
        return dict(self.localities)

    def language_labels(self) -> dict[str, str]:
        return {code: info.name() for code, info in self.languages.items()}

    def theme_labels(self) -> dict[str, str]:
        return {code: info.name() for code, info in self.themes.items()}

    def program(self, code: str | None) -> str:
        info = self.programs.get(code or "")
        return info.name() if info else (code or EMPTY)

    def locality(self, code: str | None) -> str:
        return self.localities.get(code or "", code or EMPTY)

    def language(self, code: str | None) -> str:
        info = self.languages.get(code or "")
        return info.name() if info else (code or EMPTY)

    def theme(self, code: str | None) -> str:
        info = self.themes.get(code or "")
        return info.name() if info else (code or EMPTY)
