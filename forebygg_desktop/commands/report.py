"""`forebygg-cli report`: the quarterly Excel workbook without the window."""

from __future__ import annotations

import argparse
from pathlib import Path

from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import UI_LANGUAGES, _
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.startup import Installation


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
    report.set_defaults(run=run_report)


def run_report(installation: Installation, args: argparse.Namespace) -> int:
    from forebygg_desktop.core.reports.workbook import ReportOptions, write_report

    try:
        period = Period.parse(args.period)
    except ValueError as error:
        print(error)
        return 2
    if args.suppress is not None and args.suppress < 2:
        print(_("The suppression threshold must be at least 2."))
        return 2
    if args.with_quarters and (args.suppress is None or args.pdf
                               or period != Period.year(period.start.year)):
        print(_("--with-quarters needs a year as the period and --suppress."))
        return 2
    out: Path = args.out
    suffix = ".pdf" if args.pdf else ".xlsx"
    if out.suffix.lower() != suffix:
        out = out.with_name(out.name + suffix)
    options = ReportOptions(period, args.language, args.suppress)
    try:
        if args.pdf:
            from forebygg_desktop.render.summary_pdf import write_summary_pdf

            write_summary_pdf(installation.store, options, out)
            written = [out]
        elif args.with_quarters:
            from forebygg_desktop.core.reports.together import write_year_with_quarters

            written = write_year_with_quarters(installation.store, period.start.year,
                                               args.language, args.suppress, out)
        else:
            written = [write_report(installation.store, options, out)]
    except UserError as error:
        print(error.message())
        return 1
    except OSError as error:
        print(_("The report could not be written to {path}: {detail}").format(
            path=out, detail=error.strerror or type(error).__name__))
        return 1
    for path in written:
        print(_("Report written: {path}").format(path=path))
    return 0
