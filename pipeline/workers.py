"""Reading and extracting documents, in worker processes killed when a document runs past its limit.

    >>> extraction = extract_in_worker(Path("corpus/000_714b8ec56206e567.txt"), time_limit=60)  # doctest: +SKIP
    >>> extraction.metadata.doc_type  # doctest: +SKIP
    'KH'
    >>> [path.name for path, _ in extract_all([Path("corpus/000_714b8ec56206e567.txt")], 2, 60)]  # doctest: +SKIP
    ['000_714b8ec56206e567.txt']
    >>> close_workers()  # doctest: +SKIP

``read_and_extract`` is all of ingesting but the database: a path in, an
``Extraction`` out, or ``StageFailed`` with the stage and the reason.

A thread cannot be stopped inside C code (the PDF library, OCR, a regular
expression), a process can: each document goes to an idle worker process
(``python -m chitieu.pipeline.workers``, started on demand, models loaded once),
and a worker that does not answer within the time limit is killed (SIGKILL, with
the processes it started, such as Tesseract on a page), so its core is free at once; the next document gets a fresh worker. Workers only
read and extract; the process that called ``extract_in_worker`` (or
``extract_all``, N documents at once) writes the database. A worker runs in a
session of its own (Ctrl-C in a terminal interrupts the run, not the document)
and dies with its parent (Linux ``PR_SET_PDEATHSIG``; it also ends when its input
pipe closes), so no worker outlives the run, however the run ends.

Protocol: length-prefixed pickles; the parent sends a path, the worker answers
``("ready", None)`` once after loading, then ``("ok", Extraction)`` or
``("error", StageFailed)`` per path.
"""
from __future__ import annotations

import atexit
import ctypes
import dataclasses
import gc
import os
import pickle
import queue
import select
import signal
import struct
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

from chitieu.models.document import Document
from chitieu.models.items import Extraction
from chitieu.pipeline.readers import UnreadableDocument, read_document

STARTUP_LIMIT = 180.0  # seconds a new worker may take to import and load the models
_HEADER = struct.Struct("!Q")


class StageFailed(Exception):
    """One document failed at ``stage`` ('read', 'extract' or 'store'); ``cause`` is the error.

    ``sha256`` is the hash of the file's bytes when it was read; ``transient`` is true
    when trying again may work (the file could not be opened, memory ran out).

    >>> str(StageFailed("extract", None, ValueError("bad table")))
    'extract failed: ValueError: bad table'
    """

    def __init__(self, stage: str, sha256: str | None, cause: BaseException) -> None:
        super().__init__(stage, sha256, cause)
        self.stage, self.sha256, self.cause = stage, sha256, cause
        self.transient = isinstance(cause, (OSError, MemoryError)) or isinstance(cause.__cause__, OSError)

    def __str__(self) -> str:
        """The reason shown to the user: an unreadable file's own reason, else the stage and the error."""
        if isinstance(self.cause, UnreadableDocument):
            return str(self.cause)
        return f"{self.stage} failed: {type(self.cause).__name__}: {self.cause}"


class DocumentTimedOut(TimeoutError):
    """A document took longer than the per-document time limit; its worker was killed."""


def read_and_extract(path: Path) -> Extraction:
    """Read one file and run every extractor: all of ingesting but the database, so it can run anywhere.

    >>> read_and_extract(Path("corpus/000_714b8ec56206e567.txt")).metadata.doc_type  # doctest: +SKIP
    'KH'

    Raises StageFailed (stage 'read' or 'extract') with the reason.
    """
    from chitieu.extractors.confidence import assess
    from chitieu.extractors.extraction import extract  # half a second of patterns: not for runs with nothing to do

    sha256, stage = None, "read"
    try:
        doc = read_document(path)
        sha256, stage = doc.sha256, "extract"
        return assess(extract(doc))  # every item with its certainty and doubts
    except Exception as exc:  # noqa: BLE001 - one document's bug must not stop the batch
        raise StageFailed(stage, sha256, exc) from exc


