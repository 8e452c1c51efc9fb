"""`forebygg-cli export | import | make-config | apply-config`: sync by export file."""

from __future__ import annotations

import argparse
from pathlib import Path

from forebygg_desktop.cli_errors import say
from forebygg_desktop.core.bidi import plain
from forebygg_desktop.core.exchange.errors import UnknownDeviceError
from forebygg_desktop.core.exchange.texts import config_lines, key_text, report_lines
from forebygg_desktop.core.i18n import _, format_number, ngettext, separated
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
    imp.add_argument("--accept-fingerprint", action="append", default=[], metavar="FINGERPRINT",
                     help="enrol the laptop whose key has this fingerprint (compared by phone)")
    imp.set_defaults(run=run_import)
    keys = commands.add_parser("keys", help="show this computer's and the department's key "
                                            "fingerprints")
    keys.set_defaults(run=run_keys)
    forget = commands.add_parser("forget-device", help="withdraw a laptop's enrolment "
                                                       "(central; to re-enrol it)")
    forget.add_argument("device_id")
    forget.set_defaults(run=run_forget_device)
    unpin = commands.add_parser("forget-department", help="forget the department's key "
                                                          "(laptop; the central computer was "
                                                          "replaced)")
    unpin.set_defaults(run=run_forget_department)
    identity = commands.add_parser("new-identity", help="give this copy of a data folder a "
                                                        "new device id and key")
    identity.set_defaults(run=run_new_identity)
    rotate = commands.add_parser("rotate-department-key",
                                 help="make a new department encryption key (central)")
    rotate.set_defaults(run=run_rotate)
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


def _same_fingerprint(a: str, b: str) -> bool:
    return a.replace(" ", "").upper() == b.replace(" ", "").upper()


def run_import(installation: Installation, args: argparse.Namespace) -> int:
    exchange = installation.store.exchange
    if args.accept_fingerprint:
        for report in exchange.plan_import(args.files):
            signer = report.signer
            if signer is not None and isinstance(report.error, UnknownDeviceError) and any(
                    _same_fingerprint(signer.fingerprint, f) for f in args.accept_fingerprint):
                exchange.enrol(signer)
                print(_("Laptop {device} enrolled (key fingerprint {fingerprint}).").format(
                    device=signer.device_name, fingerprint=signer.fingerprint))
    reports = (exchange.plan_import(args.files) if args.dry_run
               else exchange.import_files(args.files))
    for report in reports:  # a refused file is a failure: its one line goes to stderr
        if report.error is not None:
            say(plain("\n".join(report_lines(report))))
        else:
            print(plain("\n".join(report_lines(report))))
    if not reports:
        say(_("No exchange files found."))
        return 1
    for device in exchange.devices():
        if device.missing:
            print(ngettext("Warning: file {numbers} from {device} has not been imported.",
                           "Warning: files {numbers} from {device} have not been imported.",
                           len(device.missing)).format(
                numbers=separated(map(str, device.missing)), device=device.device_name))
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


def run_keys(installation: Installation, args: argparse.Namespace) -> int:
    print(key_text(installation.store.exchange))
    return 0


def run_forget_device(installation: Installation, args: argparse.Namespace) -> int:
    installation.store.exchange.forget_device(args.device_id)
    print(_("The laptop's enrolment was withdrawn; its next file is shown for enrolment "
            "again."))
    return 0


def run_new_identity(installation: Installation, args: argparse.Namespace) -> int:
    device_id = installation.store.exchange.new_identity()
    print(_("This computer now has the identity {device_id} and a new key. Restart the "
            "program; the next export is a full one.").format(device_id=device_id))
    return 0


def run_rotate(installation: Installation, args: argparse.Namespace) -> int:
    fingerprint = installation.store.exchange.rotate_department_key()
    print(_("New department encryption key {fingerprint}. Make a configuration package and "
            "apply it on every laptop; files sealed to the old key can still be "
            "imported.").format(fingerprint=fingerprint))
    return 0


def run_forget_department(installation: Installation, args: argparse.Namespace) -> int:
    installation.store.exchange.forget_department()
    print(_("The department's key was forgotten; the next configuration package applied sets "
            "it again. Compare its fingerprint before applying it."))
    return 0
