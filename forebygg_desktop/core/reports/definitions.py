"""How every figure is computed, in words: the Definitions sheet and the screen's tooltips.

Figures also shown on the start page are named and defined once, in `core/figures.py`.
Keep these in step with `core/stats/collect.py` (the quarter rule) and `aggregate.py`.
"""

from __future__ import annotations

from forebygg_desktop.core.figures import FIGURES
from forebygg_desktop.core.i18n import N_

QUARTER_RULE = N_(
    "A meeting counts in the period it was held in. A group series counts as started in the "
    "period of its first meeting, as running in every period in which it held a meeting, as "
    "completed in the period of its last meeting and as cancelled in the period of its first "
    "meeting (or its planned start, if it never met). Deleted registrations never count.")


def _shared(*keys: str) -> tuple[tuple[str, str, str], ...]:
    """Figures the start page and the reports share: named and defined in `core/figures`."""
    return tuple((key, FIGURES[key].name, FIGURES[key].definition) for key in keys)


# (figure key, msgid of its name, msgid of its definition)
DEFINITIONS: tuple[tuple[str, str, str], ...] = (
    ("series_started", N_("Group series started"),
     N_("Series whose first meeting was held in the period.")),
    ("series_running", N_("Group series running"),
     N_("Series that held at least one meeting in the period.")),
    ("series_completed", N_("Group series completed"),
     N_("Series with the status completed whose last meeting was held in the period.")),
    ("series_cancelled", N_("Group series cancelled"),
     N_("Series with the status cancelled whose first meeting (or planned start, if it never "
        "met) falls in the period.")),
    *_shared("meetings", "open_occasions", "meetings_all", "visits_total", "open_participants",
             "visits_all"),
    ("registered", N_("Registered"),
     N_("Participants registered for the series started in the period.")),
    ("started", N_("Started"),
     N_("Participants who started in the series started in the period.")),
    ("completed", N_("Completed"),
     N_("Participants who completed, by the program's completion rule, in the series "
        "completed in the period.")),
    *_shared("share_men", "share_men_groups"),
    ("share_priority", N_("Share in priority areas"),
     N_("Share of participant visits, groups and open meetings, made in localities flagged "
        "as priority areas (Hallstavik, Vigelsjö and Rimbo in the shipped catalogue).")),
    *_shared("other_language", "interpreter"),
    *_shared("talk_contacts", "talks"),
    ("talk_outcomes", N_("Advice talks by outcome"),
     N_("The contact series begun in the period, by how they ended (or that they go on).")),
    ("digital", N_("Digital programs"),
     N_("Logins handed out, started and completed, registered per quarter; a quarter counts "
        "when it lies wholly in the period.")),
    ("evaluations", N_("Evaluations"),
     N_("Anonymous answers given in the period; satisfaction is the mean of the overall "
        "item on a scale of 1 to 5.")),
    ("evaluation_languages", N_("Evaluation answers by language"),
     N_("Answers given in the period, per questionnaire and the language the parent answered "
        "in. Answers withdrawn by staff, and answers given in a group series, meeting or open "
        "meeting that was later deleted, count nowhere.")),
    ("evaluation_items", N_("Answer distribution"),
     N_("For each question: how many chose each answer (1 to 5, or yes and no) and how many "
        "answered it. A question left unanswered is not counted, so a question can have "
        "fewer answers than its questionnaire. A question's counts add up to its answers and "
        "the languages to the questionnaire's answers; with suppression on they are protected "
        "together with every other table of the report. A mean is shown only when every "
        "count it is made of is shown. The distribution and the mean of a question that "
        "fewer than the threshold answered are never shown, not even without suppression.")),
    ("year_earlier", N_("Year earlier"),
     N_("The same figure for the same dates one year earlier.")),
    ("suppression", N_("Suppressed cells"),
     N_("When suppression is on, every count of people from 1 up to the threshold is hidden, "
        "and so are further counts, chosen so that no hidden count can be worked out from the "
        "rest of this report: its tables and totals, the sums that link them (the Summary "
        "repeats the tables' totals, an area is the sum of its localities, a year the sum of "
        "its quarters on the Trend sheet), the shares and the year-earlier column. Every "
        "hidden cell shows \"..\", whether it is small itself or hidden to protect another. "
        "A zero or an empty cell is always shown: it counts nobody. A share is hidden when a "
        "count it is made of is hidden. Series, meetings, occasions and talks count events, "
        "not people, and are always shown. The per-meeting Data sheet is left out.")),
    ("audit", N_("Disclosure audit"),
     N_("Before a suppressed report is shown or written, the program works out, for every "
        "hidden count, the smallest and the largest value it could have, given every figure "
        "the report shows, the sums that link them, that no count is negative and that a "
        "hidden count is at least 1 (linear programming). The report is released only when "
        "each of these ranges is at least as wide as the threshold: then no hidden count can "
        "be worked out, and none can be shown to be below the threshold. Otherwise more cells "
        "are hidden and the audit runs again. The verdict is on the About sheet.")),
    ("other_reports", N_("Reports of other periods"),
     N_("Each report is protected on its own, together with its year-earlier column and the "
        "quarters on its Trend sheet. Reports of different periods are not protected against "
        "each other: a count hidden in one quarter's report can sometimes be worked out from "
        "the year's report and the other quarters' reports, or from two overlapping date "
        "ranges, and the Trend sheet's quarters may show a figure that the quarter's own "
        "report hides. Publish a year or its quarters, not both, unless they are protected "
        "together (forebygg-cli report --with-quarters).")),
    ("together", N_("Year and quarters protected together"),
     N_("On the Reports page, with suppression on and a year chosen, \"Protect together "
        "with the year's quarters\" writes the year's workbook and its four quarters' "
        "workbooks as one release: every count of the year is linked to the same count in "
        "its quarters, and one protection and one audit cover all five. The About sheet "
        "names the reports a workbook was protected with. Only workbooks written together "
        "are protected against each other: quarter workbooks exported earlier on their own "
        "should be replaced by these.")),
)
