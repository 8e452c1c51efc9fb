"""The tables of a report, built from `store.stats` figures in the report's language.

The same tables feed the Excel workbook and the Reports screen. Which counts they show is
decided once for the whole report (`release_cells.protect_report`): every table takes its
cells from that one decision, so no table can undo another's suppression.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from forebygg_desktop.core import figures
from forebygg_desktop.core.codes import TALK_OUTCOMES, WHO_CAME
from forebygg_desktop.core.reports.release_cells import (
    CURRENT,
    DIGITAL,
    GENDERS,
    STAGES,
    ReportProtection,
    eval_languages,
    group_rows,
    item_key,
    open_rows,
    scale_codes,
    talk_codes,
    trend_code,
)
from forebygg_desktop.core.reports.tables import (
    BOOL,
    DATE,
    MEAN,
    SHARE,
    TEXT,
    Column,
    Hidden,
    ReportTable,
)
from forebygg_desktop.core.reports.texts import ReportTexts
from forebygg_desktop.core.stats.aggregate import BREAKDOWNS
from forebygg_desktop.core.stats.figures import BreakdownRow, Indicators, ItemCounts, share
from forebygg_desktop.core.stats.service import SATISFACTION_ITEM, ReportData


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


def gender_cells(prot: ReportProtection, prefix: tuple[str, ...],
                 suffix: tuple[str, ...] = ()) -> list[Any]:
    """Women, men, other, total and men's share (hidden with the men or the total, since
    it would give them away) of the cells `prefix + (gender,) + suffix`."""
    values = [prot.show((*prefix, g, *suffix)) for g in (*GENDERS, "total")]
    men, total = values[1], values[3]
    if isinstance(men, Hidden) or isinstance(total, Hidden):
        values.append(Hidden(False, prot.threshold or 0))
    else:
        values.append(share(men, total))
    return values


def breakdown_tables(data: ReportData, tx: ReportTexts,
                     prot: ReportProtection) -> dict[str, ReportTable]:
    """The four breakdown tables of the period (program, locality, area, language)."""
    tables: dict[str, ReportTable] = {}
    for name in BREAKDOWNS:
        rows = group_rows(data.breakdowns[name])
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
        for row in rows:
            table.rows.append([*label(row.code), *_series_counts(row),
                               *gender_cells(prot, ("visits", CURRENT), (name, row.code)),
                               *[prot.show((s, CURRENT, name, row.code)) for s in STAGES],
                               row.groups.other_language_series,
                               row.groups.interpreter_series])
        table.total = [tx._("Total"), *[""] * (len(heads) - 1),
                       *[sum(_series_counts(r)[k] for r in rows) for k in range(5)],
                       *gender_cells(prot, ("visits", CURRENT)),
                       *[prot.show((s, CURRENT)) for s in STAGES],
                       sum(r.groups.other_language_series for r in rows),
                       sum(r.groups.interpreter_series for r in rows)]
        tables[name] = table
    return tables


def _series_counts(row: BreakdownRow) -> list[int]:
    g = row.groups
    return [g.series_started, g.series_running, g.series_completed, g.series_cancelled,
            g.meetings]


def open_tables(ind: Indicators, data: ReportData, tx: ReportTexts,
                prot: ReportProtection) -> list[ReportTable]:
    """Open meetings by program and by locality."""
    out = []
    for name in ("program", "locality"):
        rows = open_rows(data.breakdowns[name])
        table = ReportTable(name, "", [
            *_heads(tx, name)[:1], Column("occasions", tx._("Occasions")),
            Column("estimated", tx._("Of which estimated")), *_gender_columns(tx)])
        label = _label(tx, name, data)
        for row in rows:
            table.rows.append([label(row.code)[0], row.open.occasions,
                               row.open.estimated_occasions,
                               *gender_cells(prot, ("open", CURRENT), (name, row.code))])
        table.total = [tx._("Total"), ind.open.occasions, ind.open.estimated_occasions,
                       *gender_cells(prot, ("open", CURRENT))]
        out.append(table)
    return out


def talk_tables(ind: Indicators, tx: ReportTexts, prot: ReportProtection) -> list[ReportTable]:
    """Advice-talk contacts by outcome and by who came (they share one total)."""
    outcome, who = talk_codes(ind)
    out = []
    for key, codes, codelist, head in (
            ("outcome", outcome, TALK_OUTCOMES, tx._("Outcome")),
            ("who_came", who, WHO_CAME, tx._("Who came"))):
        table = ReportTable(key, "", [Column("name", head, TEXT),
                                      Column("contacts", tx._("Contacts"))])
        for code in codes:
            table.rows.append([tx.code_label(codelist, code),
                               prot.show(("talks", CURRENT, key, code))])
        table.total = [tx._("Total"), prot.show(("talks", CURRENT))]
        out.append(table)
    return out


def digital_table(ind: Indicators, tx: ReportTexts, prot: ReportProtection) -> ReportTable:
    table = ReportTable("digital", "", [
        Column("name", tx._("Program"), TEXT), Column("logins", tx._("Logins handed out")),
        Column("started", tx._("Started")), Column("completed", tx._("Completed"))])
    for d in ind.digital:
        table.rows.append([tx.program(d.program_code),
                           *[prot.show(("digital", CURRENT, k, d.program_code))
                             for k in DIGITAL]])
    table.total = [tx._("Total"), *[prot.show(("digital", CURRENT, k)) for k in DIGITAL]]
    return table


def evaluation_table(ind: Indicators, tx: ReportTexts, prot: ReportProtection) -> ReportTable:
    """Answers per questionnaire (cells of the release) and the mean satisfaction, which is
    hidden with its answers, with any count of the overall item or when fewer than the
    threshold answered the item."""
    threshold = prot.threshold
    table = ReportTable("evaluations", "", [
        Column("name", tx._("Questionnaire"), TEXT), Column("responses", tx._("Answers")),
        Column("mean", tx._("Satisfaction (1-5)"), MEAN)])
    for e in ind.evaluations:
        answers = prot.show(("eval", CURRENT, e.questionnaire_code))
        mean: Any = e.satisfaction_mean
        overall = next((i for i in e.items if i.code == SATISFACTION_ITEM), None)
        if (isinstance(answers, Hidden) or (threshold and 0 < e.satisfaction_n < threshold)
                or (threshold and overall is not None
                    and item_cells(prot, e.questionnaire_code, overall).mean_hidden)):
            # hidden with its answers, or too few answered the satisfaction item
            mean = Hidden(False, threshold or 0)
        title = tx.questionnaire(e.questionnaire_code)  # the title, never the code
        table.rows.append([title, answers, mean])
    return table


@dataclass(frozen=True)
class ItemCells:
    """What a report shows of one item: answered, the count per value and the mean."""

    answered: Any
    values: list[Any]
    mean: Any

    @property
    def mean_hidden(self) -> bool:
        return isinstance(self.mean, Hidden)


def item_cells(prot: ReportProtection, questionnaire: str, item: ItemCounts) -> ItemCells:
    """An item's cells as the release decides (the workbook and the evaluation results
    screen show the same). Its mean is shown only when every count it is made of is; the
    distribution and mean of an item too few answered are never shown, even unsuppressed
    (the evaluation results' own rule: single answers of a small group)."""
    answered = prot.show(item_key(questionnaire, item.code))
    marker = Hidden(False, prot.threshold or 0)
    values = [prot.show(item_key(questionnaire, item.code, code))
              for code in scale_codes(item)]
    if prot.threshold is None and not item.given:
        values = [Hidden(True, 0) for _v in values]
    mean: Any = None
    if any(isinstance(v, Hidden) for v in (answered, *values)) or not item.given:
        mean = marker
    elif item.n and item.type != "yes_no":
        mean = sum(v * c for v, c in enumerate(item.counts, start=1)) / item.n
    return ItemCells(answered, values, mean)


def evaluation_language_table(ind: Indicators, tx: ReportTexts,
                              prot: ReportProtection) -> ReportTable:
    """Answers per questionnaire (rows) and language answered in (columns), with totals."""
    languages = eval_languages(ind)
    table = ReportTable("evaluation_languages", tx._("Answers by language"), [
        Column("name", tx._("Questionnaire"), TEXT),
        *[Column(f"lang_{lang}", tx.language_name(lang)) for lang in languages],
        Column("total", tx._("Total"))])
    for e in ind.evaluations:
        q = e.questionnaire_code
        answered = {lang for lang, _n in e.languages}
        table.rows.append([tx.questionnaire(q),
                           *[prot.show(("eval", CURRENT, q, "lang", lang))
                             if lang in answered else 0 for lang in languages],
                           prot.show(("eval", CURRENT, q))])
    table.total = [tx._("Total"), *[prot.show(("eval", CURRENT, "lang", lang))
                                    for lang in languages], prot.show(("eval", CURRENT))]
    return table


def item_tables(ind: Indicators, tx: ReportTexts, prot: ReportProtection) -> list[ReportTable]:
    """Per questionnaire, each question's answers: how many chose each value, how many
    answered it and (1-5 questions) the mean."""
    out = []
    for e in ind.evaluations:
        q = e.questionnaire_code
        likert = max((len(i.counts) for i in e.items if i.type != "yes_no"), default=0)
        yes_no = any(i.type == "yes_no" for i in e.items)
        table = ReportTable(f"items_{q}", tx.questionnaire(q), [
            Column("name", tx.pgettext("column of an answer distribution", "Question"), TEXT),
            *[Column(f"value_{v}", str(v)) for v in range(1, likert + 1)],
            *([Column("value_yes", tx._("Yes")), Column("value_no", tx._("No"))]
              if yes_no else []),
            Column("answered", tx._("Answered")), Column("mean", tx._("Mean (1-5)"), MEAN)])
        for item in e.items:
            cells = item_cells(prot, q, item)
            if item.type == "yes_no":
                values = [*[""] * likert, *cells.values]
            else:
                values = [*cells.values, *([""] * (2 if yes_no else 0))]
            table.rows.append([tx.question(q, item.code), *values, cells.answered,
                               "" if item.type == "yes_no" else cells.mean])
        out.append(table)
    return out


def trend_table(data: ReportData, tx: ReportTexts, prot: ReportProtection) -> ReportTable:
    """Per quarter: meetings, visits, men and men's share, open-meeting participants."""
    table = ReportTable("trend", "", [
        Column("quarter", tx._("Quarter"), TEXT),
        Column("meetings", tx._(figures.name("meetings"))),
        Column("visits", tx._(figures.name("visits_total"))), Column("men", tx._("Men")),
        Column("share_men", tx._(figures.name("share_men_groups")), SHARE),
        Column("open", tx._(figures.name("open_participants")))])
    for p in data.trend:
        code = trend_code(p.year, p.quarter)
        visits, men = prot.show(("trend", code, "visits")), prot.show(("trend", code, "men"))
        men_share: Any = (Hidden(False, prot.threshold or 0)
                          if isinstance(visits, Hidden) or isinstance(men, Hidden)
                          else share(men, visits))
        table.rows.append([tx.quarter(p.year, p.quarter), p.meetings, visits, men, men_share,
                           prot.show(("trend", code, "open"))])
    return table


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
