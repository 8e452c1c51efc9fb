"""Program, locality, language and theme names, looked up at display time (every list uses them)."""

from __future__ import annotations

from forebygg_desktop.core.store import Store
from forebygg_desktop.gui.widgets.record_table import EMPTY


class CatalogNames:
    """Program, locality, language and theme names looked up at display time."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.reload()

    def reload(self) -> None:
        catalog = self.store.catalog
        self.programs = {p.code: p for p in catalog.programs(include_inactive=True)}
        self.localities = {loc.code: loc.name for loc in catalog.localities(include_inactive=True)}
        self.languages = {lang.code: lang for lang in catalog.languages(include_inactive=True)}
        self.themes = {t.code: t for t in catalog.themes()}

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
