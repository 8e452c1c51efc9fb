"""The exchange format on paper, in code: names, versions, record types and their columns.

Described for humans in `docs/exchange-format.md`. The wire columns of each record type are
derived from the models; `tests/core/test_exchange_format.py` freezes them, so a schema
change cannot alter the format without a deliberate format-version decision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, cached_property

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String
from sqlalchemy.sql.schema import Column

from forebygg_desktop.core.models import TRAVELLING, Stamped

FORMAT_NAME = "forebygg-exchange"
FORMAT_VERSION = 2
# Version 1 (unsigned, unencrypted) is still read during the transition (docs/security.md).
UNSIGNED_FORMAT_VERSION = 1
FILE_SUFFIX = ".forebygg"
MANIFEST = "manifest.json"
DATA_MEMBER = "data.sqlite"
CONFIG_MEMBER = "config.json"
MATERIALS_PREFIX = "materials/"
KIND_DATA = "data"
KIND_CONFIG = "config"

# Limits checked before anything is unpacked (a decompression bomb never reaches memory).
MAX_MEMBERS = 2_000
MAX_MANIFEST_BYTES = 1 << 20
MAX_MEMBER_BYTES = 512 << 20
MAX_TOTAL_BYTES = 1 << 30
# SQLite pages of similar rows compress about 5-15x; 100x is beyond any honest file.
MAX_RATIO = 100
# Rows per data package (a laptop's full export holds a few thousand): with the ratio above
# this keeps the memory an import takes bounded (tests/core/test_exchange_limits.py).
MAX_ROWS = 200_000
# The order record types are merged in: parents before the rows that point at them.
MERGE_ORDER = ("staff", "group_series", "meeting", "open_meeting", "advice_talk",
               "digital_use", "evaluation_response", "research_count")
# Columns that say who made or changed a row, when, and what it had seen — not what it
# holds: two versions that differ only here are not a conflict (e.g. the shipped staff,
# seeded on every laptop).
META_COLUMNS = frozenset({"device_id", "created_at", "updated_at", "version", "clock"})
CLOCK_COLUMN = "clock"
MAX_CLOCK_ENTRIES = 64


@dataclass(frozen=True)
class WireColumn:
    """One column of a record type as it travels."""

    name: str
    kind: str  # text | integer | boolean | date | datetime | json
    nullable: bool
    max_length: int | None
    references: str | None  # "table.column" of a foreign key, if any


@dataclass(frozen=True)
class RecordType:
    """A travelling table: its wire columns and the column that orders concurrent versions."""

    name: str
    columns: tuple[WireColumn, ...]
    time_column: str  # updated_at, or answered_on for evaluation answers (no time of day)

    @cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.names)}

    def index(self, column: str) -> int:
        try:
            return self._positions[column]
        except KeyError:
            raise ValueError(f"{column!r} is not a column of {self.name}") from None


def _kind(column: Column[object]) -> str:
    kinds = ((Boolean, "boolean"), (Integer, "integer"), (DateTime, "datetime"),
             (Date, "date"), (JSON, "json"), (String, "text"))
    for type_class, kind in kinds:
        if isinstance(column.type, type_class):
            return kind
    raise TypeError(f"no wire kind for {column.name}: {column.type!r}")


def _wire_column(column: Column[object]) -> WireColumn:
    foreign = next(iter(column.foreign_keys), None)
    length = getattr(column.type, "length", None) if isinstance(column.type, String) else None
    return WireColumn(
        name=column.name, kind=_kind(column), nullable=bool(column.nullable),
        max_length=length,
        references=f"{foreign.column.table.name}.{foreign.column.name}" if foreign else None)


@cache
def record_types() -> dict[str, RecordType]:
    """Every travelling record type in merge order; `local_seq` stays home."""
    out: dict[str, RecordType] = {}
    for name in MERGE_ORDER:
        model = TRAVELLING[name]
        table = model.__table__  # type: ignore[attr-defined]
        leading = ["id", "device_id", "version", CLOCK_COLUMN, "deleted"]
        ordered = [table.c[n] for n in leading] + [
            c for c in table.columns if c.name not in leading and c.name != "local_seq"]
        out[name] = RecordType(
            name=name, columns=tuple(_wire_column(c) for c in ordered),
            time_column="updated_at" if issubclass(model, Stamped) else "answered_on")
    return out


# The SQL function `invalid_value_sql` calls for a JSON text with an escape: its reader
# registers `json_storable` under this name on the connection the conditions run in.
JSON_STORABLE = "forebygg_json_storable"


def json_storable(text: str) -> int:
    """1 when a JSON text's every string can be stored as text: no NUL, no lone
    surrogate (both can only be spelt as escapes)."""
    try:
        plain = json.dumps(json.loads(text), ensure_ascii=False)
        plain.encode("utf-8")
    except (ValueError, UnicodeError, RecursionError):
        return 0
    return int("\\u0000" not in plain)


def invalid_value_sql(column: WireColumn) -> str:
    """A SQL condition true when the column's value breaks the format (run in SQLite)."""
    c = f'"{column.name}"'
    checks = {
        "text": f"typeof({c}) != 'text'"
                + (f" OR length({c}) > {column.max_length}" if column.max_length else ""),
        # A 32-bit integer: the widest a server's column holds.
        "integer": f"typeof({c}) != 'integer' OR {c} NOT BETWEEN {-2**31} AND {2**31 - 1}",
        "boolean": f"typeof({c}) != 'integer' OR {c} NOT IN (0, 1)",
        "date": f"typeof({c}) != 'text' OR date({c}, '+0 days') IS NOT {c}",
        "datetime": f"typeof({c}) != 'text' OR length({c}) != 26"
                    # Whole seconds only: SQLite rounds a fraction (:25.9997 → :26).
                    f" OR datetime(substr({c}, 1, 19), '+0 days') IS NOT substr({c}, 1, 19)"
                    f" OR {c} NOT GLOB '*.[0-9][0-9][0-9][0-9][0-9][0-9]'",
        "json": f"typeof({c}) != 'text' OR NOT json_valid({c})"
                f" OR json_type({c}) NOT IN ('array', 'object')"
                # An escape may spell a NUL or a lone surrogate, which no store's text can
                # hold: the rare value with one is asked of Python (`json_storable`).
                f" OR (instr({c}, '\\u') AND NOT {JSON_STORABLE}({c}))",
    }
    condition = checks[column.kind]
    if column.kind != "integer" and column.kind != "boolean":
        # A NUL inside a text: SQLite keeps it (and counts the length only up to it), a
        # server's text cannot hold it.
        condition += f" OR instr(CAST({c} AS BLOB), X'00')"
    if column.name == "id":
        condition += f" OR length({c}) != 36"
    if column.name == "version":
        condition += f" OR {c} < 1"
    if column.name == CLOCK_COLUMN:  # {device id: edits ≥ 1}, naming the row's own device
        condition += (
            f" OR json_type({c}) != 'object'"
            f" OR (SELECT count(*) FROM json_each({c})) > {MAX_CLOCK_ENTRIES}"
            f" OR EXISTS (SELECT 1 FROM json_each({c}) WHERE type != 'integer' OR value < 1"
            " OR length(key) > 36)"
            f" OR NOT EXISTS (SELECT 1 FROM json_each({c}) WHERE key = device_id)")
    if column.nullable:
        return f"({c} IS NOT NULL AND ({condition}))"
    return f"({c} IS NULL OR {condition})"


def sqlite_type(column: WireColumn) -> str:
    """The declared SQLite type of a wire column inside a package's data file."""
    return {"integer": "INTEGER", "boolean": "INTEGER"}.get(column.kind, "TEXT")
