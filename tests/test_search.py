"""Full-text search finds words typed with or without diacritics, in either tone placement."""
import re

import pytest
from chitieu.models.normalize import fold
from chitieu.pipeline.search import fts_query, index_document, search
from chitieu.pipeline.store import open_db


@pytest.fixture(scope="module")
def db(seed_db):
    return open_db(seed_db)


def test_words_without_diacritics_find_the_drowning_sections(db):
    hits = search(db, "duoi nuoc")
    assert hits and all({"duoi", "nuoc"} <= set(re.findall(r"\w+", fold(hit["text"]))) for hit in hits)
    assert "đuối nước" in hits[0]["text"].lower()
    assert {"section"} <= {hit["kind"] for hit in hits}


def test_d_without_its_bar_finds_dak_lak(db):
    assert [h["id"] for h in search(db, "dak lak")] == [h["id"] for h in search(db, "Đắk Lắk")]
    assert any("Đắk Lắk" in hit["text"] for hit in search(db, "dak lak"))


def test_tre_em_finds_tre_em_with_its_diacritics(db):
    assert any("trẻ em" in hit["text"] for hit in search(db, "tre em"))


def test_old_and_new_tone_placement_find_the_same_passages(db):
    assert search(db, "văn hoá", limit=100) == search(db, "văn hóa", limit=100) != []


def test_a_quoted_phrase_must_appear_as_written():
    assert fts_query('"Sóc Trăng" 2030') == '"soc trang" "2030"'


def test_search_syntax_typed_by_a_user_is_read_as_words(db):
    assert search(db, 'tre AND OR "NOT" (em') == search(db, "tre and or not em")


def test_each_section_is_indexed_once_by_its_own_text(db):
    overlapping = db.execute("""
        select count(*) from passages a join passages b
          on a.document_id = b.document_id and a.kind = 'section' and b.kind = 'section' and a.id < b.id
         and a.span_start < b.span_end and b.span_start < a.span_end""").fetchone()[0]
    assert overlapping == 0


def test_re_ingesting_a_document_replaces_its_passages(seed_db, tmp_path):
    from chitieu.pipeline.ingest import ingest_paths

    from tests.conftest import CORPUS

    path = tmp_path / "copy.db"
    source = sorted(CORPUS.iterdir())[0]
    ingest_paths([source], path)
    first = open_db(path)["passages"].count
    ingest_paths([source], path, reextract=True)
    assert open_db(path)["passages"].count == first > 0


def index_vocabulary(db) -> list[tuple]:
    """Every indexed word with the number of passages and occurrences the index holds for it."""
    db.execute("create virtual table if not exists temp.vocabulary using fts5vocab(main, passages_fts, 'row')")
    return db.execute("select term, doc, cnt from temp.vocabulary order by term").fetchall()


def test_the_index_holds_exactly_the_words_of_the_stored_passages_after_documents_are_replaced(tmp_path):
    from chitieu.pipeline.ingest import ingest_paths

    from tests.conftest import CORPUS

    path = tmp_path / "replaced.db"
    sources = sorted(CORPUS.iterdir())[:2]
    ingest_paths(sources, path)
    ingest_paths(sources[:1], path, reextract=True)  # its passages deleted, then written again
    db = open_db(path)
    written = index_vocabulary(db)
    db.execute("insert into passages_fts (passages_fts) values ('rebuild')")  # the index made anew from the rows
    assert written == index_vocabulary(db) != []


def test_an_index_of_both_columns_from_schema_2_is_rebuilt_on_the_folded_one(tmp_path):
    path = tmp_path / "old.db"
    old = open_db(path)
    old["documents"].insert({"id": 1, "sha256": "x", "source": "a.txt", "text": "Giảm đuối nước ở trẻ em."})
    old["sections"].insert({"document_id": 1, "idx": 0, "path": "I", "heading": "", "start": 0, "end": 24})
    old["passages"].enable_fts(["text", "folded"], tokenize="unicode61 remove_diacritics 2", create_triggers=True,
                               replace=True)  # how schema 2 indexed passages
    index_document(old, 1)
    assert [c.name for c in old["passages_fts"].columns] == ["text", "folded"]
    old.execute("update meta set value = '2' where key = 'schema_version'")
    old.conn.commit()
    old.close()

    db = open_db(path)
    assert [c.name for c in db["passages_fts"].columns] == ["folded"]
    assert db["passages"].triggers == []  # the store writes the index itself: a trigger would write it twice
    assert [hit["section"] for hit in search(db, "duoi nuoc")] == ["I"]


def test_the_index_merges_its_segments_sixteen_at_a_time_in_new_and_older_databases(tmp_path):
    def automerge(db):
        return db.execute("select v from passages_fts_config where k = 'automerge'").fetchone()

    path = tmp_path / "older.db"
    older = open_db(path)
    assert automerge(older) == (16,)
    older.execute("insert into passages_fts (passages_fts, rank) values ('automerge', 4)")  # FTS5's default, as before
    older.conn.commit()
    older.close()
    assert automerge(open_db(path)) == (16,)


def test_every_passage_is_indexed_by_its_own_text_folded(db):
    passages = db.execute("select text, folded from passages").fetchall()
    assert passages and all(folded == fold(text) for text, folded in passages)
