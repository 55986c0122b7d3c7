"""OCR of page images with Tesseract's Vietnamese model, pages in parallel.

Tesseract runs as a subprocess per page (``OMP_THREAD_LIMIT=1`` so that one
page uses one core) and answers in TSV, whose word boxes become ``Line``s for
the same paragraph rebuilding as a text layer.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from chitieu.models.normalize import normalize_text
from chitieu.pipeline.readers.errors import UnreadableDocument
from chitieu.pipeline.readers.layout import Line

LANGUAGE = "vie"
INSTALL_HINT = "install it with scripts/install-system.sh (Debian: apt-get install tesseract-ocr tesseract-ocr-vie)"


def check_tesseract() -> str:
    """The tesseract executable; raise UnreadableDocument saying how to install it when it is missing."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise UnreadableDocument(f"the document needs OCR but Tesseract is not installed; {INSTALL_HINT}")
    langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True).stdout.split()
    if LANGUAGE not in langs:
        raise UnreadableDocument(f"Tesseract has no Vietnamese model ({LANGUAGE}); {INSTALL_HINT}")
    return exe


def ocr_image(image: bytes, page: int, exe: str = "tesseract") -> list[Line]:
    """The lines Tesseract reads on one page image (PNG or PNM bytes)."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    result = subprocess.run([exe, "stdin", "stdout", "-l", LANGUAGE, "--psm", "3", "tsv"],
                            input=image, capture_output=True, env=env, check=False)
    if result.returncode != 0:
        raise UnreadableDocument(f"Tesseract failed on page {page}: {result.stderr.decode(errors='replace').strip()}")
    return tsv_lines(result.stdout.decode("utf-8", errors="replace"), page)


def tsv_lines(tsv: str, page: int) -> list[Line]:
    """Group Tesseract's TSV words into lines (block, paragraph, line), top to bottom."""
    lines: dict[tuple[str, str, str], list[dict]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") == "5" and (row.get("text") or "").strip():
            lines.setdefault((row["block_num"], row["par_num"], row["line_num"]), []).append(row)
    out = []
    for words in lines.values():
        x0 = min(int(w["left"]) for w in words)
        x1 = max(int(w["left"]) + int(w["width"]) for w in words)
        top = min(int(w["top"]) for w in words)
        bottom = max(int(w["top"]) + int(w["height"]) for w in words)
        text = normalize_text(" ".join(w["text"] for w in words))
        out.append(Line(page, x0, x1, top, text, bottom))
    return sorted(out, key=lambda ln: (ln.top, ln.x0))


def ocr_images(images: Iterable[tuple[int, bytes]], workers: int | None = None) -> list[tuple[int, list[Line]]]:
    """OCR ``(page number, image)`` pairs, one Tesseract process per core.

    ``images`` may be a generator: each image is handed to a worker as soon as
    it is made, so making the next one overlaps with reading the previous ones.
    """
    exe = check_tesseract()
    workers = workers or os.cpu_count() or 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [(page, pool.submit(ocr_image, image, page, exe)) for page, image in images]
        return [(page, future.result()) for page, future in futures]
