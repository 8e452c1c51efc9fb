"""Walk Forebygg Desktop's accessibility tree over the real AT-SPI bus, as Orca would.

Run with the *system* Python (Debian: python3-pyatspi), inside an X server and a D-Bus
session, e.g. (see docs/accessibility.md and `make a11y-bus`):

    xvfb-run -a -s "-screen 0 1366x768x24" dbus-run-session -- \
        /usr/bin/python3 devtools/atspi_walk.py --python .venv/bin/python --language sv

The script starts the program on a fresh demo store (its own data folder), with
QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1, finds it on the bus, opens every area through the
navigation list's AT-SPI Selection interface, and every tab of an area through its tab
list, and records for each what a screen reader gets: role, name and description of every
showing object. It lists

- interactive objects (buttons, fields, drop-downs, lists, tables, tabs …) with no name,
- drop-downs whose name is their current value instead of their label,
- tables whose columns do not announce a header.

It exits 1 when any of these is found, 2 when the program never appeared on the bus, and
writes the full walk as Markdown (`--out`). Nothing of the program is imported: it is
seen from outside only.
"""

from __future__ import annotations

import argparse
import contextlib
import gettext
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyatspi  # type: ignore[import-not-found]

APP_NAME = "Forebygg Desktop"
ROOT = Path(__file__).resolve().parents[1]
# Roles a user operates; each must have a name a screen reader can say.
INTERACTIVE = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_LIST, pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE, pyatspi.ROLE_TREE_TABLE,
    pyatspi.ROLE_PAGE_TAB, pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_DATE_EDITOR,
}
TABLES = {pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_TREE}
# Children of these are the container's own parts (rows, cells, a combo's popup list).
OPAQUE = {pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_TREE, pyatspi.ROLE_LIST,
          pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_SPIN_BUTTON}
MAX_OBJECTS = 6000


@dataclass
class Seen:
    """One object as the bus reports it."""

    depth: int
    role: str
    name: str
    description: str
    interactive: bool


@dataclass
class AreaWalk:
    """What one area (or one tab of it) showed on the bus."""

    title: str
    objects: list[Seen] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)


