"""An outside auditor's attack on a written workbook, independent of the suppression code.

It reads the .xlsx with python-calamine (not openpyxl, not the program's own tables), makes
one unknown for every ".." cell that holds a count, turns every figure it can see and every
sum that links the sheets into linear constraints, and asks HiGHS for the smallest and the
largest value of every unknown. What it knows is what any reader of the workbook knows:
- each table's rows and columns add up to its total row and total column;
- the Summary repeats the tables' totals; the breakdowns share their total row;
- an area is the sum of its localities (the Localities sheet names each one's area);
- a shown share is numerator / denominator (share of men, share in priority areas);
- the Change column is this period minus the year earlier;
- the Trend's quarters add up to the period (and to the year earlier) when it is a quarter
  or a year; a quarter's men are at most its visits;
- nobody is counted negatively, and a hidden count is at least 1 (zeros are always shown).
The workbook must be in English (sheet and row names are matched as text).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import highspy
from python_calamine import CalamineWorkbook

HIDDEN = ".."
QUARTER_NAMES = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
# Summary rows: label -> name of the figure
SUMMARY = {
    "Participant visits in groups": "visits_total", "Visits by women": "visits_women",
    "Participant visits, groups and open meetings": "visits_all",
    "Visits by men": "visits_men", "Visits by others or not stated": "visits_other",
    "Registered": "registered", "Started": "started", "Completed": "completed",
    "Share of men": "share_men", "Share in priority areas": "share_priority",
    "Open-meeting participants": "open_total", "Advice-talk contacts begun": "talks",
    "Digital logins handed out": "digital", "Evaluation answers": "evaluations"}
GENDER_HEADS = ("Women", "Men", "Other or not stated", "Total")


@dataclass
class Attack:
    """The model being built: one LP over every count cell of the workbook."""

    h: highspy.Highs = field(default_factory=highspy.Highs)
    unknowns: dict[str, Any] = field(default_factory=dict)  # cell name -> variable
    cells: dict[str, Any] = field(default_factory=dict)  # every count cell, by name
    prefix: str = ""  # the workbook's name, when several are attacked together

    def __post_init__(self) -> None:
        self.h.silent()
        self.h.setOptionValue("presolve", "off")

    def term(self, value: Any, name: str) -> Any:
        """A count cell as a constant or, when hidden, an unknown (named for the report)."""
        if not name.startswith("Trend/"):  # the trend's quarters are the same in every report
            name = f"{self.prefix}{name}"
        term = self._term(value, name)
        earlier = self.cells.get(name)
        if earlier is not None and earlier is not term:
            self.equal(earlier, term)  # a trend quarter shown in another workbook too
        self.cells[name] = term
        return term

    def _term(self, value: Any, name: str) -> Any:
        if value == HIDDEN or (isinstance(value, str) and value.startswith("<")):
            # "<5" would tell a reader the count is 1 to 4: the attacker uses that too.
            upper = int(value[1:]) - 1 if value.startswith("<") else highspy.kHighsInf
            if name not in self.unknowns:
                self.unknowns[name] = self.h.addVariable(lb=1, ub=upper)
            return self.unknowns[name]
        if value in ("", None):
            return 0.0
        return float(value)

    def equal(self, left: Any, right: Any) -> None:
        difference = left - right
        if isinstance(difference, float):
            assert abs(difference) < 1e-6, f"the workbook's own figures disagree: {difference}"
            return
        self.h.addConstr(difference == 0)

    def share(self, share: Any, part: Any, whole: Any) -> None:
        """part = share * whole, when the share is shown."""
        if isinstance(share, float):
            difference = part - share * whole
            if isinstance(difference, float):
                return
            self.h.addConstr(difference <= 1e-6)
            self.h.addConstr(difference >= -1e-6)

    def at_most(self, part: Any, whole: Any) -> None:
        difference = whole - part
        if not isinstance(difference, float):
            self.h.addConstr(difference >= 0)

    def intervals(self) -> dict[str, tuple[float, float]]:
        out = {}
        for name, variable in self.unknowns.items():
            self.h.minimize(variable)
            low = self.h.getObjectiveValue()
            self.h.maximize(variable)
            status = self.h.getModelStatus()
            high = (math.inf if status == highspy.HighsModelStatus.kUnbounded
                    else self.h.getObjectiveValue())
            out[name] = (low, high)
        return out


def _tables(rows: list[list[Any]], first_head: str) -> Iterator[tuple[list[str], list[list[Any]],
                                                                     list[Any]]]:
    """(header, body rows, total row) of every table whose first header is `first_head`."""
    i = 0
    while i < len(rows):
        if rows[i] and rows[i][0] == first_head:
            header, body = [str(c) for c in rows[i]], []
            i += 1
            while i < len(rows) and rows[i][0] not in ("Total", ""):
                body.append(rows[i])
                i += 1
            total = rows[i] if i < len(rows) and rows[i][0] == "Total" else None
            yield header, body, total or []
        i += 1


def _sum(values: list[Any]) -> Any:
    total: Any = 0.0
    for v in values:
        total = total + v
    return total


def attack_workbook(path: Path, priority: set[str]) -> tuple[dict[str, tuple[float, float]],
                                                             int]:
    """Every hidden count's interval, and the threshold the About sheet states.

    `priority`: the names of the localities flagged as priority areas (the catalogue is
    public; the Localities sheet only flags those with group meetings).
    """
    a = Attack()
    threshold = _read_into(a, path, priority)
    return a.intervals(), threshold


def attack_year_and_quarters(year: Path, quarters: list[Path],
                             priority: set[str]) -> tuple[dict[str, tuple[float, float]], int]:
    """The five workbooks read as one: every count of the year is the sum of the same count
    in the quarters (by sheet, row and column), and the trend's quarters are shared."""
    a = Attack()
    thresholds = set()
    for index, path in enumerate([year, *quarters]):
        a.prefix = f"{index}:"
        thresholds.add(_read_into(a, path, priority))
    for name, term in list(a.cells.items()):
        if not name.startswith("0:"):
            continue
        parts = [a.cells[f"{q}:{name[2:]}"] for q in range(1, len(quarters) + 1)
                 if f"{q}:{name[2:]}" in a.cells]
        a.equal(term, _sum(parts))
    assert len(thresholds) == 1
    return a.intervals(), thresholds.pop()


