"""The paper version of a questionnaire as HTML (Qt's rich-text subset), in one language.

No Qt here: the GUI turns this into a PDF with QTextDocument. Every text comes from the
questionnaire in the chosen language; the footer names code, version and language so a
returned form can be typed in against the right version.
"""

from __future__ import annotations

from html import escape

from forebygg_desktop.core.kiosk_texts import is_rtl
from forebygg_desktop.core.questionnaires import Questionnaire

# A box to tick: a one-cell table, as Qt's rich text draws cell borders but no CSS boxes.
_BOX = ('<table cellspacing="0" cellpadding="0" border="1" style="border-style: solid;">'
        '<tr><td width="22" height="22">&nbsp;</td></tr></table>')


def questionnaire_html(questionnaire: Questionnaire, language: str) -> str:
    """A printable form: title, introduction, one block per item, answer boxes."""
    direction = "rtl" if is_rtl(language) else "ltr"
    align = "right" if direction == "rtl" else "left"
    parts = [
        f'<html dir="{direction}"><body dir="{direction}" '
        'style="font-size: 11pt;">',
        f'<h1 align="{align}" style="font-size: 18pt;">'
        f"{escape(questionnaire.title(language))}</h1>",
        f'<p align="{align}">{escape(questionnaire.intro(language))}</p>',
    ]
    for number, item in enumerate(questionnaire.items, start=1):
        text = escape(item.texts[language])
        parts.append(f'<p align="{align}" style="margin-top: 14px; font-weight: bold;">'
                     f"{number}. {text}</p>")
        if item.type == "free_text":
            parts.append('<table width="100%" cellspacing="0" cellpadding="4" '
                         'style="border: 1px solid #000;"><tr><td height="110">&nbsp;'
                         "</td></tr></table>")
            continue
        labels = list(questionnaire.scale_labels(item.type, language))
        shown = [f"{i}. {escape(label)}" if item.type == "likert5" else escape(label)
                 for i, label in enumerate(labels, start=1)]
        # Qt's rich text ignores a table's direction: lay the columns out right to left
        # ourselves, so the scale starts on the side the parent starts reading.
        if direction == "rtl":
            shown.reverse()
        width = 100 // 5 * len(shown)
        parts.append(f'<table width="{width}%" cellspacing="0" cellpadding="3" '
                     f'align="{align}"><tr>')
        parts.extend(f'<td align="center" valign="bottom" width="{100 // len(shown)}%">'
                     f"{label}</td>" for label in shown)
        parts.append("</tr><tr>")
        parts.extend(f'<td align="center">{_BOX}</td>' for _ in shown)
        parts.append("</tr></table>")
    parts.append(f'<p align="{align}" style="margin-top: 18px;">'
                 f"{escape(questionnaire.thanks(language))}</p>")
    parts.append('<p style="font-size: 8pt; color: #555;" align="center">'
                 f"{escape(questionnaire.code)} v{questionnaire.version} · "
                 f"{escape(language)}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)
