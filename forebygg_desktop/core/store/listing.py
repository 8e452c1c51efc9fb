"""Long lists one page at a time: sorted and filtered where the rows are (SQL or a worker).

A list asks with a `ListQuery` (which field to sort by, what was typed in its filter, which
page) and gets a `ListPage` (the records of that page and how many match in all). Fields
are of three kinds, so every list sorts the way a reader expects:

- values (dates, numbers) sort by value, never as text;
- codes (a program, a locality, a status) sort by the label the user sees, in the
  interface language's alphabetical order (`core/collation.py`); the caller passes the
  labels, since stored data holds codes only;
- free text (a venue) sorts in the language's order too.

Typing filters: every word must appear in one of the searched fields (free text as typed,
codes by their label, dates from their ISO text "2026-03"), ignoring case and accents.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session

from forebygg_desktop.core.collation import collation_key, fold

PAGE_SIZE = 100
_FOLD = "forebygg_fold"
_KEY = "forebygg_key"


@dataclass(frozen=True, eq=False)
class ListQuery:
    """What a list shows: its sort, the typed filter, the page."""

    sort_field: str | None = None
    descending: bool = False
    # Codes shown by label: field -> {code: label}; used to sort and to filter.
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    text: str = ""
    text_fields: tuple[str, ...] = ()
    date_fields: tuple[str, ...] = ()
    language: str = "sv"
    offset: int = 0
    limit: int = PAGE_SIZE

    def words(self) -> list[str]:
        return [fold(word) for word in self.text.split()]

    def label_fields(self) -> tuple[str, ...]:
        return tuple(self.labels)


@dataclass(frozen=True)
class ListPage[R]:
    """One page of a list and how many rows match the filter in all."""

    records: tuple[R, ...]
    total: int
    offset: int
    # Counts a list shows beside itself ("⚠ 3 need attention"), over every matching row.
    counts: Mapping[str, int] = field(default_factory=dict)


# --- in SQL -----------------------------------------------------------------------------------
def _register(session: Session, language: str) -> bool:
    """Give SQLite the fold and collation functions; False on another database."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return False
    raw: Any = connection.connection.driver_connection
    raw.create_function(_FOLD, 1, lambda v: fold(v) if isinstance(v, str) else v,
                        deterministic=True)
    raw.create_function(_KEY, 1, lambda v: collation_key(v, language) if isinstance(v, str)
                        else v, deterministic=True)
    return True


def _like(word: str) -> str:
    return "%" + re.sub(r"([\\%_])", r"\\\1", word) + "%"


def _label_rank(column: ColumnElement[Any], labels: Mapping[str, str],
                language: str) -> ColumnElement[Any]:
    ordered = sorted(labels, key=lambda code: collation_key(labels[code], language))
    if not ordered:
        return column
    return case({code: rank for rank, code in enumerate(ordered)}, value=column,
                else_=len(ordered))


def filter_condition(columns: Mapping[str, ColumnElement[Any]], query: ListQuery,
                     sqlite: bool) -> ColumnElement[bool] | None:
    """Every typed word in some searched field (None: nothing typed)."""
    conditions = []
    for word in query.words():
        options: list[ColumnElement[bool]] = []
        for name in query.text_fields:
            folded = func.forebygg_fold(columns[name]) if sqlite else func.lower(columns[name])
            options.append(folded.like(_like(word), escape="\\"))
        for name, labels in query.labels.items():
            codes = [code for code, label in labels.items() if word in fold(label)]
            if codes:
                options.append(columns[name].in_(codes))
        for name in query.date_fields:
            options.append(cast(columns[name], String).like(_like(word).lstrip("%"),
                                                             escape="\\"))
        conditions.append(or_(*options) if options else literal(False))
    if not conditions:
        return None
    return conditions[0] if len(conditions) == 1 else and_(*conditions)


def sql_page[R](session: Session, base: Select[Any], columns: Mapping[str, ColumnElement[Any]],
                query: ListQuery, tiebreak: Any,
                to_record: Callable[[Any], R]) -> ListPage[R]:
    """Filter, count, sort and cut one page of `base` in SQL."""
    sqlite = _register(session, query.language)
    condition = filter_condition(columns, query, sqlite)
    if condition is not None:
        base = base.where(condition)
    total = session.scalar(select(func.count()).select_from(base.order_by(None).subquery())) or 0
    order: list[ColumnElement[Any]] = []
    if query.sort_field is not None and query.sort_field in columns:
        column = columns[query.sort_field]
        if query.sort_field in query.labels:
            key = _label_rank(column, query.labels[query.sort_field], query.language)
        elif query.sort_field in query.text_fields and sqlite:
            key = func.forebygg_key(column)
        else:
            key = column
        order.append(key.desc() if query.descending else key.asc())
    order.append(tiebreak)
    rows = session.execute(base.order_by(None).order_by(*order)
                           .offset(query.offset).limit(query.limit))
    return ListPage(tuple(to_record(row) for row in rows), total, query.offset)


# --- in Python (short lists read whole) ------------------------------------------------------
def _sort_value(value: Any, labels: Mapping[str, str] | None, text: bool, language: str) -> Any:
    if labels is not None:
        return (value is not None, collation_key(labels.get(value, value or ""), language))
    if text:
        return (value is not None, collation_key(value, language))
    if isinstance(value, date):
        return (True, value.toordinal())
    return (value is not None, value if value is not None else 0)


def _shown(value: Any, labels: Mapping[str, str] | None) -> str:
    if labels is not None:
        return fold(labels.get(value, value or ""))
    if isinstance(value, date):
        return value.isoformat()
    return fold(value) if isinstance(value, str) else ""


def memory_page[R](records: Iterable[R], query: ListQuery,
                   value: Callable[[R, str], Any] = getattr) -> ListPage[R]:
    """The same rules for a list read whole: filter, sort and cut in Python."""
    rows = list(records)
    words = query.words()
    if words:
        searched = (*query.text_fields, *query.labels, *query.date_fields)

        def matches(record: R) -> bool:
            shown = [_shown(value(record, name), query.labels.get(name)) for name in searched]
            return all(any(word in text for text in shown) for word in words)

        rows = [r for r in rows if matches(r)]
    if query.sort_field is not None:
        name = query.sort_field
        labels = query.labels.get(name)
        is_text = name in query.text_fields
        rows.sort(key=lambda r: _sort_value(value(r, name), labels, is_text, query.language),
                  reverse=query.descending)
    cut = rows[query.offset:query.offset + query.limit]
    return ListPage(tuple(cut), len(rows), query.offset)
