"""Batch speed: documents/s of a first ``ingest-folder`` run and of a second (incremental) one, from one run.

    python bench/batch.py [FOLDER] [--copies N] [--workers N]

Copies every plan of FOLDER (default: the bundled corpus) N times (default 10),
each copy with a line added so that it is a document of its own, into a temporary
folder; runs the flow on it twice into a fresh database, with Prefect's state in a
temporary PREFECT_HOME (the temporary server's start-up is not counted).
"""
from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "corpus")
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp())
    os.environ.update(PREFECT_HOME=str(tmp / "prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
                      PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="120",
                      PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL="WARNING")
    from chitieu.flows.batch import run_batch
    from chitieu.pipeline.ingest import document_files

    try:
        plans = tmp / "plans"
        plans.mkdir()
        for n in range(args.copies):
            for path in document_files([args.folder]):
                (plans / f"{n}_{path.name}").write_bytes(path.read_bytes() + f"\n\nBản sao {n}.\n".encode())
        run_batch(args.folder, tmp / "warm-up.db", workers=args.workers)  # starts the server, loads the models
        first = run_batch(plans, tmp / "bench.db", workers=args.workers)
        second = run_batch(plans, tmp / "bench.db", workers=args.workers)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    total = len(first.new) + first.skipped + len(first.failed)
    print(f"folder: {total} documents ({args.copies} copies of {args.folder}), {args.workers} workers")
    print(f"first run:  {len(first.new)} new in {first.seconds:.2f} s = {total / first.seconds:.1f} documents/s")
    print(f"second run: {second.skipped} skipped in {second.seconds:.2f} s = {total / second.seconds:.1f} documents/s")


if __name__ == "__main__":
    main()