_models_lock = threading.Lock()


# A plan of a few lines that goes through every extractor (an invented one: no real plan's words);
# tests use it as the smallest whole plan.
WARM_UP_PLAN = """ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
Số: 1/KH-UBND
Hà Nam, ngày 2 tháng 3 năm 2024
KẾ HOẠCH
Chăm sóc trẻ em giai đoạn 2024 - 2025
I. MỤC TIÊU
Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng giảm xuống dưới 10% vào năm 2025.
II. KINH PHÍ
Tổng kinh phí thực hiện là 500 triệu đồng từ ngân sách tỉnh.
III. TỔ CHỨC THỰC HIỆN
1. Sở Y tế chủ trì, phối hợp với Sở Tài chính; báo cáo trước ngày 15/12 hằng năm.
"""
_warmed_up = False


def load_models() -> None:
    """Load what the extractors load lazily (underthesea's segmenter, the province lists, the
    gazetteer, the patterns), once per process: a worker process calls it before it says it
    is ready, so a per-document time limit measures the document, not the start-up.

    A small invented plan run through every extractor loads them all. The lock keeps two
    threads of one process from building underthesea's segmenter at once (it has no lock
    of its own).
    """
    from chitieu.extractors.extraction import extract

    global _warmed_up
    with _models_lock:
        if not _warmed_up:
            extract(Document(source="warm-up", sha256="", text=WARM_UP_PLAN))
            _warmed_up = True


def die_with_parent() -> None:
    """In a child process (``Popen(preexec_fn=die_with_parent)``): ask Linux to SIGKILL it when its parent dies.

    Does nothing where ``prctl`` does not exist (not Linux).
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _send(stream: BinaryIO, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _receive(stream: BinaryIO) -> object:
    """The next message on ``stream``; EOFError when the other side is gone."""
    return pickle.loads(_receive_bytes(stream))


def _receive_bytes(stream: BinaryIO) -> bytes:
    """The next message on ``stream``, still pickled; EOFError when the other side is gone."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError("the other side closed the pipe")
    (size,) = _HEADER.unpack(header)
    return stream.read(size)


def _unpacked(answer: bytes) -> object:
    """A worker's answer unpickled: the value it sent, or its error raised."""
    status, value = pickle.loads(answer)
    if status == "error":
        raise value
    return value


# Every worker process of this process, busy or idle, and the idle ones; guarded by _lock.
_live: set[Worker] = set()
_idle: list[Worker] = []
_lock = threading.Lock()


class Worker:
    """One worker process and its two pipes."""

    def __init__(self, wait: bool = True) -> None:
        """Start the process and, with ``wait``, wait until its models are loaded (see ``ready``).

        Linux's parent-death signal follows the thread that started the process: a worker
        lives as long as the thread that created it.
        """
        self.process = subprocess.Popen(
            [sys.executable, "-m", "chitieu.pipeline.workers"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, preexec_fn=die_with_parent,
            start_new_session=True,  # a terminal's Ctrl-C reaches the run only: no document fails of it
        )
        with _lock:
            _live.add(self)  # so that close_workers can stop it while it starts
        if wait:
            self.ready()

    def ready(self) -> None:
        """Wait for the worker's "ready" (models loaded); StageFailed or DocumentTimedOut when it does not come."""
        self.answer(STARTUP_LIMIT, "started")

    def answer(self, time_limit: float, what: str) -> object:
        """The worker's next answer, or DocumentTimedOut (after killing it) when none comes in ``time_limit`` s."""
        return _unpacked(self.answer_bytes(time_limit, what))

    def answer_bytes(self, time_limit: float, what: str) -> bytes:
        """The worker's next answer, still pickled (``_unpacked`` reads it); errors as ``answer``."""
        ready, _, _ = select.select([self.process.stdout], [], [], time_limit)
        if not ready:
            self.kill()
            raise DocumentTimedOut(f"took more than {time_limit:g} s, the per-document limit; its worker process "
                                   f"was killed and the run went on (raise --timeout if such documents are expected)")
        try:
            return _receive_bytes(self.process.stdout)
        except EOFError:
            self.kill()
            raise StageFailed("extract", None, RuntimeError(
                f"the worker process ended (exit code {self.process.returncode}) while it {what}")) from None

    def send(self, path: Path) -> None:
        """Give the worker a document to read and extract (its answer: ``answer``)."""
        _send(self.process.stdin, path)

    def extract(self, path: Path, time_limit: float) -> Extraction:
        self.send(path)
        return self.answer(time_limit, f"read {path}")

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        """SIGKILL the worker and what it started (Tesseract on a page), its process group, without waiting."""
        if self.process.returncode is None:  # not reaped yet: the group id is still the worker's
            with suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)

    def kill(self) -> None:
        """Stop the worker, reap it and close its pipes (by the thread that uses it, or when it is idle)."""
        self.stop()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            with suppress(OSError):  # a path still buffered for a worker that died: closing writes it, in vain
                pipe.close()
        with _lock:
            _live.discard(self)


