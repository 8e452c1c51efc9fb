"""One name and one definition per figure, for every place that shows it.

The start page (`core/overview.py`), the reports page and the workbook's Summary
(`core/reports/summary.py`) and its Definitions sheet take a figure's name from here, by
its key, so one figure is called the same everywhere and two different figures never share
a name: "Participant visits in groups" (group meetings only) is not "Participant visits,
groups and open meetings" (the start page's headline, open meetings included).

Keys are the Summary's row keys. Standard library only (the start-up glance shows the start
page before the Store is open).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from forebygg_desktop.core.i18n import N_


@dataclass(frozen=True)
class Figure:
    """A figure's key, name (msgid) and definition (msgid)."""

    key: str
    name: str
    definition: str


_FIGURES = (
    Figure("meetings", N_("Group meetings held"),
           N_("Meetings of group series held in the period, booster meetings included.")),
    Figure("open_occasions", N_("Open meetings held"),
           N_("Cafés and lectures held in the period.")),
    Figure("meetings_all", N_("Meetings held, groups and open"),
           N_("Group meetings held plus open meetings held: every meeting held in the "
              "period.")),
    Figure("visits_total", N_("Participant visits in groups"),
           N_("Sum of the women, men and others counted at each group meeting in the "
              "period. One parent at four meetings is four visits. Meetings with nothing "
              "entered add nothing; an entered 0 counts as 0. Open meetings are not "
              "included.")),
    Figure("open_participants", N_("Open-meeting participants"),
           N_("Sum of the participants counted at each open meeting in the period, some of "
              "them estimated.")),
    Figure("visits_all", N_("Participant visits, groups and open meetings"),
           N_("Participant visits in groups plus open-meeting participants. The start page "
              "shows this figure.")),
    Figure("share_men", N_("Share of men"),
           N_("Men's share of participant visits, groups and open meetings, where gender "
              "was entered.")),
    Figure("share_men_groups", N_("Share of men in groups"),
           N_("Men's share of participant visits in groups, where gender was entered (the "
              "trend per quarter).")),
    Figure("other_language", N_("Series in another language"),
           N_("Group series that held a meeting in the period in a language other than "
              "Swedish or easy Swedish.")),
    Figure("interpreter", N_("Series with an interpreter"),
           N_("Group series with an interpreter present at a meeting in the period.")),
    Figure("talk_contacts", N_("Advice-talk contacts begun"),
           N_("Contact series of advice talks whose first talk was in the period.")),
    Figure("talks", N_("Advice talks held"),
           N_("The number of talks in the contact series begun in the period.")),
    Figure("attention", N_("Series that need attention"),
           N_("Planned or running series whose next meeting was due (a week after the latest "
              "one, or the planned start) before today with no attendance registered.")),
)

FIGURES: Final[dict[str, Figure]] = {f.key: f for f in _FIGURES}


def name(key: str) -> str:
    """The msgid of a figure's name."""
    return FIGURES[key].name


def definition(key: str) -> str:
    """The msgid of a figure's definition."""
    return FIGURES[key].definition
