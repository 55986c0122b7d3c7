"""Ingest speed: characters per second per stage, with one worker and with N, and how cost grows with the corpus.

    python bench/ingest.py [--corpus DIR] [--workers N] [--copies 1 3 10]

The corpus (default: ../shared/corpus seeds + dev; ``--corpus`` any folder) is copied
1, 3 and 10 times into temporary folders, each copy of a text file with a line added
(a PDF with a comment after its end) so that its bytes, hence its hash, differ and it
is read again. It prints:

1. chars/s of each stage on one copy, in this process, one document after another:
   read (bytes to text, normalisation excluded), normalise, fold, sections, tables,
   each extractor (the functions ``chitieu.extractors.extraction`` calls, timed where
   it calls them; "extract, the rest" is what ``extract`` does besides), assess (each
   item's certainty), store (one transaction per document); and, inside the targets
   stage, underthesea's word segmentation (QĐ 23 matching; once per indicator phrase
   not met before in the process, so mostly a first pass's cost);
2. ``ingest`` (read + extract + store, as ``chitieu ingest --workers N`` runs it) with
   one worker and with N, at each size: seconds, chars/s, microseconds per thousand
   characters, and the peak memory of the whole process tree (this process, the writer,
   plus its worker processes: sum of their resident sizes, and sum of their proportional
   sizes, which count a shared page once; sampled every 50 ms, PSS every second) and of
   its largest process. Worker start-up (models loaded) is paid before the clock starts
   and printed apart: it is a fixed cost per run, not a cost per character;
3. the ratios the issue asks for: N workers over one, cost per character at the
   largest size over the smallest, and the start-up time of ``chitieu --help``.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil
from chitieu.pipeline.ingest import document_files, ingest_paths
from chitieu.pipeline.store import open_db, store_extraction
from chitieu.pipeline.workers import load_models, start_workers

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def copy_corpus(sources: list[Path], folder: Path, copies: int) -> None:
    """``copies`` versions of each source file in ``folder``, each with bytes of its own (see the module's docstring)."""
    folder.mkdir(parents=True)
    for n in range(copies):
        for source in sources:
            data = source.read_bytes()
            if source.suffix.lower() in {".txt", ".md"}:
                data += f"\n\nBản sao thứ {n}.\n".encode()
            elif data.startswith(b"%PDF"):
                data += f"\n% copy {n}\n".encode()
            elif n:  # a Word file cannot take a line: one copy only (its repeats would be skipped)
                continue
            (folder / f"{n:03d}_{source.name}").write_bytes(data)


class StageClock:
    """Seconds spent per stage, summed over documents, and in parts of stages (shown apart, not added)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.parts: dict[str, float] = defaultdict(float)

    def time(self, stage: str, call: Callable[[], object], part: bool = False) -> object:
        started = time.perf_counter()
        result = call()
        (self.parts if part else self.seconds)[stage] += time.perf_counter() - started
        return result

    @contextmanager
    def word_segmentation(self) -> Iterator[None]:
        """Time underthesea's word segmentation, which QĐ 23 matching calls inside ``extract_targets``
        (once per indicator phrase not met before in this process: the first pass over a corpus pays most)."""
        from chitieu.extractors import indicators

        segmenter = indicators.word_segmenter
        segment = segmenter()
        indicators.word_segmenter = lambda: lambda text: self.time(
            "extract_targets: underthesea word segmentation", lambda: segment(text), part=True)
        try:
            yield
        finally:
            indicators.word_segmenter = segmenter

    @contextmanager
    def extractors(self) -> Iterator[None]:
        """Time every extractor function where ``extract`` calls it (whatever its name and signature)."""
        from chitieu.extractors import extraction

        originals = {name: value for name, value in vars(extraction).items() if callable(value)
                     and getattr(value, "__module__", "").startswith("chitieu.extractors.")
                     and value.__module__ != extraction.__name__}

        def timed(name: str, function: Callable) -> Callable:
            return lambda *args, **kwargs: self.time(name, lambda: function(*args, **kwargs))

        for name, function in originals.items():
            setattr(extraction, name, timed(name, function))
        try:
            yield
        finally:
            for name, function in originals.items():
                setattr(extraction, name, function)


def stage_rates(folder: Path) -> tuple[int, dict[str, float], dict[str, float]]:
    """(characters, seconds per stage, seconds in parts of stages) over the files of ``folder``, in this
    process, models loaded first."""
    from chitieu.extractors import extraction
    from chitieu.extractors.confidence import assess
    from chitieu.models.normalize import normalize_text
    from chitieu.pipeline.readers import read_document

    load_models()
    clock = StageClock()
    scratch = Path(tempfile.mkdtemp())  # never beside the documents: --corpus may be a folder that is not ours
    db = open_db(scratch / "stages.db")
    chars = 0
    files = document_files([folder])
    with clock.extractors(), clock.word_segmentation():
        for path in files:
            doc = clock.time("read", lambda: read_document(path))
            clock.time("normalise", lambda: normalize_text(doc.text))
            clock.time("fold", lambda: doc.folded)
            clock.time("sections", lambda: doc.sections)
            clock.time("tables", lambda: (doc.tables, doc.cell_line_tables))
            timed_before, started = sum(clock.seconds.values()), time.perf_counter()
            result = extraction.extract(doc)
            extractors = sum(clock.seconds.values()) - timed_before
            clock.seconds["extract, the rest"] += time.perf_counter() - started - extractors
            clock.time("assess (certainty)", lambda: assess(result))
            clock.time("store", lambda: store_extraction(db, result, str(path), "bench"))
            chars += len(doc.text)
    db.close()
    shutil.rmtree(scratch)
    clock.seconds["read"] -= clock.seconds["normalise"]  # read_document normalises: shown apart
    return chars, clock.seconds, clock.parts


class PeakMemory:
    """The peak resident size of this process and its children (sum, and largest process), sampled in a thread.

    ``tree`` sums resident sizes (RSS), so pages the processes share (the interpreter, libraries)
    count once per process; ``tree_pss`` sums proportional sizes (Linux PSS: a shared page split
    between its sharers), the physical memory the run holds.
    """

    def __init__(self) -> None:
        self.tree = self.tree_pss = self.largest = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        samples = 0
        while not self._stop.wait(0.05):
            # Listing the children scans all of /proc (~5 ms) and PSS costs up to ~8 ms a process
            # (RSS 0.04 ms): both once a second, or the sampling would take a tenth of a core from
            # the run it measures. A worker started in between is counted from the next listing.
            once_a_second, samples = samples % 20 == 0, samples + 1
            if once_a_second:
                processes = [me, *me.children(recursive=True)]
            sizes, proportional = [], []
            for process in processes:
                try:
                    memory = process.memory_full_info() if once_a_second else process.memory_info()
                except psutil.Error:  # ended since the listing
                    continue
                sizes.append(memory.rss)
                proportional.append(getattr(memory, "pss", memory.rss))  # PSS exists on Linux only
            self.tree, self.largest = max(self.tree, sum(sizes)), max(self.largest, *sizes)
            if once_a_second:
                self.tree_pss = max(self.tree_pss, sum(proportional))

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def timed_ingest(folder: Path, db: Path, workers: int) -> dict:
    """One ``ingest`` run of ``folder`` into a fresh ``db`` with ``workers`` worker processes, started beforehand.

    CPU seconds are this process's and its workers' (counted when they are reaped, at
    the end of the run), less what the workers spent starting.
    """
    cpu = cpu_seconds(resource.RUSAGE_SELF) + cpu_seconds(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    start_workers(workers)
    startup = time.perf_counter() - started
    startup_cpu = sum(sum(child.cpu_times()[:2]) for child in psutil.Process().children())
    with PeakMemory() as memory:
        summary = ingest_paths([folder], db, workers=workers)
    assert not summary.failed, summary.failed
    cpu = cpu_seconds(resource.RUSAGE_SELF) + cpu_seconds(resource.RUSAGE_CHILDREN) - cpu - startup_cpu
    return {"docs": len(summary.paths("stored")), "chars": summary.chars, "seconds": summary.seconds, "cpu": cpu,
            "startup": startup, "tree_mb": memory.tree / 2**20, "tree_pss_mb": memory.tree_pss / 2**20, "largest_mb": memory.largest / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="folder of documents (default: ../shared/corpus seeds + dev)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="the N of N workers (default: cores)")
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 3, 10], help="corpus sizes (default 1 3 10)")
    parser.add_argument("--stages-of", type=Path, help=argparse.SUPPRESS)  # part 1, run in a process of its own
    args = parser.parse_args()
    if args.stages_of:
        print(json.dumps(stage_rates(args.stages_of)))
        return

    sources = document_files([args.corpus] if args.corpus else [SHARED / "corpus/seeds", SHARED / "corpus/dev"])
    work = Path(tempfile.mkdtemp())
    try:
        for copies in args.copies:
            copy_corpus(sources, work / f"x{copies}", copies)
        # The stages in a child: this process stays what `chitieu ingest` is (no extractor loaded), for its memory.
        chars, stages, parts = json.loads(subprocess.run(
            [sys.executable, __file__, "--stages-of", str(work / f"x{args.copies[0]}")],
            check=True, capture_output=True, text=True).stdout)
        print(f"corpus: {len(sources)} files, {chars:,} characters; stages in one process, one document at a time")
        for stage, seconds in stages.items():
            print(f"  {stage:24s} {chars / seconds:>14,.0f} chars/s  {seconds:7.3f} s")
        for part, seconds in parts.items():
            print(f"  {part} (included above): {seconds:.3f} s")
        total = sum(stages.values())
        print(f"  {'all stages':24s} {chars / total:>14,.0f} chars/s  {total:7.3f} s")

        runs = {}
        print(f"\ningest (read + extract + store); worker start-up apart; cpu: this process and its workers\n"
              f"{'workers':>7} {'copies':>6} {'docs':>5} {'chars':>10} {'seconds':>7} {'chars/s':>10} "
              f"{'chars/cpu-s':>11} {'us/1000ch':>9} {'start-up s':>10} {'tree MB':>7} {'tree PSS MB':>11} {'largest MB':>10}")
        for workers in dict.fromkeys([1, args.workers]):
            for copies in args.copies:
                run = runs[workers, copies] = timed_ingest(work / f"x{copies}", work / f"w{workers}x{copies}.db", workers)
                print(f"{workers:>7} {copies:>6} {run['docs']:>5} {run['chars']:>10,} {run['seconds']:>7.2f} "
                      f"{run['chars'] / run['seconds']:>10,.0f} {run['chars'] / run['cpu']:>11,.0f} "
                      f"{1e9 * run['seconds'] / run['chars']:>9.0f} {run['startup']:>10.1f} "
                      f"{run['tree_mb']:>7.0f} {run['tree_pss_mb']:>11.0f} {run['largest_mb']:>10.0f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def rate(workers: int, copies: int) -> float:
        return runs[workers, copies]["chars"] / runs[workers, copies]["seconds"]

    small, large = args.copies[0], args.copies[-1]
    print()
    if args.workers > 1:
        print(f"{args.workers} workers / 1 worker at {large}x: {rate(args.workers, large) / rate(1, large):.2f}x")
    for workers in dict.fromkeys([1, args.workers]):
        print(f"cost per character at {large}x / {small}x, {workers} worker(s): "
              f"{rate(workers, small) / rate(workers, large):.2f}; peak memory (tree, RSS) "
              f"{runs[workers, small]['tree_mb']:.0f} -> {runs[workers, large]['tree_mb']:.0f} MB, (tree, PSS) "
              f"{runs[workers, small]['tree_pss_mb']:.0f} -> {runs[workers, large]['tree_pss_mb']:.0f} MB")
    cli = shutil.which("chitieu") or str(Path(sys.executable).parent / "chitieu")
    started = time.perf_counter()
    subprocess.run([cli, "--help"], check=True, capture_output=True)
    print(f"chitieu --help: {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
