"""Materials area: the multilingual library of information sheets for parents."""

from __future__ import annotations

from forebygg_desktop.core.i18n import N_, _
from forebygg_desktop.gui.materials_page import MaterialsPage
from forebygg_desktop.gui.pages import PageSpec

TITLE = N_("Materials")


def page_spec() -> PageSpec:
    return PageSpec("materials", lambda: _(TITLE), MaterialsPage)
