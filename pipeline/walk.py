"""Which files a run reads under the paths it is given, and what it leaves out, said out loud.

A folder is read recursively, hidden names (``.git``, ``.~lock``) left out. What is
not a document is skipped with a reason handed to ``on_skip``, never silently:
a symbolic link that leads nowhere, out of the folder (unless ``follow_links``) or
back into a folder already walked (a loop), a FIFO, socket or device (reading a FIFO
would wait for ever), a folder that cannot be listed.

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> _ = (root / "b.txt").write_text("x"), (root / "a.txt").write_text("y")
>>> (root / "gone").symlink_to(root / "nowhere")
>>> [p.name for p in document_files([root], on_skip=lambda path, why: print(path.name, "-", why))]
gone - a symbolic link to nothing
['a.txt', 'b.txt']
>>> printable(b"k\\xe9-ho\\xe1ch.txt".decode("utf-8", "surrogateescape"))
'k\\\\xe9-ho\\\\xe1ch.txt'
"""
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

OnSkip = Callable[[Path, str], None]


def printable(name: str) -> str:
    """A file name or path as text that can be stored and shown: bytes that are not UTF-8 as ``\\xNN``.

    Python keeps such bytes in a name as lone surrogates, which SQLite, JSON and terminals refuse.
    """
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def document_files(paths: Iterable[Path], follow_links: bool = False, on_skip: OnSkip | None = None) -> list[Path]:
    """The files named, and every non-hidden file under the folders named, in a stable order.

    Links inside a folder are followed when they stay in it (or always, with ``follow_links``);
    everything skipped goes to ``on_skip(path, reason)``.
    Raises FileNotFoundError naming the first path that does not exist.
    """
    on_skip = on_skip or (lambda _path, _why: None)
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(_Walk(path, follow_links, on_skip).files()))
        elif path.is_file():
            files.append(path)
        elif path.exists() or path.is_symlink():
            on_skip(path, _not_a_document(path))
        else:
            raise FileNotFoundError(f"{printable(str(path))}: no such file or folder")
    return list(dict.fromkeys(files))


class _Walk:
    """One folder walked: the folders seen (device, inode) so a link back up is a loop, not a hang."""

    def __init__(self, root: Path, follow_links: bool, on_skip: OnSkip) -> None:
        self.root, self.real_root = root, os.path.realpath(root)
        self.follow_links, self.on_skip = follow_links, on_skip
        self.seen: set[tuple[int, int]] = set()

    def files(self) -> Iterable[Path]:
        yield from self._folder(self.root)

    def _folder(self, folder: Path) -> Iterable[Path]:
        info = folder.stat()
        if (info.st_dev, info.st_ino) in self.seen:
            self.on_skip(folder, "a symbolic link to a folder already read (a loop, or a second way in)")
            return
        self.seen.add((info.st_dev, info.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            self.on_skip(folder, f"the folder cannot be listed: {exc.strerror or exc}")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            reason = self._link_problem(path) if entry.is_symlink() else None
            if reason:
                self.on_skip(path, reason)
            elif path.is_dir():
                yield from self._folder(path)
            elif path.is_file():
                yield path
            else:
                self.on_skip(path, _not_a_document(path))

    def _link_problem(self, link: Path) -> str | None:
        """Why a symbolic link is not followed, or None."""
        if not link.exists():
            return "a symbolic link to nothing" if not _loops(link) else "a symbolic link that loops"
        target = os.path.realpath(link)
        inside = os.path.commonpath([self.real_root, target]) == self.real_root
        if not inside and not self.follow_links:
            return f"a symbolic link out of the folder, to {printable(target)} (--follow-links follows it)"
        return None


def _loops(link: Path) -> bool:
    try:
        link.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 raises this for a symlink loop
        return True
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _not_a_document(path: Path) -> str:
    """The reason a path that exists is not read: the kind of special file it is."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    kinds = {stat.S_ISFIFO: "a FIFO (named pipe)", stat.S_ISSOCK: "a socket", stat.S_ISCHR: "a character device",
             stat.S_ISBLK: "a block device"}
    return next((f"not a regular file: {name}" for test, name in kinds.items() if test(mode)),
                "not a regular file")
