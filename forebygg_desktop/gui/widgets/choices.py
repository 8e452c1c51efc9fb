"""The items of catalogue and code-list combo boxes (codes stored, labels looked up)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from forebygg_desktop.core import i18n
from forebygg_desktop.core.codes import GROUP_KINDS, CodeList
from forebygg_desktop.core.i18n import pgettext
from forebygg_desktop.core.store import Store

Items = list[tuple[Any, Callable[[], str]]]


def _constant(text: str) -> Callable[[], str]:
    """A label that is the same in every language (a proper name)."""
    return lambda: text


def none_item(label: Callable[[], str] | None = None) -> tuple[None, Callable[[], str]]:
    # TRANSLATORS: a choice meaning "nothing chosen" (e.g. no theme).
    return None, label or (lambda: pgettext("choice", "(none)"))


def all_item() -> tuple[None, Callable[[], str]]:
    # TRANSLATORS: a list filter that does not filter.
    return None, lambda: pgettext("filter", "All")


def program_items(store: Store, kinds: Iterable[str], include_inactive: bool = False) -> Items:
    wanted = set(kinds)
    return [(p.code, p.name) for p in store.catalog.programs(include_inactive)
            if p.kind in wanted]


def group_program_items(store: Store, include_inactive: bool = False) -> Items:
    return program_items(store, GROUP_KINDS, include_inactive)


def locality_items(store: Store) -> Items:
    # Place names are proper names: the same in every language.
    return [(loc.code, _constant(loc.name)) for loc in store.catalog.localities()]


def language_items(store: Store) -> Items:
    return [(lang.code, lang.name) for lang in store.catalog.languages()]


def theme_items(store: Store, applies_to: str) -> Items:
    return [none_item(), *((t.code, t.name) for t in store.catalog.themes(applies_to))]


def code_items(codes: CodeList) -> Items:
    return [(code, partial(codes.label, code)) for code in codes]


def interpreter_items() -> Items:
    """Interpreter present: not stated / yes / no (not stated is not "no")."""
    return [
        (None, lambda: pgettext("interpreter", "Not stated")),
        (True, lambda: pgettext("interpreter", "Yes, interpreter")),
        (False, lambda: pgettext("interpreter", "No interpreter")),
    ]


def _autonym(code: str) -> str:
    return i18n.language_info(code).autonym


def interface_language_items() -> Items:
    """The interface languages, each by its own name (the same in every interface language)."""
    return [(code, partial(_autonym, code)) for code in i18n.UI_LANGUAGES]
