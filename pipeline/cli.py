"""The ``chitieu`` command. Heavy imports happen inside the commands, so ``--help`` stays instant."""
from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from chitieu.pipeline.settings import BUNDLED_CORPUS, DEFAULT_DB, DEFAULT_TIME_LIMIT

app = typer.Typer(
    help="Turn Vietnamese official plans into data: targets, budgets, agencies, deadlines, with their sources.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file.")]  # checked by the store, in one line


def fail(message: str, code: int = 2) -> None:
    """Print ``message`` as one error line (as written: paths and names are not Rich markup) and exit."""
    from rich.console import Console
    from rich.markup import escape

    Console(stderr=True, soft_wrap=True).print(f"[bold red]error:[/] {escape(message)}")
    raise typer.Exit(code)


def summarise(console, summary, db: Path) -> None:
    """Name each file that failed in this run with its stage and reason, then the counts; exit 1 when any failed.

    ``summary`` is a ``chitieu.pipeline.ingest.RunSummary``, the same for ``ingest`` and ``batch``.
    """
    from chitieu.pipeline.walk import printable
    from rich.markup import escape

    for outcome in sorted(summary.outcomes, key=lambda o: o.path):
        if outcome.status == "failed":
            path = escape(printable(outcome.path))
            console.print(f"[red]failed[/] ({outcome.stage}) {path}: {escape(outcome.reason)}")
    known = " (`chitieu failures` lists them; --retry-failed tries them again)" if summary.paths("known failure") else ""
    console.print(escape(f"{summary.line()}{known}; {summary.chars:,} characters in {summary.seconds:.2f} s -> {db}"))
    if summary.failed:
        raise typer.Exit(1)


ReextractOption = Annotated[bool, typer.Option("--reextract", help="Read and extract every document again, even "
                            "those already stored by this extractor version (and known failures).")]
RetryFailedOption = Annotated[bool, typer.Option("--retry-failed", help="Try again the files whose same bytes "
                              "already failed with this extractor version (otherwise skipped as known failures).")]
FollowLinksOption = Annotated[bool, typer.Option("--follow-links", help="Follow symbolic links that lead out of "
                              "the folder (by default they are skipped and named).")]
WorkersOption = Annotated[int, typer.Option("--workers", min=1, help="Documents read and extracted at once, each in "
                          "a worker process of its own (default: one per core).", show_default=False)]
TimeoutOption = Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds allowed per document; a slower "
                          "one's worker process is killed, the document recorded as failed (stage timeout) and the "
                          "run goes on.")]


def _existing_db(db: Path):
    """The database opened read-only for a read command; exit 2 with one line when it cannot be (no traceback)."""
    from chitieu.pipeline.store import UnusableDatabase, open_read

    try:
        return open_read(db)
    except UnusableDatabase as exc:
        fail(str(exc))


def _existing_db_to_write(db: Path):
    """An existing database opened to write (``chitieu correct``); exit 2 with one line when it cannot be."""
    from chitieu.pipeline.store import UnusableDatabase, open_db

    if not db.exists():
        fail(f"{db}: no such database; run `chitieu ingest` first")
    try:
        return open_db(db)
    except UnusableDatabase as exc:
        fail(str(exc))


def writable_db_or_exit(db: Path) -> None:
    """Exit 2 with one line when ``db`` cannot be written by an ingest (before any file is read)."""
    from chitieu.pipeline.store import UnusableDatabase, open_db

    try:
        open_db(db).close()
    except UnusableDatabase as exc:
        fail(str(exc))


