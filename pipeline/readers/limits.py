"""How big a document may be, and why: past these a file is refused with the limit named.

A 700 KB Word file can inflate to hundreds of megabytes of XML (a zip bomb), and a
text of tens of millions of characters holds a run for minutes while it is almost
certainly not one plan. Each limit is read from the environment when a file is read,
so a run (and its worker processes) can raise it:

- ``CHITIEU_MAX_DOCX_MB`` (default 100): the sizes a .docx declares for its parts,
  added up, read from the zip's directory before anything is inflated (Python's
  zipfile stops a part at its declared size, so the declaration cannot lie);
- ``CHITIEU_MAX_CHARS`` (default 10,000,000): characters of text after reading,
  about 40 times the longest plan in the corpora.

>>> Limits.from_env({"CHITIEU_MAX_CHARS": "5000"})
Limits(docx_bytes=100000000, chars=5000)
>>> Limits(docx_bytes=10, chars=4).check_chars("Kế hoạch")
Traceback (most recent call last):
...
chitieu.pipeline.readers.errors.UnreadableDocument: the text has 8 characters, over the limit of 4 (CHITIEU_MAX_CHARS)
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from chitieu.pipeline.readers.errors import UnreadableDocument

MB = 1_000_000
_DEFAULT_DOCX_MB = 100
_DEFAULT_CHARS = 10_000_000


@dataclass(frozen=True)
class Limits:
    """The limits a reader applies: inflated size of a .docx (bytes) and characters of text."""

    docx_bytes: int = _DEFAULT_DOCX_MB * MB
    chars: int = _DEFAULT_CHARS

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Limits:
        """The limits set by ``CHITIEU_MAX_DOCX_MB`` and ``CHITIEU_MAX_CHARS``, defaults for those not set.

        A value that is not a positive number is refused, naming the variable.
        """
        return cls(docx_bytes=int(_positive(environ, "CHITIEU_MAX_DOCX_MB", _DEFAULT_DOCX_MB) * MB),
                   chars=int(_positive(environ, "CHITIEU_MAX_CHARS", _DEFAULT_CHARS)))

    def check_chars(self, text: str) -> None:
        """Refuse a text longer than ``chars``."""
        if len(text) > self.chars:
            raise UnreadableDocument(f"the text has {len(text):,} characters, over the limit of {self.chars:,} "
                                     "(CHITIEU_MAX_CHARS)")

    def check_docx(self, inflated: int) -> None:
        """Refuse a .docx whose parts add up to more than ``docx_bytes`` once inflated."""
        if inflated > self.docx_bytes:
            raise UnreadableDocument(f"the Word file inflates to {inflated / MB:,.0f} MB, over the limit of "
                                     f"{self.docx_bytes / MB:,.0f} MB (CHITIEU_MAX_DOCX_MB)")


def _positive(environ: Mapping[str, str], name: str, default: float) -> float:
    raw = environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise ValueError(f"{name}={raw!r}: a limit must be a positive number")
    return value
