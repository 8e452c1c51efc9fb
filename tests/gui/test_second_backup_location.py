"""The settings' second backup location: one inside the data folder is refused with the
reason, and the setting is left as it was; one outside is taken."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from forebygg_desktop.core import settings
from forebygg_desktop.core.i18n import _
from forebygg_desktop.gui.areas.settings.backups import BackupsSection
from forebygg_desktop.gui.context import AppContext


def test_a_second_location_inside_the_data_folder_is_refused_with_the_reason(
        ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> None:
    section = BackupsSection(ctx)
    qtbot.addWidget(section)
    data_dir = ctx.store.data_dir
    assert data_dir is not None
    with qtbot.waitSignal(ctx.ops.failed, timeout=5000):
        section.set_second(data_dir / "backups")
    assert section.status.text() == _(
        "The second backup location must be outside the data folder: a copy there would be "
        "lost with it. Choose a folder elsewhere, such as a USB stick.")
    assert ctx.store.settings.get(settings.BACKUP_SECOND_FOLDER) is None
    usb = tmp_path / "usb"
    usb.mkdir()
    with qtbot.waitSignal(ctx.ops.changed, timeout=5000):
        section.set_second(usb)
    assert ctx.store.settings.get(settings.BACKUP_SECOND_FOLDER) == str(usb)