def _read_into(a: Attack, path: Path, priority: set[str]) -> int:
    """Add one workbook's constraints to `a`; the threshold it states."""
    book = CalamineWorkbook.from_path(str(path))
    sheets = {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}
    about = {row[0]: row[1] for row in sheets["About"] if row and row[0]}
    threshold = int(about["Suppression threshold"])
    period_code = str(about["Period code"])
    summary: dict[str, tuple[Any, Any]] = {}
    for row in sheets["Summary"]:
        if row and row[0] in SUMMARY:
            key = SUMMARY[row[0]]
            cur = row[1] if "share" in key else a.term(row[1], f"Summary/{key}/now")
            prev = row[2] if "share" in key else a.term(row[2], f"Summary/{key}/before")
            summary[key] = (cur, prev)
            if "share" not in key and isinstance(row[3], float):
                a.equal(cur - prev, row[3])
    for column in (0, 1):
        if "visits_all" in summary:  # its definition: visits in groups plus open meetings
            a.equal(summary["visits_all"][column],
                    _sum([summary["visits_total"][column], summary["open_total"][column]]))
        a.equal(summary["visits_total"][column],
                _sum([summary[k][column] for k in ("visits_women", "visits_men",
                                                   "visits_other")]))
    # Breakdowns: gender columns per row, column sums, the shared total row.
    areas: dict[str, list[str]] = {}
    cells: dict[tuple[str, str, str], Any] = {}  # (sheet, row name, column) -> term
    for sheet, first in (("Programs", "Program"), ("Localities", "Locality"),
                         ("Areas", "Area"), ("Languages", "Language")):
        for header, body, total in _tables(sheets[sheet], first):
            columns = {h: i for i, h in enumerate(header)}
            if "Visits: Women" not in columns:
                continue  # the sheet's series-and-meetings table: events, not people
            wanted = [f"Visits: {g}" for g in GENDER_HEADS] + ["Registered", "Started",
                                                              "Completed"]
            for row in [*body, total]:
                name = str(row[0])
                for head in wanted:
                    cells[(sheet, name, head)] = a.term(row[columns[head]],
                                                         f"{sheet}/{name}/{head}")
                genders = [cells[(sheet, name, f"Visits: {g}")] for g in GENDER_HEADS]
                a.equal(genders[3], _sum(genders[:3]))
                a.share(row[columns["Visits: Share of men"]], genders[1], genders[3])
                if sheet == "Localities":
                    if row is not total:
                        areas.setdefault(str(row[columns["Area"]]), []).append(name)
                    assert (row[columns["Priority area"]] == "Yes") == (name in priority)
            for head in wanted:
                a.equal(cells[(sheet, "Total", head)],
                        _sum([cells[(sheet, str(r[0]), head)] for r in body]))
            for head, key in (("Visits: Total", "visits_total"), ("Visits: Women", "visits_women"),
                              ("Visits: Men", "visits_men"),
                              ("Visits: Other or not stated", "visits_other"),
                              ("Registered", "registered"), ("Started", "started"),
                              ("Completed", "completed")):
                a.equal(cells[(sheet, "Total", head)], summary[key][0])
    for area, localities in areas.items():
        if ("Areas", area, "Visits: Total") not in cells:
            continue
        for head in [f"Visits: {g}" for g in GENDER_HEADS] + ["Registered", "Started",
                                                             "Completed"]:
            a.equal(cells[("Areas", area, head)],
                    _sum([cells[("Localities", loc, head)] for loc in localities]))
    # Open meetings: two tables with one total, which the Summary repeats.
    open_locality: dict[str, Any] = {}
    open_men_total: Any = None
    for first in ("Program", "Locality"):
        for header, body, total in _tables(sheets["Open meetings"], first):
            columns = {h: i for i, h in enumerate(header)}
            terms = {}
            for row in [*body, total]:
                name = str(row[0])
                genders = [a.term(row[columns[g]], f"Open/{first}/{name}/{g}")
                           for g in GENDER_HEADS]
                terms[name] = genders
                a.equal(genders[3], _sum(genders[:3]))
                a.share(row[columns["Share of men"]], genders[1], genders[3])
                if first == "Locality" and row is not total:
                    open_locality[name] = genders[3]
            for g in range(4):
                a.equal(terms["Total"][g], _sum([terms[str(r[0])][g] for r in body]))
            a.equal(terms["Total"][3], summary["open_total"][0])
            open_men_total = terms["Total"][1]
    all_visits = summary["visits_total"][0] + summary["open_total"][0]
    if open_men_total is not None:
        a.share(summary["share_men"][0], summary["visits_men"][0] + open_men_total, all_visits)
    in_priority = _sum([cells[("Localities", loc, "Visits: Total")] for loc in priority
                        if ("Localities", loc, "Visits: Total") in cells]
                       + [open_locality[loc] for loc in priority if loc in open_locality])
    a.share(summary["share_priority"][0], in_priority, all_visits)
    # Advice talks, digital programs, evaluations.
    for first in ("Outcome", "Who came"):
        for _header, body, total in _tables(sheets["Advice talks"], first):
            a.equal(a.term(total[1], f"Talks/{first}/Total"),
                    _sum([a.term(r[1], f"Talks/{first}/{r[0]}") for r in body]))
            a.equal(a.term(total[1], f"Talks/{first}/Total"), summary["talks"][0])
    for _header, body, total in _tables(sheets["Digital programs"], "Program"):
        for c, head in ((1, "logins"), (2, "started"), (3, "completed")):
            column_total = a.term(total[c], f"Digital/Total/{head}")
            a.equal(column_total, _sum([a.term(r[c], f"Digital/{r[0]}/{head}") for r in body]))
            if head == "logins" and body:
                a.equal(column_total, summary["digital"][0])
    satisfaction: dict[str, Any] = {}
    for _header, body, _total in _tables(sheets["Summary"], "Questionnaire"):
        a.equal(summary["evaluations"][0],
                _sum([a.term(r[1], f"Evaluations/{r[0]}") for r in body]))
        satisfaction = {str(r[0]): r[2] for r in body}
    if "Evaluations" in sheets:
        _evaluations(a, sheets["Evaluations"], summary, satisfaction)
    _trend(a, sheets["Trend"], period_code, summary)
    return threshold


