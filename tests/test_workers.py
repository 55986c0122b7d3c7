"""Ingesting in worker processes: N workers give what one gives, a slow document is killed at its limit."""
import subprocess
import sys
from pathlib import Path

import psutil
import pytest
from chitieu.pipeline.cli import app
from chitieu.pipeline.export import export_jsonl
from chitieu.pipeline.search import index_document
from chitieu.pipeline.store import open_db, store_extraction
from chitieu.pipeline.workers import WARM_UP_PLAN, close_workers, extract_all, for_the_writer, read_and_extract
from conftest import CORPUS, SHARED, worker_processes
from typer.testing import CliRunner

runner = CliRunner()


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    """The seeds and the dev plans, each twice (the copy with a line added, so its bytes differ)."""
    folder = tmp_path_factory.mktemp("plans")
    for path in [*sorted((SHARED / "corpus/seeds").iterdir()), *sorted((SHARED / "corpus/dev").iterdir())]:
        text = path.read_text(encoding="utf-8")
        (folder / path.name).write_text(text, encoding="utf-8")
        (folder / f"copy_{path.name}").write_text(f"{text}\nBản sao để thử.\n", encoding="utf-8")
    return folder


def sorted_export(db: Path) -> str:
    """The JSON Lines export with its lines sorted: the same documents give the same bytes, whatever their ids."""
    out = db.with_suffix(".jsonl")
    with out.open("w", encoding="utf-8") as f:
        export_jsonl(open_db(db), f)
    return "\n".join(sorted(out.read_text(encoding="utf-8").splitlines()))


@pytest.mark.parametrize("workers", [2, 3])
def test_n_workers_store_what_one_worker_stores(tmp_path, plans, workers):
    one, many = tmp_path / "one.db", tmp_path / "many.db"
    for db, n in [(one, 1), (many, workers)]:
        result = runner.invoke(app, ["ingest", str(plans), "--db", str(db), "--workers", str(n)])
        assert result.exit_code == 0, result.output
        assert "40 stored, 0 skipped, 0 known failures, 0 failed" in result.output
    assert sorted_export(many) == sorted_export(one)
    assert search_index(many) == search_index(one)
    assert worker_processes() == []


def test_what_a_worker_sends_back_stores_the_rows_the_whole_extraction_stores(tmp_path):
    whole, sent = tmp_path / "whole.db", tmp_path / "sent.db"
    for db, slim in [(whole, False), (sent, True)]:
        for path in sorted((SHARED / "corpus/dev").glob("*.md"))[:4]:
            extraction = read_and_extract(path)
            store_extraction(open_db(db), for_the_writer(extraction) if slim else extraction, str(path), "test")
    assert sorted_export(sent) == sorted_export(whole)
    assert search_index(sent) == search_index(whole) != []


def search_index(db: Path) -> list[tuple]:
    """Every passage by its document's bytes, not its id."""
    return open_db(db).execute(
        "select d.sha256, p.kind, p.section, p.heading, p.span_start, p.span_end, p.text, p.folded "
        "from passages p join documents d on d.id = p.document_id order by 1, 2, 3, 4, 5, 6, 7, 8").fetchall()


def passages(db) -> list[tuple]:
    return db.execute("select document_id, kind, ref_id, section, heading, span_start, span_end, text, folded "
                      "from passages order by document_id, kind, ref_id").fetchall()


def test_the_search_index_written_at_ingest_is_the_one_rebuilt_from_the_rows(seed_db):
    """The store indexes from the extraction in memory; ``index_document`` from the stored rows: same passages."""
    db = open_db(seed_db)
    written = passages(db)
    for (document_id,) in db.execute("select id from documents").fetchall():
        index_document(db, document_id)
    assert written and passages(db) == written


