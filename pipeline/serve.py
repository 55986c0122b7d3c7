"""``chitieu serve``: Datasette on the database, read-only, with the project's metadata and queries.

The database is opened read-only (``mode=ro``: no write queries, no uploads),
not immutable: an ingest may write the file while it is served, and immutable
mode would read pages half-way through a write ("malformed") and keep stale
counts. Only on read-only storage, where nothing can change it, is it opened
immutable. It is served under the name ``chitieu``, whatever its file is
called, so the links in ``metadata.yaml`` and in the cells hold.

Queries stop at Datasette's time limit, which SQLite checks between steps: a
Python function holding one huge value would run past it, so no SQL value may
grow past ``max_value_bytes()`` (SQLite's length limit) and ``fold`` takes text only. SQL gets ``fold``, ``fts_query``, ``query_words``,
``excerpt`` and ``in_context`` (``chitieu.pipeline.search``); every ``quote`` or ``excerpt``
cell of a row with ``document_id``, ``span_start``, ``span_end`` links to the
``source`` query, which shows that span marked in its document. ``/-/page/ID``
serves a document's page (``chitieu.pipeline.page``), where the canned query
``review`` (``chitieu.pipeline.review.REVIEW_SQL``) links each item.

>>> ds = datasette_app(Path("outputs/chitieu.db"))  # doctest: +SKIP
>>> serve(Path("outputs/chitieu.db"), port=8001)    # doctest: +SKIP
"""
from __future__ import annotations

import sqlite3
import re
import sys
from importlib import resources
from pathlib import Path
from urllib.parse import urlencode

import yaml
from chitieu.models.normalize import fold
from chitieu.pipeline.readers.limits import Limits
from chitieu.pipeline.page import document_page
from chitieu.pipeline.review import REVIEW_SQL
from chitieu.pipeline.search import (
    MARK_CLOSE,
    MARK_OPEN,
    excerpt,
    fts_query,
    in_context,
    query_words,
)
from chitieu.pipeline.store import on_read_only_storage
from datasette import hookimpl
from datasette.app import Datasette
from datasette.plugins import pm
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

DATABASE = "chitieu"
_PROVENANCE = ("document_id", "span_start", "span_end")
# A review row's link into its document's page, as ``chitieu report`` writes it: served at /-/page/ID.
_PAGE_LINK = re.compile(r"documents/(\d+)\.html(#[\w-]+)?")


def metadata() -> dict:
    """The metadata the project ships (``pipeline/datasette/metadata.yaml``) as a dict, the review query's SQL added."""
    shipped = yaml.safe_load(resources.files("chitieu.pipeline").joinpath("datasette/metadata.yaml").read_text("utf-8"))
    shipped["databases"][DATABASE]["queries"]["review"]["sql"] = REVIEW_SQL
    return shipped


def datasette_app(db_path: Path) -> Datasette:
    """A Datasette serving ``db_path`` read-only as ``chitieu``, with this module's hooks registered.

    Raises FileNotFoundError when ``db_path`` does not exist.
    """
    if not db_path.is_file():
        raise FileNotFoundError(f"{db_path}: no such database; run `chitieu ingest` first")
    if pm.get_plugin(__name__) is None:
        pm.register(sys.modules[__name__], name=__name__)
    where = {"immutables" if on_read_only_storage(db_path) else "files": [str(db_path)]}
    ds = Datasette(**where, metadata=metadata(),
                   settings={"truncate_cells_html": 400, "facet_time_limit_ms": 400})
    database = ds.databases[db_path.stem]
    if db_path.stem != DATABASE:
        ds.remove_database(db_path.stem)
        ds.add_database(database, name=DATABASE)
    return ds


def serve(db_path: Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve ``db_path`` read-only until interrupted (the caller checked it with ``store.open_read``)."""
    import uvicorn

    ds = datasette_app(db_path)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on")


def max_value_bytes() -> int:
    """The longest string or blob a query may build: room for the longest text a reader accepts (4 bytes a character).

    >>> max_value_bytes() > 4 * 1_000_000
    True
    """
    return 4 * Limits.from_env().chars + 1_000_000


@hookimpl
def prepare_connection(conn) -> None:
    """SQL functions for the canned queries: fold, fts_query, query_words, excerpt, in_context (see search.py);
    no value longer than ``max_value_bytes()``, so no single call outlasts the time limit."""
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, max_value_bytes())
    conn.create_function("fold", 1, lambda text: fold(text) if isinstance(text, str) else None, deterministic=True)
    conn.create_function("fts_query", 1, lambda q: fts_query(q or "") or '""', deterministic=True)
    conn.create_function("query_words", 1, lambda q: query_words(q or ""), deterministic=True)
    conn.create_function("excerpt", 2, excerpt, deterministic=True)
    conn.create_function("in_context", 3, lambda text, start, end: in_context(text, int(start), int(end)),
                         deterministic=True)


@hookimpl
def asgi_wrapper(datasette):
    """Answer 405 to any method but GET and HEAD: nothing served here takes a POST (Datasette answers a POST
    to a read-only canned query with a 500)."""
    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD"):
                await send({"type": "http.response.start", "status": 405,
                            "headers": [(b"allow", b"GET, HEAD"), (b"content-type", b"text/plain; charset=utf-8")]})
                await send({"type": "http.response.body", "body": b"read-only: GET and HEAD only\n"})
                return
            await app(scope, receive, send)
        return read_only
    return wrap


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Marked words as ``<mark>``; a quote or excerpt as a link to its place in the document; a plan to its row."""
    if not isinstance(value, str) or database != DATABASE:
        return None
    keys = set(row.keys())
    html = Markup(str(escape(value)).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))
    if column == "in_context":
        return Markup('<div style="white-space: pre-wrap; min-width: 36em; max-width: 60em">') + html + Markup("</div>")
    if column in ("quote", "excerpt") and keys.issuperset(_PROVENANCE) and row["span_start"] is not None:
        url = datasette.urls.query(DATABASE, "source") + "?" + urlencode({k: _plain(row[k]) for k in _PROVENANCE})
        return Markup(f'<a href="{escape(url)}">') + html + Markup("</a>")
    if column == "page" and (link := _PAGE_LINK.fullmatch(value)):
        return Markup(f'<a href="/-/page/{link[1]}{escape(link[2] or "")}">') + html + Markup("</a>")
    if column == "plan" and "document_id" in keys:
        return Markup(f'<a href="{escape(datasette.urls.row(DATABASE, "documents", _plain(row["document_id"])))}">') + \
            html + Markup("</a>")
    return html if column == "excerpt" else None


@hookimpl
def register_routes():
    """``/-/page/ID``: a document's page (``chitieu.pipeline.page``), where the review queue's links lead."""
    return [(r"^/-/page/(?P<document_id>\d+)$", _document_page)]


async def _document_page(datasette, request):
    import sqlite_utils

    document_id = int(request.url_vars["document_id"])

    def render(conn):
        db = sqlite_utils.Database(conn)
        row = next(db["documents"].rows_where("id = ?", [document_id]), None)
        return None if row is None else document_page(db, row)

    html = await datasette.get_database(DATABASE).execute_fn(render)
    return Response.html(html) if html else Response.text(f"no document {document_id}", status=404)


def _plain(value):
    """A cell's value: table pages give a foreign key as ``{"value": 1, "label": "..."}``."""
    return value["value"] if isinstance(value, dict) else value
