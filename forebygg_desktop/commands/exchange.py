"""`forebygg-cli export | import | make-config | apply-config`: sync by export file."""

from __future__ import annotations

import argparse
from pathlib import Path

from forebygg_desktop.core.bidi import plain
from forebygg_desktop.core.exchange.texts import config_lines, report_lines
from forebygg_desktop.core.i18n import _, format_number, ngettext
from forebygg_desktop.core.startup import Installation


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    export = commands.add_parser("export", help="export changes for the central department")
    export.add_argument("--full", action="store_true", help="everything, not only changes")
    export.add_argument("--out", type=Path, required=True, help="folder or .forebygg file")
    export.add_argument("--force", action="store_true",
                        help="replace an existing exchange file of the same name")
    export.set_defaults(run=run_export)
    imp = commands.add_parser("import", help="import exchange files (central department)")
    imp.add_argument("files", type=Path, nargs="+", help="files or folders")
    imp.add_argument("--dry-run", action="store_true", help="show what would change, only")
    imp.set_defaults(run=run_import)
    make = commands.add_parser("make-config", help="write a configuration package")
    make.add_argument("--out", type=Path, required=True, help="folder or .forebygg file")
    make.add_argument("--version", type=int, default=None, help="default: the next version")
    make.add_argument("--force", action="store_true",
                      help="replace an existing configuration package of the same name")
    make.set_defaults(run=run_make_config)
    apply = commands.add_parser("apply-config", help="apply a configuration package")
    apply.add_argument("file", type=Path)
    apply.add_argument("--dry-run", action="store_true", help="show what would change, only")
    apply.set_defaults(run=run_apply_config)


def run_export(installation: Installation, args: argparse.Namespace) -> int:
    result = installation.store.exchange.export(args.out, full=args.full, force=args.force)
    print(ngettext("Exported {rows} row to {path} (file {sequence}).",
                   "Exported {rows} rows to {path} (file {sequence}).", result.rows).format(
        rows=format_number(result.rows), path=result.path, sequence=result.sequence))
    return 0


def run_import(installation: Installation, args: argparse.Namespace) -> int:
    exchange = installation.store.exchange
    reports = (exchange.plan_import(args.files) if args.dry_run
               else exchange.import_files(args.files))
    for report in reports:
        print(plain("\n".join(report_lines(report))))
    if not reports:
        print(_("No exchange files found."))
        return 1
    for device in exchange.devices():
        if device.missing:
            print(ngettext("Warning: file {numbers} from {device} has not been imported.",
                           "Warning: files {numbers} from {device} have not been imported.",
                           len(device.missing)).format(
                numbers=", ".join(map(str, device.missing)), device=device.device_name))
    return 0 if all(r.ok for r in reports) else 1


def run_make_config(installation: Installation, args: argparse.Namespace) -> int:
    path = installation.store.exchange.make_config(args.out, args.version, force=args.force)
    print(_("Configuration package written: {path}").format(path=path))
    return 0


def run_apply_config(installation: Installation, args: argparse.Namespace) -> int:
    exchange = installation.store.exchange
    plan = exchange.plan_config(args.file) if args.dry_run else exchange.apply_config(args.file)
    print("\n".join(config_lines(plan)))
    return 0
