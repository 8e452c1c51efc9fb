"""Anonymous by construction: no column that could hold a person's identity."""

from __future__ import annotations

import re

from forebygg_desktop.core.models import Base

# Column names that would hold a participant's identity or contact details.
IDENTIFYING = re.compile(
    r"(^|_)(name|first_?name|last_?name|surname|personnummer|person_?number|ssn|birth|"
    r"phone|mobile|email|e_?mail|address|street|postcode|zip|participant(_code|_id)?|"
    r"client|parent_id|child_id)($|_)")

# Employees are personal data the unit may keep (name, role, certifications); the other
# "name" columns name a place, a laptop or a file, never a person.
ALLOWED = {("staff", "name"), ("locality", "name"), ("imported_file", "device_name"),
           ("imported_file", "file_name"), ("export_log", "file_name"),
           ("enrolled_device", "device_name")}


def test_no_person_identifying_column_outside_staff() -> None:
    offenders = [(table.name, column.name)
                 for table in Base.metadata.sorted_tables
                 for column in table.columns
                 if IDENTIFYING.search(column.name) and (table.name, column.name) not in ALLOWED]
    assert offenders == []


def test_there_is_no_participant_table() -> None:
    names = set(Base.metadata.tables)
    assert not any(re.search(r"participant|person|client|member|attendee", n) for n in names)


def test_the_check_would_catch_an_identifying_column() -> None:
    assert IDENTIFYING.search("participant_code")
    assert IDENTIFYING.search("parent_phone")
    assert IDENTIFYING.search("email")
    assert not IDENTIFYING.search("registered_women")
