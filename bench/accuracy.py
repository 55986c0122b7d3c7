"""Accuracy: each document set ingested, exported and scored against its gold.

    python bench/accuracy.py [--shared ../shared] [--set seeds dev heldout] [--details]

Sets: ``seeds`` and ``dev`` (the shared plans the rules were written on),
``heldout`` and ``heldout2`` (``tests/heldout*``: invented plans annotated
before the pipeline read them; see their ``gold/NOTES.md`` for which rules
were later tuned on them) and ``formats`` (two seeds as PDF, scan, DOCX).

For every set it ingests the corpus into a fresh temporary database, exports
the contract's JSON Lines and runs ``SHARED/eval/score.py`` on it, then prints
one table: a row per scored field, a column per set. ``--details`` also prints
the scorer's list of misses for each set. The figures in ``docs/accuracy.md``
come from this command.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from chitieu.pipeline.export import export_jsonl
from chitieu.pipeline.ingest import ingest_paths
from chitieu.pipeline.store import open_db

ROOT = Path(__file__).resolve().parent.parent

# set name -> (corpus folder, gold folder, scorer flags), relative to shared/ (absolute paths stay)
SETS = {
    "seeds": ("corpus/seeds", "gold", []),
    "dev": ("corpus/dev", "gold/dev", []),
    "heldout": (str(ROOT / "tests/heldout/docs"), str(ROOT / "tests/heldout/gold"), []),
    "heldout2": (str(ROOT / "tests/heldout2/docs"), str(ROOT / "tests/heldout2/gold"), []),
    "formats": ("corpus/formats", "gold", ["--match-stem"]),
}


def score_set(shared: Path, name: str, work: Path, details: bool) -> dict:
    """Ingest, export and score one set; return the scorer's JSON figures."""
    corpus, gold, flags = SETS[name]
    db_path = work / f"{name}.db"
    ingest_paths([shared / corpus], db_path)
    export = work / f"{name}.jsonl"
    with export.open("w", encoding="utf-8") as out:
        export_jsonl(open_db(db_path), out)
    gold_dir = shared / gold
    if "--match-stem" in flags:  # the formats hold some seeds only: score against those seeds' gold alone
        gold_dir = work / f"{name}-gold"
        gold_dir.mkdir()
        stems = {path.name.split(".")[0] for path in (shared / corpus).iterdir()}
        for path in (shared / gold).glob("*.json"):
            if path.stem in stems:
                shutil.copy(path, gold_dir)
    command = [sys.executable, str(shared / "eval" / "score.py"), "--gold", str(gold_dir), "--pred", str(export)]
    if details:
        print(f"== {name}")
        print(subprocess.run([*command, *flags, "--details"], capture_output=True, text=True, check=True).stdout)
    return json.loads(subprocess.run([*command, *flags, "--json"], capture_output=True, text=True, check=True).stdout)


def rows(scores: dict) -> list[tuple[str, float]]:
    """The figures worth a line, in the scorer's order."""
    out = [(f"metadata {field}", v["acc"]) for field, v in scores["metadata"]["fields"].items()]
    out.append(("metadata mean", scores["metadata"]["mean"]))
    out += [(f"targets {unit} F1", scores["targets"][unit]["f1"]) for unit in ("rate", "count")]
    out += [(f"targets {field} acc", scores["targets"][field]["acc"]) for field in ("comparator", "kind", "national_code")]
    out.append(("budgets F1", scores["budgets"]["f1"]))
    agencies = scores["agencies"]
    out += [("agencies F1", agencies["match"]["f1"]), ("agencies role acc", agencies["role"]["acc"])]
    out += [("deadlines F1", scores["deadlines"]["match"]["f1"]), ("deadlines agency acc", scores["deadlines"]["agency"]["acc"])]
    out.append(("HEADLINE", scores["headline"]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder (default ../shared)")
    parser.add_argument("--set", nargs="+", choices=list(SETS), default=["seeds", "dev", "heldout"], dest="sets")
    parser.add_argument("--details", action="store_true", help="print every miss the scorer lists")
    args = parser.parse_args()
    if not (args.shared / "eval" / "score.py").exists():
        parser.error(f"{args.shared / 'eval' / 'score.py'} not found: pass --shared PATH")

    with tempfile.TemporaryDirectory() as tmp:
        table = {name: dict(rows(score_set(args.shared, name, Path(tmp), args.details))) for name in args.sets}
    labels = list(next(iter(table.values())))
    print(f"{'field':<28}" + "".join(f"{name:>10}" for name in args.sets))
    for label in labels:
        cells = "".join(f"{table[name].get(label, float('nan')):>10.3f}" for name in args.sets)
        print(f"{label:<28}{cells}")


if __name__ == "__main__":
    main()