def _idle_worker() -> Worker | None:
    """An idle worker that is still alive (one killed with its thread's end is dropped), or None."""
    while True:
        with _lock:
            worker = _idle.pop() if _idle else None
        if worker is None or worker.alive():
            return worker
        worker.kill()  # reap it and close its pipes


def start_workers(count: int) -> None:
    """Start workers, all at once, until ``count`` are idle: a run's start-up paid before its first document.

    They live as long as the calling thread. A worker that fails to start is left out:
    the document that needs one starts its own and records why that failed.
    """
    with _lock:
        missing = count - len(_idle)
    for worker in [Worker(wait=False) for _ in range(missing)]:
        try:
            worker.ready()
        except (StageFailed, DocumentTimedOut):
            continue
        with _lock:
            _idle.append(worker)


def extract_in_worker(path: Path, time_limit: float) -> Extraction:
    """Read and extract ``path`` in a worker process; DocumentTimedOut (worker killed) past ``time_limit`` s.

    Raises StageFailed as ``read_and_extract`` does. Safe to call from several
    threads: each call uses its own worker, started when none is idle.
    """
    worker = _idle_worker() or Worker()
    try:
        return worker.extract(path, time_limit)
    finally:
        if worker.alive():  # it answered, even with an error: free for the next document; a killed one is dropped
            with _lock:
                _idle.append(worker)


def _given(worker: Worker, path: Path) -> bool:
    """Whether ``path`` went to ``worker``; a worker whose pipe broke (it died meanwhile) is killed, to be replaced."""
    try:
        worker.send(path)
    except OSError:
        worker.kill()
        return False
    return True


