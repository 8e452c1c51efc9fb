"""`forebygg-cli answers list | withdraw | restore`: find evaluation answers entered in the
wrong place (or a test at the kiosk) and withdraw them, or take a withdrawal back.

A withdrawal is a tombstone: the answer counts nowhere from then on, and the withdrawal
travels to the central department with the next export like any deletion. Listing shows
what was answered, the date, language and way — never an order of answering.
"""

from __future__ import annotations

import argparse

from forebygg_desktop.cli_errors import raise_usage
from forebygg_desktop.core.errors import InvalidPeriodError
from forebygg_desktop.core.i18n import _, format_date, format_number, ngettext
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.startup import Installation
from forebygg_desktop.core.store.evaluation_records import AnswerRow, ResultFilter


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    answers = commands.add_parser(
        "answers", help="list evaluation answers, withdraw wrong ones, restore withdrawn ones")
    actions = answers.add_subparsers(dest="action", required=True,
                                     parser_class=type(answers))
    listing = actions.add_parser("list", help="answers matching the filters, by date")
    listing.add_argument("--period", default=None, help="2026Q3, 2026 or 2026-01-01..2026-03-31")
    listing.add_argument("--series", default=None, help="a group series id (with its meetings)")
    listing.add_argument("--open-meeting", default=None, help="an open meeting id")
    listing.add_argument("--questionnaire", default=None, help="a questionnaire code")
    listing.add_argument("--withdrawn", action="store_true",
                         help="also list withdrawn answers (marked as such)")
    listing.set_defaults(run=run_list)
    for name, text in (("withdraw", "withdraw answers: they count nowhere any more"),
                       ("restore", "take withdrawals back")):
        action = actions.add_parser(name, help=text)
        action.add_argument("ids", nargs="+", metavar="ID", help="answer ids from 'list'")
        action.set_defaults(run=run_withdraw if name == "withdraw" else run_restore)


def _period(text: str | None) -> Period | None:
    if text is None:
        return None
    try:
        return Period.parse(text)
    except ValueError as error:
        raise_usage(InvalidPeriodError(text=text), error)


def answer_line(row: AnswerRow) -> str:
    """One answer as one line: id, date, questionnaire, language, way, the coded answers."""
    coded = " ".join(f"{item}={value}" for item, value in sorted(row.answers.items()))
    mark = f"  [{_('withdrawn')}]" if row.withdrawn else ""
    return (f"{row.id}  {format_date(row.answered_on)}  {row.questionnaire_code} "
            f"v{row.questionnaire_version}  {row.language}  {row.mode}  {coded}{mark}")


def run_list(installation: Installation, args: argparse.Namespace) -> int:
    flt = ResultFilter(series_id=args.series, open_meeting_id=args.open_meeting,
                       period=_period(args.period), questionnaire_code=args.questionnaire)
    rows = installation.store.evaluations.answers(flt, withdrawn=args.withdrawn)
    for row in rows:
        print(answer_line(row))
    print(ngettext("{n} answer.", "{n} answers.", len(rows)).format(n=format_number(len(rows))))
    return 0


def run_withdraw(installation: Installation, args: argparse.Namespace) -> int:
    installation.store.evaluations.withdraw_answers(args.ids)
    n = len(set(args.ids))
    print(ngettext("{n} answer withdrawn. It counts nowhere now; the withdrawal travels with "
                   "the next export.",
                   "{n} answers withdrawn. They count nowhere now; the withdrawal travels with "
                   "the next export.", n).format(n=format_number(n)))
    return 0


def run_restore(installation: Installation, args: argparse.Namespace) -> int:
    installation.store.evaluations.restore_answers(args.ids)
    n = len(set(args.ids))
    print(ngettext("{n} answer restored.", "{n} answers restored.", n).format(
        n=format_number(n)))
    return 0
