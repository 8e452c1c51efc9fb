"""Fixed code lists: stored as codes, labelled in the interface language when shown."""

from __future__ import annotations

from collections.abc import Iterator

from forebygg_desktop.core.i18n import N_, NC_, label_of


class CodeList:
    """An ordered set of codes with translatable labels (msgids in a gettext context)."""

    def __init__(self, context: str, labels: dict[str, str]) -> None:
        self.context = context
        self._labels = labels

    def __contains__(self, code: object) -> bool:
        return code in self._labels

    def __iter__(self) -> Iterator[str]:
        return iter(self._labels)

    def msgid(self, code: str) -> str | None:
        """The untranslated label of `code` (for texts in another language than the UI's)."""
        return self._labels.get(code)

    def label(self, code: str | None) -> str:
        """The label of `code` in the current language ("" for None, the code if unknown)."""
        if code is None:
            return ""
        msgid = self._labels.get(code)
        # N_() marks are extracted without a context, NC_() marks with theirs.
        return label_of(msgid) if msgid else code


PROGRAM_KINDS = CodeList("program kind", {
    "parent_group": N_("Parent group"),
    "children_group": N_("Children's group"),
    "study_circle": N_("Study circle"),
    "open_meeting": N_("Open meeting"),
    "individual_talk": N_("Individual talk"),
    "digital_program": N_("Digital program"),
})
GROUP_KINDS = ("parent_group", "children_group", "study_circle")

PREVENTION_LEVELS = CodeList("prevention level", {
    "universal": N_("Universal"),
    "selective": N_("Selective"),
    "indicated": N_("Indicated"),
})

DELIVERY_MODES = CodeList("delivery mode", {
    "in_person": N_("In person"),
    "digital": N_("Digital"),
    "mixed": N_("Mixed"),
})

COMPOSITIONS = CodeList("group composition", {
    "mixed": N_("Mixed"),
    "mothers": N_("Mothers"),
    "fathers": N_("Fathers"),
})

# "Completed" is also a count of participants ("fullföljda", "أكملوا"): the statuses of a
# series carry their own context.
SERIES_STATUSES = CodeList("series status", {
    "planned": NC_("series status", "Planned"),
    "running": NC_("series status", "Running"),
    "completed": NC_("series status", "Completed"),
    "cancelled": NC_("series status", "Cancelled"),
})

CANCEL_REASONS = CodeList("cancel reason", {
    "too_few_registered": N_("Too few registered"),
    "leader_unavailable": N_("Group leader unavailable"),
    "venue_unavailable": N_("Venue unavailable"),
    "participants_dropped": N_("Participants dropped out"),
    "other": N_("Other reason"),
})

MEETING_KINDS = CodeList("meeting kind", {
    "regular": N_("Regular"),
    "booster": N_("Booster"),
    "information": N_("Information meeting"),
})

WHO_CAME = CodeList("who came", {
    "mother": N_("Mother"),
    "father": N_("Father"),
    "both_parents": N_("Both parents"),
    "other_adult": N_("Other important adult"),
    "parent_and_other": N_("Parent and other adult"),
})

TALK_OUTCOMES = CodeList("talk outcome", {
    "ongoing": N_("Ongoing"),
    "closed": N_("Closed"),
    "referred": N_("Referred on"),
    "moved_to_group": N_("Moved to a group program"),
})

REFERRED_TO = CodeList("referred to", {
    "social_services": N_("Social services"),
    "child_psychiatry": N_("Child and adolescent psychiatry"),
    "health_care": N_("Primary or child health care"),
    "school_health": N_("School health services"),
    "family_counselling": N_("Family counselling"),
    "other": N_("Other"),
})

STAFF_ROLES = CodeList("staff role", {
    "staff": N_("Parenting-support worker"),
    "leader": N_("Group leader"),
    "therapist": N_("Therapist"),
})
