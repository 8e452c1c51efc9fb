"""How every figure is computed, in words: the Definitions sheet and the screen's tooltips.

Keep these in step with `core/stats/collect.py` (the quarter rule) and `aggregate.py`.
"""

from __future__ import annotations

from forebygg_desktop.core.i18n import N_

QUARTER_RULE = N_(
    "A meeting counts in the period it was held in. A group series counts as started in the "
    "period of its first meeting, as running in every period in which it held a meeting, as "
    "completed in the period of its last meeting and as cancelled in the period of its first "
    "meeting (or its planned start, if it never met). Deleted registrations never count.")

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
    ("meetings", N_("Group meetings held"),
     N_("Meetings of group series held in the period, booster meetings included.")),
    ("visits", N_("Participant visits"),
     N_("Sum of the women, men and others counted at each group meeting in the period. One "
        "parent at four meetings is four visits. Meetings with nothing entered add nothing; "
        "an entered 0 counts as 0.")),
    ("registered", N_("Registered"),
     N_("Participants registered for the series started in the period.")),
    ("started", N_("Started"),
     N_("Participants who started in the series started in the period.")),
    ("completed", N_("Completed"),
     N_("Participants who completed, by the program's completion rule, in the series "
        "completed in the period.")),
    ("share_men", N_("Share of men"),
     N_("Men's share of participant visits (group meetings and open meetings) where gender "
        "was entered.")),
    ("share_priority", N_("Share in priority areas"),
     N_("Share of all participant visits made in localities flagged as priority areas "
        "(Hallstavik, Vigelsjö and Rimbo in the shipped catalogue).")),
    ("other_language", N_("Series in another language"),
     N_("Running series held in a language other than Swedish or easy Swedish.")),
    ("interpreter", N_("Series with an interpreter"),
     N_("Running series with an interpreter present at a meeting in the period.")),
    ("open", N_("Open meetings"),
     N_("Cafés and lectures held in the period; participants are counted per occasion, "
        "some of them estimated.")),
    ("talks", N_("Advice talks"),
     N_("Contact series whose first talk was in the period, by outcome; talks is the number "
        "of talks in them.")),
    ("digital", N_("Digital programs"),
     N_("Logins handed out, started and completed, registered per quarter; a quarter counts "
        "when it lies wholly in the period.")),
    ("evaluations", N_("Evaluations"),
     N_("Anonymous answers given in the period; satisfaction is the mean of the overall "
        "item on a scale of 1 to 5.")),
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
)
