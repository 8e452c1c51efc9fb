"""The Summary: every headline indicator of the period beside the same period a year earlier."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from forebygg_desktop.core.figures import name
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.reports.layout import Protected
from forebygg_desktop.core.reports.tables import COUNT, SHARE, TEXT, Column, Hidden, ReportTable
from forebygg_desktop.core.reports.texts import ReportTexts
from forebygg_desktop.core.stats.figures import Indicators

# (key, label msgid, kind, value of the indicators, summary cells whose hiding hides it)
Getter = Callable[[Indicators], Any]
ROWS: tuple[tuple[str, str, str, Getter, tuple[str, ...]], ...] = (
    ("series_started", N_("Group series started"), COUNT, lambda i: i.groups.series_started, ()),
    ("series_running", N_("Group series running"), COUNT, lambda i: i.groups.series_running, ()),
    ("series_completed", N_("Group series completed"), COUNT,
     lambda i: i.groups.series_completed, ()),
    ("series_cancelled", N_("Group series cancelled"), COUNT,
     lambda i: i.groups.series_cancelled, ()),
    ("meetings", name("meetings"), COUNT, lambda i: i.groups.meetings, ()),
    ("visits_total", name("visits_total"), COUNT, lambda i: i.groups.visits.total,
     ("visits_total",)),
    ("visits_women", N_("Visits by women"), COUNT, lambda i: i.groups.visits.women,
     ("visits_women",)),
    ("visits_men", N_("Visits by men"), COUNT, lambda i: i.groups.visits.men, ("visits_men",)),
    ("visits_other", N_("Visits by others or not stated"), COUNT,
     lambda i: i.groups.visits.other, ("visits_other",)),
    ("registered", N_("Registered"), COUNT, lambda i: i.groups.registered.total, ("registered",)),
    ("started", N_("Started"), COUNT, lambda i: i.groups.started.total, ("started",)),
    ("completed", N_("Completed"), COUNT, lambda i: i.groups.completed.total, ("completed",)),
    ("share_men", name("share_men"), SHARE, lambda i: i.share_men,
     ("visits_men", "visits_total")),
    ("share_priority", N_("Share in priority areas"), SHARE, lambda i: i.share_priority,
     ("visits_total", "priority")),
    ("other_language", name("other_language"), COUNT,
     lambda i: i.groups.other_language_series, ()),
    ("interpreter", name("interpreter"), COUNT,
     lambda i: i.groups.interpreter_series, ()),
    ("open_occasions", name("open_occasions"), COUNT, lambda i: i.open.occasions, ()),
    ("open_participants", name("open_participants"), COUNT,
     lambda i: i.open.participants.total, ()),
    ("meetings_all", name("meetings_all"), COUNT,
     lambda i: i.groups.meetings + i.open.occasions, ()),
    ("visits_all", name("visits_all"), COUNT, lambda i: i.all_visits.total,
     ("visits_total", "open_participants")),
    ("talk_contacts", name("talk_contacts"), COUNT, lambda i: i.talks.contacts, ()),
    ("talks", name("talks"), COUNT, lambda i: i.talks.talks, ()),
    ("digital_logins", N_("Digital logins handed out"), COUNT,
     lambda i: _sum(d.logins_handed_out for d in i.digital), ()),
    ("evaluation_answers", N_("Evaluation answers"), COUNT,
     lambda i: sum(e.responses for e in i.evaluations), ()),
)


# Counts of people whose own smallness is checked here (the breakdowns protect the rest).
PEOPLE = ("open_participants", "visits_all", "talk_contacts", "digital_logins",
          "evaluation_answers")


def _sum(values: Any) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def summary_table(current: Indicators, earlier: Indicators, tx: ReportTexts,
                  threshold: int | None, protected: tuple[Protected, Protected],
                  headers: tuple[str, str] | None = None) -> ReportTable:
    """Indicator | this period | a year earlier | change."""
    this, before = headers or (tx._("This period"), tx._("Year earlier"))
    table = ReportTable("summary", "", [
        Column("indicator", tx._("Indicator"), TEXT),
        Column("current", this),
        Column("earlier", before),
        Column("change", tx._("Change"))])
    # Rows hidden so far, per column: a sum row (visits_all) hides with a hidden part.
    hidden_rows: tuple[set[str], set[str]] = (set(), set())
    for key, msgid, kind, get, depends in ROWS:
        values = []
        for column, (indicators, prot) in enumerate(zip((current, earlier), protected,
                                                        strict=True)):
            value = get(indicators)
            hidden = next((prot.summary_hidden[d] for d in depends if d in prot.summary_hidden),
                          None)
            if hidden is None and any(d in hidden_rows[column] for d in depends):
                hidden = Hidden(False, threshold or 0)
            if hidden is None and key in PEOPLE and threshold and value and value < threshold:
                hidden = Hidden(True, threshold)
            if hidden is not None:
                hidden_rows[column].add(key)
                value = hidden if kind == COUNT else Hidden(False, threshold or 0)
            values.append(value)
        change: Any = None
        if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
            change = values[0] - values[1]
        table.rows.append([tx._(msgid), *values, change])
        table.row_kinds.append(kind)
    return table
