"""Reported figures stay explainable: what was handed on, and what changed since.

Every workbook or summary written is recorded with its period, the time and the headline
figures it showed (as shown: a suppressed cell is kept as "<5" or ".."). `changes(period)`
compares the newest record of a period with the figures the store gives now, figure by
figure, so the Reports page can say that a later import changed a reported quarter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from forebygg_desktop.core.models import HeldChange, ImportedFile, ReportRecord, utc_now
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.reports.release_cells import ReportProtection, protect_report
from forebygg_desktop.core.reports.summary import ROWS, summary_table
from forebygg_desktop.core.reports.tables import Hidden
from forebygg_desktop.core.reports.texts import ReportTexts
from forebygg_desktop.core.stats.service import ReportData

if TYPE_CHECKING:
    from forebygg_desktop.core.stats.service import StatsService
    from forebygg_desktop.core.store.unit import UnitOfWork

LABELS = {key: msgid for key, msgid, _kind, _get, _deps in ROWS}


def shown_figures(report: ReportData, threshold: int | None,
                  protection: ReportProtection | None = None) -> dict[str, Any]:
    """The headline figures of the period as the report shows them (`protection`: the
    decision the report was written with, when made together with other reports)."""
    tx = ReportTexts("en")
    table = summary_table(report.comparison.current, report.comparison.year_earlier, tx,
                          protection or protect_report(report, threshold))
    out: dict[str, Any] = {}
    for (key, *_rest), row in zip(ROWS, table.rows, strict=True):
        value = row[1]
        if isinstance(value, Hidden):
            value = value.text()
        elif isinstance(value, float):
            value = round(value, 6)
        out[key] = value
    return out


@dataclass(frozen=True)
class RecordInfo:
    id: str
    period_code: str
    kind: str
    language: str
    suppress: int | None
    made_at: datetime
    saved_as: str
    figures: dict[str, Any]


@dataclass(frozen=True)
class FigureChange:
    key: str
    label_msgid: str  # translate where shown
    reported: Any
    now: Any


class ReportedFigures:
    """`store.reported`: records of what was handed on, and changes since."""

    def __init__(self, uow: UnitOfWork, stats: StatsService) -> None:
        self._uow = uow
        self._stats = stats

    def record(self, period: Period, kind: str, language: str, suppress: int | None,
               path: Path, figures: dict[str, Any]) -> RecordInfo:
        row = ReportRecord(period_code=period.code, kind=kind, language=language,
                           suppress=suppress, made_at=utc_now(), saved_as=path.name,
                           figures=figures)
        with self._uow.write() as tx:
            tx.session.add(row)
            tx.session.flush()
            return _info(row)

    def records(self, period: Period | None = None) -> list[RecordInfo]:
        """Records, newest first (of one period, or all)."""
        query = select(ReportRecord).order_by(ReportRecord.made_at.desc())
        if period is not None:
            query = query.where(ReportRecord.period_code == period.code)
        with self._uow.read() as session:
            return [_info(r) for r in session.scalars(query)]

    def changes(self, period: Period, report: ReportData | None = None,
                ) -> tuple[RecordInfo | None, list[FigureChange]]:
        """The newest record of `period` and every figure that differs from it now
        (`report`: the period's report data, when the caller has read it already)."""
        records = self.records(period)
        if not records:
            return None, []
        last = records[0]
        now = shown_figures(report or self._stats.report(period), last.suppress)
        changed = [FigureChange(key, LABELS.get(key, key), last.figures.get(key), value)
                   for key, value in now.items() if last.figures.get(key) != value]
        return last, changed

    def changed_periods(self) -> list[Period]:
        """Reported periods whose figures differ now from what was reported. Only periods
        reported before the newest import or approval are recomputed (nothing else can
        change a period's figures behind the user's back)."""
        with self._uow.read() as session:
            imported = session.scalar(select(func.max(ImportedFile.imported_at)))
            approved = session.scalar(select(func.max(HeldChange.approved_at)))
        newest = max((t for t in (imported, approved) if t is not None), default=None)
        latest: dict[str, RecordInfo] = {}
        for record in self.records():  # newest first
            latest.setdefault(record.period_code, record)
        out = []
        for code, record in sorted(latest.items()):
            if newest is None or record.made_at >= newest:
                continue
            period = Period.parse(code)
            if self.changes(period)[1]:
                out.append(period)
        return out


def _info(row: ReportRecord) -> RecordInfo:
    return RecordInfo(row.id, row.period_code, row.kind, row.language, row.suppress,
                      row.made_at, row.saved_as, dict(row.figures))
