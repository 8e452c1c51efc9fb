"""Start-up: data folder, logging, fonts, language and direction, then the window.

A later start (set up, database up to date) is two-phase, so the window is there at once:

1. With only Qt and the standard library loaded, a read-only glance at the database
   (`core/glance.py`) gives the language and the start page's figures; the main window
   is shown with every area listed and the start page filled in.
2. On a worker thread the Store is opened as always (the lock against a second copy,
   header and version checks, migrations, SQLAlchemy); the window is then attached to it.
   A refusal (second copy, damaged file) is shown over the window and the program ends.

A first start, a database to migrate or to fill with demo data, or anything the glance
does not recognise takes the direct way: the Store is opened before any window.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from forebygg_desktop import __version__
from forebygg_desktop.core.logs import setup_logging
from forebygg_desktop.core.paths import data_dir as default_data_dir
from forebygg_desktop.gui.fonts import load_fonts
from forebygg_desktop.gui.language import LanguageController
from forebygg_desktop.gui.startup import Startup, fail_fast, parse_args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_test:
        from forebygg_desktop.gui.selftest import run_self_test
        return run_self_test()
    data_dir = args.data_dir or default_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    setup_logging(data_dir)
    sys.excepthook = fail_fast
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Forebygg Desktop")
    app.setApplicationVersion(__version__)
    load_fonts(app)
    language = LanguageController(app)
    startup = Startup(app, args, data_dir, language)
    startup.ended.connect(app.exit)
    glance = startup.glance()
    if glance is not None:
        startup.start_with_glance(glance)
    elif not startup.start_directly():
        return startup.exit_code
    if args.startup_probe:
        QTimer.singleShot(0, app.quit)
    try:
        code = app.exec()
    finally:
        startup.close()
    return code or startup.exit_code
