"""Serve ``ingest-folder`` on a schedule over one folder, for those who run a Prefect server.

    PREFECT_API_URL=http://prefect-host:4200/api \\
    python -m chitieu.flows.deploy /data/plans --db /data/chitieu.db --cron "0 2 * * *"

This registers the deployment ``ingest-folder/scheduled`` with the server and runs
its scheduled (and manually triggered) runs in this process until it is stopped
(Ctrl-C). Each run is incremental, so a nightly schedule only reads new or changed
plans. Add ``--dask-address tcp://scheduler:8786`` to run the document tasks on a
Dask cluster.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from chitieu.flows.batch import DEFAULT_TIME_LIMIT, ingest_folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="the folder operators drop plans into")
    parser.add_argument("--db", type=Path, default=Path("outputs/chitieu.db"), help="SQLite database file")
    parser.add_argument("--cron", default="0 2 * * *", help="when to run (cron; default: every night at 02:00)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIME_LIMIT, help="seconds allowed per document")
    parser.add_argument("--dask-address", help="run the document tasks on this Dask scheduler")
    args = parser.parse_args()
    if not args.folder.is_dir():
        parser.error(f"{args.folder}: no such folder")

    flow = ingest_folder
    if args.dask_address:
        from prefect_dask import DaskTaskRunner

        flow = ingest_folder.with_options(task_runner=DaskTaskRunner(address=args.dask_address))
    flow.serve(
        name="scheduled",
        cron=args.cron,
        parameters={"folder": str(args.folder.resolve()), "db": str(args.db.resolve()), "time_limit": args.timeout},
        description=f"Ingest new plans from {args.folder} into {args.db}.",
    )


if __name__ == "__main__":
    main()
