"""Instructions, not seconds: what a pass over the bench corpus costs a worker and the writer, counted by valgrind.

    python bench/instructions.py [--corpus DIR] [--copies 10] [--stages] [--functions MODULE.NAME ...]

On a shared host the same code runs up to 30% apart in seconds from one run to the
next; the instructions callgrind counts repeat within 0.1%, so a change of 1% shows,
whatever else the machine is doing. It prints:

1. a worker's pass: read + extract + pickle every document of the corpus (default:
   ../shared/corpus seeds + dev), warm (models loaded, one pass run before the counted
   one), in instructions a pass and a character; with ``--stages``, each extractor's
   part (the ones ``chitieu.extractors.extraction`` calls; a stage is charged with the
   document's shared structures it is first to ask for); with ``--functions``, the part
   of each function named (``chitieu.extractors.gazetteer.find_mentions``: its calls
   through any chitieu module's name for it, not those through a reference kept in a
   table or a default);
2. the writer's pass: unpickle + ``store_extraction`` of those answers, averaged over
   ``--copies`` copies stored into one fresh database, as ``bench/ingest.py``'s largest
   run stores them (the search index's merging grows with the database);
3. what the two imply on two cores: with a worker's W and the writer's S a pass, two
   workers can go at most 2W / (W + S) times as fast as one (they share the cores with
   the writer, which one worker leaves a core of its own).

Needs valgrind (Debian: ``apt install valgrind``). About 5 minutes, two counts at a time;
``--stages`` and ``--functions`` add one count (2-3 minutes) each.
"""
from __future__ import annotations

import argparse
import functools
import importlib
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from chitieu.pipeline.ingest import document_files

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
STAGES = [f"chitieu.extractors.extraction.{name}" for name in [
    "extract_metadata", "extract_agencies", "read_budget_tables", "extract_targets", "extract_budgets",
    "extract_deadlines", "check_budget_tables"]]
_COLLECTED = re.compile(r"Collected : (\d+)")


def counted(call: Callable, *args, **kwargs) -> object:
    """``call(*args, **kwargs)``, inside the one C function (functools.reduce) whose calls callgrind is told to count."""
    return functools.reduce(lambda _, __: call(*args, **kwargs), [None], None)


def worker_pass(files: list[Path], function: str | None) -> None:
    """A worker's pass over ``files`` after a warm-up pass; counted whole, or only the calls of ``function``
    (``module.name``; a call inside another of its calls is counted with that one)."""
    from chitieu.pipeline.workers import for_the_writer, load_models, read_and_extract

    def one_pass() -> None:
        for path in files:
            pickle.dumps(for_the_writer(read_and_extract(path)), protocol=pickle.HIGHEST_PROTOCOL)

    load_models()
    one_pass()
    if function is None:
        counted(one_pass)
        return
    module_name, name = function.rsplit(".", 1)
    original = getattr(importlib.import_module(module_name), name)
    wrapped = counting(original)
    for module in [module for loaded, module in sys.modules.items() if loaded.startswith("chitieu.")]:
        for attribute, value in list(vars(module).items()):
            if value is original:  # its own module's name for it, and each name a module imported it as
                setattr(module, attribute, wrapped)
    one_pass()


def counting(function: Callable) -> Callable:
    """``function``, its calls counted (``counted``); one inside another is not counted again (callgrind would
    stop counting when the inner one returns)."""
    depth = 0

    def call(*args, **kwargs):
        nonlocal depth
        if depth:
            return function(*args, **kwargs)
        depth += 1
        try:
            return counted(function, *args, **kwargs)
        finally:
            depth -= 1

    return call


def writer_pass(answers: Path, copies: int) -> None:
    """Store ``copies`` copies of the pickled answers (each copy's documents with hashes of their own) into a new database."""
    from chitieu.pipeline.store import open_db, store_extraction

    blobs = pickle.loads(answers.read_bytes())
    db = open_db(answers.with_suffix(".db"))

    def store_all() -> None:
        for copy in range(copies):
            for path, blob in blobs:
                extraction = pickle.loads(blob)
                extraction.document.sha256 += f"-{copy}"
                store_extraction(db, extraction, path, "bench")

    counted(store_all)


