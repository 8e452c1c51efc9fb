"""The one façade widgets and scripts use: intention-named methods, one transaction each.

`Store` groups the services by area (`store.groups.register_meeting(...)`); every write
returns a `Change` that says what changed, so views refresh what shows it.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select
from sqlalchemy.orm import configure_mappers

from forebygg_desktop.core.models import TRAVELLING
from forebygg_desktop.core.store.catalog import CatalogService
from forebygg_desktop.core.store.overview import OverviewService
from forebygg_desktop.core.store.preferences import DraftService, SettingsService
from forebygg_desktop.core.store.service_slot import service
from forebygg_desktop.core.store.unit import Change, UnitOfWork

if TYPE_CHECKING:
    from forebygg_desktop.core.exchange.service import ExchangeService
    from forebygg_desktop.core.reports.closing import ClosedPeriods
    from forebygg_desktop.core.reports.records import ReportedFigures
    from forebygg_desktop.core.stats.service import StatsService
    from forebygg_desktop.core.store.digital import DigitalUseService
    from forebygg_desktop.core.store.evaluations import EvaluationService
    from forebygg_desktop.core.store.groups import GroupService
    from forebygg_desktop.core.store.lists import ListService
    from forebygg_desktop.core.store.materials import MaterialsService
    from forebygg_desktop.core.store.open_meetings import OpenMeetingService
    from forebygg_desktop.core.store.talks import TalkService
    from forebygg_desktop.core.store.undo import UndoService

__all__ = ["Change", "Store"]


class Store:
    """Everything the program reads and writes, through one door."""

    def __init__(self, engine: Engine, device_id: str, data_dir: Path | None = None) -> None:
        self.engine = engine
        self.device_id = device_id
        self.data_dir = data_dir
        self.uow = UnitOfWork(engine, device_id)
        self.services_lock = threading.RLock()  # a service may be made of others (lists)
        # What the start page reads; every other service is made on first use, so its
        # modules load then (start-up is measured by benchmarks/bench_startup.py).
        self.settings = SettingsService(self.uow)
        self.drafts = DraftService(self.uow)
        self.catalog = CatalogService(self.uow)
        self.overview = OverviewService(self.uow)

    @service
    def groups(self) -> GroupService:
        from forebygg_desktop.core.store.groups import GroupService

        return GroupService(self.uow)

    @service
    def open_meetings(self) -> OpenMeetingService:
        from forebygg_desktop.core.store.open_meetings import OpenMeetingService

        return OpenMeetingService(self.uow)

    @service
    def talks(self) -> TalkService:
        from forebygg_desktop.core.store.talks import TalkService

        return TalkService(self.uow)

    @service
    def digital(self) -> DigitalUseService:
        from forebygg_desktop.core.store.digital import DigitalUseService

        return DigitalUseService(self.uow)

    @service
    def evaluations(self) -> EvaluationService:
        from forebygg_desktop.core.store.evaluations import EvaluationService

        return EvaluationService(self.uow, self.settings)

    @service
    def materials(self) -> MaterialsService:
        from forebygg_desktop.core.store.materials import MaterialsService

        return MaterialsService(self.settings, self.data_dir)

    @service
    def undo(self) -> UndoService:
        from forebygg_desktop.core.store.undo import UndoService

        return UndoService(self.uow)

    @service
    def lists(self) -> ListService:
        from forebygg_desktop.core.store.lists import ListService

        return ListService(self.uow, self.groups, self.digital, self.evaluations)

    @service
    def exchange(self) -> ExchangeService:
        from forebygg_desktop.core.exchange.service import ExchangeService

        return ExchangeService(self.uow, self.data_dir)

    @service
    def stats(self) -> StatsService:
        from forebygg_desktop.core.stats.service import StatsService

        return StatsService(self.uow, self.settings, self.evaluations)

    @service
    def reported(self) -> ReportedFigures:
        """Workbooks and summaries handed on, and what changed since (issue 19)."""
        from forebygg_desktop.core.reports.records import ReportedFigures

        return ReportedFigures(self.uow, self.stats)

    @service
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

    def warm_up(self) -> None:
        """Configure the mappers now, which the first ORM statement would do on its way
        (some 20 ms). The start reads with Core statements only; the window has this done
        off the screen's thread once the Store is attached."""
        configure_mappers()

    def close(self) -> None:
        """Release every connection (the WAL is checkpointed by SQLite)."""
        self.uow.release()
        self.engine.dispose()