@app.command()
def ingest(
    paths: Annotated[Optional[list[Path]], typer.Argument(
        help="Files or folders to ingest (folders are read recursively): text or Markdown, PDF with a text "
             "layer, scanned PDF (OCR with Tesseract), Word .docx; the reader is chosen by the file's bytes. "
             "Default: the bundled corpus.", show_default=False)] = None,
    db: DbOption = DEFAULT_DB,
    workers: WorkersOption = os.cpu_count() or 1,
    timeout: TimeoutOption = DEFAULT_TIME_LIMIT,
    reextract: ReextractOption = False,
    retry_failed: RetryFailedOption = False,
    follow_links: FollowLinksOption = False,
) -> None:
    """Read documents, extract their items and store them in the database, here, without Prefect.

    Incremental: a file whose bytes are already stored by this extractor version is
    skipped, and one whose bytes already failed with it is a known failure (skipped,
    counted, listed by [bold]chitieu failures[/]). --workers documents are read and
    extracted at once, each in a worker process killed past --timeout (recorded with
    stage [bold]timeout[/]); this process alone writes the database, one transaction
    per document. A file that cannot be read is reported with its stage and reason
    and the others go on; the exit code is 1 when any failed in this run.
    [bold]chitieu batch[/] does the same through the Prefect flow.
    """
    from chitieu.pipeline.ingest import ingest_paths, progress_bar
    from rich.console import Console

    console = Console(stderr=True, soft_wrap=True)  # a path is never cut in two
    files = document_files_or_exit(paths or [BUNDLED_CORPUS], follow_links)
    writable_db_or_exit(db)
    with progress_bar(len(files), console.is_terminal) as on_outcome:
        summary = ingest_paths(files, db, on_outcome=on_outcome, reextract=reextract, retry_failed=retry_failed,
                               workers=workers, time_limit=timeout)
    summarise(console, summary, db)


def document_files_or_exit(paths: list[Path], follow_links: bool = False) -> list[Path]:
    """The document files under ``paths``, each path skipped named with its reason on standard error;
    exit 2 naming a missing path, or when there is no file at all."""
    from chitieu.pipeline.walk import document_files, printable
    from rich.console import Console

    console = Console(stderr=True, soft_wrap=True)
    try:
        files = document_files(paths, follow_links, on_skip=lambda path, why: console.print(
            f"skipped {printable(str(path))}: {why}", style="yellow", markup=False, highlight=False))
    except FileNotFoundError as exc:
        fail(str(exc))
    if not files:
        fail(f"no files under {', '.join(printable(str(p)) for p in paths)}")
    return files


@app.command()
def failures(db: DbOption = DEFAULT_DB) -> None:
    """List the files that failed (newest first): path, stage (read, extract, store, timeout), reason, extractor
    version. A rerun skips them as known failures until their bytes or the extractor change, or --retry-failed."""
    from chitieu.pipeline.store import list_failures
    from chitieu.pipeline.tables import print_table

    rows = list_failures(_existing_db(db))
    if not rows:
        typer.echo(f"no failures in {db}", err=True)
        return
    print_table([{k: row[k] for k in ("path", "stage", "message", "extractor_version", "time")} for row in rows],
                title=f"Failures in {db}", wrap=("path", "message"))


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"
    parquet = "parquet"


@app.command()
def export(
    db: DbOption = DEFAULT_DB,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="jsonl: the contract's shape, one "
                      "document per line. csv: one file per item kind, in a folder or a .zip. xlsx: one sheet per item kind. "
                      "parquet: one file per item kind, in a folder.")] = ExportFormat.jsonl,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Output file (jsonl, zip, xlsx) or folder "
                      "(csv, parquet). Default: standard output for jsonl.")] = None,
) -> None:
    """Export every document with its items."""
    from chitieu.pipeline.export import (
        export_csv,
        export_jsonl,
        export_parquet,
        export_xlsx,
    )

    database = _existing_db(db)
    if format is ExportFormat.jsonl:
        if output is None:
            export_jsonl(database, sys.stdout)
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".partial")
        with partial.open("w", encoding="utf-8") as out:
            count = export_jsonl(database, out)
        os.replace(partial, output)  # never leave a half-written export under the real name
    else:
        if output is None:
            where = {ExportFormat.csv: "FOLDER or -o FILE.zip", ExportFormat.xlsx: "FILE.xlsx", ExportFormat.parquet: "FOLDER"}
            fail(f"{format.value} export needs -o {where[format]}")
        write = {ExportFormat.csv: export_csv, ExportFormat.xlsx: export_xlsx, ExportFormat.parquet: export_parquet}
        count = write[format](database, output)
    typer.echo(f"{count} documents -> {output}", err=True)


