"""``chitieu serve``: Datasette on the database, read-only, with the project's metadata and queries.

The database is opened immutable (no write queries, no uploads) under the name
``chitieu``, whatever its file is called, so the links in ``metadata.yaml``
and in the cells hold. SQL gets ``fold``, ``fts_query``, ``query_words``,
``excerpt`` and ``in_context`` (``chitieu.pipeline.search``); every ``quote`` or ``excerpt``
cell of a row with ``document_id``, ``span_start``, ``span_end`` links to the
``source`` query, which shows that span marked in its document. ``/-/page/ID``
serves a document's page (``chitieu.pipeline.page``), where the canned query
``review`` (``chitieu.pipeline.review.REVIEW_SQL``) links each item.

>>> ds = datasette_app(Path("outputs/chitieu.db"))  # doctest: +SKIP
>>> serve(Path("outputs/chitieu.db"), port=8001)    # doctest: +SKIP
"""
from __future__ import annotations

import re
import sys
from importlib import resources
from pathlib import Path
from urllib.parse import urlencode

import yaml
from chitieu.models.normalize import fold
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
    """A Datasette serving ``db_path`` immutable as ``chitieu``, with this module's hooks registered.

    Raises FileNotFoundError when ``db_path`` does not exist.
    """
    if not db_path.is_file():
        raise FileNotFoundError(f"{db_path}: no such database; run `chitieu ingest` first")
    if pm.get_plugin(__name__) is None:
        pm.register(sys.modules[__name__], name=__name__)
    ds = Datasette(immutables=[str(db_path)], metadata=metadata(),
                   settings={"truncate_cells_html": 400, "facet_time_limit_ms": 400})
    database = ds.databases[db_path.stem]
    if db_path.stem != DATABASE:
        ds.remove_database(db_path.stem)
        ds.add_database(database, name=DATABASE)
    return ds


def serve(db_path: Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Bring ``db_path``'s search index up to date, then serve it read-only until interrupted.

    The store writes the index (once, for a database older than it); the server never writes.
    """
    import uvicorn
    from chitieu.pipeline.store import open_db

    open_db(db_path).close()  # the last connection closing folds the WAL into the file immutable mode reads
    ds = datasette_app(db_path)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on")


@hookimpl
def prepare_connection(conn) -> None:
    """SQL functions for the canned queries: fold, fts_query, query_words, excerpt, in_context (see search.py)."""
    conn.create_function("fold", 1, lambda text: None if text is None else fold(str(text)), deterministic=True)
    conn.create_function("fts_query", 1, lambda q: fts_query(q or "") or '""', deterministic=True)
    conn.create_function("query_words", 1, lambda q: query_words(q or ""), deterministic=True)
    conn.create_function("excerpt", 2, excerpt, deterministic=True)
    conn.create_function("in_context", 3, lambda text, start, end: in_context(text, int(start), int(end)),
                         deterministic=True)


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
