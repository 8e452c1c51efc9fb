"""The core must import and work with PySide6 unavailable (Anki's rule)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path


def test_core_imports_and_runs_with_pyside6_blocked(tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import sys, pkgutil, importlib
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name == "PySide6" or name.startswith("PySide6."):
                    raise ImportError("PySide6 is blocked in this test")
        sys.meta_path.insert(0, Block())
        import forebygg_desktop.core as core
        for info in pkgutil.walk_packages(core.__path__, "forebygg_desktop.core."):
            if ".migrations" in info.name:
                continue
            importlib.import_module(info.name)
        from pathlib import Path
        from forebygg_desktop.core.startup import open_store
        store = open_store(Path({str(tmp_path / "db.sqlite3")!r}))
        assert store.catalog.programs()
        assert not any(m.startswith("PySide6") for m in sys.modules)
        print("core-ok")
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert "core-ok" in result.stdout
