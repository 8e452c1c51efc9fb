"""A workbook's code labels are in the workbook's language, whatever the interface's."""

from __future__ import annotations

import pytest

from forebygg_desktop.core import i18n
from forebygg_desktop.core.codes import SERIES_STATUSES, TALK_OUTCOMES
from forebygg_desktop.core.reports.texts import ReportTexts


@pytest.mark.parametrize("language", ["sv", "ar", "so"])
def test_code_labels_follow_the_workbook_language(language: str) -> None:
    i18n.set_language("en")  # the interface in English, the workbook not
    texts = ReportTexts(language)
    for codes, code in ((TALK_OUTCOMES, "referred"), (SERIES_STATUSES, "cancelled")):
        label = texts.code_label(codes, code)
        msgid = codes.msgid(code)
        assert label and label != msgid, f"{language}: {code} left in English"


def test_the_pseudo_language_marks_report_texts_and_other_codes_are_refused() -> None:
    assert ReportTexts("qps").code_label(TALK_OUTCOMES, "referred").startswith("[")
    with pytest.raises(ValueError):
        ReportTexts("de")
