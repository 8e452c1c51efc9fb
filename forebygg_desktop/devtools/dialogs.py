"""The dialogs that can be built from an AppContext alone (tests and screenshots walk them)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from PySide6.QtWidgets import QDialog

import forebygg_desktop.gui as gui_package


def constructible_dialogs() -> list[type[QDialog]]:
    """QDialog subclasses in the gui package built from an AppContext alone."""
    found: dict[str, type[QDialog]] = {}
    for module_info in pkgutil.walk_packages(gui_package.__path__, "forebygg_desktop.gui."):
        if module_info.name.endswith(("selftest", "selftest.features", ".app", ".startup")):
            continue
        module = importlib.import_module(module_info.name)
        for cls in (member for _n, member in inspect.getmembers(module, inspect.isclass)):
            if not issubclass(cls, QDialog) or cls.__module__ != module.__name__:
                continue
            required = [p for p in inspect.signature(cls.__init__).parameters.values()
                        if p.name != "self" and p.default is inspect.Parameter.empty
                        and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
            if [p.name for p in required] == ["ctx"]:
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[name] for name in sorted(found)]