@app.command()
def show(
    doc: Annotated[str, typer.Argument(help="Document id, source file name, or the start of its sha256.")],
    db: DbOption = DEFAULT_DB,
    html: Annotated[bool, typer.Option("--html", help="Write the document's page instead: its whole text with "
                    "every item highlighted by kind, corrected ones marked, and the items beside it.")] = False,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="The page's file (with --html).",
                      dir_okay=False)] = None,
) -> None:
    """Show a document's metadata, section tree and items (with their certainty and corrections), each with its
    source sentence; or, with --html -o FILE, write its page."""
    from chitieu.pipeline.show import find_document, render_document

    if html != (output is not None):
        fail("--html and -o FILE.html go together")
    database = _existing_db(db)
    row = find_document(database, doc)
    if row is None:
        fail(f"no document {doc!r} in {db}; `chitieu export` lists what is there")
    if not html:
        render_document(database, row)
        return
    from chitieu.pipeline.page import document_page

    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(document_page(database, row), encoding="utf-8")
    typer.echo(f"{row['source']} -> {output}", err=True)


class Kind(str, Enum):
    target = "target"
    budget = "budget"
    agency = "agency"
    deadline = "deadline"
    metadata = "metadata"


@app.command()
def correct(
    doc: Annotated[str, typer.Argument(help="Document id, source file name, or the start of its sha256.")],
    kind: Annotated[Kind, typer.Argument(help="What to correct.")],
    quote: Annotated[str, typer.Option("--quote", "-q", help="Text of the document: selects the items whose span "
                     "overlaps its first occurrence (case, diacritics and line breaks do not matter).")],
    by: Annotated[str, typer.Option("--by", help="Who corrects (a name or initials).")],
    why: Annotated[str, typer.Option("--why", help="Why: what the document says.")],
    where: Annotated[Optional[list[str]], typer.Option("--where", "-w", help="field=value narrowing the "
                     "selection (repeat).")] = None,
    set_: Annotated[Optional[list[str]], typer.Option("--set", "-s", help="field=value to write (repeat); "
                    "null empties a field.")] = None,
    delete: Annotated[bool, typer.Option("--delete", help="The selected item is spurious: remove it.")] = False,
    add: Annotated[Optional[list[str]], typer.Option("--add", help="field=value of an item the extractor missed "
                   "(repeat), placed at --quote.")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Correct one item (or the metadata) of a document: set fields, delete it, or add a missing one.

    The correction is stored with who, when and why, anchored by the quote, and
    outlives re-ingesting and new extractor versions; one whose quote disappears is
    kept as orphaned ([bold]chitieu corrections[/] lists them). More than one
    selected item is an error listing them: narrow with --where.
    """
    from chitieu.pipeline.corrections import CorrectionError, parse_assignments
    from chitieu.pipeline.corrections import correct as record_correction
    from chitieu.pipeline.show import find_document

    if set_ and add:
        fail("give one of: --set field=value..., --delete, --add field=value...")
    database = _existing_db_to_write(db)
    row = find_document(database, doc)
    if row is None:
        fail(f"no document {doc!r} in {db}; `chitieu export` lists what is there")
    try:
        stored = record_correction(
            database, row, kind.value, quote, by=by, why=why, match=parse_assignments(where or [], kind.value),
            new=parse_assignments(add or set_ or [], kind.value), delete=delete, add=add is not None)
    except CorrectionError as exc:
        fail(str(exc))
    typer.echo(f"correction {stored['id']} ({stored['action']} {kind.value}) {stored['status']} in {row['source']}",
               err=True)


class ListFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def _list_rows(rows: list[dict], format: ListFormat, title: str, columns: tuple[str, ...], wrap: tuple[str, ...]) -> None:
    """Rows to stdout as JSON or CSV (every column), or as a terminal table of ``columns``."""
    if format is ListFormat.json:
        import json

        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif format is ListFormat.csv:
        _write_rows(rows, TableFormat.csv, None, title)
    else:
        _write_rows(rows, TableFormat.table, None, title, [{k: r[k] for k in columns} for r in rows], wrap=wrap)


@app.command()
def corrections(
    db: DbOption = DEFAULT_DB,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="table (terminal), csv or json (stdout).")]
    = ListFormat.table,
) -> None:
    """List every correction: document, kind, action, quote, change, who, when, why, and whether it still
    applies (orphaned: its quote is gone, or it no longer singles out one item)."""
    from chitieu.pipeline.corrections import list_corrections

    rows = [{k: c[k] for k in ("id", "source", "kind", "action", "quote", "match", "new", "by", "why", "at",
                               "status", "note")} for c in list_corrections(_existing_db(db))]
    if not rows and format is ListFormat.table:
        typer.echo(f"no corrections in {db}", err=True)
        return
    _list_rows(rows, format, "Corrections", ("id", "source", "kind", "action", "quote", "new", "by", "why", "status"),
               wrap=("quote", "why"))


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold files (*.json, the contract's shape).",
                                       file_okay=False)],
    db: DbOption = DEFAULT_DB,
    details: Annotated[bool, typer.Option("--details", help="List each document's missed, spurious and wrong "
                       "items.")] = False,
    machine_only: Annotated[bool, typer.Option("--machine-only", help="Score the extractor alone, without the "
                            "corrections people made.")] = False,
) -> None:
    """Score the database against your own gold files: precision, recall and F1 per item kind and the metadata
    accuracy, defined as the project's scorer (shared/eval/score.py) defines them. Corrections count as
    predictions unless --machine-only."""
    from chitieu.pipeline.evaluate import GoldError
    from chitieu.pipeline.evaluate import evaluate as run_evaluation

    try:
        result = run_evaluation(_existing_db(db), gold, machine_only)
    except GoldError as exc:
        fail(str(exc))
    typer.echo("\n".join(result.lines(details)))


@app.command()
def review(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many items.")] = 30,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="table (terminal), csv or json (stdout).")]
    = ListFormat.table,
) -> None:
    """The items most worth a person's minute, riskiest first: lowest certainty (read from a table or an OCR page,
    year taken from the plan's period, comparator not written, name outside the gazetteer, budget that does not add
    up), orphaned corrections before all. Each with its document, section, quote, reasons and its place in the
    document's page (documents/ID.html#anchor in [bold]chitieu report[/]'s folder). Also in [bold]chitieu serve[/]
    as the query "review"."""
    from chitieu.pipeline.review import review_rows

    rows = review_rows(_existing_db(db), limit)
    if not rows and format is ListFormat.table:
        typer.echo(f"nothing to review in {db}", err=True)
        return
    _list_rows(rows, format, "Review queue", ("certainty", "reasons", "source", "kind", "item", "section", "quote",
                                               "page"), wrap=("reasons", "item", "quote"))


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    xlsx = "xlsx"


def _write_rows(rows: list[dict], format: TableFormat, output: Optional[Path], title: str,
                terminal_rows: Optional[list[dict]] = None, wrap: tuple[str, ...] = ()) -> None:
    """Rows to the terminal (``terminal_rows``, a narrower view, when given), a CSV file or stdout, or an XLSX file."""
    from chitieu.pipeline.tables import print_table, write_csv, write_workbook

    if format is TableFormat.xlsx:
        if output is None:
            fail("xlsx needs -o FILE.xlsx")
        write_workbook(output, {title: rows})
    elif format is TableFormat.csv and output is None:
        write_csv(rows, sys.stdout)
    elif format is TableFormat.csv:
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("w", encoding="utf-8", newline="") as out:
            write_csv(rows, out)
    else:
        print_table(terminal_rows if terminal_rows is not None else rows, title=title, wrap=wrap)
    if output is not None:
        typer.echo(f"{len(rows)} rows -> {output}", err=True)


@app.command()
def compare(
    indicator: Annotated[str, typer.Option("--indicator", "-i", help="QĐ 23/QĐ-TTg indicator code, e.g. 1, 4.2, 11.1.")],
    year: Annotated[Optional[int], typer.Option("--year", "-y", help="Only targets for this year.")] = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="table (terminal), csv or xlsx.")] = TableFormat.table,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Output file (csv: default stdout).")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Compare one national indicator across plans: each plan's value, the national value, the source quote."""
    from chitieu.pipeline.compare import compare_indicator, comparison_table

    database = _existing_db(db)
    try:
        rows = compare_indicator(database, indicator, year)
    except ValueError as exc:
        fail(str(exc))
    if not rows:
        typer.echo(f"no plan in {db} states indicator {indicator}" + (f" for {year}" if year else ""), err=True)
        return
    _write_rows(rows, format, output, f"Indicator {indicator}", comparison_table(rows), wrap=("quote",))