def _evaluations(a: Attack, rows: list[list[Any]], summary: dict[str, tuple[Any, Any]],
                 satisfaction: dict[str, Any]) -> None:
    """Answers per questionnaire and language (rows and columns add up; the row totals are
    the Summary's answers per questionnaire), and per question the count of each answer
    value: they add up to the question's answers, which are at most the questionnaire's,
    and a shown mean is the values' weighted sum over the answers (the Summary's
    satisfaction is the mean of the first, "Overall …" question)."""
    for header, body, total in _tables(rows, "Questionnaire"):
        while header and header[-1] == "":
            header.pop()  # calamine pads every row to the sheet's width
        languages, last = header[1:-1], len(header) - 1
        columns: dict[str, list[Any]] = {lang: [] for lang in languages}
        for r in body:
            cells = [a.term(r[1 + i], f"EvalLang/{r[0]}/{lang}")
                     for i, lang in enumerate(languages)]
            for lang, cell in zip(languages, cells, strict=True):
                columns[lang].append(cell)
            a.equal(a.term(r[last], f"Evaluations/{r[0]}"), _sum(cells))
        totals = [a.term(total[1 + i], f"EvalLang/Total/{lang}")
                  for i, lang in enumerate(languages)]
        for lang, cell in zip(languages, totals, strict=True):
            a.equal(cell, _sum(columns[lang]))
        a.equal(a.term(total[last], "EvalLang/Total/Total"), _sum(totals))
        a.equal(summary["evaluations"][0], _sum(totals))
    for index, row in enumerate(rows):
        if not row or row[0] != "Question" or index == 0:
            continue
        title = str(rows[index - 1][0])
        header = [str(c) for c in row]
        answered_at = header.index("Answered")
        responses = a.cells.get(f"{a.prefix}Evaluations/{title}")
        first = True
        for r in rows[index + 1:]:
            if not r or r[0] in ("", "Total"):
                break
            question = str(r[0])
            values = [(header[c], a.term(r[c], f"EvalItem/{title}/{question}/{header[c]}"))
                      for c in range(1, answered_at) if r[c] != ""]
            answered = a.term(r[answered_at], f"EvalItem/{title}/{question}/Answered")
            a.equal(answered, _sum([v for _head, v in values]))
            if responses is not None:
                a.at_most(answered, responses)
            weighted = _sum([float(head) * v for head, v in values if head.isdigit()])
            a.share(r[answered_at + 1], weighted, answered)
            if first and question.lower().startswith("overall"):
                a.share(satisfaction.get(title), weighted, answered)
            first = False


