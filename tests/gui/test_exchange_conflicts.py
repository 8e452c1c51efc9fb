"""The conflict review lists what differs and which version was kept, then marks reviewed."""

from __future__ import annotations

from forebygg_desktop.core.models import SyncConflict, utc_now
from forebygg_desktop.core.store import Store
from forebygg_desktop.gui.areas.exchange.conflicts import ConflictDialog
from forebygg_desktop.gui.context import AppContext


def _conflict(store: Store) -> None:
    with store.uow.write() as tx:
        tx.session.add(SyncConflict(
            id="c1", record_type="meeting", record_id="m1", detected_at=utc_now(),
            winner={"id": "m1", "device_id": "dev-b", "version": 3, "women": 7, "men": 2},
            loser={"id": "m1", "device_id": "dev-a", "version": 3, "women": 6, "men": 2}))


def test_conflicts_are_listed_by_field_and_marked_reviewed(ctx: AppContext, store: Store,
                                                           qtbot) -> None:
    _conflict(store)
    dialog = ConflictDialog(ctx)
    qtbot.addWidget(dialog)
    table = dialog.table
    assert table.rowCount() == 1  # only the differing field, not device or version
    row = [table.item(0, column).text() for column in range(5)]
    assert row[0] == "Träff"  # the record type in the interface language
    assert row[2:] == ["women", "7", "6"]
    with qtbot.waitSignal(ctx.ops.changed, timeout=5000):
        dialog.mark_button.click()
    assert store.exchange.conflicts() == []
    assert store.exchange.open_conflicts() == 0