@app.command()
def align(
    doc: Annotated[Optional[str], typer.Argument(help="Plan to align: id, source name or sha256 prefix.",
                                                 show_default=False)] = None,
    province: Annotated[Optional[str], typer.Option("--province", "-p", help="Every plan of this province "
                        "(a 2025 province name also takes the provinces merged into it).")] = None,
    all_plans: Annotated[bool, typer.Option("--all", help="Every plan that carries out the reference.")] = False,
    against: Annotated[str, typer.Option("--against", help="qd23 (QĐ 23/QĐ-TTg's indicators) or a higher-level "
                       "document in the database (id, source name or sha256 prefix).")] = "qd23",
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="table (terminal), csv or xlsx.")] = TableFormat.table,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Output file (csv: default stdout).")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Align plans with QĐ 23/QĐ-TTg (or a document they carry out): per indicator and year, whether each plan
    keeps the value (same), is stricter or looser, states another metric, or leaves it out; plus its extra targets."""
    from chitieu.pipeline.align import (
        align_plan,
        alignment_rows,
        document_label,
        document_reference,
        national_reference,
        plans_to_align,
        print_alignment,
    )
    from chitieu.pipeline.show import find_document
    from rich.console import Console

    if sum([doc is not None, province is not None, all_plans]) != 1:
        fail("name one of: a DOC, --province NAME, --all")
    database = _existing_db(db)
    if against == "qd23":
        reference = national_reference()
    else:
        higher = find_document(database, against)
        if higher is None:
            fail(f"no document {against!r} in {db} to align against; use qd23 or a document `chitieu export` lists")
        reference = document_reference(database, higher)
    document = None
    if doc is not None:
        document = find_document(database, doc)
        if document is None:
            fail(f"no document {doc!r} in {db}; `chitieu export` lists what is there")
    plans, skipped = plans_to_align(database, reference, document, province)
    console = Console(stderr=format is not TableFormat.table)
    for s in skipped:
        console.print(f"not aligned against {reference.label}: {document_label(s.document)}: {s.reason}",
                      style="yellow", markup=False, soft_wrap=True)
    if not plans:
        fail(f"no plan to align against {reference.label}", code=1)
    aligned = [align_plan(database, plan, reference) for plan in plans]
    if format is TableFormat.table:
        for plan in aligned:
            print_alignment(plan, console)
    else:
        _write_rows(alignment_rows(aligned), format, output, "Alignment")


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on; 0.0.0.0 opens it to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8001,
) -> None:
    """Browse, search and query the database in a web browser (Datasette, read-only).

    Ready-made queries: one national indicator across plans, a plan's alignment matrix,
    deadlines in a quarter, budgets with their checks, plans carrying out a decision, search.
    """
    from chitieu.pipeline.serve import serve as serve_datasette

    _existing_db(db).close()
    typer.echo(f"serving {db} read-only on http://{host}:{port}/chitieu (Ctrl+C stops)", err=True)
    serve_datasette(db, host, port)


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", help="Folder for index.html and chitieu-report.xlsx.",
                                      file_okay=False)] = Path("outputs/report"),
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write a self-contained HTML report (alignment matrix, a chart per indicator, budgets and their checks;
    works offline) and an Excel workbook with the same tables."""
    from chitieu.pipeline.report import build_report

    html, xlsx = build_report(_existing_db(db), out)
    typer.echo(f"{html}\n{xlsx}", err=True)


if __name__ == "__main__":
    app()