def _trend(a: Attack, rows: list[list[Any]], period_code: str,
           summary: dict[str, tuple[Any, Any]]) -> None:
    by_quarter: dict[str, tuple[Any, Any, Any]] = {}
    for _header, body, _total in _tables(rows, "Quarter"):
        for r in body:
            ordinal, _word, year = str(r[0]).split()
            code = f"{year}Q{QUARTER_NAMES[ordinal]}"
            visits = a.term(r[2], f"Trend/{code}/visits")
            men = a.term(r[3], f"Trend/{code}/men")
            a.at_most(men, visits)
            a.share(r[4], men, visits)
            by_quarter[code] = (visits, men, a.term(r[5], f"Trend/{code}/open"))
    if "Q" in period_code:
        year, quarter = period_code.split("Q")
        periods = [[period_code], [f"{int(year) - 1}Q{quarter}"]]
    elif period_code.isdigit():
        periods = [[f"{period_code}Q{q}" for q in range(1, 5)],
                   [f"{int(period_code) - 1}Q{q}" for q in range(1, 5)]]
    else:
        return  # a date range: the quarters do not add up to it
    for column, quarters in enumerate(periods):
        if not all(q in by_quarter for q in quarters):
            continue
        for index, key in enumerate(("visits_total", "visits_men", "open_total")):
            a.equal(summary[key][column], _sum([by_quarter[q][index] for q in quarters]))


def too_narrow(intervals: dict[str, tuple[float, float]],
               threshold: int) -> dict[str, tuple[float, float]]:
    """Hidden counts whose whole-number range is narrower than the threshold."""
    out = {}
    for name, (low, high) in intervals.items():
        width = math.inf if math.isinf(high) else (math.floor(high + 1e-6)
                                                  - math.ceil(low - 1e-6))
        if width < threshold:
            out[name] = (low, high)
    return out
