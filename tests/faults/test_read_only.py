"""A read-only data folder or medium: refused with a message that names the folder,
nothing changed. As root: a read-only bind mount; otherwise a folder without write rights."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from forebygg_desktop.core.paths import DATABASE_NAME


def test_a_read_only_data_folder_is_refused_with_a_message(data_dir: Path, cli, tools,
                                                           mounts) -> None:
    before = tools.snapshot(data_dir)
    how = mounts.read_only(data_dir)
    if how == "chmod" and os.geteuid() == 0:
        pytest.skip("root ignores folder permissions and no bind mount was possible")
    try:
        result = cli(data_dir, "report", "--period", "2026", "--out",
                     str(data_dir.parent / "r.xlsx"))
        assert result.code == 1
        (line,) = result.lines
        assert line.startswith(f"The data folder {data_dir} cannot be written to (")
        assert line.endswith("Nothing was changed. Check that the folder or USB stick is not "
                             "write-protected, or choose another data folder.")
        assert ("Read-only file system" in line) if how == "bind" else (
            "Permission denied" in line)
    finally:
        mounts.cleanup()
        data_dir.chmod(0o700)
    assert tools.snapshot(data_dir) == before


def test_a_read_only_output_medium_is_a_message(data_dir: Path, tmp_path: Path, cli, tools,
                                                mounts) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    assert cli(data_dir, "backup", "--second-location", str(usb)).code == 0  # chosen before
    for path in usb.iterdir():
        path.unlink()
    how = mounts.read_only(usb)
    if how == "chmod" and os.geteuid() == 0:
        pytest.skip("root ignores folder permissions and no bind mount was possible")
    before = tools.snapshot(data_dir)
    try:
        export = cli(data_dir, "export", "--full", "--out", str(usb))
        assert export.code == 1
        assert export.lines[0].startswith(f"The export could not be written to {usb} (")
        report = cli(data_dir, "report", "--period", "2026", "--out", str(usb / "r.xlsx"))
        assert report.code == 1
        assert report.lines[0].startswith(f"The report could not be written to {usb}")
        backup = cli(data_dir, "backup")
        assert backup.code == 1
        # The data folder's backup was made: only the second copy failed, and says so.
        assert backup.lines[0].startswith(f"No copy could be made in the second backup "
                                          f"location {usb} (The backup could not be written "
                                          f"to {usb} (")
        assert list(usb.iterdir()) == []
    finally:
        mounts.cleanup()
    after = tools.snapshot(data_dir)
    new = [k for k in after if k not in before]
    assert len(new) == 1 and "rolling" in new[0]  # the data folder's own backup was made
    # (the oldest rolling backup may have been pruned: the newest 10 are kept)
    assert {k: after[k] for k in before if k in after} == {
        k: v for k, v in before.items() if k in after}
    assert after["forebygg.sqlite3"] == before["forebygg.sqlite3"]
    assert (data_dir / DATABASE_NAME).exists()
