"""Maintain the gettext catalogs with Babel: update from the template, compile, check.

    python -m forebygg_desktop.devtools.catalogs update   # merge messages.pot into every .po
    python -m forebygg_desktop.devtools.catalogs compile  # .po -> .mo, qt/*.ts -> .qm
    python -m forebygg_desktop.devtools.catalogs check    # untranslated / fuzzy counts

English msgids are the source text: the English catalog is filled with them on update.
Babel writes a wrong Arabic Plural-Forms header (issue 816); it is corrected on every update.
Qt ships no catalog for Somali: `translations/qt/qtbase_so.ts` holds Qt's own button and menu
texts and is compiled with PySide6's lrelease (the .qm files are build output).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from forebygg_desktop.core.i18n import DOMAIN, UI_LANGUAGES
from forebygg_desktop.core.paths import translations_dir

ARABIC_NPLURALS = 6
ARABIC_PLURAL_EXPR = ("(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
                      "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)")


def po_path(language: str) -> Path:
    return translations_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def _fix_plurals(catalog: Catalog) -> None:
    """Babel's CLDR-derived Arabic rule swaps "many" and "other": use gettext's own."""
    if catalog.locale and str(catalog.locale) == "ar":
        catalog._num_plurals = ARABIC_NPLURALS  # type: ignore[assignment]
        catalog._plural_expr = ARABIC_PLURAL_EXPR  # type: ignore[assignment]


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    _fix_plurals(catalog)
    # A new catalog's header is marked fuzzy; msgfmt and Poedit then ignore its metadata.
    catalog.fuzzy = False
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_by_file=True, include_previous=False)


def update() -> None:
    """Merge the template into each language's catalog (creating missing ones)."""
    for language in UI_LANGUAGES:
        # Read the template anew each time: Catalog.update shares its Message objects.
        template = read_catalog(translations_dir() / "messages.pot")
        path = po_path(language)
        if path.exists():
            catalog = read_catalog(path, language)
        else:
            catalog = Catalog(locale=language, domain=DOMAIN, project="forebygg-desktop")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        if language == "en":
            for message in catalog:
                if isinstance(message.id, tuple):
                    # A plural's ('', '') is a non-empty tuple: check each form.
                    if not isinstance(message.string, tuple) or not all(message.string):
                        message.string = message.id
                elif message.id and not message.string:
                    message.string = message.id
                message.flags.discard("fuzzy")
        _write(catalog, path)


def qt_catalog_dir() -> Path:
    return translations_dir() / "qt"


def find_lrelease() -> Path | None:
    """PySide6's lrelease: the binary in the package, else a wrapper on PATH or in the venv."""
    try:
        import PySide6
    except ImportError:
        return None
    package = Path(PySide6.__file__).parent
    for candidate in (package / "lrelease", package / "lrelease.exe",
                      Path(sys.executable).parent / "pyside6-lrelease"):
        if candidate.is_file():
            return candidate
    found = shutil.which("pyside6-lrelease")
    return Path(found) if found else None


def compile_qt() -> list[Path]:
    """Compile translations/qt/*.ts to .qm beside them; skipped (with a note) without lrelease."""
    sources = sorted(qt_catalog_dir().glob("*.ts"))
    if not sources:
        return []
    lrelease = find_lrelease()
    if lrelease is None:
        print("lrelease not found (install PySide6): Qt catalogs not compiled", file=sys.stderr)
        return []
    built = []
    for source in sources:
        target = source.with_suffix(".qm")
        subprocess.run([str(lrelease), "-silent", str(source), "-qm", str(target)], check=True)
        built.append(target)
    return built


def compile_all() -> None:
    """Write every language's .mo beside its .po (fuzzy entries are left out), and Qt's .qm."""
    for language in UI_LANGUAGES:
        path = po_path(language)
        if not path.exists():
            continue
        catalog = read_catalog(path, language)
        _fix_plurals(catalog)
        with path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
    compile_qt()


def problems(language: str) -> tuple[int, int]:
    """(untranslated, fuzzy) counts of a catalog."""
    catalog = read_catalog(po_path(language), language)
    untranslated = fuzzy = 0
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            fuzzy += 1
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            untranslated += 1
    return untranslated, fuzzy


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        bad = False
        for language in UI_LANGUAGES:
            untranslated, fuzzy = problems(language)
            print(f"{language}: {untranslated} untranslated, {fuzzy} fuzzy")
            bad = bad or bool(untranslated or fuzzy)
        return 1 if bad else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
