"""Where chitieu reads and writes when not told (paths relative to the working directory), and its time limit.

Each can be set by an environment variable, and the commands' options (``--db``,
the paths of ``ingest``) override both. Nothing depends on where the package is
installed.

>>> DEFAULT_DB.name, BUNDLED_CORPUS.name
('chitieu.db', 'corpus')
"""
from __future__ import annotations

import os
from pathlib import Path

# The database every command reads or writes without --db.
DEFAULT_DB = Path(os.environ.get("CHITIEU_DB", "outputs/chitieu.db"))
# What `chitieu ingest` reads without paths: the corpus folder of a checkout.
BUNDLED_CORPUS = Path(os.environ.get("CHITIEU_CORPUS", "corpus"))
# Prefect's state for `chitieu batch`, unless PREFECT_HOME says otherwise.
PREFECT_HOME = Path("outputs/prefect")
# Seconds a document may take (`--timeout`) before its worker process is killed: a scanned plan of a
# hundred pages OCRs in a few minutes.
DEFAULT_TIME_LIMIT = 300.0
