"""The command line pairs a laptop with the centre: keys, enrolment by fingerprint."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from forebygg_desktop import cli
from forebygg_desktop.core import settings
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store.records import TalkData


def test_enrolment_by_fingerprint_on_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    central_dir, laptop_dir, usb = tmp_path / "central", tmp_path / "laptop", tmp_path / "usb"
    usb.mkdir()
    central = open_store(central_dir / "forebygg.sqlite3")
    central.settings.set(settings.ROLE, "central")
    central.close()
    laptop = open_store(laptop_dir / "forebygg.sqlite3")
    laptop.talks.create(TalkData(first_talk_on=date(2026, 3, 2), who_came="mother",
                                 language_code="sv"))
    laptop.close()

    def run(data_dir: Path, *args: str) -> tuple[int, str]:
        code = cli.main(["--data-dir", str(data_dir), "--ui-language", "en", *args])
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    assert run(laptop_dir, "export", "--out", str(usb))[0] == 1  # no department key yet
    assert run(central_dir, "make-config", "--out", str(usb))[0] == 0
    code, out = run(laptop_dir, "apply-config", str(next(usb.glob("forebygg-config-*"))))
    assert code == 0 and "will accept packages only with this key" in out
    code, out = run(laptop_dir, "keys")
    fingerprint = re.search(r"This computer's key fingerprint: \W?([0-9A-F ]{39})", out)
    assert code == 0 and fingerprint is not None
    assert run(laptop_dir, "export", "--out", str(usb))[0] == 0
    data_files = [p for p in usb.glob("*.forebygg") if "config" not in p.name]
    code, out = run(central_dir, "import", *map(str, data_files))
    assert code == 1 and fingerprint.group(1) in out and "not enrolled" in out
    code, out = run(central_dir, "import", "--accept-fingerprint", "0000 1111",
                    *map(str, data_files))
    assert code == 1  # a fingerprint that does not match enrols nobody
    code, out = run(central_dir, "import", "--accept-fingerprint",
                    fingerprint.group(1).replace(" ", "").lower(), *map(str, data_files))
    assert code == 0 and "enrolled" in out and "Imported." in out
