"""Pictures of the reports as a reader gets them: the demo year's workbook (Swedish and
Arabic) through LibreOffice to PDF and PNG pages, and the one-page summary PDF to PNG.

    make report-pictures       (QT_QPA_PLATFORM=offscreen .venv/bin/python -m
                                forebygg_desktop.devtools.report_pictures)

writes report-pictures/workbook-<lang>.{xlsx,pdf}, workbook-<lang>-<page>.png,
summary-<lang>.pdf and summary-<lang>-1.png. Needs LibreOffice (soffice) and poppler
(pdftoppm), as CI installs them.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.reports.workbook import ReportOptions, write_report
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
# The demo year ends with this quarter; the pictures show it.
DEMO_END = date(2026, 9, 30)
PERIOD = Period.parse("2026Q3")


def demo_store(folder: Path) -> Store:
    store = open_store(folder / "forebygg.sqlite3")
    generate_demo(store, years=2, end=DEMO_END)
    return store


def to_pdf(xlsx: Path, out: Path, profile: Path) -> Path:
    """LibreOffice's own conversion, with a throw-away profile (no user settings)."""
    subprocess.run(["soffice", "--headless", "--norestore",
                    f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
                    "--outdir", str(out), str(xlsx)],
                   check=True, capture_output=True, timeout=300)
    return out / (xlsx.stem + ".pdf")


def to_png(pdf: Path, resolution: int = 70) -> list[Path]:
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(resolution), "-png", str(pdf), str(prefix)],
                   check=True, capture_output=True, timeout=300)
    return sorted(pdf.parent.glob(prefix.name + "-*.png"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "report-pictures")
    parser.add_argument("--languages", nargs="+", default=["sv", "ar"])
    parser.add_argument("--no-summary", action="store_true")
    args = parser.parse_args(argv)
    missing = [tool for tool in ("soffice", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        print(f"missing: {', '.join(missing)} (apt-get install libreoffice-calc-nogui "
              "poppler-utils)")
        return 1
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        store = demo_store(folder)
        try:
            for language in args.languages:
                xlsx = write_report(store, ReportOptions(PERIOD, language),
                                    out / f"workbook-{language}.xlsx")
                pdf = to_pdf(xlsx, out, folder / "lo")
                pages = to_png(pdf)
                print(f"{pdf.name}: {len(pages)} pages")
                if not args.no_summary:
                    from forebygg_desktop.render.summary_pdf import write_summary_pdf

                    summary = write_summary_pdf(store, ReportOptions(PERIOD, language),
                                                out / f"summary-{language}.pdf")
                    print(f"{summary.name}: {len(to_png(summary, 100))} page(s)")
        finally:
            store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