def extract_all(paths: Iterable[Path], workers: int, time_limit: float
                ) -> Iterator[tuple[Path, Extraction | BaseException]]:
    """Each path with its Extraction or its error, ``workers`` documents at once, in the order they finish.

    At most ``workers`` finished extractions wait for the caller, so memory stays flat
    however many paths there are. Closing the iterator early (an error or Ctrl-C in
    the caller) kills the workers still busy, so it returns at once.
    """
    todo = iter(paths)
    todo_lock = threading.Lock()
    finished: queue.Queue[tuple[Path, Extraction | BaseException] | None] = queue.Queue(maxsize=workers)
    stop = threading.Event()
    # A worker dies with the thread that started it, and threads share the idle workers: no thread
    # ends while another may still be using a worker it started.
    all_done = threading.Barrier(workers)

    def next_path() -> Path | None:
        with todo_lock:
            return None if stop.is_set() else next(todo, None)

    def drive() -> None:
        """One thread's loop, with one worker process: a path to it, its answer to ``finished``; None when done.

        The next path goes to the worker as soon as its answer has come, before this thread
        unpickles the answer: the worker would otherwise wait for that, and for this thread's
        turn at the interpreter, which the writer shares. (Its time limit then counts from when
        this thread waits for it: a little after it began, never before.)
        """
        worker: Worker | None = None
        path, sent = next_path(), False
        while path is not None:
            try:
                if not sent:
                    worker = worker if worker is not None and worker.alive() else _idle_worker() or Worker()
                    if not _given(worker, path):  # it died since it last answered: a fresh one for this document
                        worker = Worker()
                        worker.send(path)
                answer = worker.answer_bytes(time_limit, f"read {path}")
            except Exception as exc:  # noqa: BLE001 - the document's failure, recorded by the caller
                finished.put((path, exc))
                path, sent = next_path(), False
                continue
            following = next_path()
            sent = following is not None and _given(worker, following)
            try:
                result: Extraction | BaseException = _unpacked(answer)
            except Exception as exc:  # noqa: BLE001 - as above
                result = exc
            finished.put((path, result))
            path = following
        if worker is not None and worker.alive():
            with _lock:
                _idle.append(worker)
        all_done.wait()
        finished.put(None)

    threads = [threading.Thread(target=drive, daemon=True, name=f"worker-{n}") for n in range(workers)]
    for thread in threads:
        thread.start()
    running = len(threads)
    try:
        while running:
            item = finished.get()
            if item is None:
                running -= 1
            else:
                yield item
    finally:
        if running:  # the caller stopped early: no new document, the busy workers killed, their threads let go
            stop.set()
            close_workers()
            while running:
                running -= finished.get() is None


def close_workers() -> None:
    """Stop every worker of this process, idle or busy (a busy one's document fails): at the end of a run and at exit."""
    with _lock:
        idle, busy = list(_idle), _live.difference(_idle)
        _idle.clear()
    for worker in idle:
        worker.kill()
    for worker in busy:
        worker.stop()  # its thread, reading the pipe, sees it end and reaps it


atexit.register(close_workers)


def for_the_writer(extraction: Extraction) -> Extraction:
    r"""``extraction`` as the writer stores it: the document's fields, folded text and sections, without the
    structures only extractors read (tables, sentence bounds, their own caches), which made the pickle sent
    back five to seven times the size of the text (the writer unpickles every worker's answers).

    >>> from chitieu.models.items import Metadata
    >>> extraction = for_the_writer(Extraction(Document("a.txt", "0", "I. MỤC TIÊU\nĐạt 90%."), Metadata()))
    >>> sorted(vars(extraction.document))  # doctest: +NORMALIZE_WHITESPACE
    ['encoding', 'folded', 'pages', 'reader', 'sections', 'sha256', 'source', 'text', 'warnings']
    """
    document = extraction.document
    slim = dataclasses.replace(document)  # the same fields; cached properties are not fields
    slim.__dict__.update(folded=document.folded, sections=document.sections)
    return dataclasses.replace(extraction, document=slim)


def _serve() -> None:
    """The worker's loop: load the models, then read paths on stdin and answer on the original stdout.

    Anything the libraries print goes to stderr, so it cannot corrupt the answers.
    """
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    requests = sys.stdin.buffer
    load_models()
    # The models live as long as the process: out of the collector's sight, its full collections
    # no longer walk them (one such walk cost ~0.08 s, about 1% of ten passes over the bench corpus).
    gc.freeze()
    _send(answers, ("ready", None))
    while True:
        try:
            path = _receive(requests)
        except EOFError:  # the parent is gone or done
            return
        try:
            _send(answers, ("ok", for_the_writer(read_and_extract(path))))
        except StageFailed as failed:
            _send(answers, ("error", failed))


if __name__ == "__main__":
    # Run as chitieu.pipeline.workers, not as a second module named __main__: the errors it
    # pickles must be the classes the parent knows, and a test's patch of this module must apply.
    from chitieu.pipeline.workers import _serve as serve

    serve()
