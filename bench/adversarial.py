"""Hostile shapes of text: seconds per MB of each extraction stage at 1, 2, 4 and 8 MB.

    python bench/adversarial.py [--sizes 1 2 4 8] [--shapes spaces values lines long_line] [--limit 120]

Each shape is a file that a fair but hostile tester could hand the pipeline:

- ``spaces``: words between runs of thousands of spaces (one line);
- ``gaps``: lines that end in 60,000 spaces (issue 15's "line of 60,000 spaces": a gap no word follows);
- ``values``: one sentence of thousands of values (``5% 5% 5% …``);
- ``lines``: hundreds of thousands of one-letter lines;
- ``long_line``: a plan's sentences with every line break removed.

Every (shape, size) runs in a child process killed after ``--limit`` seconds
(a regex holds the GIL, so nothing inside the process could stop it). The table
gives seconds per MB for reading and for each extractor; linear code keeps the
figure flat from 1 to 8 MB, so the last column, the ratio of the 8 MB figure to
the 1 MB one, is near 1. A stage over the limit shows ``>limit``.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

MB = 1_000_000
SENTENCE = ("Sở Y tế chủ trì, phối hợp với Ủy ban nhân dân các huyện thực hiện chỉ tiêu 3, phấn đấu đến năm 2025 "
            "tỷ lệ trẻ em dưới 5 tuổi được tiêm chủng đầy đủ đạt trên 95%, hoàn thành trong quý II năm 2025 với "
            "kinh phí 1.200.000.000 đồng. ")
SHAPES = {
    "spaces": lambda size: "KẾ HOẠCH\n" + ("Đạt" + " " * 60_000 + "90% ") * (size // 60_004 + 1),
    "gaps": lambda size: ("Số: 12/KH-UBND" + " " * 60_000 + "\n") * (size // 60_015 + 1),
    "values": lambda size: "I. MỤC TIÊU\nTỷ lệ đạt " + "5% " * (size // 3) + ".\n",
    "lines": lambda size: "a\n" * (size // 2),
    "long_line": lambda size: "KẾ HOẠCH " + SENTENCE * (size // len(SENTENCE.encode()) + 1),
}

# Run in the child: read the file, then each extractor on its own, timing each stage.
CHILD = r"""
import json, sys, time
from pathlib import Path
from chitieu.pipeline.readers import read_document
from chitieu.extractors.metadata import extract_metadata
from chitieu.extractors.agencies import extract_agencies
from chitieu.extractors.targets import extract_targets
from chitieu.extractors.budgets import extract_budgets
from chitieu.extractors.budget_tables import check_budget_tables, read_budget_tables
from chitieu.extractors.deadlines import extract_deadlines

def timed(name, call):
    started = time.perf_counter()
    result = call()
    print(json.dumps({"stage": name, "seconds": time.perf_counter() - started}), flush=True)
    return result

doc = timed("read", lambda: read_document(Path(sys.argv[1])))
timed("sections", lambda: doc.sections)
timed("tables", lambda: (doc.tables, doc.cell_line_tables))
meta = timed("metadata", lambda: extract_metadata(doc))
agencies = timed("agencies", lambda: extract_agencies(doc))
timed("targets", lambda: extract_targets(doc, meta.period_end))
timed("budgets", lambda: (tables := read_budget_tables(doc), extract_budgets(doc, (meta.period_start, meta.period_end),
                           meta.level, tables), check_budget_tables(doc, tables)))
timed("deadlines", lambda: extract_deadlines(doc, None, agencies))
"""
STAGES = ["read", "sections", "tables", "metadata", "agencies", "targets", "budgets", "deadlines"]


def run(path: Path, limit: float) -> dict[str, float | None]:
    """Seconds per stage; None for the stage the limit stopped and those after it."""
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True,
                              timeout=limit, check=True).stdout
    except subprocess.TimeoutExpired as stopped:
        done = stopped.stdout.decode() if isinstance(stopped.stdout, bytes) else (stopped.stdout or "")
    except subprocess.CalledProcessError as failed:
        sys.exit(f"{path.name}: the child failed:\n{failed.stderr[-2000:]}")
    seconds: dict[str, float | None] = dict.fromkeys(STAGES)
    for line in done.splitlines():
        row = json.loads(line)
        seconds[row["stage"]] = row["seconds"]
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 4, 8], help="file sizes in MB")
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=list(SHAPES))
    parser.add_argument("--limit", type=float, default=120.0, help="seconds allowed per (shape, size)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shapes:
            per_mb: dict[int, dict[str, float | None]] = {}
            for size in args.sizes:
                path = Path(tmp) / f"{shape}_{size}.txt"
                path.write_text(SHAPES[shape](size * MB), encoding="utf-8")
                real = path.stat().st_size / MB
                per_mb[size] = {k: (v / real if v is not None else None) for k, v in run(path, args.limit).items()}
            print(f"\n{shape}: seconds per MB")
            print(f"{'stage':<10}" + "".join(f"{s:>8} MB" for s in args.sizes) + f"{'ratio':>8}")
            for stage in STAGES + ["total"]:
                values = [per_mb[s].get(stage) if stage != "total" else (
                    sum(v for v in per_mb[s].values() if v is not None)
                    if all(v is not None for v in per_mb[s].values()) else None) for s in args.sizes]
                cells = "".join(f"{v:>11.3f}" if v is not None else f"{'>limit':>11}" for v in values)
                first, last = values[0], values[-1]
                ratio = f"{last / first:>8.2f}" if first and last is not None else f"{'-':>8}"
                print(f"{stage:<10}{cells}{ratio}")


if __name__ == "__main__":
    main()
