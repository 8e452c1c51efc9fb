"""`store.stats`: the statistics of any period, read-only.

The screen and the Excel workbook both take their figures from here, so they cannot
disagree. Every method opens its own short read session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import select, union

from forebygg_desktop.core import settings
from forebygg_desktop.core.models import (
    AdviceTalk,
    ImportedFile,
    Meeting,
    OpenMeeting,
)
from forebygg_desktop.core.period import Period, quarter_number
from forebygg_desktop.core.stats import aggregate, two_periods
from forebygg_desktop.core.stats.collect import (
    LocalityFacts,
    MeetingFacts,
    OpenFacts,
    PeriodRows,
    QuarterMeetings,
    iter_meetings,
    live_series,
    load_localities,
    load_open_meetings,
    load_quarter_meetings,
    load_rows,
    series_spans,
)
from forebygg_desktop.core.stats.figures import (
    BreakdownRow,
    Comparison,
    EvaluationFigures,
    Indicators,
    ItemCounts,
    TrendPoint,
)
from forebygg_desktop.core.stats.meeting_scan import MeetingScan
from forebygg_desktop.core.store.evaluation_records import QuestionnaireResult, ResultFilter

if TYPE_CHECKING:  # the Store imports this module: no import cycle at run time
    from forebygg_desktop.core.store.preferences import SettingsService
    from forebygg_desktop.core.store.unit import UnitOfWork

# How many quarters the trend shows, ending with the period's last quarter.
TREND_QUARTERS = 8
SATISFACTION_ITEM = "overall"
# What takes a report's Data rows: the period's meetings as they are read, and the
# localities (each one's area).
DataRows = Callable[[Iterator[MeetingFacts], Mapping[str, LocalityFacts]], None]



class EvaluationSource(Protocol):
    """What the statistics need of the evaluation service (`store.evaluations`)."""

    def results(self, flt: ResultFilter | None = None) -> list[QuestionnaireResult]: ...


@dataclass(frozen=True)
class DeviceInfo:
    """A laptop whose registrations are in the period."""

    device_id: str
    name: str
    this_device: bool


@dataclass(frozen=True)
class ReportData:
    """Everything a report of one period shows, the meetings of its Data sheet included."""

    comparison: Comparison
    breakdowns: dict[str, list[BreakdownRow]]
    breakdowns_year_earlier: dict[str, list[BreakdownRow]]
    trend: list[TrendPoint]
    devices: tuple[DeviceInfo, ...]
    localities: dict[str, Any]

    @property
    def period(self) -> Period:
        return self.comparison.current.period


def trend_period(period: Period, quarters: int = TREND_QUARTERS) -> Period:
    """The `quarters` quarters up to and including the one the period ends in."""
    last = Period.quarter_of(period.end)
    first = last
    for _step in range(quarters - 1):
        first = Period.quarter_of(first.start - timedelta(days=1))
    return Period(first.start, last.end)


def evaluation_figures(results: list[QuestionnaireResult]) -> tuple[EvaluationFigures, ...]:
    """Per questionnaire: answers and the mean of the overall-satisfaction item."""
    out = []
    for result in results:
        overall = next((item for item in result.items if item.code == SATISFACTION_ITEM), None)
        out.append(EvaluationFigures(
            questionnaire_code=result.questionnaire_code, responses=result.responses,
            satisfaction_mean=overall.mean if overall else None,
            satisfaction_n=overall.n if overall else 0,
            languages=tuple(sorted(result.languages.items())),
            items=tuple(ItemCounts(item.code, item.type, item.counts,
                                   item.distribution is not None)
                        for item in result.items if item.type != "free_text")))
    return tuple(out)


class StatsService:
    """Aggregation by quarter, year or any date range; indicators; report data."""

    def __init__(self, uow: UnitOfWork, settings_service: SettingsService | None = None,
                 evaluation_source: EvaluationSource | None = None) -> None:
        self._uow = uow
        self._settings = settings_service
        self._evaluations = evaluation_source

    def rows(self, period: Period) -> PeriodRows:
        """The rows the period's figures are made of."""
        with self._uow.read() as session:
            return load_rows(session, period)

    def _evaluation(self, period: Period) -> tuple[EvaluationFigures, ...]:
        if self._evaluations is None:
            return ()
        return evaluation_figures(self._evaluations.results(ResultFilter(period=period)))

    def indicators(self, period: Period) -> Indicators:
        """The headline figures of `period`."""
        return aggregate.indicators(self.rows(period), self._evaluation(period))

    def comparison(self, period: Period) -> Comparison:
        """The period's figures beside the same period a year earlier."""
        return Comparison(self.indicators(period), self.indicators(period.year_earlier()))

    def breakdown(self, period: Period, name: str) -> list[BreakdownRow]:
        """Figures per program, locality, area or language."""
        return aggregate.breakdown(self.rows(period), name)

    def trend(self, period: Period, quarters: int = TREND_QUARTERS) -> list[TrendPoint]:
        """Meetings and visits per quarter, for the quarters up to the period's end."""
        span = trend_period(period, quarters)
        with self._uow.read() as session:
            meetings = load_quarter_meetings(session, span)
            opens = load_open_meetings(session, span)
        return aggregate.trend(meetings, opens, span)

    def _trend(self, period: Period, quarters: tuple[QuarterMeetings, ...] | None,
               opens: tuple[OpenFacts, ...]) -> list[TrendPoint]:
        """The trend of a report: from its meeting scan's quarter sums and its open meetings
        (`period`'s), when the scan held the trend's days and they lie in `period`; else
        read (`trend`)."""
        span = trend_period(period)
        if quarters is None or not (period.start <= span.start and span.end <= period.end):
            return self.trend(period)
        return aggregate.trend(quarters, (o for o in opens if span.start <= o.held_on
                                          <= span.end), span)

    def meetings(self, period: Period) -> Iterator[MeetingFacts]:
        """Every live meeting held in the period, in date order, streamed from the database
        (the workbook's Data sheet: a decade is too many to hold in memory at once)."""
        with self._uow.read() as session:
            yield from iter_meetings(session, period)

    def devices(self, period: Period, group_devices: set[str] | None = None
                ) -> tuple[DeviceInfo, ...]:
        """The laptops whose registrations of the period the figures hold
        (`group_devices`: those of its group meetings, already read). Each table's laptops
        are made distinct before the union (a server sorted all of a decade's rows to
        drop the repeats: twice the time)."""
        meetings = () if group_devices is not None else (
            select(Meeting.device_id).distinct().where(
                Meeting.deleted.is_(False), Meeting.held_on.between(period.start, period.end)),)
        in_period = union(
            *meetings,
            select(OpenMeeting.device_id).distinct().where(
                OpenMeeting.deleted.is_(False),
                OpenMeeting.held_on.between(period.start, period.end)),
            select(AdviceTalk.device_id).distinct().where(
                AdviceTalk.deleted.is_(False),
                AdviceTalk.first_talk_on.between(period.start, period.end)))
        own_name = self._settings.get(settings.DEVICE_NAME) if self._settings else ""
        with self._uow.read() as session:
            ids = sorted({*session.scalars(select(in_period.subquery().c[0])),
                          *(group_devices or ())})
            names = dict(session.execute(
                select(ImportedFile.device_id, ImportedFile.device_name)
                .order_by(ImportedFile.imported_at)).all())
        own = self._uow.device_id
        return tuple(DeviceInfo(d, own_name if d == own else names.get(d, ""), d == own)
                     for d in ids)

    def report(self, period: Period, data: DataRows | None = None) -> ReportData:
        """Everything a report of `period` shows. `data`, when given, is handed the period's
        meetings one by one (the Data sheet) while they are read for the figures: one scan
        of the meetings serves both, in the figures' snapshot."""
        year_earlier = period.year_earlier()
        with self._uow.read() as session:  # both periods in one snapshot, series read once
            series, localities = live_series(session), load_localities(session)
            # Their meetings, open meetings and talks read in one pass (a decade and the decade
            # before share nine years).
            scan = MeetingScan(session, series, period, year_earlier,
                               trend=trend_period(period))
            try:
                if data is not None:
                    data(scan.meetings(), localities)
                scan.run()  # whatever `data` left unread (all of them without `data`)
            finally:
                scan.close()
            meetings = scan.sums()
            spans = scan.spans(series_spans(session, outside=scan.span))
            opens = two_periods.open_meetings(session, period, year_earlier)
            talks = two_periods.talks(session, period, year_earlier)
            rows = load_rows(session, period, series, spans, meetings[0], opens[0], talks[0],
                             localities)
            earlier = load_rows(session, year_earlier, series, spans, meetings[1], opens[1],
                                talks[1], localities)
            group_devices = scan.devices
            trend = self._trend(period, scan.quarter_meetings(), opens[0])
            del series, spans, meetings, opens, talks, scan
        current = aggregate.indicators(rows, self._evaluation(period))
        before = aggregate.indicators(earlier, self._evaluation(earlier.period))
        return ReportData(
            comparison=Comparison(current, before),
            breakdowns=aggregate.breakdowns(rows),
            breakdowns_year_earlier=aggregate.breakdowns(earlier),
            trend=trend,
            devices=self.devices(period, group_devices),
            localities=dict(rows.localities))


def quarter_label_code(point: TrendPoint) -> str:
    """`2026Q3` for a trend point (the stable code; labels are made where shown)."""
    return f"{point.year}Q{point.quarter}"


__all__ = ["DeviceInfo", "ReportData", "StatsService", "evaluation_figures",
           "quarter_label_code", "quarter_number", "trend_period"]
