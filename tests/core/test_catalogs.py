"""The gettext catalogs: complete, up to date with the code, plurals and placeholders right."""

from __future__ import annotations

import gettext
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo

from forebygg_desktop.core import i18n
from forebygg_desktop.core.paths import install_root, translations_dir
from forebygg_desktop.devtools import catalogs

ROOT = install_root()
# A real plural message of the program (the backups hint in Settings).
PLURAL_SINGULAR = "A backup is made at every start; only the newest is kept."
PLURAL_PLURAL = "A backup is made at every start; the {count} newest are kept."
SAMPLE_COUNTS = (0, 1, 2, 3, 11, 100)
# gettext form index per count in SAMPLE_COUNTS.
EXPECTED_FORMS = {
    "ar": (0, 1, 2, 3, 4, 5),  # zero, one, two, few (3-10), many (11-99), other (100…)
    "so": (1, 0, 1, 1, 1, 1),  # one, other
    "sv": (1, 0, 1, 1, 1, 1),
    "en": (1, 0, 1, 1, 1, 1),
}
NPLURALS = {"ar": 6, "so": 2, "sv": 2, "en": 2}
BRACE = re.compile(r"(?<!\{)\{[^{}]*\}(?!\})")
PERCENT = re.compile(r"%(?:\([^)]*\))?[sdif%]")


def _catalog(language: str) -> Catalog:
    return catalogs.read_catalog(catalogs.po_path(language), language)


def _key(message: Message) -> tuple[str, str | None]:
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return msgid, message.context


def _extracted() -> set[tuple[str, str | None]]:
    """Run Babel's extraction over the code, as `make extract` does."""
    keywords = dict(DEFAULT_KEYWORDS)
    keywords["N_"] = None
    keywords["NC_"] = ((1, "c"), 2)
    found = set()
    for _filename, _lineno, message, _comments, context in extract_from_dir(
            str(ROOT / "forebygg_desktop"), method_map=[("**.py", "python")],
            keywords=keywords, comment_tags=("TRANSLATORS:",)):
        msgid = message if isinstance(message, str) else message[0]
        if msgid:
            found.add((msgid, context))
    return found


def _placeholders(text: str) -> list[str]:
    return sorted(BRACE.findall(text) + PERCENT.findall(text))


# --- complete and up to date ----------------------------------------------------------------

def test_template_is_up_to_date_with_the_code() -> None:
    template = catalogs.read_catalog(translations_dir() / "messages.pot")
    in_template = {_key(m) for m in template if m.id}
    in_code = _extracted()
    missing = sorted(in_code - in_template, key=str)
    stale = sorted(in_template - in_code, key=str)
    assert not missing, f"run `make update-catalogs`: not in messages.pot: {missing[:20]}"
    assert not stale, f"run `make update-catalogs`: gone from the code: {stale[:20]}"


@pytest.mark.parametrize("language", i18n.UI_LANGUAGES)
def test_catalog_holds_every_message_of_the_template(language: str) -> None:
    template = catalogs.read_catalog(translations_dir() / "messages.pot")
    in_catalog = {_key(m) for m in _catalog(language) if m.id}
    missing = sorted({_key(m) for m in template if m.id} - in_catalog, key=str)
    assert not missing, f"{language}: run `make update-catalogs`: {missing[:20]}"


@pytest.mark.parametrize("language", i18n.UI_LANGUAGES)
def test_catalog_is_complete_without_fuzzy_entries(language: str) -> None:
    catalog = _catalog(language)
    assert not catalog.fuzzy, f"{language}: the header is marked fuzzy"
    untranslated, fuzzy = [], []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(s.strip() for s in strings):
            untranslated.append(_key(message)[0])
        if message.fuzzy:
            fuzzy.append(_key(message)[0])
    assert not untranslated, f"{language}: {len(untranslated)} untranslated: {untranslated[:10]}"
    assert not fuzzy, f"{language}: {len(fuzzy)} fuzzy: {fuzzy[:10]}"
    assert catalogs.problems(language) == (0, 0)


