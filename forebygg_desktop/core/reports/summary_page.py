"""The one-page quarterly summary: what it shows, as HTML for a page renderer, in the
report's language (no Qt here; `forebygg_desktop/render/summary_pdf.py` lays it out).

Every figure comes from the same tables as the workbook (suppressed the same way when a
threshold is given), so the page and the workbook cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from forebygg_desktop.core import figures, i18n
from forebygg_desktop.core.reports import layout
from forebygg_desktop.core.reports.release_cells import ReportProtection, protect_report
from forebygg_desktop.core.reports.summary import summary_table
from forebygg_desktop.core.reports.tables import CHANGE, POINTS, SHARE, Hidden, ReportTable
from forebygg_desktop.core.reports.texts import ReportTexts
from forebygg_desktop.core.stats.service import ReportData

# The key figures the page shows, in order (keys of `summary.ROWS`).
KEY_FIGURES = ("meetings", "visits_total", "visits_women", "visits_men", "share_men",
               "share_priority", "series_started", "completed", "other_language",
               "interpreter", "open_participants", "talk_contacts", "digital_logins",
               "evaluation_answers")


# The chart's size on the page, in CSS pixels (1/96 inch): about 14 x 4.4 cm.
CHART_WIDTH, CHART_HEIGHT = 530, 165


@dataclass(frozen=True)
class TrendBar:
    label: str
    value: int | None  # None: nothing entered, or hidden by suppression
    hidden: bool


@dataclass(frozen=True)
class SummaryPage:
    html: str
    chart_title: str
    trend: tuple[TrendBar, ...]
    rtl: bool


def _text(value: Any, kind: str, tx: ReportTexts) -> str:
    if isinstance(value, Hidden):
        return value.text()
    if value is None or value == "":
        return "–"
    if kind == SHARE and isinstance(value, float):
        return i18n.format_percent(value, language=tx.language)
    if isinstance(value, float):
        return i18n.format_number(round(value, 2), language=tx.language)
    if isinstance(value, int):
        return i18n.format_number(value, language=tx.language)
    return str(value)


def _change(value: Any, kind: str, tx: ReportTexts) -> str:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return ""
    # The summary's change of a share is already in whole percentage points; the text is the
    # workbook's and the Reports screen's (signed, never "-0", "pp" for points).
    return tx.cell(value, POINTS if kind == SHARE else CHANGE)


def _table(headers: list[str], rows: list[list[str]], widths: list[int]) -> str:
    # Figures keep their order inside right-to-left text ("-26", not "26-").
    rows = [[row[0], *[f"\u202a{c}\u202c" for c in row[1:]]] for row in rows]
    head = "".join(f'<th width="{w}%">{escape(h)}</th>' for h, w in zip(headers, widths,
                                                                        strict=False))
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" if i == 0 else
                                     f'<td class="n">{escape(c)}</td>'
                                     for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f'<table width="100%" cellspacing="0" cellpadding="2"><tr>{head}</tr>{body}</table>'


def summary_page(report: ReportData, tx: ReportTexts, threshold: int | None,
                 department: str, period_label: str, earlier_label: str) -> SummaryPage:
    """The summary page of `report` in the language of `tx`."""
    current, earlier = report.comparison.current, report.comparison.year_earlier
    # The workbook's decision: the page shows a part of the same protected release.
    prot = protect_report(report, threshold)
    summary = summary_table(current, earlier, tx, prot)
    from forebygg_desktop.core.reports.summary import ROWS

    by_key = {key: (row, kind) for (key, _m, kind, _g, _d), row in
              zip(ROWS, summary.rows, strict=True)}
    key_rows = []
    for key in KEY_FIGURES:
        row, kind = by_key[key]
        key_rows.append([row[0], _text(row[1], kind, tx), _text(row[2], kind, tx),
                         _change(row[3], kind, tx)])
    parts = [
        f'<p class="dept">{escape(department)}</p>',
        f"<h1>{escape(tx._('Quarterly summary'))} · {escape(period_label)}</h1>",
        f"<h2>{escape(tx._('Key figures'))}</h2>",
        _table([tx._("Indicator"), period_label, earlier_label, tx._("Change")], key_rows,
               [46, 18, 18, 18]),
        f'<p align="center"><img src="chart:trend" width="{CHART_WIDTH}" '
        f'height="{CHART_HEIGHT}" /></p>',
    ]
    parts += _breakdowns(layout.breakdown_tables(report, tx, prot), report, tx, prot)
    note = (tx._("Counts of people from 1 to {n} are hidden (“..”), and so are figures that "
                 "would reveal one; the disclosure audit passed.").format(n=(threshold or 1) - 1)
            if threshold else tx._("Not suppressed: for use within the unit only."))
    parts.append(f'<p class="note">{escape(note)}</p>')
    trend = layout.trend_table(report, tx, prot)
    bars = tuple(TrendBar(row[0], None if isinstance(row[2], Hidden) else row[2],
                          isinstance(row[2], Hidden)) for row in trend.rows)
    return SummaryPage(html=_document(parts, tx.rtl), chart_title=tx._(
        "Participant visits by quarter"), trend=bars, rtl=tx.rtl)


def _column(table: ReportTable, key: str, row: list[Any], tx: ReportTexts) -> str:
    index = table.column(key)
    return _text(row[index], table.columns[index].kind, tx)


def _breakdowns(tables: dict[str, ReportTable], report: ReportData, tx: ReportTexts,
                prot: ReportProtection) -> list[str]:
    out: list[str] = []
    areas = tables["area"]
    priority = [row for row in areas.rows if row[1]]
    if priority:
        out.append(f"<h2>{escape(tx._('Priority areas'))}</h2>")
        out.append(_table(
            [tx._("Area"), tx._(figures.name("meetings")), tx._(figures.name("visits_total")),
             tx._("Share of men")],
            [[str(row[0]), _column(areas, "meetings", row, tx),
              _column(areas, "visits_total", row, tx),
              _column(areas, "visits_share_men", row, tx)] for row in priority],
            [46, 18, 18, 18]))
    languages = tables["language"]
    if languages.rows:
        out.append(f"<h2>{escape(tx._('Languages and interpreters'))}</h2>")
        out.append(_table(
            [tx._("Language"), tx._("Series running"), tx._(figures.name("visits_total")),
             tx._("With interpreter")],
            [[str(row[0]), _column(languages, "series_running", row, tx),
              _column(languages, "visits_total", row, tx),
              _column(languages, "interpreter", row, tx)] for row in languages.rows],
            [46, 18, 18, 18]))
    current = report.comparison.current
    if current.evaluations:
        evaluations = layout.evaluation_table(current, tx, prot)
        out.append(f"<h2>{escape(tx._('Evaluations'))}</h2>")
        out.append(_table([c.header for c in evaluations.columns],
                          [[_text(v, c.kind, tx) for v, c in zip(row, evaluations.columns,
                                                                 strict=False)]
                           for row in evaluations.rows], [64, 18, 18]))
    return out


def _document(parts: list[str], rtl: bool) -> str:
    direction = "rtl" if rtl else "ltr"
    align = "left" if rtl else "right"
    style = (f"body {{ direction: {direction}; }} h1 {{ font-size: 15pt; margin: 0 0 4pt 0; }}"
             " h2 { font-size: 11pt; margin: 8pt 0 2pt 0; color: #1f3b5c; }"
             " th { background-color: #dde6f0; font-weight: bold; }"
             f" td.n {{ text-align: {align}; }} .dept {{ color: #555555; margin: 0; }}"
             " .note { color: #555555; font-size: 8pt; }")
    return (f'<html dir="{direction}"><head><style>{style}</style></head>'
            f'<body dir="{direction}">{"".join(parts)}</body></html>')
