"""Screenshots of every area in every language at a laptop's size and scaling, offscreen.

    .venv/bin/python -m forebygg_desktop.devtools.area_screens --scale 1.25 --screen 1366x768

sets QT_SCALE_FACTOR, sizes the window to the screen's logical pixels (less a 40-pixel task
bar) and writes screenshots/areas/<screen>@<scale>/<lang>-<area>.png plus one contact sheet
per language (<lang>-all.png) to look at all areas at once. The folder is git-ignored.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TASK_BAR = 40


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="area_screens")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--screen", default="1366x768")
    parser.add_argument("--languages", nargs="+", default=["sv", "ar", "so", "en"])
    args = parser.parse_args(argv)
    os.environ["QT_SCALE_FACTOR"] = f"{args.scale:g}"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QCoreApplication, QRect, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from forebygg_desktop.core.demo import generate_demo
    from forebygg_desktop.core.startup import open_store
    from forebygg_desktop.gui.context import AppContext
    from forebygg_desktop.gui.fonts import load_fonts
    from forebygg_desktop.gui.language import LanguageController
    from forebygg_desktop.gui.main_window import MainWindow
    from forebygg_desktop.gui.operations import Operations

    width, height = (int(v) for v in args.screen.split("x"))
    out = ROOT / "screenshots" / "areas" / f"{args.screen}@{args.scale:g}"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    load_fonts(app)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "forebygg.sqlite3")
        generate_demo(store, years=1)
        controller = LanguageController(app)
        ctx = AppContext(store, Operations(store), controller)
        for language in args.languages:
            controller.apply(language)
            window = MainWindow(ctx)
            window.resize(round(width / args.scale), round((height - TASK_BAR) / args.scale))
            window.show()
            shots = []
            for spec in window.specs:
                window.show_page(spec.key)
                # Areas read off the screen's thread: wait for their reads (at most 10 s).
                deadline = time.monotonic() + 10
                while True:
                    for _round in range(4):
                        QCoreApplication.processEvents()
                    if ctx.ops.idle() or time.monotonic() > deadline:
                        break
                    time.sleep(0.01)
                for _round in range(4):
                    QCoreApplication.processEvents()
                image = window.grab().toImage()
                path = out / f"{language}-{spec.key}.png"
                image.save(str(path))
                shots.append(image)
                print(path.relative_to(ROOT))
            columns = 3
            tile_w, tile_h = shots[0].width() // 2, shots[0].height() // 2
            rows = (len(shots) + columns - 1) // columns
            sheet = QImage(tile_w * columns, tile_h * rows, QImage.Format.Format_RGB32)
            sheet.fill(Qt.GlobalColor.white)
            painter = QPainter(sheet)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            for index, image in enumerate(shots):
                target = QRect((index % columns) * tile_w, (index // columns) * tile_h,
                               tile_w, tile_h)
                painter.drawImage(target, image)
            painter.end()
            sheet.save(str(out / f"{language}-all.png"))
            window.close()
            window.deleteLater()
        ctx.ops.wait()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
