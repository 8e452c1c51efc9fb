"""The Summary: every headline indicator of the period beside the same period a year earlier."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from forebygg_desktop.core.figures import name
from forebygg_desktop.core.i18n import N_, share_points
from forebygg_desktop.core.reports.release_cells import CURRENT, EARLIER, ReportProtection
from forebygg_desktop.core.reports.tables import (
    CHANGE,
    COUNT,
    SHARE,
    TEXT,
    Column,
    Hidden,
    ReportTable,
)
from forebygg_desktop.core.reports.texts import ReportTexts
from forebygg_desktop.core.stats.figures import Indicators

Getter = Callable[[Indicators], Any]
Cells = Callable[[str], tuple[tuple[str, ...], ...]]


def _cell(*key: str) -> Cells:
    """A count of people: the release cell `(key[0], period, *key[1:])`."""
    return lambda tag: ((key[0], tag, *key[1:]),)


def _share(*keys: tuple[str, ...]) -> Cells:
    """A share: hidden when any of the counts it is made of is hidden."""
    return lambda tag: tuple((k[0], tag, *k[1:]) for k in keys)


# (key, label msgid, kind, value of the indicators, the release cells it shows or depends on;
# rows without cells count events, not people, and are always shown)
ROWS: tuple[tuple[str, str, str, Getter, Cells | None], ...] = (
    ("series_started", N_("Group series started"), COUNT, lambda i: i.groups.series_started,
     None),
    ("series_running", N_("Group series running"), COUNT, lambda i: i.groups.series_running,
     None),
    ("series_completed", N_("Group series completed"), COUNT,
     lambda i: i.groups.series_completed, None),
    ("series_cancelled", N_("Group series cancelled"), COUNT,
     lambda i: i.groups.series_cancelled, None),
    ("meetings", name("meetings"), COUNT, lambda i: i.groups.meetings, None),
    ("visits_total", name("visits_total"), COUNT, lambda i: i.groups.visits.total,
     _cell("visits", "total")),
    ("visits_women", N_("Visits by women"), COUNT, lambda i: i.groups.visits.women,
     _cell("visits", "women")),
    ("visits_men", N_("Visits by men"), COUNT, lambda i: i.groups.visits.men,
     _cell("visits", "men")),
    ("visits_other", N_("Visits by others or not stated"), COUNT,
     lambda i: i.groups.visits.other, _cell("visits", "other")),
    ("registered", N_("Registered"), COUNT, lambda i: i.groups.registered.total,
     _cell("registered")),
    ("started", N_("Started"), COUNT, lambda i: i.groups.started.total, _cell("started")),
    ("completed", N_("Completed"), COUNT, lambda i: i.groups.completed.total,
     _cell("completed")),
    ("share_men", name("share_men"), SHARE, lambda i: i.share_men,
     _share(("all", "men"), ("all", "total"))),
    ("share_priority", N_("Share in priority areas"), SHARE, lambda i: i.share_priority,
     _share(("priority",), ("all", "total"))),
    ("other_language", name("other_language"), COUNT,
     lambda i: i.groups.other_language_series, None),
    ("interpreter", name("interpreter"), COUNT,
     lambda i: i.groups.interpreter_series, None),
    ("open_occasions", name("open_occasions"), COUNT, lambda i: i.open.occasions, None),
    ("open_participants", name("open_participants"), COUNT,
     lambda i: i.open.participants.total, _cell("open", "total")),
    # The start page's headlines (groups and open meetings together): `core/figures.py`.
    ("meetings_all", name("meetings_all"), COUNT,
     lambda i: i.groups.meetings + i.open.occasions, None),
    ("visits_all", name("visits_all"), COUNT, lambda i: i.all_visits.total,
     _cell("all", "total")),
    ("talk_contacts", name("talk_contacts"), COUNT, lambda i: i.talks.contacts,
     _cell("talks")),
    ("talks", name("talks"), COUNT, lambda i: i.talks.talks, None),
    ("digital_logins", N_("Digital logins handed out"), COUNT,
     lambda i: _sum(d.logins_handed_out for d in i.digital),
     _cell("digital", "logins_handed_out")),
    ("evaluation_answers", N_("Evaluation answers"), COUNT,
     lambda i: sum(e.responses for e in i.evaluations), _cell("eval")),
)


def _sum(values: Any) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def summary_table(current: Indicators, earlier: Indicators, tx: ReportTexts,
                  prot: ReportProtection,
                  headers: tuple[str, str] | None = None) -> ReportTable:
    """Indicator | this period | a year earlier | change (of a share: percentage points)."""
    this, before = headers or (tx._("This period"), tx._("Year earlier"))
    table = ReportTable("summary", "", [
        Column("indicator", tx._("Indicator"), TEXT),
        Column("current", this),
        Column("earlier", before),
        Column("change", tx._("Change"), CHANGE)])
    for _key, msgid, kind, get, cells in ROWS:
        values = []
        for indicators, tag in ((current, CURRENT), (earlier, EARLIER)):
            value = get(indicators)
            if cells is not None and prot.hidden(*cells(tag)):
                primary = kind == COUNT and prot.show(cells(tag)[0]).primary
                value = Hidden(primary, prot.threshold or 0)
            values.append(value)
        change: Any = None
        if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
            # A share changes by the difference of the whole percentages shown (points).
            change = (share_points(values[0]) - share_points(values[1]) if kind == SHARE
                      else values[0] - values[1])
        table.rows.append([tx._(msgid), *values, change])
        table.row_kinds.append(kind)
    return table
