"""User-facing labels of exchange results, shared by the command line and the window."""

from __future__ import annotations

from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.exchange.breakdown import COLUMNS, KindCounts
from forebygg_desktop.core.exchange.config import ConfigChange, ConfigPlan
from forebygg_desktop.core.exchange.container import shown_name
from forebygg_desktop.core.exchange.service import ExchangeService, FileReport
from forebygg_desktop.core.i18n import N_, _, format_date, format_number, ngettext

CATEGORIES = ("new", "updated", "unchanged", "conflicts", "rejected")
# TRANSLATORS: columns of the import summary, one row per file or record type.
CATEGORY_LABELS = {"new": N_("New"), "updated": N_("Updated"), "unchanged": N_("Unchanged"),
                   "conflicts": N_("Conflicts"), "rejected": N_("Rejected")}
RECORD_LABELS = {"staff": N_("Staff"), "group_series": N_("Group series"),
                 "meeting": N_("Meetings"), "open_meeting": N_("Open meetings"),
                 "advice_talk": N_("Advice talks"), "digital_use": N_("Digital programs"),
                 "evaluation_response": N_("Evaluation answers"),
                 "research_count": N_("Research questionnaires")}
# TRANSLATORS: columns of the import breakdown, one row per kind of registration.
BREAKDOWN_LABELS = {"new": N_("New"), "changed": N_("Changed"), "unchanged": N_("Unchanged"),
                    "deleted": N_("Deleted"), "conflicts": N_("Conflicts"),
                    "rejected": N_("Rejected")}
UNCHANGED_MEANS = N_("“Unchanged” rows are already on this computer exactly as in the file "
                     "(a full export sends everything again, or the file or the change came "
                     "before): importing them changes nothing. “Conflicts” were changed both "
                     "here and there; they are also counted as changed or unchanged.")
UNSIGNED_WARNING = N_("This file is not signed (exchange format 1, written by a program "
                      "older than 0.2): anyone could have written or changed it. It is "
                      "accepted only during the transition to signed files; check what it "
                      "changes.")
SECTION_LABELS = {"programs": N_("Programs"), "localities": N_("Localities"),
                  "languages": N_("Languages"), "themes": N_("Themes"), "staff": N_("Staff"),
                  "questionnaires": N_("Questionnaires"),
                  "materials": N_("Materials library")}
ACTION_LABELS = {"added": N_("added"), "changed": N_("changed"),
                 "deactivated": N_("no longer offered")}


def file_status(report: FileReport) -> str:
    """One line saying what happens with a file (or why it is refused)."""
    if report.error is not None:
        return report.error.message()
    if report.already_imported_at is not None:
        return _("Already imported on {date}; importing it again changes nothing.").format(
            date=format_date(report.already_imported_at.date()))
    if report.committed:
        return _("Imported.")
    return _("Ready to import.")


def file_source(report: FileReport) -> str:
    """"Device name, file no. N" for a readable package."""
    if report.manifest is None:
        return "—"
    return _("{device}, file {sequence}").format(device=report.manifest["device_name"],
                                                   sequence=report.manifest["sequence"])


def report_lines(report: FileReport, kinds: bool = True) -> list[str]:
    """The dry-run or import summary of one file as plain text lines (`kinds`: with the
    per-kind table, which the window shows as a table of its own)."""
    lines = [f"{shown_name(report.path)}: {file_status(report)}"]
    if report.error is not None:
        return lines
    lines.append("  " + file_source(report))
    if report.unsigned:
        lines.append("  ⚠ " + _(UNSIGNED_WARNING))
    if report.breakdown:  # deletions apart from changes, as in the table below
        totals = sum(report.breakdown.values(), KindCounts())
        lines.append("  " + "  ".join(
            f"{_(BREAKDOWN_LABELS[c])}: {format_number(getattr(totals, c))}" for c in COLUMNS))
    else:
        lines.append("  " + "  ".join(
            f"{_(CATEGORY_LABELS[c])}: {format_number(report.total(c))}" for c in CATEGORIES))
    if kinds:
        lines += ["  " + line for line in breakdown_lines(report.breakdown)]
    for rejected in report.rejected[:20]:
        lines.append(f"  ✗ {_(RECORD_LABELS.get(rejected.record_type, rejected.record_type))} "
                     f"{rejected.record_id or '?'}: {rejected.message()}")
    if len(report.rejected) > 20:
        extra = len(report.rejected) - 20
        lines.append("  " + ngettext("… and {n} more rejected row", "… and {n} more rejected rows",
                                     extra).format(n=extra))
    if report.held:
        lines.append("  " + ngettext(
            "{n} row changes a closed quarter: it waits for approval on the Reports page.",
            "{n} rows change a closed quarter: they wait for approval on the Reports page.",
            report.held).format(n=report.held))
    return lines


def kind_label(kind: str) -> str:
    """A record kind's name in the interface language ("Group series", "Meetings")."""
    return _(RECORD_LABELS[kind]) if kind in RECORD_LABELS else kind


def breakdown_lines(breakdown: dict[str, KindCounts]) -> list[str]:
    """The per-kind table as aligned text lines (kinds with no rows left out), then what
    "unchanged" means. Nothing for an empty breakdown."""
    shown = {kind: counts for kind, counts in breakdown.items() if counts.any}
    if not shown:
        return []
    heads = [_("Kind")] + [_(BREAKDOWN_LABELS[c]) for c in COLUMNS]
    rows = [[kind_label(kind)] + [format_number(getattr(counts, c)) for c in COLUMNS]
            for kind, counts in shown.items()]
    widths = [max(len(row[i]) for row in [heads, *rows]) for i in range(len(heads))]

    def line(cells: list[str]) -> str:
        return "  ".join([cells[0].ljust(widths[0])]
                         + [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:],
                                                                     strict=True)])
    return [line(heads), *(line(row) for row in rows), _(UNCHANGED_MEANS)]


def change_text(change: ConfigChange) -> str:
    return f"{_(SECTION_LABELS[change.section])}: {change.code} — {_(ACTION_LABELS[change.action])}"


def config_lines(plan: ConfigPlan) -> list[str]:
    head = _("Configuration package version {version} (this computer has version {current}).")
    lines = [head.format(version=plan.version, current=plan.current_version)]
    if plan.unsigned:
        lines.append("⚠ " + _(UNSIGNED_WARNING))
    elif plan.first_department_key:
        lines.append(_("Signed by the central department, key fingerprint {fingerprint}. "
                       "This laptop will accept packages only with this key from now on.")
                     .format(fingerprint=plan.department_fingerprint))
    if plan.up_to_date:
        lines.append(_("Nothing to change: this computer is up to date."))
    lines += [f"  {change_text(c)}" for c in plan.changes]
    return lines


def key_text(exchange: ExchangeService) -> str:
    """This computer's key fingerprint and the department's it trusts (read out by phone)."""
    try:
        own = exchange.device_fingerprint()
        department = exchange.department_fingerprint()
    except UserError as error:
        return error.message()
    # Isolated left to right, so the groups keep their order in Arabic too.
    lines = [_("This computer's key fingerprint: {fingerprint}").format(
        fingerprint="\u2066" + own + "\u2069")]
    if department is None:
        lines.append(_("The central department's key is not known yet: apply its "
                       "configuration package before the first export."))
    elif not exchange.is_central():
        lines.append(_("Central department's key fingerprint: {fingerprint}").format(
            fingerprint="\u2066" + department + "\u2069"))
    return "\n".join(lines)
