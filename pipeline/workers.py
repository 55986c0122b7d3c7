"""Worker processes that read and extract one document at a time, killed when a document runs past its limit.

    >>> extraction = extract_in_worker(Path("corpus/000_714b8ec56206e567.txt"), time_limit=60)  # doctest: +SKIP
    >>> extraction.metadata.doc_type  # doctest: +SKIP
    'KH'
    >>> close_workers()  # doctest: +SKIP

A thread cannot be stopped inside C code (the PDF library, OCR, a regular
expression), a process can: each document goes to an idle worker process
(``python -m chitieu.pipeline.workers``, started on demand, models loaded once),
and a worker that does not answer within the time limit is killed (SIGKILL), so
its core is free at once; the next document gets a fresh worker. Workers only
read and extract; the process that called ``extract_in_worker`` writes the
database. A worker runs in a session of its own (Ctrl-C in a terminal interrupts
the run, not the document) and dies with its parent (Linux ``PR_SET_PDEATHSIG``;
it also ends when its input pipe closes), so no worker outlives the run, however
the run ends.

Protocol: length-prefixed pickles; the parent sends a path, the worker answers
``("ready", None)`` once after loading, then ``("ok", Extraction)`` or
``("error", StageFailed)`` per path.
"""
from __future__ import annotations

import atexit
import ctypes
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import BinaryIO

from chitieu.pipeline.ingest import Extraction, StageFailed

STARTUP_LIMIT = 180.0  # seconds a new worker may take to import and load the models
_HEADER = struct.Struct("!Q")


class DocumentTimedOut(TimeoutError):
    """A document took longer than the per-document time limit; its worker was killed."""


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
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError("the other side closed the pipe")
    (size,) = _HEADER.unpack(header)
    return pickle.loads(stream.read(size))


class Worker:
    """One worker process and its two pipes."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "chitieu.pipeline.workers"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, preexec_fn=die_with_parent,
            start_new_session=True,  # a terminal's Ctrl-C reaches the run only: no document fails of it
        )
        self.answer(STARTUP_LIMIT, "started")

    def answer(self, time_limit: float, what: str) -> object:
        """The worker's next answer, or DocumentTimedOut (after killing it) when none comes in ``time_limit`` s."""
        ready, _, _ = select.select([self.process.stdout], [], [], time_limit)
        if not ready:
            self.kill()
            raise DocumentTimedOut(f"took more than {time_limit:g} s, the per-document limit; its worker process "
                                   f"was killed and the run went on (raise --timeout if such documents are expected)")
        try:
            status, value = _receive(self.process.stdout)
        except EOFError:
            self.kill()
            raise StageFailed("extract", None, RuntimeError(
                f"the worker process ended (exit code {self.process.returncode}) while it {what}")) from None
        if status == "error":
            raise value
        return value

    def extract(self, path: Path, time_limit: float) -> Extraction:
        _send(self.process.stdin, path)
        return self.answer(time_limit, f"read {path}")

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL the worker and reap it."""
        if self.alive():
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            pipe.close()


_idle: list[Worker] = []
_idle_lock = threading.Lock()


def _idle_worker() -> Worker | None:
    """An idle worker that is still alive (one killed with its thread's end is dropped), or None."""
    with _idle_lock:
        while _idle:
            worker = _idle.pop()
            if worker.alive():
                return worker
            worker.kill()
    return None


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
            with _idle_lock:
                _idle.append(worker)


def close_workers() -> None:
    """Stop every idle worker (called at the end of a run and at exit)."""
    with _idle_lock:
        while _idle:
            _idle.pop().kill()


atexit.register(close_workers)


def _serve() -> None:
    """The worker's loop: load the models, then read paths on stdin and answer on the original stdout.

    Anything the libraries print goes to stderr, so it cannot corrupt the answers.
    """
    from chitieu.pipeline.ingest import load_models, read_and_extract

    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    requests = sys.stdin.buffer
    load_models()
    _send(answers, ("ready", None))
    while True:
        try:
            path = _receive(requests)
        except EOFError:  # the parent is gone or done
            return
        try:
            _send(answers, ("ok", read_and_extract(path)))
        except StageFailed as failed:
            _send(answers, ("error", failed))


if __name__ == "__main__":
    _serve()
