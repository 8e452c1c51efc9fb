"""The central store on a PostgreSQL server: connection setting, password, engine, migrations.

Field laptops keep their SQLite file. A department whose central store outgrows one laptop
(several coordinators importing and reporting at once, a county-wide store) puts a file
`server.json` in the data folder; the program then opens the store on that server instead
of `forebygg.sqlite3` (docs/central-server.md). The setting holds the URL and where the
password comes from — never the password itself, and the password is never written to the
database:

    {"url": "postgresql://forebygg@db.example.org:5432/forebygg",
     "password": "keyring" | "file" | "none", "password_file": "/home/me/.forebygg-db"}

- "keyring": the operating system's keyring (Windows Credential Manager, macOS Keychain,
  Secret Service), through the optional `keyring` package; the entry is service
  `forebygg-desktop`, user `user@host:port/database`.
- "file": the first line of a file that only its owner may read (mode 0600, like libpq's
  `.pgpass`); a file others can read is refused.
- "none": no password from the program (libpq's own `~/.pgpass`, `PGPASSFILE`, or a server
  that trusts the connection).

Everything above the engine is the same code as on SQLite: the same models, the same
Alembic migrations (run in one transaction, PostgreSQL's DDL is transactional), the same
import transaction and merge rule. Write transactions are serialised by a row lock on the
store's change counter (`core/store/unit.py`), so two coordinators importing at once give
the same result as one after the other.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, insert, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from forebygg_desktop.core import fsretry
from forebygg_desktop.core.errors import DatabaseError
from forebygg_desktop.core.i18n import N_, _
from forebygg_desktop.core.paths import SERVER_FILE

KEYRING_SERVICE = "forebygg-desktop"
PASSWORD_SOURCES = ("keyring", "file", "none")
DRIVER = "postgresql+psycopg"
CONNECT_TIMEOUT_SECONDS = 10
# Alembic's runs on one server are serialised by this advisory lock key ("FBGG").
_MIGRATION_LOCK = 0x46424747


class ServerSettingError(DatabaseError):
    """The server setting cannot be used; nothing was opened or changed."""

    msgid = N_("The database server setting cannot be used: {detail}")

    def message(self) -> str:
        """The message and its reason (itself a message id) in the interface language."""
        return _(self.msgid).format(detail=_(str(self.params.get("detail", ""))))


class ServerUnreachableError(DatabaseError):
    """The server did not answer or refused the login."""

    msgid = N_("The database server cannot be reached or refused the connection "
               "({detail}). Check the network and the server setting, or ask IT.")


@dataclass(frozen=True)
class ServerSetting:
    """Where the central store lives and where its password comes from."""

    url: str
    password: str = "none"  # one of PASSWORD_SOURCES
    password_file: str | None = None

    def checked_url(self) -> URL:
        """The URL with the psycopg driver; refused when it holds a password or is no URL."""
        try:
            url = make_url(self.url)
        except ArgumentError as error:
            raise ServerSettingError(detail=N_("the URL is not a database URL")) from error
        if url.get_backend_name() != "postgresql":
            raise ServerSettingError(detail=N_("only postgresql:// URLs are supported"))
        if url.password is not None:
            raise ServerSettingError(
                detail=N_("the URL holds a password; use the keyring or a password file"))
        if not url.database:
            raise ServerSettingError(detail=N_("the URL names no database"))
        return url.set(drivername=DRIVER)

    def keyring_user(self) -> str:
        url = self.checked_url()
        return f"{url.username or ''}@{url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def read_setting(data_dir: Path) -> ServerSetting | None:
    """The data folder's server setting, or None for the embedded SQLite store."""
    path = data_dir / SERVER_FILE
    if not path.exists():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ServerSettingError(detail=N_("server.json is not readable JSON")) from error
    if not isinstance(raw, dict) or not isinstance(raw.get("url"), str):
        raise ServerSettingError(detail=N_("server.json holds no URL"))
    source = raw.get("password", "none")
    password_file = raw.get("password_file")
    if source not in PASSWORD_SOURCES or (password_file is not None
                                          and not isinstance(password_file, str)):
        raise ServerSettingError(detail=N_("server.json names an unknown password source"))
    setting = ServerSetting(url=raw["url"], password=source, password_file=password_file)
    setting.checked_url()
    return setting


def write_setting(data_dir: Path, setting: ServerSetting) -> Path:
    """Store the setting (checked first) in the data folder."""
    setting.checked_url()
    if setting.password not in PASSWORD_SOURCES:
        raise ServerSettingError(detail=N_("server.json names an unknown password source"))
    if setting.password == "file" and not setting.password_file:
        raise ServerSettingError(detail=N_("no password file given"))
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / SERVER_FILE
    body = {"url": setting.url, "password": setting.password,
            "password_file": setting.password_file}
    temporary = path.with_name(path.name + ".part")
    temporary.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
    fsretry.replace(temporary, path)
    return path


