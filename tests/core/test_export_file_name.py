"""The export file on the USB stick carries the laptop's name with its letters
("Familjestöd 3" → `forebygg-familjestöd-3-…`, never `familjest-d-3`), and still imports."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from forebygg_desktop.core import settings
from forebygg_desktop.core.store import Store


@pytest.mark.parametrize(("name", "slug"), [
    ("Familjestöd 3", "familjestöd-3"),
    ("Familjesto\u0308d 3", "familjestöd-3"),  # typed decomposed (macOS): written composed
    ("Föräldrastöd Hallstavik", "föräldrastöd-hallstavik"),
    ("دعم الأسرة ٢", "دعم-الأسرة-٢"),
])
def test_the_file_written_keeps_the_laptops_letters_and_imports(
        laptop: Store, central: Store, tmp_path: Path, name: str, slug: str) -> None:
    laptop.settings.set(settings.DEVICE_NAME, name)
    usb = tmp_path / "usb"
    usb.mkdir()
    result = laptop.exchange.export(usb)
    [written] = list(usb.iterdir())
    assert written == result.path
    assert written.name.startswith(f"forebygg-{slug}-0001-")
    assert unicodedata.is_normalized("NFC", written.name)
    assert "-d-" not in written.name  # no letter turned into a hyphen
    [report] = central.exchange.import_files([written])
    assert report.ok and report.committed
