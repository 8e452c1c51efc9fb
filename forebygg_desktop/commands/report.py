"""`forebygg-cli report`: the quarterly Excel workbook without the window."""

from __future__ import annotations

import argparse
from pathlib import Path

from forebygg_desktop.cli_errors import EXIT_USAGE, raise_usage, say
from forebygg_desktop.core import settings
from forebygg_desktop.core.errors import (
    InvalidPeriodError,
    OutputDiskFullError,
    ProtectedTargetError,
)
from forebygg_desktop.core.files import is_disk_full, make_private, reason
from forebygg_desktop.core.i18n import UI_LANGUAGES, _
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.startup import Installation
from forebygg_desktop.core.targets import check_target, is_protected, target_in
from forebygg_desktop.core.validation import EARLIEST_DATE, LATEST_DATE


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    report = commands.add_parser(
        "report", help="write the Excel report of a period (quarter, year or date range)")
    report.add_argument("--period", required=True,
                        help="2026Q3, 2026 or 2026-01-01..2026-03-31")
    report.add_argument("--out", required=True, type=Path,
                        help="the .xlsx file to write (with --pdf: the .pdf file)")
    report.add_argument("--pdf", action="store_true",
                        help="write the one-page quarterly summary as PDF instead")
    report.add_argument("--suppress", type=int, nargs="?", const=5, default=None,
                        metavar="N", help="hide counts of people below N (default 5)")
    report.add_argument("--with-quarters", action="store_true",
                        help="with a year: also write its four quarters' workbooks "
                             "(<out>-<year>Q<n>.xlsx), all protected together (needs --suppress)")
    report.add_argument("--language", choices=UI_LANGUAGES, default="sv",
                        help="the workbook's language (default sv)")
    report.add_argument("--force", action="store_true",
                        help="replace an existing workbook of the same name")
    report.set_defaults(run=run_report)


def run_report(installation: Installation, args: argparse.Namespace) -> int:
    from forebygg_desktop.core.reports.workbook import (
        ReportOptions,
        ReportWriteError,
        write_report,
    )

    try:
        period = Period.parse(args.period)
        # Within the dates anything can be registered on: a report of year 1 or 9999 once
        # failed on the year before or after it.
        if not EARLIEST_DATE <= period.start <= period.end <= LATEST_DATE:
            raise ValueError(f"outside {EARLIEST_DATE}..{LATEST_DATE}")
    except ValueError as error:
        raise_usage(InvalidPeriodError(text=args.period), error)
    low, high = settings.SUPPRESSION_THRESHOLDS
    if args.suppress is not None and not low <= args.suppress <= high:
        say(_("The suppression threshold must be a whole number from {low} to {high}.").format(
            low=low, high=high))
        return EXIT_USAGE
    if args.with_quarters and (args.suppress is None or args.pdf
                               or period != Period.year(period.start.year)):
        say(_("--with-quarters needs a year as the period and --suppress."))
        return EXIT_USAGE
    out: Path = args.out
    if is_protected(out, installation.data_dir, installation.store.path):
        raise ProtectedTargetError(path=str(out))  # before the name gets its suffix
    suffix = ".pdf" if args.pdf else ".xlsx"
    named = target_in(out, f"forebygg-report-{period.code.replace('..', '_')}{suffix}")
    out = named if named.suffix.lower() == suffix else named.with_name(named.name + suffix)
    options = ReportOptions(period, args.language, args.suppress)
    if args.pdf:
        from forebygg_desktop.render.summary_pdf import write_summary_pdf

        store = installation.store
        check_target(out, "pdf", data_dir=store.data_dir, database=store.path, force=args.force)
        try:
            write_summary_pdf(store, options, out)
        except OSError as error:
            if is_disk_full(error):
                raise OutputDiskFullError(folder=str(out.parent)) from error
            raise ReportWriteError(path=str(out), detail=reason(error)) from error
        make_private(out)
        written = [out]
    elif args.with_quarters:
        from forebygg_desktop.core.reports.together import write_year_with_quarters

        written = write_year_with_quarters(installation.store, period.start.year,
                                           args.language, args.suppress, out, force=args.force)
    else:
        written = [write_report(installation.store, options, out, force=args.force)]
    for path in written:
        print(_("Report written: {path}").format(path=path))
    return 0