def read_password_file(path: Path) -> str:
    """The first line of a password file that only its owner can read."""
    try:
        info = path.stat()
    except OSError as error:
        raise ServerSettingError(detail=N_("the password file is missing")) from error
    if not stat.S_ISREG(info.st_mode):
        raise ServerSettingError(detail=N_("the password file is not a file"))
    if os.name == "posix":
        if info.st_mode & 0o077:
            raise ServerSettingError(
                detail=N_("the password file can be read by others (make it chmod 600)"))
        if info.st_uid != os.getuid():
            raise ServerSettingError(detail=N_("the password file belongs to another user"))
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise ServerSettingError(detail=N_("the password file cannot be read")) from error
    return lines[0] if lines else ""


def _keyring() -> Any:
    try:
        import keyring
    except ImportError as error:
        raise ServerSettingError(
            detail=N_("the keyring package is not installed (pip install keyring)")) from error
    return keyring


def password(setting: ServerSetting) -> str | None:
    """The password the setting points at (None: libpq decides, e.g. `.pgpass`)."""
    if setting.password == "file":
        if not setting.password_file:
            raise ServerSettingError(detail=N_("no password file given"))
        return read_password_file(Path(setting.password_file).expanduser())
    if setting.password == "keyring":
        try:
            found = _keyring().get_password(KEYRING_SERVICE, setting.keyring_user())
        except ServerSettingError:
            raise
        except Exception as error:  # any keyring back-end failure
            raise ServerSettingError(detail=N_("the keyring cannot be read")) from error
        if found is None:
            raise ServerSettingError(detail=N_("no password in the keyring for this server"))
        return str(found)
    return None


def store_password_in_keyring(setting: ServerSetting, secret: str) -> None:
    """Put the password in the OS keyring (never in a file or the database)."""
    try:
        _keyring().set_password(KEYRING_SERVICE, setting.keyring_user(), secret)
    except ServerSettingError:
        raise
    except Exception as error:
        raise ServerSettingError(detail=N_("the keyring cannot be written")) from error


def make_server_engine(url: URL, secret: str | None = None) -> Engine:
    """An engine on the server: psycopg 3, read committed, connections checked before use."""
    try:
        import psycopg  # noqa: F401  (the optional "server" extra)
    except ImportError as error:
        raise ServerSettingError(
            detail=N_("the PostgreSQL driver is not installed (pip install 'psycopg[binary]')")
        ) from error
    connect_args: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT_SECONDS,
                                    "application_name": "forebygg-desktop"}
    if secret is not None:
        connect_args["password"] = secret
    return create_engine(url.set(drivername=DRIVER), connect_args=connect_args,
                         pool_pre_ping=True, pool_size=4, max_overflow=4)


def prepare_server(engine: Engine, target: str = "heads") -> str:
    """Migrate the server's schema with the same Alembic scripts as SQLite; its device id.

    All steps run in one transaction under an advisory lock, so two coordinators starting
    the program at once migrate once and agree on one device id; a revision this program
    does not know is refused before anything changes. The change counter every write
    transaction locks first (`core/store/unit.py`) is created here.
    """
    from forebygg_desktop.core.db import current_revisions, head_revisions, refuse_newer
    from forebygg_desktop.core.models import Meta, new_uuid

    with engine.connect() as connection, connection.begin():
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        refuse_newer(connection)
        if target != "heads" or set(current_revisions(connection)) != set(
                head_revisions(connection)):
            from alembic import command

            from forebygg_desktop.core.db import _alembic_config

            command.upgrade(_alembic_config(connection), target)
        meta = dict(connection.execute(select(Meta.key, Meta.value).where(
            Meta.key.in_(("device_id", "change_seq")))).all())
        if "change_seq" not in meta:
            connection.execute(insert(Meta).values(key="change_seq", value="0"))
        if "device_id" not in meta:
            meta["device_id"] = new_uuid()
            connection.execute(insert(Meta).values(key="device_id", value=meta["device_id"]))
    return meta["device_id"]


def connect_checked(engine: Engine) -> None:
    """Open one connection now, so a wrong host or password is a message, not a traceback."""
    try:
        with engine.connect():
            pass
    except DBAPIError as error:
        raise ServerUnreachableError(detail=short_reason(error)) from error


def short_reason(error: DBAPIError) -> str:
    """The server's own first line (host and port, no password: the URL holds none)."""
    text = str(error.orig).strip().splitlines()
    return (text[0] if text else type(error.orig).__name__)[:160]
