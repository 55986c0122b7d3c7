"""Batch speed, from one run: ``chitieu batch`` first run, unchanged rerun, rerun with new files, the flow's fixed cost.

    python bench/batch.py [FOLDER] [--copies N] [--new K] [--workers N]

Copies every plan of FOLDER (default: the bundled corpus) N times (default 20:
100 documents from the 5 bundled plans), each copy with a line added so that it
is a document of its own, into a temporary folder, and times the whole command
(``python -m chitieu.flows.cli batch``, as a user runs it, Prefect's temporary
server included) into a fresh database with Prefect's state in a temporary
PREFECT_HOME:

1. the first run (every document new);
2. the rerun of the unchanged folder (answered without starting Prefect);
3. the rerun after K new files were added (default 1): Prefect, server, workers;

then the flow's fixed cost, in this process: importing Prefect, starting the
temporary server, a flow run with no document to read, starting one worker process.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_plans(folder: Path, into: Path, copies: range) -> None:
    """Copy each plan of ``folder`` into ``into`` once per number in ``copies``, with a line that makes it new."""
    from chitieu.pipeline.ingest import document_files

    into.mkdir(exist_ok=True)
    for n in copies:
        for path in document_files([folder]):
            (into / f"{n}_{path.name}").write_bytes(path.read_bytes() + f"\n\nBản sao {n}.\n".encode())


def timed_batch(plans: Path, db: Path, workers: int) -> tuple[float, str]:
    """Seconds the ``chitieu batch`` command took, and the summary line it printed."""
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "chitieu.flows.cli", "batch", str(plans), "--db", str(db),
                          "--workers", str(workers)], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    lines = run.stderr.strip().splitlines()
    if run.returncode != 0:
        sys.exit(f"chitieu batch failed (exit code {run.returncode}):\n{run.stderr}")
    return seconds, lines[-1].split(";")[0] if lines else ""


def stopwatch() -> Callable[[], float]:
    """A function that returns the seconds since the last call (or since this one)."""
    last = [time.perf_counter()]

    def lap() -> float:
        now = time.perf_counter()
        seconds, last[0] = now - last[0], now
        return seconds

    return lap


def fixed_cost(plans: Path, db: Path) -> dict[str, float]:
    """Seconds of each part of a flow run that does not depend on the documents (all of ``plans`` known in ``db``)."""
    lap = stopwatch()
    from chitieu.flows.batch import run_batch  # imports Prefect
    from chitieu.flows.server import temporary_server

    costs = {"import Prefect": lap()}
    with temporary_server():
        costs["start the temporary server"] = lap()
        run_batch(plans, db)
        costs["a flow run with nothing to read"] = lap()
    lap()
    from chitieu.pipeline.workers import Worker

    Worker().kill()
    costs["start one worker process (models loaded)"] = lap()
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "corpus", help="plans to copy")
    parser.add_argument("--copies", type=int, default=20, help="copies of each plan (default 20)")
    parser.add_argument("--new", type=int, default=1, help="copies added before the third run (default 1)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="documents at once")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp())
    os.environ.update(PREFECT_HOME=str(tmp / "prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
                      PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL="WARNING")
    os.environ.pop("PREFECT_API_URL", None)
    try:
        plans, db = tmp / "plans", tmp / "bench.db"
        copy_plans(args.folder, plans, range(args.copies))
        total = sum(1 for _ in plans.iterdir())
        runs = [("first run", *timed_batch(plans, db, args.workers)),
                ("unchanged rerun", *timed_batch(plans, db, args.workers))]
        copy_plans(args.folder, plans, range(args.copies, args.copies + args.new))
        runs.append((f"rerun, {sum(1 for _ in plans.iterdir()) - total} new files", *timed_batch(plans, db, args.workers)))
        costs = fixed_cost(plans, db)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"folder: {total} documents ({args.copies} copies of {args.folder}), {args.workers} workers")
    for name, seconds, summary in runs:
        print(f"{name + ':':<22} {seconds:6.2f} s  ({summary})")
    print("fixed cost of a flow run:")
    for name, seconds in costs.items():
        print(f"  {name + ':':<44} {seconds:6.2f} s")
    print(f"  {'total:':<44} {sum(costs.values()):6.2f} s")


if __name__ == "__main__":
    main()
