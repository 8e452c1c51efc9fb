"""The one façade widgets and scripts use: intention-named methods, one transaction each.

`Store` groups the services by area (`store.groups.register_meeting(...)`); every write
returns a `Change` that says what changed, so views refresh what shows it.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select

from forebygg_desktop.core.models import TRAVELLING
from forebygg_desktop.core.store.catalog import CatalogService
from forebygg_desktop.core.store.digital import DigitalUseService
from forebygg_desktop.core.store.evaluations import EvaluationService
from forebygg_desktop.core.store.groups import GroupService
from forebygg_desktop.core.store.lists import ListService
from forebygg_desktop.core.store.materials import MaterialsService
from forebygg_desktop.core.store.open_meetings import OpenMeetingService
from forebygg_desktop.core.store.overview import OverviewService
from forebygg_desktop.core.store.preferences import DraftService, SettingsService
from forebygg_desktop.core.store.talks import TalkService
from forebygg_desktop.core.store.undo import UndoService
from forebygg_desktop.core.store.unit import Change, UnitOfWork

if TYPE_CHECKING:
    from forebygg_desktop.core.exchange.service import ExchangeService
    from forebygg_desktop.core.reports.closing import ClosedPeriods
    from forebygg_desktop.core.reports.records import ReportedFigures
    from forebygg_desktop.core.stats.service import StatsService

__all__ = ["Change", "Store"]


class Store:
    """Everything the program reads and writes, through one door."""

    def __init__(self, engine: Engine, device_id: str, data_dir: Path | None = None) -> None:
        self.engine = engine
        self.device_id = device_id
        self.data_dir = data_dir
        self.uow = UnitOfWork(engine, device_id)
        self.settings = SettingsService(self.uow)
        self.drafts = DraftService(self.uow)
        self.catalog = CatalogService(self.uow)
        self.groups = GroupService(self.uow)
        self.open_meetings = OpenMeetingService(self.uow)
        self.talks = TalkService(self.uow)
        self.digital = DigitalUseService(self.uow)
        self.overview = OverviewService(self.uow)
        self.evaluations = EvaluationService(self.uow, self.settings)
        self.materials = MaterialsService(self.settings, data_dir)
        self.undo = UndoService(self.uow)
        self.lists = ListService(self.uow, self.groups, self.digital, self.evaluations)

    # Exchange files and statistics are opened now and then, not at every start: their
    # modules load on first use (start-up is measured by benchmarks/bench_startup.py).
    @cached_property
    def exchange(self) -> ExchangeService:
        from forebygg_desktop.core.exchange.service import ExchangeService

        return ExchangeService(self.uow, self.data_dir)

    @cached_property
    def stats(self) -> StatsService:
        from forebygg_desktop.core.stats.service import StatsService

        return StatsService(self.uow, self.settings, self.evaluations)

    @cached_property
    def reported(self) -> ReportedFigures:
        """Workbooks and summaries handed on, and what changed since (issue 19)."""
        from forebygg_desktop.core.reports.records import ReportedFigures

        return ReportedFigures(self.uow, self.stats)

    @cached_property
    def closing(self) -> ClosedPeriods:
        """Closed quarters and the imported changes held for approval."""
        from forebygg_desktop.core.reports.closing import ClosedPeriods

        return ClosedPeriods(self.uow)

    def is_empty(self) -> bool:
        """True while nothing has been registered (no travelling row exists)."""
        with self.uow.read() as session:
            return all(session.scalar(select(model.id).limit(1)) is None
                       for name, model in TRAVELLING.items() if name != "staff")

    @property
    def path(self) -> Path:
        """The database file."""
        return Path(self.engine.url.database or ":memory:")

    def close(self) -> None:
        """Release every connection (the WAL is checkpointed by SQLite)."""
        self.engine.dispose()
