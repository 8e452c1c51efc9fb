"""PySide6's import hook is handed back at start (gui/import_hook.py), in a fresh process.

With the hook, every module imported after PySide6 has its source file read and kept in
`linecache`; without it, imports cost only the import, and Qt's lazily made types still
load.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import builtins, linecache, sys
{begin}
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("x")  # a lazily made type, created through the import left in place
import tabnanny  # not imported yet: read by PySide6's hook, unless handed back
feature = sys.modules["shibokensupport.feature"]
read = [name for name in linecache.cache if name.endswith("tabnanny.py")]
print("HOOK", builtins.__import__.__name__, "tabnanny" in feature.pyside_feature_dict,
      bool(read), type(label).__name__)
"""


def _probe(begin: str) -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", PROBE.format(begin=begin)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120, check=False)
    lines = [line.split() for line in result.stdout.splitlines() if line.startswith("HOOK")]
    assert lines, result.stdout + result.stderr
    return lines[0][1:]


def test_the_entry_point_hands_pysides_import_hook_back() -> None:
    assert _probe("from forebygg_desktop.__main__ import begin; begin()") == \
        ["__lazy_import__", "False", "False", "QLabel"]


def test_without_it_pyside_reads_every_later_module() -> None:
    """The control: the same probe without the entry point's first step (PySide6's own
    behaviour, which the fix relies on recognising)."""
    assert _probe("") == ["__feature_import__", "True", "True", "QLabel"]
