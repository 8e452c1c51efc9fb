"""Printing a questionnaire: a real PDF in every language, Arabic laid out right to left."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from forebygg_desktop.core.questionnaire_print import questionnaire_html
from forebygg_desktop.core.questionnaires import load_questionnaire_file, shipped_folder
from forebygg_desktop.gui.areas.evaluations.pdf import write_questionnaire_pdf
from forebygg_desktop.gui.context import AppContext

SCREENSHOTS = Path(__file__).resolve().parents[3] / "screenshots"


def test_the_paper_html_is_in_the_chosen_language_and_direction() -> None:
    group = load_questionnaire_file(shipped_folder() / "group.v1.json")
    arabic = questionnaire_html(group, "ar")
    assert 'dir="rtl"' in arabic and group.title("ar") in arabic
    assert group.text("overall", "ar") in arabic and "group v1 · ar" in arabic
    swedish = questionnaire_html(group, "sv")
    assert 'dir="ltr"' in swedish and "Instämmer helt" in swedish
    assert group.title("ar") not in swedish


@pytest.mark.parametrize("language", ["sv", "sv-x-easy", "en", "ar", "so"])
def test_every_language_prints_to_a_pdf(ctx: AppContext, tmp_path: Path, language: str) -> None:
    questionnaire = ctx.store.evaluations.questionnaire("group")
    path = write_questionnaire_pdf(questionnaire, language, tmp_path / f"group-{language}.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(data) > 10_000  # embedded fonts and text, not an empty page
    assert not path.with_name(path.name + ".part").exists()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler) not installed")
def test_an_arabic_page_renders_with_ink_on_the_right(ctx: AppContext, tmp_path: Path) -> None:
    questionnaire = ctx.store.evaluations.questionnaire("fos")
    pdf = write_questionnaire_pdf(questionnaire, "ar", tmp_path / "fos-ar.pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True, timeout=60)
    png = next(tmp_path.glob("page*.png"))
    SCREENSHOTS.mkdir(exist_ok=True)
    shutil.copy(png, SCREENSHOTS / "print-fos-ar.png")
    image = QImage(str(png))
    width, height = image.width(), image.height()

    def dark_pixels(x0: int, x1: int) -> int:
        return sum(1 for x in range(x0, x1, 2) for y in range(0, height, 2)
                   if image.pixelColor(x, y).lightness() < 128)

    left, right = dark_pixels(0, width // 3), dark_pixels(2 * width // 3, width)
    assert right > 0 and right > left  # right-aligned Arabic text puts the ink on the right
