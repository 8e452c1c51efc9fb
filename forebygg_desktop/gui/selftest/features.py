"""Self-test round trips for features that may or may not be part of a build.

The quarterly workbook (`core/reports/`) and the exchange file (`core/exchange/`) are found
at run time: when the package is absent the check is skipped with a note, when present a
small file is written from the self-test's demo database and read back.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

from forebygg_desktop.gui.selftest import SkipCheck, _require

Check = Callable[[], str | None]


def _module(name: str) -> ModuleType:
    """Import a feature package, or skip when this build does not have it."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name and name.startswith(error.name):
            raise SkipCheck(f"{name} is not part of this build") from error
        raise


def _installation(get: Callable[[], Any]) -> Any:
    installation = get()
    if installation is None:
        raise SkipCheck("no database (its check failed)")
    return installation


def check_report(get_installation: Callable[[], Any], folder: Path) -> str:
    """Write the demo year's workbook in every interface language and read it back."""
    package = _module("forebygg_desktop.core.reports")
    store = _installation(get_installation).store
    modules = [package.__name__]
    for info in pkgutil.walk_packages(getattr(package, "__path__", []), package.__name__ + "."):
        importlib.import_module(info.name)  # every module must be in the bundle
        modules.append(info.name)
    workbook = importlib.import_module("forebygg_desktop.core.reports.workbook")
    if not hasattr(workbook, "write_report"):
        raise SkipCheck(f"{len(modules)} report modules import; write_report is not built")
    from openpyxl import load_workbook

    from forebygg_desktop.core.i18n import UI_LANGUAGES
    from forebygg_desktop.core.period import Period

    period = Period(date.today() - timedelta(days=366), date.today())  # the demo year
    sheets = 0
    for language in UI_LANGUAGES:
        path = workbook.write_report(store, workbook.ReportOptions(period, language, 5),
                                     folder / f"report-{language}.xlsx")
        book = load_workbook(path, read_only=True)
        try:
            first = book[book.sheetnames[0]]
            counts = [value for row in first.iter_rows(values_only=True) for value in row
                      if isinstance(value, int) and not isinstance(value, bool) and value > 0]
            _require(counts, f"{language}: the first sheet shows no counts")
            sheets = len(book.sheetnames)
        finally:
            book.close()
    # The one-page summary (Qt's PDF writer; the render package must be in the bundle).
    from forebygg_desktop.render.summary_pdf import write_summary_pdf

    for language in ("sv", "ar"):
        pdf = write_summary_pdf(store, workbook.ReportOptions(period, language, 5),
                                folder / f"summary-{language}.pdf")
        _require(pdf.read_bytes().startswith(b"%PDF"), f"{language}: no summary PDF")
    return (f"{sheets} sheets written and read back in {', '.join(UI_LANGUAGES)}; "
            "summary PDF in sv, ar")


def check_exchange(get_installation: Callable[[], Any], folder: Path) -> str:
    """Pair the demo laptop with a second, central store (configuration package, then
    enrolment by fingerprint), export the demo year signed and sealed, and import it."""
    _module("forebygg_desktop.core.exchange")
    from forebygg_desktop.core import settings
    from forebygg_desktop.core.startup import open_store

    store = _installation(get_installation).store
    service = getattr(store, "exchange", None)
    if service is None or not hasattr(service, "export"):
        raise SkipCheck("store.exchange.export is not built")
    out = folder / "exchange"
    out.mkdir()
    central = open_store(folder / "central" / "forebygg.sqlite3")
    try:
        central.settings.set(settings.ROLE, "central")
        if hasattr(central.exchange, "enrol"):  # signed packages (format 2)
            service.apply_config(central.exchange.make_config(out))
            _require(service.department_fingerprint() == central.exchange.device_fingerprint(),
                     "the laptop did not pin the department's key")
        exported = service.export(out, full=True)
        _require(exported.path.is_file() and exported.rows > 0, f"empty export {exported}")
        (dry_run,) = central.exchange.plan_import([exported.path])
        signer = getattr(dry_run, "signer", None)
        if signer is not None and not dry_run.ok:
            _require(signer.fingerprint == service.device_fingerprint(),
                     "the fingerprint shown for enrolment is not the laptop's")
            central.exchange.enrol(signer)
            (dry_run,) = central.exchange.plan_import([exported.path])
        _require(dry_run.ok, f"dry run refused the file: {dry_run.error}")
        (imported,) = central.exchange.import_files([exported.path])
        _require(imported.ok and imported.committed, f"import failed: {imported.error}")
        # Catalogue-seeded rows (staff) exist in both stores: they count as updated.
        accepted = sum(imported.total(kind) for kind in ("new", "updated", "unchanged"))
        _require(accepted == exported.rows and not imported.rejected,
                 f"{accepted} rows accepted of {exported.rows}, {len(imported.rejected)} refused")
        (again,) = central.exchange.import_files([exported.path])
        _require(again.already_imported_at is not None, "a second import was not recognised")
    finally:
        central.close()
    return (f"{exported.rows} rows exported signed and sealed, laptop enrolled, imported by a "
            "central store, re-import recognised")


def feature_checks(get_installation: Callable[[], Any], folder: Path) -> list[tuple[str, Check]]:
    """The optional checks, named, each bound to the self-test's installation and folder."""
    return [
        ("report workbook", lambda: check_report(get_installation, folder)),
        ("exchange file", lambda: check_exchange(get_installation, folder)),
    ]
