"""Windows' path rules, checked on Linux: package paths, data folder places, SQLite URIs.

A review found that paths were checked with POSIX rules only: on Windows `sheets/D:x.md`
names another drive, `CON` is a device, `a.md.` is `a.md`; a mapped network drive became a
UNC path SQLite refused. These tests play those Windows cases with `ntpath`-style strings.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forebygg_desktop.core.data_location import (
    DRIVE_REMOTE,
    NetworkDataFolderError,
    SyncedDataFolderError,
    check_data_location,
    network_reason,
    synced_reason,
)
from forebygg_desktop.core.materials import load_library
from forebygg_desktop.core.materials_update import MaterialsUpdateError, install_materials_update
from forebygg_desktop.core.package_paths import is_safe, resolve_inside
from forebygg_desktop.core.sqlite_uri import quoted, sqlite_uri, uri_path

UNSAFE = [
    "sheets/D:x.md",          # drive-relative on Windows
    "C:..",                   # leaves the folder on Windows
    "C:/Windows/win.ini",
    "sheets/a.md:stream",     # an alternate data stream
    "sheets/con.md", "sheets/CON", "sheets/nul.txt", "aux/x.md", "sheets/COM1.md",
    "sheets/lpt9", "sheets/com¹.md",
    "sheets/a.md.", "sheets/a.md ", "sheets./a.md", "sheets /a.md",
    "sheets\\a.md", "/etc/passwd", "../x.md", "sheets/../../x.md", "sheets//a.md",
    "./sheets/a.md", "", "sheets/a?.md", "sheets/a*.md", 'sheets/"a".md', "sheets/a<b.md",
    "sheets/a\x01.md",
]
SAFE = ["sheets/a/sv.md", "sheets/console/ar.md", "sheets/com10.md", "sheets/a.b/sv-x-easy.md",
        "sheets/föräldrar/عربي.md", "sheets/.hidden/x.md"]


@pytest.mark.parametrize("relative", UNSAFE)
def test_unsafe_package_paths_are_refused(relative: str, tmp_path: Path) -> None:
    assert not is_safe(relative)
    assert resolve_inside(tmp_path, relative) is None


@pytest.mark.parametrize("relative", SAFE)
def test_ordinary_package_paths_are_accepted(relative: str, tmp_path: Path) -> None:
    assert is_safe(relative)
    assert resolve_inside(tmp_path, relative) == tmp_path.joinpath(*relative.split("/"))


def test_a_link_out_of_the_library_is_refused(tmp_path: Path) -> None:
    root, outside = tmp_path / "library", tmp_path / "secret"
    (root / "sheets").mkdir(parents=True)
    outside.mkdir()
    (outside / "x.md").write_text("not yours")
    (root / "sheets" / "link").symlink_to(outside, target_is_directory=True)
    assert is_safe("sheets/link/x.md")  # the name alone looks fine
    assert resolve_inside(root, "sheets/link/x.md") is None


def _package(relative: str) -> tuple[bytes, dict[str, bytes]]:
    content = b"# A\n"
    index = {"format": 1, "package_version": 2, "sheets": [{
        "id": "a", "program": None, "topic": "support", "version": 1,
        "translations": [{"language": "sv", "title": "A", "file": relative,
                          "format": "markdown", "sha256": hashlib.sha256(content).hexdigest(),
                          "review": "draft"}]}]}
    return json.dumps(index).encode(), {relative: content}


@pytest.mark.parametrize("relative", ["sheets/D:x.md", "C:..", "sheets/nul.md",
                                      "sheets/a.md.", "sheets/a.md ", "INDEX.JSON"])
def test_a_package_with_a_windows_unsafe_path_changes_nothing(
        relative: str, tmp_path: Path) -> None:
    target = tmp_path / "materials"
    install_materials_update(target, *_package("sheets/a/sv.md"))
    with pytest.raises(MaterialsUpdateError) as caught:
        install_materials_update(target, *_package(relative))
    assert "unsafe path" in str(caught.value.params["detail"])
    assert load_library(target).resolve("a", "sv").read_text() == "# A\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["materials"]  # nothing written


def test_an_index_naming_an_unsafe_file_offers_no_translation(tmp_path: Path) -> None:
    index, _files = _package("sheets/a/sv.md:evil")
    tmp_path.joinpath("index.json").write_bytes(index)
    library = load_library(tmp_path)
    assert any("unsafe" in problem for problem in library.problems)
    assert ("a", "sv") not in library.usable


# --- network drives and synchronised folders ----------------------------------------------

def _drive_types(remote: str) -> object:
    return lambda root: DRIVE_REMOTE if root.upper().startswith(remote) else 3  # 3: fixed


@pytest.mark.parametrize("path,reason", [
    (r"\\fileserver\home$\anna\Forebygg", "unc"),
    ("//fileserver/home/anna", "unc"),
    (r"\\?\UNC\fileserver\share\Forebygg", "unc"),
    (r"H:\Forebygg", "mapped"),
    (r"h:\\", "mapped"),
    (r"C:\Users\anna\AppData\Local\Norrtalje\ForebyggDesktop", None),
    (r"\\?\C:\Users\anna\data", None),
])
def test_network_folders_are_recognised(path: str, reason: str | None) -> None:
    assert network_reason(path, drive_type=_drive_types("H:")) == reason  # type: ignore[arg-type]


@pytest.mark.parametrize("path,environ,found", [
    (r"C:\Users\anna\OneDrive\Forebygg", {}, "onedrive"),
    (r"C:\Users\anna\OneDrive - Norrtälje kommun\Dokument\data", {},
     "onedrive - norrtälje kommun"),
    (r"D:\Sync\data", {"OneDriveCommercial": r"D:\Sync"}, r"D:\Sync"),
    (r"d:\sync\DATA", {"OneDrive": "D:/Sync/"}, "D:/Sync/"),
    ("/home/anna/Dropbox/forebygg", {}, "dropbox"),
    (r"C:\Users\anna\AppData\Local\Norrtalje\ForebyggDesktop",
     {"OneDrive": r"C:\Users\anna\OneDrive"}, None),
    (r"C:\Users\anna\OneDriveBackup\data", {}, None),
])
def test_synchronised_folders_are_recognised(path: str, environ: dict[str, str],
                                             found: str | None) -> None:
    assert synced_reason(path, environ) == found


def test_a_network_data_folder_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(NetworkDataFolderError) as caught:
        check_data_location(Path("//fileserver/share/Forebygg"), windows=True,
                            drive_type=lambda _root: 3, environ={})
    assert "//fileserver/share/Forebygg" in caught.value.message()
    check_data_location(tmp_path, windows=True, drive_type=lambda _root: 3, environ={})


def test_a_onedrive_data_folder_is_refused_by_open_installation(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from forebygg_desktop.core.i18n import set_language
    from forebygg_desktop.core.startup import open_installation

    synced = tmp_path / "OneDrive - Norrtälje kommun" / "Forebygg"
    monkeypatch.setenv("OneDriveCommercial", str(tmp_path / "OneDrive - Norrtälje kommun"))
    set_language("ar")
    with pytest.raises(SyncedDataFolderError) as caught:
        open_installation(synced)
    assert not synced.exists()  # refused, not created
    assert caught.value.message() != SyncedDataFolderError.msgid  # shown in Arabic


# --- SQLite URIs without resolve() ---------------------------------------------------------

def test_uris_keep_a_mapped_drive_letter() -> None:
    assert uri_path(r"H:\Forebygg\forebygg.sqlite3") == "/H:/Forebygg/forebygg.sqlite3"
    assert uri_path(r"C:\Users\Anna Öberg\data #2\db?.sqlite3") == (
        "/C:/Users/Anna%20%C3%96berg/data%20%232/db%3F.sqlite3")


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])))
def test_the_quoting_is_urllibs(text: str) -> None:
    """Written out to keep `urllib.parse` out of the start, and equal to it for any text
    (surrogates aside: neither can encode them)."""
    assert quoted(text) == quote(text, safe="/:")


def test_opening_the_first_window_s_database_needs_no_urllib() -> None:
    code = ("import sys; from forebygg_desktop.core.sqlite_uri import sqlite_uri; "
            "sqlite_uri(__import__('pathlib').Path('a b/c#?.sqlite3'), 'mode=ro'); "
            "print('urllib.parse' in sys.modules)")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True)
    assert found.stdout.strip() == "False"


def test_a_uri_opens_a_file_whose_path_has_uri_characters(tmp_path: Path) -> None:
    folder = tmp_path / "data #1 ?&=% ä"
    folder.mkdir()
    path = folder / "forebygg.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    reader = sqlite3.connect(sqlite_uri(path, "mode=ro"), uri=True)
    try:
        assert reader.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
    finally:
        reader.close()


def test_uris_do_not_resolve_links(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "mapped").symlink_to(real, target_is_directory=True)
    uri = sqlite_uri(tmp_path / "mapped" / "db.sqlite3")
    assert "/mapped/" in uri and "/real/" not in uri