def write_answers(files: list[Path], out: Path) -> int:
    """What the workers send the writer for ``files``, pickled into ``out`` (made here: loading the models is slow
    under valgrind); return the characters of their texts."""
    from chitieu.pipeline.workers import for_the_writer, read_and_extract

    answers = [(str(path), for_the_writer(read_and_extract(path))) for path in files]
    out.write_bytes(pickle.dumps([(path, pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
                                  for path, answer in answers]))
    return sum(len(answer.document.text) for _, answer in answers)


def count(part: list[str], work: Path) -> int:
    """Instructions callgrind counts inside ``counted`` for this script run with ``--part`` ``part``."""
    command = ["valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=functools_reduce",
               f"--callgrind-out-file={work / 'callgrind.%p'}", sys.executable, __file__, "--part", *part]
    run = subprocess.run(command, check=False, capture_output=True, text=True,
                         env={**os.environ, "PYTHONHASHSEED": "0"})  # the same string hashes, the same count
    found = _COLLECTED.search(run.stderr)
    if run.returncode or not found:
        sys.exit(f"bench/instructions.py: {' '.join(part)} failed under valgrind:\n{run.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="folder of documents (default: ../shared/corpus seeds + dev)")
    parser.add_argument("--copies", type=int, default=10, help="copies the writer stores (default 10)")
    parser.add_argument("--stages", action="store_true", help="count each extractor's part too")
    parser.add_argument("--functions", nargs="+", default=[], metavar="MODULE.NAME",
                        help="count these functions' parts too (e.g. chitieu.extractors.gazetteer.find_mentions)")
    parser.add_argument("--part", nargs="+", help=argparse.SUPPRESS)  # one count, run under valgrind
    args = parser.parse_args()
    if args.part:
        kind, *rest = args.part
        if kind == "worker":
            worker_pass([Path(p) for p in json.loads(Path(rest[0]).read_text())], rest[1] if len(rest) > 1 else None)
        else:
            writer_pass(Path(rest[0]), int(rest[1]))
        return
    if not shutil.which("valgrind"):
        sys.exit("bench/instructions.py needs valgrind on the PATH (Debian: apt install valgrind)")

    files = document_files([args.corpus] if args.corpus else [SHARED / "corpus/seeds", SHARED / "corpus/dev"])
    work = Path(tempfile.mkdtemp())
    try:
        listing, answers = work / "files.json", work / "answers.pickle"
        listing.write_text(json.dumps([str(path) for path in files]))
        chars = write_answers(files, answers)
        parts = {"worker": ["worker", str(listing)], "writer": ["writer", str(answers), str(args.copies)]}
        parts |= {function: ["worker", str(listing), function] for function in STAGES * args.stages + args.functions}
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            counts = dict(zip(parts, pool.map(lambda part: count(part, work), parts.values())))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    worker, writer = counts.pop("worker"), counts.pop("writer") / args.copies
    print(f"corpus: {len(files)} files, {chars:,} characters; instructions a pass (callgrind)")
    print(f"  {'worker (read + extract + pickle)':40s} {worker:>15,.0f}  {worker / chars:8,.0f} a character")
    for function, instructions in counts.items():
        print(f"    {function.removeprefix('chitieu.'):38s} {instructions:>15,.0f}  {instructions / worker:8.1%}")
    print(f"  {f'writer (unpickle + store, {args.copies} copies)':40s} {writer:>15,.0f}  {writer / chars:8,.0f} a character")
    print(f"writer / worker: {writer / worker:.3f}; two workers over one, at most 2W/(W+S) = "
          f"{2 * worker / (worker + writer):.2f}x")


if __name__ == "__main__":
    main()
