"""The ``chitieu`` command. Heavy imports happen inside the commands, so ``--help`` stays instant."""
from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = Path("outputs/chitieu.db")
DEFAULT_CORPUS = PROJECT_ROOT / "corpus"

app = typer.Typer(
    help="Turn Vietnamese official plans into data: targets, budgets, agencies, deadlines, with their sources.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file.", dir_okay=False)]


def _fail(message: str, code: int = 2) -> None:
    from rich.console import Console

    Console(stderr=True, soft_wrap=True).print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


def _existing_db(db: Path):
    if not db.exists():
        _fail(f"{db}: no such database; run [bold]chitieu ingest[/] first")
    from chitieu.pipeline.store import open_db

    return open_db(db)


@app.command()
def ingest(
    paths: Annotated[Optional[list[Path]], typer.Argument(
        help="Files or folders to ingest (folders are read recursively): text or Markdown, PDF with a text "
             "layer, scanned PDF (OCR with Tesseract), Word .docx; the reader is chosen by the file's bytes. "
             "Default: the bundled corpus.", show_default=False)] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Read documents, extract their items and store them in the database.

    The same bytes ingested again replace their earlier rows. A file that cannot be
    read is reported with its reason and the others go on; the exit code is 1 when
    any failed.
    """
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from chitieu.pipeline.ingest import document_files, ingest_paths

    console = Console(stderr=True, soft_wrap=True)  # a path is never cut in two
    paths = paths or [DEFAULT_CORPUS]
    try:
        files = document_files(paths)
    except FileNotFoundError as exc:
        _fail(str(exc))
    if not files:
        _fail(f"no files under {', '.join(map(str, paths))}")
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, disable=not console.is_terminal) as progress:
        task = progress.add_task("ingesting", total=len(files))
        report = ingest_paths(files, db, on_file=lambda p: progress.update(task, advance=1, description=p.name))
    for path, reason in report.failed:
        console.print(f"[red]failed[/] {escape(path)}: {escape(reason)}")
    console.print(
        f"{len(report.ingested)} ingested, {len(report.failed)} failed, "
        f"{report.chars:,} characters in {report.seconds:.2f} s -> {db}"
    )
    if report.failed:
        raise typer.Exit(1)


@app.command()
def batch(
    folder: Annotated[Path, typer.Argument(help="Folder of plans (any format; read recursively).",
                                           exists=True, file_okay=False)],
    db: DbOption = DEFAULT_DB,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Documents read and extracted at once "
                       "(threads; ignored with --dask-address).")] = os.cpu_count() or 1,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds allowed per document; a slower "
                       "one is recorded as failed and the run goes on.")] = 300.0,
    dask_address: Annotated[Optional[str], typer.Option("--dask-address", help="Run the document tasks on this "
                            "Dask scheduler (tcp://host:8786); the database is written here.")] = None,
    reextract: Annotated[bool, typer.Option("--reextract", help="Read and extract every document again, even "
                         "those already stored by this extractor version.")] = False,
) -> None:
    """Ingest a folder with the Prefect flow [bold]ingest-folder[/]: only new or changed documents.

    A document whose bytes are already stored by the current extractor version is
    skipped; each other one is its own task, so a broken or slow file is recorded in
    the [bold]failures[/] table and the others go on. Killing the run loses at most
    the documents in flight: run it again to finish. Prefect keeps its state in
    outputs/prefect unless PREFECT_HOME or PREFECT_API_URL says otherwise. The exit
    code is 1 when any document failed.
    """
    from rich.console import Console

    console = Console(stderr=True)
    os.environ.setdefault("PREFECT_HOME", str(PROJECT_ROOT / "outputs" / "prefect"))
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")  # the summary below says what failed
    from chitieu.flows.batch import run_batch

    report = run_batch(folder, db, workers=workers, time_limit=timeout, dask_address=dask_address,
                       reextract=reextract, progress=console.is_terminal)
    for path, reason in report.failed:
        console.print(f"[red]failed[/] {path}: {reason}")
    console.print(
        f"{len(report.new)} new, {report.skipped} skipped, {len(report.failed)} failed, "
        f"{report.ocr_pages} pages OCR'd in {report.seconds:.2f} s -> {db}"
    )
    if report.failed:
        raise typer.Exit(1)


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


@app.command()
def export(
    db: DbOption = DEFAULT_DB,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="jsonl: the contract's shape, one "
                      "document per line. csv: one file per item kind, in a folder or a .zip.")] = ExportFormat.jsonl,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Output file (jsonl, zip) or folder "
                      "(csv). Default: standard output for jsonl.")] = None,
) -> None:
    """Export every document with its items."""
    from chitieu.pipeline.export import export_csv, export_jsonl

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
            _fail("csv export needs -o FOLDER or -o FILE.zip")
        count = export_csv(database, output)
    typer.echo(f"{count} documents -> {output}", err=True)


@app.command()
def show(
    doc: Annotated[str, typer.Argument(help="Document id, source file name, or the start of its sha256.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Show a document's metadata, section tree and items, each with its source sentence."""
    from chitieu.pipeline.show import find_document, render_document

    database = _existing_db(db)
    row = find_document(database, doc)
    if row is None:
        _fail(f"no document {doc!r} in {db}; `chitieu export` lists what is there")
    render_document(database, row)


if __name__ == "__main__":
    app()