def ended(pid: int) -> bool:
    """The process is gone, or dead and waiting to be reaped."""
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def test_a_slow_document_is_killed_at_its_limit_and_the_others_are_stored(tmp_path, slow_reader):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(CORPUS.glob("*.txt"))[:2]:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "slow.txt").write_text("Kế hoạch chậm", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    db = tmp_path / "slow.db"

    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--timeout", "2", "--workers", "2"])
    assert result.exit_code == 1, result.output
    assert "2 stored, 0 skipped, 0 known failures, 2 failed" in result.output
    assert "failed (timeout)" in result.output and "took more than 2 s, the per-document limit" in result.output
    failures = {row["path"].rsplit("/", 1)[-1]: row for row in open_db(db)["failures"].rows}
    assert failures["slow.txt"]["stage"] == "timeout" and failures["empty.txt"]["stage"] == "read"
    assert worker_processes() == []
    assert ended(int((slow_reader / "child.pid").read_text()))  # what the killed worker had started


def test_stopping_early_kills_the_busy_workers(tmp_path, slow_reader):
    """A caller that stops reading (an error, Ctrl-C) does not wait for the document still running."""
    slow, good = tmp_path / "slow.txt", tmp_path / "good.txt"
    slow.write_text("Kế hoạch chậm", encoding="utf-8")
    good.write_text(WARM_UP_PLAN, encoding="utf-8")
    results = extract_all([slow, good], workers=2, time_limit=600)
    path, extraction = next(results)
    assert path == good and extraction.metadata.number == "1/KH-UBND"
    results.close()
    close_workers()  # the idle one
    assert worker_processes() == []


def test_after_a_worker_is_killed_the_next_documents_go_to_a_fresh_one(tmp_path, slow_reader):
    """One worker: the slow document first; each later document (an unreadable one among them) still has its answer."""
    good = tmp_path / "good.txt"
    good.write_text(WARM_UP_PLAN, encoding="utf-8")
    slow, empty = tmp_path / "slow.txt", tmp_path / "empty.txt"
    slow.write_text("Kế hoạch chậm", encoding="utf-8")
    empty.write_bytes(b"")
    answers = list(extract_all([slow, empty, good, good], workers=1, time_limit=3))
    assert [path for path, _ in answers] == [slow, empty, good, good]  # one worker: in the order given
    results = dict(answers)
    assert isinstance(results[slow], TimeoutError) and "per-document limit" in str(results[slow])
    assert "the file is empty" in str(results[empty])
    assert results[good].metadata.number == "1/KH-UBND"
    close_workers()
    assert worker_processes() == []


@pytest.mark.parametrize("option", [["--workers", "0"], ["--timeout", "0"], ["--workers", "two"]])
def test_bad_worker_options_are_refused(tmp_path, option):
    result = runner.invoke(app, ["ingest", str(CORPUS), "--db", str(tmp_path / "x.db"), *option])
    assert result.exit_code == 2
    assert not (tmp_path / "x.db").exists()


def test_the_warm_up_plan_reaches_every_extractor():
    """load_models runs this plan so that a batch's time limit never pays for loading: it must hold every item kind."""
    from chitieu.models.document import Document
    from chitieu.extractors.extraction import extract

    found = extract(Document(source="warm-up", sha256="", text=WARM_UP_PLAN))
    assert found.metadata.issuer == "UBND tỉnh Hà Nam"
    assert found.targets and found.budgets and found.agencies and found.deadlines


def test_a_worker_loads_word_segmentation_without_the_rest_of_underthesea_which_stays_importable():
    """A worker's models: underthesea's segmenter only (not its NER or POS pipelines); the whole
    package still imports afterwards, sharing the segmenter."""
    script = ("import sys; from chitieu.pipeline.workers import load_models; load_models(); "
              "print(sorted(m for m in ('underthesea.pipeline.ner', 'underthesea.pipeline.pos_tag') "
              "if m in sys.modules)); "
              "from chitieu.extractors.indicators import word_segmenter; import underthesea; "
              "print(underthesea.word_tokenize is word_segmenter(), callable(underthesea.pos_tag))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["[]", "True True"]


def test_a_worker_that_died_while_idle_is_replaced_for_the_next_document(tmp_path, monkeypatch):
    """Between two documents (or two runs) an idle worker may die after its thread saw it alive: the document
    goes to a fresh worker instead of failing on the broken pipe."""
    from chitieu.pipeline import workers

    plan = tmp_path / "plan.txt"
    plan.write_text(WARM_UP_PLAN, encoding="utf-8")
    workers.start_workers(1)
    (idle,) = workers._idle
    idle.process.kill()
    idle.process.wait()
    monkeypatch.setattr(workers.Worker, "alive", lambda worker: True)  # it died just after it was seen alive
    [(path, extraction)] = extract_all([plan], workers=1, time_limit=60)
    assert path == plan and extraction.metadata.number == "1/KH-UBND"
    monkeypatch.undo()
    close_workers()
    assert worker_processes() == []
