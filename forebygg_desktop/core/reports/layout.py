"""The tables of a report, built from `store.stats` figures in the report's language.

The same tables feed the Excel workbook and the Reports screen. With a suppression
threshold every count of people is protected (`tables.linked_grids`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from forebygg_desktop.core.codes import TALK_OUTCOMES, WHO_CAME
from forebygg_desktop.core.reports.tables import (
    BOOL,
    DATE,
    MEAN,
    SHARE,
    TEXT,
    Column,
    Hidden,
    ReportTable,
    cell,
    column_grids,
    gender_cells,
    gender_interior,
    linked_grids,
)
from forebygg_desktop.core.reports.texts import ReportTexts
from forebygg_desktop.core.stats.aggregate import BREAKDOWNS
from forebygg_desktop.core.stats.figures import BreakdownRow, GroupFigures, Indicators, share
from forebygg_desktop.core.stats.service import ReportData

STAGES = ("registered", "started", "completed")


@dataclass
class Protected:
    """The suppressed breakdowns of one period and the summary cells they imply."""

    tables: dict[str, ReportTable]
    summary_hidden: dict[str, Hidden]


def _gender_columns(tx: ReportTexts) -> list[Column]:
    return [Column("women", tx._("Women")), Column("men", tx._("Men")),
            Column("other", tx._("Other or not stated")), Column("total", tx._("Total")),
            Column("share_men", tx._("Share of men"), SHARE)]


def _label(tx: ReportTexts, name: str, data: ReportData) -> Callable[[str], list[Any]]:
    if name == "program":
        return lambda code: [tx.program(code)]
    if name == "language":
        return lambda code: [tx.language_name(code)]
    if name == "area":
        priority = {loc.area for loc in data.localities.values() if loc.priority_area}
        return lambda code: [code, tx._("Yes") if code in priority else ""]

    def locality(code: str) -> list[Any]:
        loc = data.localities.get(code)
        return [tx.locality(code), loc.area if loc else "",
                tx._("Yes") if loc and loc.priority_area else ""]
    return locality


def _heads(tx: ReportTexts, name: str) -> list[Column]:
    first = {"program": tx._("Program"), "locality": tx._("Locality"), "area": tx._("Area"),
             "language": tx._("Language")}[name]
    columns = [Column("name", first, TEXT)]
    if name == "locality":
        columns.append(Column("area", tx._("Area"), TEXT))
    if name in ("locality", "area"):
        columns.append(Column("priority", tx._("Priority area"), TEXT))
    return columns


def protect_breakdowns(data: ReportData, tx: ReportTexts, threshold: int | None,
                       year_earlier: bool = False) -> Protected:
    """The four breakdown tables of one period, suppressed together."""
    source = data.breakdowns_year_earlier if year_earlier else data.breakdowns
    # Open-meeting programs have no group figures: their rows belong to the Open sheet.
    rows_by = {name: [r for r in source[name] if r.groups != GroupFigures()]
               for name in BREAKDOWNS}
    visits = linked_grids([gender_interior([r.groups.visits for r in rows_by[n]])
                           for n in BREAKDOWNS], threshold)
    stages = {stage: linked_grids([[[getattr(r.groups, stage).total] for r in rows_by[n]]
                                   for n in BREAKDOWNS], threshold) for stage in STAGES}
    tables: dict[str, ReportTable] = {}
    for index, name in enumerate(BREAKDOWNS):
        rows = rows_by[name]
        label = _label(tx, name, data)
        heads = _heads(tx, name)
        table = ReportTable(
            key=name, title="", columns=[
                *heads,
                Column("series_started", tx._("Series started")),
                Column("series_running", tx._("Series running")),
                Column("series_completed", tx._("Series completed")),
                Column("series_cancelled", tx._("Series cancelled")),
                Column("meetings", tx._("Meetings held")),
                *[Column(f"visits_{c.key}", f"{tx._('Visits')}: {c.header}", c.kind)
                  for c in _gender_columns(tx)],
                Column("registered", tx._("Registered")),
                Column("started", tx._("Started")),
                Column("completed", tx._("Completed")),
                Column("other_language", tx._("In another language")),
                Column("interpreter", tx._("With interpreter"))])
        for i, row in enumerate(rows):
            table.rows.append([*label(row.code), *_series_counts(row),
                               *gender_cells(visits[index], i),
                               *[cell(stages[s][index], i, 0) for s in STAGES],
                               row.groups.other_language_series,
                               row.groups.interpreter_series])
        n = len(rows)
        table.total = [tx._("Total"), *[""] * (len(heads) - 1),
                       *[sum(_series_counts(r)[k] for r in rows) for k in range(5)],
                       *gender_cells(visits[index], n),
                       *[cell(stages[s][index], n, 0) for s in STAGES],
                       sum(r.groups.other_language_series for r in rows),
                       sum(r.groups.interpreter_series for r in rows)]
        tables[name] = table
    hidden: dict[str, Hidden] = {}
    program_grid = visits[0]
    last = len(program_grid.values) - 1
    for col, key in enumerate(("women", "men", "other", "total")):
        value = cell(program_grid, last, col)
        if isinstance(value, Hidden):
            hidden[f"visits_{key}"] = value
    locality_grid = visits[BREAKDOWNS.index("locality")]
    for i, row in enumerate(rows_by["locality"]):
        loc = data.localities.get(row.code)
        if loc and loc.priority_area and locality_grid.is_hidden(i, 3):
            hidden["priority"] = Hidden(False, locality_grid.threshold)
    for stage in STAGES:
        grid = stages[stage][0]
        value = cell(grid, len(grid.values) - 1, 0)
        if isinstance(value, Hidden):
            hidden[stage] = value
    return Protected(tables, hidden)


def _series_counts(row: BreakdownRow) -> list[int]:
    g = row.groups
    return [g.series_started, g.series_running, g.series_completed, g.series_cancelled,
            g.meetings]


def open_tables(ind: Indicators, data: ReportData, tx: ReportTexts,
                threshold: int | None) -> list[ReportTable]:
    """Open meetings by program and by locality (participants suppressed together)."""
    out = []
    by = {name: [r for r in data.breakdowns[name] if r.open.occasions]
          for name in ("program", "locality")}
    grids = linked_grids([gender_interior([r.open.participants for r in by[n]])
                          for n in by], threshold)
    for (name, rows), grid in zip(by.items(), grids, strict=True):
        table = ReportTable(name, "", [
            *_heads(tx, name)[:1], Column("occasions", tx._("Occasions")),
            Column("estimated", tx._("Of which estimated")), *_gender_columns(tx)])
        label = _label(tx, name, data)
        for i, row in enumerate(rows):
            table.rows.append([label(row.code)[0], row.open.occasions,
                               row.open.estimated_occasions, *gender_cells(grid, i)])
        table.total = [tx._("Total"), ind.open.occasions, ind.open.estimated_occasions,
                       *gender_cells(grid, len(rows))]
        out.append(table)
    return out


def talk_tables(ind: Indicators, tx: ReportTexts, threshold: int | None) -> list[ReportTable]:
    """Advice-talk contacts by outcome and by who came (they share one total)."""
    outcome = [c for c in TALK_OUTCOMES if c in ind.talks.by_outcome]
    who = [c for c in WHO_CAME if c in ind.talks.by_who_came]
    grids = linked_grids([[[ind.talks.by_outcome[c]] for c in outcome],
                          [[ind.talks.by_who_came[c]] for c in who]], threshold)
    out = []
    for key, codes, codelist, grid, head in (
            ("outcome", outcome, TALK_OUTCOMES, grids[0], tx._("Outcome")),
            ("who_came", who, WHO_CAME, grids[1], tx._("Who came"))):
        table = ReportTable(key, "", [Column("name", head, TEXT),
                                      Column("contacts", tx._("Contacts"))])
        for i, code in enumerate(codes):
            table.rows.append([tx.code_label(codelist, code), cell(grid, i, 0)])
        table.total = [tx._("Total"), cell(grid, len(codes), 0)]
        out.append(table)
    return out


def digital_table(ind: Indicators, tx: ReportTexts, threshold: int | None) -> ReportTable:
    keys = ("logins_handed_out", "started", "completed")
    grids = column_grids([[getattr(d, k) for d in ind.digital] for k in keys], threshold)
    table = ReportTable("digital", "", [
        Column("name", tx._("Program"), TEXT), Column("logins", tx._("Logins handed out")),
        Column("started", tx._("Started")), Column("completed", tx._("Completed"))])
    for i, d in enumerate(ind.digital):
        table.rows.append([tx.program(d.program_code), *[cell(g, i, 0) for g in grids]])
    table.total = [tx._("Total"), *[cell(g, len(ind.digital), 0) for g in grids]]
    return table


def evaluation_table(ind: Indicators, tx: ReportTexts, threshold: int | None) -> ReportTable:
    table = ReportTable("evaluations", "", [
        Column("name", tx._("Questionnaire"), TEXT), Column("responses", tx._("Answers")),
        Column("mean", tx._("Satisfaction (1-5)"), MEAN)])
    for e in ind.evaluations:
        title = tx.questionnaire(e.questionnaire_code)  # the title, never the code
        if threshold and 0 < e.responses < threshold:
            table.rows.append([title, Hidden(True, threshold),
                               Hidden(False, threshold)])
        elif threshold and 0 < e.satisfaction_n < threshold:
            # Enough answers, but too few to the satisfaction item: its mean stays hidden.
            table.rows.append([title, e.responses, Hidden(False, threshold)])
        else:
            table.rows.append([title, e.responses, e.satisfaction_mean])
    return table


def trend_table(data: ReportData, tx: ReportTexts, threshold: int | None) -> ReportTable:
    """Per quarter: meetings, visits, men and men's share (each quarter on its own)."""
    table = ReportTable("trend", "", [
        Column("quarter", tx._("Quarter"), TEXT), Column("meetings", tx._("Meetings held")),
        Column("visits", tx._("Participant visits")), Column("men", tx._("Men")),
        Column("share_men", tx._("Share of men"), SHARE),
        Column("open", tx._("Open-meeting participants"))])
    for p in data.trend:
        visits, men, opens = p.visits.total, p.visits.men, p.open_participants.total
        cells: list[Any] = [_small(v, threshold) for v in (visits, men)]
        men_share: Any = (Hidden(False, threshold or 0) if any(isinstance(c, Hidden)
                                                              for c in cells)
                          else share(men, visits))
        table.rows.append([tx.quarter(p.year, p.quarter), p.meetings, *cells, men_share,
                           _small(opens, threshold)])
    return table


def _small(value: int | None, threshold: int | None) -> Any:
    if threshold and value is not None and 0 < value < threshold:
        return Hidden(True, threshold)
    return value


def data_columns(tx: ReportTexts) -> list[Column]:
    """The Data sheet: one row per meeting."""
    return [Column("held_on", tx._("Date"), DATE), Column("quarter", tx._("Quarter"), TEXT),
            Column("program", tx._("Program"), TEXT),
            Column("locality", tx._("Locality"), TEXT), Column("area", tx._("Area"), TEXT),
            Column("language", tx._("Language"), TEXT),
            Column("series", tx._("Series"), TEXT), Column("number", tx._("Meeting")),
            Column("booster", tx._("Booster"), BOOL), Column("minutes", tx._("Minutes")),
            Column("women", tx._("Women")), Column("men", tx._("Men")),
            Column("other", tx._("Other or not stated")), Column("total", tx._("Total")),
            Column("other_adults", tx._("Other adults")),
            Column("children", tx._("Children")),
            Column("interpreter", tx._("Interpreter"), BOOL)]
