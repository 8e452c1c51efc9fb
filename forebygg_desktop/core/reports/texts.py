"""Texts in the report's own language, independent of the interface language.

A report is often made in Swedish while the interface is in Arabic (or the other way
round), and it is built on a worker thread: switching the process-wide language would
retranslate the open window mid-export. So a report gets its own gettext object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from forebygg_desktop.core import bidi, i18n
from forebygg_desktop.core.codes import CodeList
from forebygg_desktop.core.i18n import localized
from forebygg_desktop.core.reports.tables import CHANGE, MEAN, POINTS, SHARE, TEXT, Hidden


@dataclass(frozen=True)
class CatalogNames:
    """Names of programs, languages and localities as stored (per language)."""

    programs: dict[str, dict[str, str]] = field(default_factory=dict)
    languages: dict[str, dict[str, str]] = field(default_factory=dict)
    localities: dict[str, str] = field(default_factory=dict)
    # Questionnaire titles (latest version) by code and language: "group" is an id.
    questionnaires: dict[str, dict[str, str]] = field(default_factory=dict)
    # Question texts by questionnaire code, item code and language.
    questions: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)


class ReportTexts:
    """`_`, `pgettext`, formatting and code labels in one fixed language."""

    def __init__(self, language: str = i18n.DEFAULT_LANGUAGE,
                 names: CatalogNames | None = None) -> None:
        if language not in (*i18n.UI_LANGUAGES, i18n.PSEUDO_LANGUAGE):
            raise ValueError(f"unsupported report language: {language}")
        self.language = language
        self.names = names or CatalogNames()
        self._translations = i18n.translations_for(language)

    @property
    def rtl(self) -> bool:
        return i18n.is_rtl(self.language)

    def _(self, message: str) -> str:
        return self._translations.gettext(message)

    def pgettext(self, context: str, message: str) -> str:
        return self._translations.pgettext(context, message)

    def code_label(self, codes: CodeList, code: str | None) -> str:
        """The label of a fixed code (e.g. a talk outcome) in the report's language."""
        if code is None:
            return ""
        # CodeList labels in the interface language; the report may be in another one.
        msgid = codes.msgid(code)
        return i18n.label_of(msgid, self._translations) if msgid else code

    def program(self, code: str) -> str:
        names = self.names.programs.get(code)
        return (localized(names, self.language) or code) if names else code

    def language_name(self, code: str) -> str:
        names = self.names.languages.get(code)
        return (localized(names, self.language) or code) if names else code

    def locality(self, code: str) -> str:
        return self.names.localities.get(code, code)

    def questionnaire(self, code: str) -> str:
        """A questionnaire's title (its code only when the store does not know it)."""
        names = self.names.questionnaires.get(code)
        return (localized(names, self.language) or code) if names else code

    def question(self, questionnaire: str, item: str) -> str:
        """A question's text (Swedish when the questionnaire lacks the report's language,
        the item code when the store does not know it)."""
        texts = self.names.questions.get(questionnaire, {}).get(item)
        if not texts:
            return item
        return texts.get(self.language) or texts.get(i18n.DEFAULT_LANGUAGE) or item

    def quarter(self, year: int, quarter: int) -> str:
        return i18n.format_quarter(year, quarter, language=self.language)

    def short_quarter(self, year: int, quarter: int) -> str:
        """"2026 K3" / "2026 Q3": sorts by year, then quarter, in every language."""
        return f"{year} {self.pgettext('quarter abbreviation', 'Q')}{quarter}"

    def date(self, value: object) -> str:
        from datetime import date

        assert isinstance(value, date)
        return i18n.format_date(value, language=self.language)

    def points_unit(self) -> str:
        # TRANSLATORS: the unit after a change of a share in a report table, "+3 pp" for
        # "three percentage points" (25 % → 28 %). Short: it stands in a narrow column and in
        # an Excel number format, the same for every number.
        return self.pgettext("percentage points, unit after a number", "pp")

    def cell(self, value: Any, kind: str) -> str:
        """A report value as the workbook shows it (the Reports screen shows the same)."""
        if isinstance(value, Hidden):
            return value.text()
        if value is None:
            return "–"
        if kind == TEXT or isinstance(value, str):
            return str(value)
        if kind == SHARE:
            return i18n.format_percent(value, self.language)
        if kind == MEAN:
            return i18n.format_number(round(value, 2), self.language)
        if kind == CHANGE:
            return i18n.format_signed_number(value, self.language)
        if kind == POINTS:
            # A right-to-left mark first: the cell reads as an Arabic phrase (number, then
            # unit, from the right), not as a left-to-right line that starts with a digit.
            mark = bidi.RLM if self.rtl else ""
            return f"{mark}{i18n.format_signed_number(value, self.language)} {self.points_unit()}"
        return i18n.format_number(value, self.language)
