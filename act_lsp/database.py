"""The store's SQL layer: one small interface over SQLAlchemy Core, so that the same schema, migrations and queries
run on an embedded SQLite file (one developer: the default) or on a shared PostgreSQL server (a team: several
editors and one trainer on one database).

SQLAlchemy compiles the DDL and the inserts/updates for each dialect and owns the connection pools; the handful of
hand-written queries in the store and the trainer are plain SQL both dialects read, with ``?`` placeholders.
Errors that mean "the database cannot be reached or is busy" become ``DatabaseUnavailable``, so a caller can keep the
write for later instead of losing it (``act_lsp.store``'s journal).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url

TYPES: dict[type, type[sa.types.TypeEngine]] = {str: sa.Text, int: sa.Integer, float: sa.Float}


class StoreError(RuntimeError):
    """The database cannot be used (locked for too long, unreadable, unreachable); the message says what to do."""


class DatabaseUnavailable(StoreError):
    """The database did not answer (connection refused or lost, locked past the timeout): try again later."""


class NotFoundError(KeyError):
    """No row has that primary key."""


def database_url(location: str | Path) -> str:
    """A SQLAlchemy URL for a SQLite path or a PostgreSQL URL (``postgresql://user@host/db``: psycopg 3)."""
    text = str(location)
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser()}"
    scheme, rest = text.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return text


_PLACEHOLDER = re.compile(r"('(?:[^']|'')*')|(\?)|(:)")


def bind_params(sql: str, params: Sequence[Any] | dict | None) -> tuple[sa.TextClause, dict]:
    """``?`` placeholders (outside string literals) to named binds; other colons escaped for ``text()``."""
    if isinstance(params, dict):
        return sa.text(sql), params
    values = list(params or ())
    names: list[str] = []

    def swap(m: re.Match) -> str:
        if m.group(1):
            return m.group(1).replace(":", r"\:")
        if m.group(3):
            return r"\:"
        names.append(f"p{len(names)}")
        return f":{names[-1]}"

    converted = _PLACEHOLDER.sub(swap, sql)
    if len(names) != len(values):
        raise ValueError(f"{len(names)} placeholders but {len(values)} parameters in {sql!r}")
    return sa.text(converted), dict(zip(names, values, strict=True))


class Rows:
    """A statement's result, read before its connection went back to the pool."""

    def __init__(self, result: sa.CursorResult) -> None:
        self.keys = list(result.keys()) if result.returns_rows else []
        self.rows = [tuple(r) for r in result.fetchall()] if result.returns_rows else []
        self._next = 0

    def fetchone(self) -> tuple | None:
        if self._next >= len(self.rows):
            return None
        self._next += 1
        return self.rows[self._next - 1]

    def fetchall(self) -> list[tuple]:
        rest, self._next = self.rows[self._next:], len(self.rows)
        return rest

    def dicts(self) -> list[dict]:
        return [dict(zip(self.keys, r, strict=True)) for r in self.rows]