@pytest.mark.parametrize("language", ["sv", "ar", "so"])
def test_most_translations_differ_from_the_english_source(language: str) -> None:
    # Copying the msgid into msgstr would pass "complete" while translating nothing.
    messages = [m for m in _catalog(language) if m.id and isinstance(m.id, str)]
    same = [m.id for m in messages if m.string == m.id and re.search(r"[a-z]{3}", m.id)]
    assert len(same) <= max(3, len(messages) // 20), same[:20]


# --- placeholders and accelerators ----------------------------------------------------------

@pytest.mark.parametrize("language", i18n.UI_LANGUAGES)
def test_every_translation_keeps_the_placeholders(language: str) -> None:
    wrong = []
    for message in _catalog(language):
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            allowed = set(_placeholders(message.id[0]) + _placeholders(message.id[1]))
            forms = [s for s in message.string if s]
            # A form may leave the count out ("one file"), but never invent a placeholder,
            # and together the forms use every placeholder of the source.
            if any(set(_placeholders(s)) - allowed for s in forms) or \
                    (forms and set().union(*(_placeholders(s) for s in forms)) != allowed):
                wrong.append((message.id[1], message.string))
        elif message.string and _placeholders(message.string) != _placeholders(message.id):
            wrong.append((message.id, message.string))
    assert not wrong, f"{language}: placeholders changed: {wrong[:10]}"


@pytest.mark.parametrize("language", i18n.UI_LANGUAGES)
def test_accelerators_are_kept(language: str) -> None:
    accelerator = re.compile(r"&(?=[^\s&])")
    wrong = []
    for message in _catalog(language):
        if not message.id or isinstance(message.id, tuple) or not message.string:
            continue
        if len(accelerator.findall(message.id)) != len(accelerator.findall(message.string)):
            wrong.append((message.id, message.string))
    assert not wrong, f"{language}: '&' shortcut lost or added: {wrong[:10]}"


def test_placeholder_check_finds_a_broken_translation() -> None:
    assert _placeholders("{count} of {total}") == ["{count}", "{total}"]
    assert _placeholders("{{literal}} and %(name)s") == ["%(name)s"]
    assert _placeholders("{cuont} av {total}") != _placeholders("{count} of {total}")


# --- plurals --------------------------------------------------------------------------------

def test_arabic_header_has_six_forms_in_gettext_order() -> None:
    catalog = _catalog("ar")
    assert catalog.num_plurals == 6
    assert catalog.plural_expr == catalogs.ARABIC_PLURAL_EXPR
    # Joined as msgfmt reads it: the header is wrapped over several quoted lines.
    header = catalogs.po_path("ar").read_text(encoding="utf-8").replace('"\n"', "")
    assert "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 :" in header
    assert "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);" in header


def test_arabic_header_fix_survives_an_update(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "translations"
    shutil.copytree(translations_dir(), copy, ignore=shutil.ignore_patterns("*.mo", "*.qm"))
    monkeypatch.setattr(catalogs, "translations_dir", lambda: copy)
    # Babel on its own would write "many" and "other" the wrong way round (issue 816).
    plain = Catalog(locale="ar")
    assert plain.plural_expr != catalogs.ARABIC_PLURAL_EXPR
    catalogs.update()
    updated = catalogs.read_catalog(copy / "ar" / "LC_MESSAGES" / "messages.po", "ar")
    assert updated.plural_expr == catalogs.ARABIC_PLURAL_EXPR
    assert updated.num_plurals == 6
    assert not updated.fuzzy


@pytest.mark.parametrize("language", i18n.UI_LANGUAGES)
def test_plural_forms_are_chosen_right(language: str, tmp_path: Path) -> None:
    catalog = _catalog(language)
    assert catalog.num_plurals == NPLURALS[language]
    message = catalog.get((PLURAL_SINGULAR, PLURAL_PLURAL)[0])
    assert message is not None, "the plural sample message is gone from the code"
    assert len(message.string) == NPLURALS[language]
    assert all(message.string), f"{language}: a plural form is empty"
    # Compile as the program does and ask gettext itself.
    mo = tmp_path / "messages.mo"
    catalogs._fix_plurals(catalog)
    with mo.open("wb") as handle:
        write_mo(handle, catalog)
    with mo.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    for count, form in zip(SAMPLE_COUNTS, EXPECTED_FORMS[language], strict=True):
        text = translations.ngettext(PLURAL_SINGULAR, PLURAL_PLURAL, count)
        assert text == message.string[form], (language, count)
        assert "{" not in text.format(count=count)


def test_arabic_plurals_differ_for_one_two_and_many() -> None:
    forms = _catalog("ar").get(PLURAL_SINGULAR).string
    assert len(set(forms[1:4])) == 3  # one, two and few read differently in Arabic


def test_shipped_catalogs_load_and_translate_at_call_time() -> None:
    i18n.set_language("so")
    somali = i18n.ngettext(PLURAL_SINGULAR, PLURAL_PLURAL, 3)
    i18n.set_language("ar")
    arabic = i18n.ngettext(PLURAL_SINGULAR, PLURAL_PLURAL, 3)
    i18n.set_language("sv")
    swedish = i18n._("Settings")
    assert len({somali, arabic, PLURAL_PLURAL}) == 3
    assert swedish == "Inställningar"


def test_pseudo_language_brackets_only_messages_the_catalogs_know() -> None:
    i18n.set_language(i18n.PSEUDO_LANGUAGE)
    assert re.fullmatch(r"\[Séttîñgs·+\]", i18n._("Settings"))
    # Not extracted, or asked in a context the catalogs lack: shown bare, as in Swedish.
    assert i18n._("Never extracted text") == "Never extracted text"
    assert i18n.pgettext("no such context", "Settings") == "Settings"
    assert i18n.pgettext("role", "Field laptop").startswith("[")
    stretched = i18n.ngettext(PLURAL_SINGULAR, PLURAL_PLURAL, 3)
    assert "{count}" in stretched and stretched.startswith("[")
