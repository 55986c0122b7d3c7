"""The one way chitieu writes: a transaction that takes SQLite's write lock when it begins.

A deferred transaction (sqlite-utils' ``db.atomic()``) that reads first cannot
wait for the write lock when another process writes meanwhile: it fails with
"database is locked" whatever the busy timeout. ``write_transaction`` begins
IMMEDIATE, so it waits its turn instead. The store and the corrections both use it;
inside it, ``insert_rows`` gives rows their ids, so the search index can name them.

>>> import sqlite_utils
>>> db = sqlite_utils.Database(memory=True)
>>> with write_transaction(db):
...     db["t"].insert({"a": 1}).last_pk
1
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

    import sqlite_utils


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """A write transaction begun IMMEDIATE (the write lock taken now, waiting up to the busy timeout).

    Nested in another transaction it is a savepoint; it commits, or rolls back on any error.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


def insert_rows(conn: sqlite3.Connection, table: str, columns: list[str], rows: list[tuple]) -> list[int]:
    """Insert ``rows`` (values of ``columns`` after ``id``) with the next free ids, in one statement; return the ids.

    The ids are given here, not by SQLite, so the search index can point at rows inserted
    with ``executemany``; the write transaction (``write_transaction``: the write lock held
    from its start) keeps them free.
    """
    (first,) = conn.execute(f"select coalesce(max(id), 0) + 1 from [{table}]").fetchone()
    ids = list(range(first, first + len(rows)))
    conn.executemany(f"insert into [{table}] (id, {', '.join(columns)}) values (?{', ?' * len(columns)})",
                     [(id_, *row) for id_, row in zip(ids, rows)])
    return ids
