import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's (scripts/install-system.sh): Playwright downloads nothing
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


@contextmanager
def chromium_tab(width: int = 1280, height: int = 900) -> Iterator:
    """A tab of a headless Chromium with a profile of its own; the test is skipped when Chromium is not installed."""
    if not CHROMIUM.exists() or shutil.which("chromium") is None:
        pytest.skip("chromium is not installed; run scripts/install-system.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        browser = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": width, "height": height})
        try:
            yield browser.new_page()
        finally:
            browser.close()


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory):
    """The bundled corpus ingested once into a temporary database."""
    from chitieu.pipeline.ingest import ingest_paths

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    report = ingest_paths([CORPUS], db)
    assert not report.failed, report.failed
    return db


@pytest.fixture
def slow_reader(tmp_path, monkeypatch):
    """Worker processes that hang for ten minutes on any file named ``slow.txt``, waiting on a child process
    (as on a stuck OCR page); the hook's folder is returned, the child's pid in its ``child.pid``.

    Workers are separate processes, so the hook is a ``sitecustomize`` module on their PYTHONPATH.
    """
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import pathlib, subprocess\n"
        "from chitieu.pipeline import workers\n"
        "_read = workers.read_document\n"
        "def read_document(path):\n"
        "    if path.name == 'slow.txt':\n"
        "        child = subprocess.Popen(['sleep', '600'])\n"
        f"        pathlib.Path({str(hook)!r}, 'child.pid').write_text(str(child.pid))\n"
        "        child.wait()\n"
        "    return _read(path)\n"
        "workers.read_document = read_document\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(hook))
    return hook


def worker_processes():
    """This process's children that are chitieu worker processes, from the process table."""
    def is_worker(process):
        try:
            return "chitieu.pipeline.workers" in " ".join(process.cmdline())
        except psutil.ZombieProcess:  # dead, not reaped yet: whose it is does not matter, it is left over
            return True
        except psutil.NoSuchProcess:
            return False

    return [child for child in psutil.Process().children(recursive=True) if is_worker(child)]
