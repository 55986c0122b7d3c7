"""Every lexicon file is well formed and every entry's example shows its term in use."""
import pytest

from chitieu.models import lexicon
from chitieu.models.normalize import fold


@pytest.mark.parametrize("name", lexicon.names())
def test_every_entry_has_an_example_that_uses_its_term(name):
    entries = lexicon.rows(name)
    assert entries, f"lexicon/{name}.csv is empty"
    for row in entries:
        assert fold(row["term"]) in fold(row["example"]), (name, row)


def test_a_lookup_by_column_keeps_the_file_order():
    assert lexicon.terms("section_kinds", kind="objectives") == ("mục tiêu", "chỉ tiêu", "mục đích", "yêu cầu")
