from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory):
    """The bundled corpus ingested once into a temporary database."""
    from chitieu.pipeline.ingest import ingest_paths

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    report = ingest_paths([CORPUS], db)
    assert not report.failed, report.failed
    return db
