"""Ingest speed: documents and characters per second, and the CLI's start-up time, from one run.

    python bench/ingest.py [FOLDER] [--passes N]

Each pass ingests every document of FOLDER (default: the bundled corpus) into a
fresh temporary database (read, segment, extract, store). Imports are warmed up
on the first document before the clock starts, so the figures are the steady
rate a batch of hundreds of plans sees.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from chitieu.extractors.extraction import extract
from chitieu.pipeline.ingest import document_files, ingest_paths
from chitieu.pipeline.readers import read_document

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "corpus")
    parser.add_argument("--passes", type=int, default=5, help="times the folder is ingested (default 5)")
    args = parser.parse_args()

    files = document_files([args.folder])
    tmp = Path(tempfile.mkdtemp())
    try:
        ingest_paths(files[:1], tmp / "warm-up.db")  # lazy imports (sqlite-utils pulls pandas), compiled patterns
        docs = chars = 0
        extract_seconds = 0.0
        started = time.perf_counter()
        for n in range(args.passes):
            report = ingest_paths(files, tmp / f"bench{n}.db")
            docs += len(report.paths("stored"))
            chars += report.chars
        seconds = time.perf_counter() - started
        for path in files:
            doc = read_document(path)
            t = time.perf_counter()
            extract(doc)
            extract_seconds += time.perf_counter() - t
    finally:
        shutil.rmtree(tmp)

    cli = shutil.which("chitieu") or str(Path(sys.executable).parent / "chitieu")
    t = time.perf_counter()
    subprocess.run([cli, "--help"], check=True, capture_output=True)
    help_seconds = time.perf_counter() - t

    corpus_chars = chars // max(args.passes, 1)
    print(f"corpus: {len(files)} files, {corpus_chars:,} characters, {args.passes} passes")
    print(f"ingest (read+extract+store): {docs / seconds:.1f} documents/s, {chars / seconds:,.0f} characters/s")
    print(f"extract only: {corpus_chars / extract_seconds:,.0f} characters/s")
    print(f"chitieu --help: {help_seconds:.2f} s")


if __name__ == "__main__":
    main()
