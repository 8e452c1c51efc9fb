"""Long lists read one page at a time: sorted by value or by label, filtered by typing."""

from __future__ import annotations

from datetime import date

from forebygg_desktop.core.collation import collation_key
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.groups import SeriesFilter
from forebygg_desktop.core.store.listing import ListQuery


def _all_series(store: Store, query: ListQuery) -> list:
    rows, offset = [], 0
    while True:
        page = store.lists.series(ListQuery(**{**query.__dict__, "offset": offset, "limit": 7}))
        rows.extend(page.records)
        offset += len(page.records)
        if offset >= page.total or not page.records:
            return rows


def test_swedish_order_puts_a_ring_a_umlaut_o_umlaut_after_z() -> None:
    names = ["Öster", "Ängby", "Zeta", "Åkersberga", "alpha", "Émile", "Eva"]
    ordered = sorted(names, key=lambda n: collation_key(n, "sv"))
    assert ordered == ["alpha", "Émile", "Eva", "Zeta", "Åkersberga", "Ängby", "Öster"]
    # English keeps them with their base letter.
    english = sorted(names, key=lambda n: collation_key(n, "en"))
    assert english.index("Åkersberga") < english.index("Ängby") < english.index("Émile")


def test_series_pages_cover_every_row_once_sorted_by_start_date(demo_store: Store) -> None:
    every = demo_store.groups.list_series()
    rows = _all_series(demo_store, ListQuery(sort_field="start"))
    assert sorted(r.id for r in rows) == sorted(r.id for r in every)
    starts = [r.first_meeting or r.planned_start or date.min for r in rows]
    assert starts == sorted(starts)
    down = _all_series(demo_store, ListQuery(sort_field="meetings_held", descending=True))
    assert [r.meetings_held for r in down] == sorted((r.meetings_held for r in every),
                                                      reverse=True)


def test_series_sort_by_label_follows_the_labels_not_the_codes(demo_store: Store) -> None:
    localities = {loc.code: loc.name for loc in demo_store.catalog.localities(True)}
    rows = _all_series(demo_store, ListQuery(sort_field="locality_code",
                                             labels={"locality_code": localities}))
    shown = [localities[r.locality_code] for r in rows]
    assert shown == sorted(shown, key=lambda n: collation_key(n, "sv"))
    # Reversed labels: the order follows what is shown.
    backwards = {code: name[::-1] for code, name in localities.items()}
    rows = _all_series(demo_store, ListQuery(sort_field="locality_code",
                                             labels={"locality_code": backwards}))
    shown = [backwards[r.locality_code] for r in rows]
    assert shown == sorted(shown, key=lambda n: collation_key(n, "sv"))


def test_typing_filters_by_label_and_counts_every_match(demo_store: Store) -> None:
    localities = {loc.code: loc.name for loc in demo_store.catalog.localities(True)}
    query = ListQuery(labels={"locality_code": localities}, text="rimbo", limit=3)
    page = demo_store.lists.series(query)
    expected = [r for r in demo_store.groups.list_series() if r.locality_code == "RIMBO"]
    assert page.total == len(expected) > 3
    assert len(page.records) == 3
    assert all(r.locality_code == "RIMBO" for r in page.records)
    nothing = demo_store.lists.series(ListQuery(labels={"locality_code": localities},
                                                text="rimbo zzzz"))
    assert nothing.total == 0 and nothing.records == ()


def test_filter_text_is_data_not_sql(demo_store: Store) -> None:
    for text in ["%", "_", "'; DROP TABLE group_series; --", "\\"]:
        page = demo_store.lists.series(ListQuery(text=text, text_fields=("venue",)))
        assert page.total == 0
    assert demo_store.lists.series(ListQuery()).total == len(demo_store.groups.list_series())


def test_old_filters_and_attention_count_agree_with_the_full_list(demo_store: Store) -> None:
    filters = SeriesFilter(status="running")
    every = demo_store.groups.list_series(filters)
    page = demo_store.lists.series(ListQuery(), filters)
    assert page.total == len(every)
    assert page.counts["attention"] == sum(r.needs_attention for r in every)
    everything = demo_store.groups.list_series()
    counted = demo_store.lists.series(ListQuery()).counts["attention"]
    assert counted == sum(r.needs_attention for r in everything) > 0


def test_open_meetings_and_talks_sort_dates_and_numbers_as_values(demo_store: Store) -> None:
    page = demo_store.lists.open_meetings(ListQuery(sort_field="attendance", limit=10_000))
    values = [r.attendance for r in page.records if r.attendance is not None]
    assert values == sorted(values) and len(set(values)) > 3
    assert page.total == len(demo_store.open_meetings.list())
    talks = demo_store.lists.talks(ListQuery(sort_field="first_talk_on", descending=True,
                                             limit=10_000)).records
    days = [t.first_talk_on for t in talks]
    assert days == sorted(days, reverse=True)
    month = days[0].isoformat()[:7]
    found = demo_store.lists.talks(ListQuery(text=month, date_fields=("first_talk_on",)))
    assert found.total == sum(1 for d in days if d.isoformat().startswith(month)) > 0


def test_short_lists_follow_the_same_rules_in_python(demo_store: Store) -> None:
    digital = demo_store.lists.digital(ListQuery(sort_field="period", descending=True))
    keys = [(r.year, r.quarter) for r in digital.records]
    assert keys == sorted(keys, reverse=True)
    series = demo_store.groups.list_series()[0]
    meetings = demo_store.lists.meetings(ListQuery(sort_field="held_on", descending=True),
                                         series.id)
    days = [m.held_on for m in meetings.records]
    assert days == sorted(days, reverse=True)
