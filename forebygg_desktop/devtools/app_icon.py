"""Draw the program's icon: `resources/icons/forebygg.png` (256 px) and `forebygg.ico`.

    .venv/bin/python -m forebygg_desktop.devtools.app_icon

A rounded square in the program's blue with a grown-up and a child in white: simple shapes
that stay readable at 16 px. The .ico holds PNG images at 16-256 px (Windows Vista and
later read PNG entries), written by hand because Qt's ICO writer stores one size only.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
BLUE = QColor("#1d5f8a")
GREEN = QColor("#58b368")


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(BLUE)
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 48, 48)
    p.setBrush(GREEN)  # the ground both stand on
    p.drawRoundedRect(QRectF(40, 196, 176, 20), 10, 10)
    p.setBrush(QColor("white"))
    # The grown-up: head and body.
    p.drawEllipse(QRectF(66, 40, 56, 56))
    body = QPainterPath()
    body.addRoundedRect(QRectF(56, 104, 76, 88), 30, 30)
    p.drawPath(body)
    # The child: smaller, beside, reaching up.
    p.drawEllipse(QRectF(150, 92, 42, 42))
    p.drawRoundedRect(QRectF(142, 140, 58, 52), 22, 22)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, b"PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: list[tuple[int, bytes]]) -> bytes:
    """An ICO file whose entries are PNG images (size, png bytes)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, blob in images:
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    images = [(size, png_bytes(draw(size))) for size in SIZES]
    (OUT / "forebygg.png").write_bytes(images[-1][1])
    (OUT / "forebygg.ico").write_bytes(ico_bytes(images))
    print(f"app_icon: {OUT / 'forebygg.png'} and {OUT / 'forebygg.ico'} ({len(SIZES)} sizes)")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