class Database:
    """A SQLite file or a PostgreSQL database. Statements run in their own transaction unless inside
    ``transaction()``; a thread's transaction is shared by every call it makes until the block ends."""

    def __init__(self, location: str | Path, *, timeout: float = 10.0, migrate: Iterable | None = None,
                 retry_after: float = 0.0) -> None:
        """``timeout``: seconds to wait for a lock (SQLite) or a connection (PostgreSQL); ``retry_after``: after
        the database did not answer, fail at once for this long instead of waiting ``timeout`` on every call (an
        editor's handlers must not stall while a shared database is away)."""
        self.location = str(location)
        self.url = make_url(database_url(location))
        self.dialect = self.url.get_backend_name()
        if self.dialect == "sqlite":
            Path(self.url.database or "").parent.mkdir(parents=True, exist_ok=True)
            self.engine = sa.create_engine(self.url, connect_args={"timeout": timeout, "check_same_thread": False})
            event.listen(self.engine, "connect", _sqlite_connect(timeout))
            event.listen(self.engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
        else:
            self.engine = sa.create_engine(self.url, pool_pre_ping=True,
                                           connect_args={"connect_timeout": max(1, int(timeout))})
        self._migrations = list(migrate or ())
        self._migrated = not self._migrations
        self._lock = threading.RLock()
        self._local = threading.local()
        self._tables: dict[str, sa.Table] = {}
        self.retry_after = retry_after
        self._down: tuple[float, str] | None = None  # (until, why) after the database did not answer

    def __repr__(self) -> str:
        return f"Database({self.display})"

    @property
    def display(self) -> str:
        """Where the data is, without a password."""
        return self.url.database if self.dialect == "sqlite" else self.url.render_as_string(hide_password=True)

    # --- connections ---------------------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sa.Connection]:
        """All statements of this thread inside the block commit together, or none does."""
        current = getattr(self._local, "conn", None)
        if current is not None:
            yield current
            return
        self.ready()
        with self._translate_errors(), self.engine.begin() as conn:
            self._local.conn = conn
            try:
                yield conn
            finally:
                self._local.conn = None

    def run(self, statement, params: dict | None = None) -> Rows:
        current = getattr(self._local, "conn", None)
        if current is not None:
            with self._translate_errors():
                return Rows(current.execute(statement, params or {}))
        with self.transaction() as conn:
            return Rows(conn.execute(statement, params or {}))

    @contextmanager
    def _translate_errors(self) -> Iterator[None]:
        if self._down and time.monotonic() < self._down[0]:
            raise DatabaseUnavailable(self._down[1])
        try:
            yield
        except (sa.exc.OperationalError, sa.exc.InterfaceError) as exc:
            why = self._explain(exc)
            if self.retry_after > 0:
                self._down = (time.monotonic() + self.retry_after, why)
            raise DatabaseUnavailable(why) from None
        except sa.exc.DatabaseError as exc:
            if self.dialect == "sqlite" and "not a database" in str(exc.orig):
                raise StoreError(f"{self.display} is not a usable SQLite database ({exc.orig}); move it aside and "
                                 "ACT creates a new one") from None
            raise

    def _explain(self, exc: sa.exc.DBAPIError) -> str:
        why = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        if self.dialect == "sqlite":
            if "locked" in why or "busy" in why:
                return (f"the ACT database {self.display} is locked by another process ({why}); "
                        "wait for it or stop it, then try again")
            return f"cannot open the ACT database {self.display}: {why}"
        return f"cannot reach the ACT database {self.display}: {why}"

    def ready(self) -> None:
        """Apply pending migrations on first use (a server starts even while its database is down)."""
        if self._migrated or getattr(self._local, "migrating", False):
            return
        with self._lock:
            if self._migrated:
                return
            self._local.migrating = True
            try:
                apply_migrations(self, self._migrations)
            finally:
                self._local.migrating = False
            self._migrated = True
            self._tables.clear()

    def close(self) -> None:
        self.engine.dispose()

    # --- queries -------------------------------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] | dict | None = None) -> Rows:
        statement, binds = bind_params(sql, params)
        return self.run(statement, binds)

    def query(self, sql: str, params: Sequence[Any] | dict | None = None) -> Iterator[dict]:
        yield from self.execute(sql, params).dicts()

    def table_names(self) -> list[str]:
        with self.transaction() as conn:  # this thread's, if any: it sees its own DDL
            return sa.inspect(conn).get_table_names()

    def __getitem__(self, name: str) -> Table:
        return Table(self, name)

    def reflect(self, name: str) -> sa.Table:
        if name not in self._tables:
            with self.transaction() as conn:  # this thread's, if any: it sees its own DDL
                self._tables[name] = sa.Table(name, sa.MetaData(), autoload_with=conn)
        return self._tables[name]

    def forget(self, name: str) -> None:
        """After DDL: the next use reflects the table again."""
        self._tables.pop(name, None)


def _sqlite_connect(timeout: float):
    def on_connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy's "begin" event issues BEGIN itself (real transactions)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        cur.execute("PRAGMA journal_mode = WAL")  # the server and the trainer read and write side by side
        cur.close()
    return on_connect


class Table:
    """One table: the few row operations the store and the trainer use, compiled for the database's dialect."""

    def __init__(self, db: Database, name: str) -> None:
        self.db, self.name = db, name
        self.last_pk: Any = None

    @property
    def table(self) -> sa.Table:
        return self.db.reflect(self.name)

    @property
    def columns(self) -> list[str]:
        return [c.name for c in self.table.columns]

    def _pk_where(self, pk: Any):
        keys = list(self.table.primary_key.columns)
        values = pk if isinstance(pk, tuple) else (pk,)
        return sa.and_(*(c == v for c, v in zip(keys, values, strict=True)))

    def insert(self, row: dict, *, ignore: bool = False, replace: bool = False) -> Any:
        """Insert one row. A row whose primary key exists: an error; with ``ignore`` left as it is (replays are
        safe); with ``replace`` overwritten."""
        return self.last_pk if self.insert_all([row], ignore=ignore, replace=replace) else None

    def insert_all(self, rows: Iterable[dict], *, ignore: bool = False, replace: bool = False) -> int:
        rows = list(rows)
        if not rows:
            return 0
        table = self.table
        dialect = {"postgresql": postgresql, "sqlite": sqlite}[self.db.dialect]  # upserts are dialect-specific
        written = 0
        keys = list(table.primary_key.columns)
        with self.db.transaction() as conn, self.db._translate_errors():
            for row in rows:
                stmt = dialect.insert(table).values(**row)
                if ignore:
                    stmt = stmt.on_conflict_do_nothing()
                elif replace:
                    stmt = stmt.on_conflict_do_update(index_elements=keys, set_={
                        k: v for k, v in row.items() if k not in {c.name for c in keys}})
                stmt = stmt.returning(*keys)
                got = conn.execute(stmt).fetchall()  # no row back: skipped as already there
                written += len(got)
                if got:
                    self.last_pk = got[0][0] if len(keys) == 1 else tuple(got[0])
        return written

    def update(self, pk: Any, values: dict) -> None:
        self.db.run(sa.update(self.table).where(self._pk_where(pk)).values(**values))

    def get(self, pk: Any) -> dict:
        rows = self.db.run(sa.select(self.table).where(self._pk_where(pk))).dicts()
        if not rows:
            raise NotFoundError(f"{self.name}: no row {pk!r}")
        return rows[0]

    def delete(self, pk: Any) -> None:
        self.db.run(sa.delete(self.table).where(self._pk_where(pk)))

    def delete_where(self, where: str, params: Sequence[Any] = ()) -> None:
        self.db.execute(f"delete from {self.name} where {where}", params)

    def count_where(self, where: str = "1 = 1", params: Sequence[Any] = ()) -> int:
        return self.db.execute(f"select count(*) from {self.name} where {where}", params).fetchone()[0]

    @property
    def count(self) -> int:
        return self.count_where()

    @property
    def rows(self) -> list[dict]:
        return self.rows_where()

    def rows_where(self, where: str = "1 = 1", params: Sequence[Any] = (), *, order_by: str = "") -> list[dict]:
        return list(self.db.query(f"select * from {self.name} where {where}"
                                  + (f" order by {order_by}" if order_by else ""), params))

    # --- DDL, for migrations ---------------------------------------------------------------------------------
    def create(self, columns: dict[str, type], *, pk: str | tuple[str, ...], not_null: Iterable[str] = (),
               foreign_keys: Iterable[tuple[str, str, str]] = ()) -> None:
        keys = (pk,) if isinstance(pk, str) else pk
        refs = {col: f"{other}.{other_col}" for col, other, other_col in foreign_keys}
        cols = [sa.Column(name, TYPES[kind](), *([sa.ForeignKey(refs[name])] if name in refs else []),
                          primary_key=name in keys, nullable=name not in set(not_null) and name not in keys,
                          autoincrement=kind is int and len(keys) == 1 and name in keys)
                for name, kind in columns.items()]
        meta = sa.MetaData()
        with self.db.transaction() as conn:
            for _, other, _ in foreign_keys:  # the referenced table, so the foreign key resolves
                if other not in meta.tables:
                    sa.Table(other, meta, autoload_with=conn)
            sa.Table(self.name, meta, *cols).create(conn, checkfirst=True)
        self.db.forget(self.name)

    def create_index(self, columns: list[str]) -> None:
        name = f"idx_{self.name}_{'_'.join(columns)}"
        with self.db.transaction() as conn:
            sa.Index(name, *(self.table.c[c] for c in columns)).create(conn, checkfirst=True)

    def add_column(self, name: str, kind: type, *, not_null_default: Any = None) -> None:
        with self.db.transaction() as conn:
            if name in {c["name"] for c in sa.inspect(conn).get_columns(self.name)}:
                return
            ddl = f"ALTER TABLE {self.name} ADD COLUMN {name} {TYPES[kind]().compile(dialect=conn.dialect)}"
            if not_null_default is not None:
                default = sa.literal(not_null_default).compile(compile_kwargs={"literal_binds": True})
                ddl += f" NOT NULL DEFAULT {default}"
            conn.exec_driver_sql(ddl)
        self.db.forget(self.name)


# --- migrations ----------------------------------------------------------------------------------------------
MIGRATIONS_TABLE = "act_migrations"
_LEGACY_TABLE = "_sqlite_migrations"  # sqlite-utils' record, in databases made before the SQL layer moved


def apply_migrations(db: Database, migrations: Sequence) -> list[str]:
    """Run the migrations not yet recorded, in order, in one transaction (PostgreSQL: under an advisory lock, so
    two servers starting together do not both run them). Returns the names it ran."""
    ran: list[str] = []
    with db.transaction() as conn:
        if db.dialect == "postgresql":
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(2507164780)")
        meta = sa.MetaData()
        record = sa.Table(MIGRATIONS_TABLE, meta, sa.Column("name", sa.Text, primary_key=True),
                          sa.Column("applied_at", sa.Text))
        record.create(conn, checkfirst=True)
        applied = {r[0] for r in conn.execute(sa.select(record.c.name))}
        if not applied and sa.inspect(conn).has_table(_LEGACY_TABLE):
            applied = {r[0] for r in conn.exec_driver_sql(
                f"SELECT name FROM {_LEGACY_TABLE} WHERE migration_set = 'act'")}
            for name in sorted(applied):
                conn.execute(sa.insert(record).values(name=name, applied_at="(sqlite-utils)"))
        from act_lsp.store import now

        for migration in migrations:
            if migration.__name__ not in applied:
                migration(db)
                conn.execute(sa.insert(record).values(name=migration.__name__, applied_at=now()))
                ran.append(migration.__name__)
    return ran


def applied_migrations(db: Database) -> list[str]:
    return [r[0] for r in db.execute(f"select name from {MIGRATIONS_TABLE} order by name").fetchall()]
