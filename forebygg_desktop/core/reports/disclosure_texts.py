"""What a report says about its own protection: the About sheet's suppression and audit rows.

The rules themselves are on the Definitions sheet (`definitions.py`) and, for a
data-protection officer, in docs/disclosure-control.md.
"""

from __future__ import annotations

import math

from forebygg_desktop.core.i18n import separated
from forebygg_desktop.core.reports.release_cells import ReportProtection
from forebygg_desktop.core.reports.texts import ReportTexts


def audit_rows(tx: ReportTexts, prot: ReportProtection) -> list[list[object]]:
    """Label and value rows: suppression, threshold, hidden cells, the audit's verdict."""
    threshold, decision = prot.threshold, prot.protection
    result = decision.result
    if not threshold or result is None:
        return [[tx._("Suppression"), tx._("Not applied (for use within the unit only)")],
                [tx._("Suppression threshold"), ""],
                [tx._("Disclosure audit"), tx._("Not run: suppression is off")]]
    narrowest = result.narrowest()
    verdict = tx._("Passed: no hidden count can be worked out from this report, nor shown to "
                   "be below {k}").format(k=threshold)
    return [
        [tx._("Suppression"), tx._("Applied: counts of people from 1 to {n} are hidden, and "
                                   "cells that would reveal them").format(n=threshold - 1)],
        [tx._("Suppression threshold"), threshold],
        [tx._("Small counts hidden"), len(decision.primary)],
        [tx._("Further cells hidden to protect them"), len(decision.secondary)],
        [tx._("Disclosure audit"), verdict],
        [tx._("Protection rule"),
         tx._("For every hidden count, the smallest and largest value it can have, given "
              "every figure in this report, the sums linking them and that no count is "
              "negative, lie at least {k} apart (linear programming)").format(k=threshold)],
        [tx._("Narrowest range of a hidden count"),
         tx._("No hidden count") if not decision.hidden
         else tx._("No upper limit") if math.isinf(narrowest) else int(narrowest)],
        [tx._("Other reports"),
         tx._("Protected together with the reports of {periods}").format(
             periods=separated(decision.together, tx.pgettext)) if decision.together
         else tx._("Protected within this report only; see Definitions: Reports of other "
                   "periods")],
    ]
