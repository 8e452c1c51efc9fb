"""A deterministic, realistic demo: Norrtälje's parenting support over one or more years.

`generate_demo(store, years=1)` gives about 60 group series a year across every program,
locality and language, with open meetings, advice talks and digital use; `scale` multiplies
the volume (years=10, scale=11 ≈ 50,000 rows: a department decade for benchmarks).
The same seed always gives the same data, apart from the random row keys.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from forebygg_desktop.core.models import (
    AdviceTalk,
    DigitalUse,
    GroupSeries,
    Meeting,
    OpenMeeting,
    new_uuid,
)
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.catalog import ProgramInfo
from forebygg_desktop.core.store.unit import WriteTransaction

SERIES_PER_YEAR = 60
OPEN_MEETINGS_PER_YEAR = 40
TALKS_PER_YEAR = 90

# Weights: the town is large; the priority areas get extra effort.
LOCALITY_WEIGHTS = {"NORRTALJE": 8, "VIGELSJO": 5, "RIMBO": 5, "HALLSTAVIK": 5, "ALMSTA": 2,
                    "GRISSLEHAMN": 1, "EDSBRO": 1, "BERGSHAMRA": 1, "HERRANG": 1,
                    "SPILLERSBODA": 1}
GROUP_PROGRAM_WEIGHTS = {"ABC-3-12": 10, "ABC-TONAR": 6, "ABC-0-2": 3, "FOS": 6, "TRUST": 3,
                         "BIFF": 4, "HANNA-THEO": 2}
OTHER_LANGUAGES = ["ar", "so", "ti", "fa", "prs", "uk", "sv-x-easy", "en"]


@dataclass(frozen=True)
class DemoSize:
    years: int = 1
    scale: float = 1.0


PRESETS = {"year": DemoSize(1, 1.0), "five-years": DemoSize(5, 1.0),
           "department-decade": DemoSize(10, 11.0)}


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def generate_demo(store: Store, years: int = 1, scale: float = 1.0, seed: int = 2026,
                  end: date | None = None) -> int:
    """Insert demo data ending at `end` (default: today) in one transaction; returns rows."""
    rng = random.Random(seed)
    end = end or date.today()
    days = 365 * years
    first_day = end - timedelta(days=days - 1)
    programs = {p.code: p for p in store.catalog.programs()}

    def some_day() -> date:
        return first_day + timedelta(days=rng.randrange(days))

    rows = 0
    with store.uow.write() as tx:
        for _ in range(round(SERIES_PER_YEAR * scale * years)):
            rows += _series(tx, rng, programs, some_day(), end)
        for _ in range(round(OPEN_MEETINGS_PER_YEAR * scale * years)):
            tx.add(_open_meeting(rng, some_day()))
            rows += 1
        for _ in range(round(TALKS_PER_YEAR * scale * years)):
            tx.add(_talk(rng, some_day()))
            rows += 1
        for year, quarter in Period(first_day, end).quarters():
            for code in ("IKOMET", "FWEB-TONAR", "SES"):
                handed = max(0, round(rng.gauss(12, 5) * scale))
                started = round(handed * rng.uniform(0.5, 0.9))
                completed = round(started * rng.uniform(0.3, 0.8))
                tx.add(DigitalUse(program_code=code, year=year, quarter=quarter,
                                  logins_handed_out=handed, started=started,
                                  completed=completed if code != "SES" else None))
                rows += 1
    return rows


def _series(tx: WriteTransaction, rng: random.Random, programs: dict[str, ProgramInfo],
            first: date, end: date) -> int:
    code = _pick(rng, GROUP_PROGRAM_WEIGHTS)
    program = programs[code]
    locality = _pick(rng, LOCALITY_WEIGHTS)
    if code == "FOS" or rng.random() < 0.12:
        language = rng.choice(OTHER_LANGUAGES)
    else:
        language = "sv"
    interpreter = language not in ("sv", "sv-x-easy") and rng.random() < 0.6
    planned = program.default_meetings or 4
    size_max = program.group_size_max or 10
    registered = rng.randint(max(3, (program.group_size_min or 6) - 2), size_max)
    men_share = 0.12 if code in ("FOS",) else rng.uniform(0.15, 0.4)
    if rng.random() < 0.08:
        composition = rng.choice(["mothers", "fathers"])
        men_share = 1.0 if composition == "fathers" else 0.0
    else:
        composition = "mixed"
    reg_men = round(registered * men_share)
    reg_women = registered - reg_men
    reg_other = 1 if rng.random() < 0.05 else 0
    cancelled = rng.random() < 0.05
    # Some running series miss their latest registration: the start page flags them.
    forgotten = rng.random() < 0.4
    if rng.random() < 0.06:  # a few series are planned, starting soon
        first = end + timedelta(days=rng.randint(3, 40))
    series = GroupSeries(
        id=new_uuid(), program_code=code, locality_code=locality, language_code=language,
        venue=rng.choice(["Biblioteket", "Familjecentralen", "Skolan", "Medborgarhuset",
                          "Öppna förskolan"]),
        delivery_mode="in_person" if rng.random() < 0.9 else "mixed",
        interpreter_languages=[language] if interpreter else [],
        planned_meetings=planned, planned_start=first, composition=composition,
        status="planned", registered_women=reg_women, registered_men=reg_men,
        registered_other=reg_other)
    tx.add(series)
    rows = 1
    held = 0
    attended_by: list[tuple[int, int, int]] = []
    for number in range(1, planned + program.booster_meetings + 1):
        held_on = first + timedelta(days=7 * (number - 1) + (28 if number > planned else 0))
        if held_on > end or cancelled:
            break
        if forgotten and held_on + timedelta(days=7) > end and held_on < end:
            break
        if number > planned and rng.random() < 0.6:
            break
        women = max(0, reg_women - rng.choice([0, 0, 1, 1, 2]))
        men = max(0, reg_men - rng.choice([0, 0, 1]))
        other = reg_other
        meeting = Meeting(series_id=series.id, number=number, held_on=held_on,
                          minutes=program.default_minutes,
                          kind="booster" if number > planned else "regular",
                          women=women, men=men, other_gender=other,
                          other_adults=rng.choice([0, 0, 0, 1]),
                          children=rng.choice([0, 0, 2]) if code == "ABC-0-2" else None,
                          interpreter=interpreter)
        tx.add(meeting)
        attended_by.append((women, men, other))
        held += 1
        rows += 1
    if cancelled:
        series.status, series.cancel_reason = "cancelled", rng.choice(
            ["too_few_registered", "leader_unavailable", "venue_unavailable"])
    elif held >= planned:
        series.status = "completed"
        completion = min(
            (w + m + o for w, m, o in attended_by[:planned]), default=0)
        done_women = min(reg_women, round(reg_women * completion / max(1, registered)))
        done_men = min(reg_men, reg_men - rng.choice([0, 0, 1]) if reg_men else 0)
        series.started_women, series.started_men, series.started_other = (
            reg_women, reg_men, reg_other)
        series.completed_women, series.completed_men, series.completed_other = (
            done_women, max(0, done_men), reg_other)
        series.dropped_women = reg_women - done_women
        series.dropped_men = reg_men - max(0, done_men)
        series.dropped_other = 0
    elif held:
        series.status = "running"
        series.started_women, series.started_men, series.started_other = (
            reg_women, reg_men, reg_other)
    return rows


def _open_meeting(rng: random.Random, day: date) -> OpenMeeting:
    code = "LECTURE" if rng.random() < 0.4 else "CAFE"
    big = code == "LECTURE"
    women = rng.randint(8, 60) if big else rng.randint(3, 14)
    men = round(women * rng.uniform(0.1, 0.5))
    language = "sv" if rng.random() < 0.85 else rng.choice(OTHER_LANGUAGES[:4])
    return OpenMeeting(
        program_code=code, held_on=day, minutes=90 if big else 120,
        theme_code=rng.choice(["NPF", "SCHOOL-ABSENCE", "SCREENS", "TEENS", "PARENTING",
                               "SOCIAL-SERVICES"]),
        locality_code=_pick(rng, LOCALITY_WEIGHTS), language_code=language,
        interpreter=language != "sv" and rng.random() < 0.7,
        women=women, men=men, other_gender=rng.choice([0, 0, 0, 1]),
        estimated=big and rng.random() < 0.3)


def _talk(rng: random.Random, day: date) -> AdviceTalk:
    outcome = rng.choices(["closed", "referred", "moved_to_group", "ongoing"],
                          weights=[6, 2, 2, 1])[0]
    talks = rng.choices([1, 2, 3, 4], weights=[4, 4, 3, 1])[0]
    return AdviceTalk(
        first_talk_on=day, talks=talks,
        who_came=rng.choices(["mother", "father", "both_parents", "other_adult"],
                             weights=[6, 2, 3, 1])[0],
        theme_code=rng.choice(["NPF", "SCHOOL-ABSENCE", "SCREENS", "TEENS", "CONFLICT",
                               "SEPARATION", "PARENTING"]),
        language_code="sv" if rng.random() < 0.8 else rng.choice(OTHER_LANGUAGES[:4]),
        interpreter=None, locality_code=_pick(rng, LOCALITY_WEIGHTS), outcome=outcome,
        referred_to=rng.choice(["social_services", "child_psychiatry", "health_care",
                                "school_health"]) if outcome == "referred" else None,
        moved_to_program=rng.choice(["ABC-3-12", "ABC-TONAR", "FOS", "BIFF"])
        if outcome == "moved_to_group" else None)
