"""The rules' vocabulary, as data: one CSV file per list under ``models/lexicon/``.

Every file has a ``term`` column (the words, as written in plans), an ``example``
column (a phrase in which the term is used that way, written for the file, so a
reader sees why it is listed) and any columns its rule needs (``kind``,
``value``...). Files are read once per process; the matchers fold terms
themselves (``chitieu.models.normalize.fold``) when they compare with
``Document.folded``.

>>> rows("section_kinds")[0]["kind"], rows("section_kinds")[0]["term"]
('recipients', 'nơi nhận')
>>> terms("section_kinds", kind="budget")[:2]
('kinh phí', 'nguồn kinh phí')
"""
from __future__ import annotations

import csv
from functools import cache
from importlib import resources


class LexiconError(ValueError):
    """A lexicon file that breaks the format above: named with its line."""


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The entries of ``models/lexicon/NAME.csv`` in file order (order may matter: first match wins)."""
    path = resources.files("chitieu.models").joinpath("lexicon", f"{name}.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        entries = []
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if not row.get("term") or not row.get("example"):
                raise LexiconError(f"lexicon/{name}.csv line {line}: every entry needs a term and an example")
            entries.append(row)
    return tuple(entries)


def terms(name: str, **where: str) -> tuple[str, ...]:
    """The terms of ``name`` whose columns equal ``where`` (all of them when no condition is given)."""
    return tuple(row["term"] for row in rows(name) if all(row.get(k) == v for k, v in where.items()))


def names() -> list[str]:
    """Every lexicon file's name, for checks that run over all of them."""
    folder = resources.files("chitieu.models").joinpath("lexicon")
    return sorted(entry.name[:-4] for entry in folder.iterdir() if entry.name.endswith(".csv"))