def _wait(predicate, seconds: float, what: str):  # type: ignore[no-untyped-def]
    """Poll `predicate` until it returns something true (the bus answers asynchronously)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except Exception:  # the bus not ready yet, an object gone between two calls
            value = None
        if value:
            return value
        time.sleep(0.3)
    raise TimeoutError(what)


def find_app():  # type: ignore[no-untyped-def]
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        app = desktop.getChildAtIndex(index)
        if app is not None and app.name == APP_NAME:
            return app
    return None


def _states(node) -> set[int]:  # type: ignore[no-untyped-def]
    return set(node.getState().getStates())


def showing(node) -> bool:  # type: ignore[no-untyped-def]
    return pyatspi.STATE_SHOWING in _states(node)


def find(node, predicate, depth: int = 0):  # type: ignore[no-untyped-def]
    """The first showing descendant (depth first) for which `predicate(node)` holds."""
    if depth > 40:
        return None
    for index in range(node.childCount):
        child = node.getChildAtIndex(index)
        if child is None:
            continue
        try:
            if predicate(child):
                return child
            found = find(child, predicate, depth + 1)
        except Exception:
            continue
        if found is not None:
            return found
    return None


def find_all(node, predicate, depth: int = 0, out=None):  # type: ignore[no-untyped-def]
    out = [] if out is None else out
    if depth > 40:
        return out
    for index in range(node.childCount):
        child = node.getChildAtIndex(index)
        if child is None:
            continue
        try:
            if not showing(child):
                continue
            if predicate(child):
                out.append(child)
            if child.getRole() not in OPAQUE:
                find_all(child, predicate, depth + 1, out)
        except Exception:
            continue
    return out


def labelled_by(node) -> list[str]:  # type: ignore[no-untyped-def]
    """The names of the objects that label `node` (AT-SPI's labelled-by relation)."""
    names = []
    for relation in node.getRelationSet():
        if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
            for index in range(relation.getNTargets()):
                target = relation.getTarget(index)
                if target is not None and (target.name or "").strip():
                    names.append(target.name.strip())
    return names


def _combo_value(node) -> str:  # type: ignore[no-untyped-def]
    try:
        return str(node.queryText().getText(0, -1)).strip()
    except NotImplementedError:
        return str(node.name or "")


def _table_headers(node) -> tuple[int, list[str]]:  # type: ignore[no-untyped-def]
    """The column count and the header each column announces (empty: none)."""
    table = node.queryTable()
    headers = []
    for column in range(table.nColumns):
        header = table.getColumnHeader(column)
        text = header.name if header is not None else ""
        headers.append(text or table.getColumnDescription(column) or "")
    return table.nColumns, headers


def walk(root, title: str) -> AreaWalk:  # type: ignore[no-untyped-def]
    """Record every showing object under `root` and what a screen reader would miss."""
    result = AreaWalk(title)
    stack = [(root, 0)]
    while stack and len(result.objects) < MAX_OBJECTS:
        node, depth = stack.pop()
        try:
            if not showing(node) and depth > 0:
                continue
            role = node.getRole()
            name = (node.name or "").strip()
            description = (node.description or "").strip()
            states = _states(node)
        except Exception:
            continue
        interactive = role in INTERACTIVE and (
            pyatspi.STATE_FOCUSABLE in states or role == pyatspi.ROLE_PAGE_TAB)
        seen = Seen(depth, node.getRoleName(), name, description, interactive)
        result.objects.append(seen)
        where = f"{node.getRoleName()} (depth {depth})"
        if interactive and not name and role != pyatspi.ROLE_LIST_ITEM:
            result.problems.append(f"{where}: no name")
        if role == pyatspi.ROLE_COMBO_BOX:
            # Qt names a drop-down on Linux by its current value and leaves its label to the
            # labelled-by relation (what Orca reads first): without one, only "Mamma" is said.
            labels = labelled_by(node)
            if labels:
                seen.description = (description + " [label: " + " / ".join(labels)
                                    + "]").strip()
            else:
                result.problems.append(f"{where}: read by its value {_combo_value(node)!r} "
                                       "only, no label relation")
        if role in TABLES:
            try:
                columns, headers = _table_headers(node)
            except NotImplementedError:
                columns, headers = 0, []
            missing = [i for i, h in enumerate(headers) if not h]
            result.tables.append(f"{name or '(no name)'}: {columns} columns, headers "
                                 + (" | ".join(headers) or "(none)"))
            if missing:
                result.problems.append(f"{where} {name!r}: columns {missing} have no header")
        if role not in OPAQUE:
            children = _children(node)
            stack.extend((child, depth + 1) for child in reversed(children))
    return result


def _children(node) -> list:  # type: ignore[no-untyped-def,type-arg]
    out = []
    for index in range(node.childCount):
        try:
            child = node.getChildAtIndex(index)
        except Exception:
            continue
        if child is not None:
            out.append(child)
    return out


def _settle() -> None:
    """Let the program answer the last request and send its events."""
    time.sleep(1.0)


def _main_frame(app):  # type: ignore[no-untyped-def]
    return find(app, lambda n: n.getRole() == pyatspi.ROLE_FRAME and showing(n))


def _dialog(app):  # type: ignore[no-untyped-def]
    return find(app, lambda n: n.getRole() == pyatspi.ROLE_DIALOG and showing(n))


def first_start(app) -> list[AreaWalk]:  # type: ignore[no-untyped-def]
    """Walk the first-start questions, give the computer a name and press the default
    button (found by its state, not its text, so any language works)."""
    dialog = _wait(lambda: _dialog(app) or _main_frame(app), 60, "the first window")
    if dialog.getRole() != pyatspi.ROLE_DIALOG:
        return []
    _settle()
    walks = [walk(dialog, f"First start: {dialog.name}")]
    field = find(dialog, lambda n: n.getRole() == pyatspi.ROLE_TEXT and showing(n))
    if field is not None:
        field.queryEditableText().setTextContents("Laptop 1")
    button = _wait(lambda: find(dialog, lambda n: n.getRole() == pyatspi.ROLE_PUSH_BUTTON
                                and pyatspi.STATE_IS_DEFAULT in _states(n)), 10,
                   "the first-start default button")
    button.queryAction().doAction(0)
    return walks


def open_area(navigation, row: int) -> None:  # type: ignore[no-untyped-def]
    """Select the area's entry in the navigation list, as a screen reader's "select"
    command does (the window follows the selection)."""
    try:
        navigation.querySelection().selectChild(row)
    except Exception as error:  # the program builds the area before it answers
        print(f"atspi_walk: no answer to selecting row {row} ({error}); waiting",
              file=sys.stderr)


def walk_new_record_dialog(app, frame, title: str,  # type: ignore[no-untyped-def]
                           texts: gettext.NullTranslations, walks: list[AreaWalk]) -> None:
    """Open the area's "new …" form (the button Ctrl+N presses), walk it, cancel it."""
    new_series = texts.gettext("New series…")
    # A button that opens a form ends in "…"; one that acts at once ("Back up now", which
    # Ctrl+N also presses in Settings) opens none.
    button = find(frame, lambda n: n.getRole() == pyatspi.ROLE_PUSH_BUTTON and showing(n)
                  and (n.name or "").endswith("…")
                  and ("Ctrl+N" in (n.description or "") or n.name == new_series))
    if button is None:
        return
    # The form runs modally: the call may return no answer before it is closed.
    with contextlib.suppress(Exception):
        button.queryAction().doAction(0)
    dialog = _wait(lambda: _dialog(app), 30, f"the form of {title}")
    _settle()
    walks.append(walk(dialog, f"{title} › {button.name} (form: {dialog.name})"))
    cancel = texts.gettext("Cancel")
    close = find(dialog, lambda n: n.getRole() == pyatspi.ROLE_PUSH_BUTTON
                 and n.name == cancel)
    if close is not None:
        with contextlib.suppress(Exception):  # answered after the dialog has gone
            close.queryAction().doAction(0)
    # An untouched form closes on Cancel without asking anything.
    _wait(lambda: _dialog(app) is None, 30, f"the untouched form of {title} to close")


def walk_areas(app, language: str,  # type: ignore[no-untyped-def]
               walks: list[AreaWalk]) -> None:
    """Append the walk of every area (and its tabs and "new" form) to `walks`."""
    texts = gettext.translation("messages", ROOT / "translations", [language], fallback=True)
    walks += first_start(app)
    frame = _wait(lambda: _main_frame(app), 60, "the main window on the bus")
    navigation = _wait(lambda: find(frame, lambda n: n.getRole() == pyatspi.ROLE_LIST
                                    and showing(n)), 30, "the navigation list")
    items = _children(navigation)
    for row, item in enumerate(items):
        title = item.name
        open_area(navigation, row)
        _wait(lambda item=item: pyatspi.STATE_SELECTED in _states(item), 20,
              f"area {title} selected")
        # An area is built on first show; wait until its page has replaced the notice.
        _settle()
        frame = _main_frame(app)
        walks.append(walk(frame, title))
        walk_new_record_dialog(app, frame, title, texts, walks)
        tab_lists = find_all(frame, lambda n: n.getRole() == pyatspi.ROLE_PAGE_TAB_LIST)
        for tab_list in tab_lists:
            tabs = [t for t in _children(tab_list) if t.getRole() == pyatspi.ROLE_PAGE_TAB]
            for index, tab in enumerate(tabs[1:], start=1):
                tab_list.querySelection().selectChild(index)
                _settle()
                walks.append(walk(_main_frame(app), f"{title} › {tab.name}"))
            tab_list.querySelection().selectChild(0)


def report(walks: list[AreaWalk], language: str) -> str:
    lines = [f"# AT-SPI walk ({language}), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
             ""]
    for area in walks:
        named = sum(1 for o in area.objects if o.interactive and o.name)
        total = sum(1 for o in area.objects if o.interactive)
        lines += [f"## {area.title}", "",
                  f"{len(area.objects)} objects, {total} interactive, {named} of them named.",
                  ""]
        lines += ["Problems:"] + [f"- {p}" for p in area.problems] + [""] \
            if area.problems else ["Problems: none", ""]
        if area.tables:
            lines += ["Tables:"] + [f"- {t}" for t in area.tables] + [""]
        lines += ["| role | name | description |", "|---|---|---|"]
        for seen in area.objects:
            if seen.interactive or seen.role in ("label", "page tab list", "heading"):
                cell = seen.name.replace("|", "/").replace("\n", " ")[:90]
                description = seen.description.replace("|", "/").replace("\n", " ")[:90]
                lines.append(f"| {'· ' * seen.depth}{seen.role} | {cell} | {description} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=str(ROOT / ".venv" / "bin" / "python"),
                        help="the Python that runs the program")
    parser.add_argument("--language", default="sv")
    parser.add_argument("--out", type=Path, help="write the walk as Markdown here")
    args = parser.parse_args(argv)
    env = dict(os.environ, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_QPA_PLATFORM="xcb",
               QT_ACCESSIBILITY="1")
    with tempfile.TemporaryDirectory() as data:
        env["FOREBYGG_DATA_DIR"] = data
        program = subprocess.Popen(
            [args.python, "-m", "forebygg_desktop", "--demo", "--language", args.language],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            walks: list[AreaWalk] = []
            try:
                app = _wait(find_app, 120, "the program on the accessibility bus")
                walk_areas(app, args.language, walks)
            except TimeoutError as error:
                print(f"atspi_walk: gave up waiting for {error}", file=sys.stderr)
                if args.out:
                    args.out.write_text(report(walks, args.language), encoding="utf-8")
                return 2
        finally:
            program.terminate()
            try:
                program.wait(20)
            except subprocess.TimeoutExpired:
                program.kill()
    text = report(walks, args.language)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    problems = [f"{w.title}: {p}" for w in walks for p in w.problems]
    checked = sum(1 for w in walks for o in w.objects if o.interactive)
    tables = sum(len(w.tables) for w in walks)
    print(f"{len(walks)} areas and tabs, {checked} interactive objects, {tables} tables, "
          f"{len(problems)} problems")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
