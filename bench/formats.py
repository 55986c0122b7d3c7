"""Reading speed and extraction score per input format, from one run.

    python bench/formats.py [FOLDER] [--dpi 200 300]

FOLDER (default ../shared/corpus/formats) holds the same plans as text PDF
(NNN.pdf), scan (NNN.scan.pdf) and Word (NNN.docx); their text versions are
looked up in corpus/. Prints:
- text-layer PDF pages per second (one core);
- OCR pages per second through the pipeline beside bare ``tesseract`` on the
  same page images at the same resolution, both spread over all cores;
- the headline score of each format's export against the gold, beside the
  text version's (``score.py --match-stem``), when ../shared/gold exists.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from chitieu.pipeline.export import export_jsonl
from chitieu.pipeline.ingest import ingest_paths
from chitieu.pipeline.readers import pdf as pdf_reader
from chitieu.pipeline.store import open_db

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def text_pdf_speed(files: list[Path]) -> str:
    pages, started = 0, time.perf_counter()
    for path in files:
        doc = pdf_reader.read_pdf(path.read_bytes(), path.name, "")
        pages += len(doc.pages)
    seconds = time.perf_counter() - started
    return f"text-layer PDF: {pages} pages, {pages / seconds:.1f} pages/s"


def ocr_speed(files: list[Path], dpi: float | None) -> str:
    import pypdfium2 as pdfium

    pages, started = 0, time.perf_counter()
    for path in files:
        doc = pdf_reader.read_pdf(path.read_bytes(), path.name, "", dpi=dpi)
        pages += len(doc.pages)
    pipeline = time.perf_counter() - started
    quality = [p.quality for p in doc.pages]
    with tempfile.TemporaryDirectory() as tmp:
        images = []
        for path in files:
            pdf = pdfium.PdfDocument(path.read_bytes())
            for i in range(len(pdf)):
                image = Path(tmp) / f"{path.stem}-{i}.pgm"
                image.write_bytes(pdf_reader._render_image(pdf[i], dpi))
                images.append(image)
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        started = time.perf_counter()
        with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
            list(pool.map(lambda p: subprocess.run(["tesseract", str(p), "stdout", "-l", "vie", "tsv"],
                                                   capture_output=True, env=env, check=True), images))
        bare = time.perf_counter() - started
    label = f"{dpi:.0f} dpi" if dpi else "native dpi"
    return (f"OCR ({label}): pipeline {pages / pipeline:.2f} pages/s, bare tesseract {pages / bare:.2f} pages/s "
            f"(pipeline takes {pipeline / bare:.2f}x bare's time); last document's page quality "
            f"{min(quality):.3f}-{max(quality):.3f}")


def _warm_up(scan: Path) -> None:
    """OCR one page untimed, so neither side pays for loading Tesseract's model from disk."""
    import pypdfium2 as pdfium
    from chitieu.pipeline.readers.ocr import ocr_image

    ocr_image(pdf_reader._render_image(pdfium.PdfDocument(scan.read_bytes())[0]), 1)


def format_scores(folder: Path) -> list[str]:
    gold = SHARED / "gold"
    if not gold.exists():
        return ["(no ../shared/gold: scores skipped)"]
    stems = sorted({p.name.split(".")[0] for p in folder.iterdir() if p.suffix in {".pdf", ".docx"}})
    groups = {
        "text": [ROOT / "corpus" / f"{s}.txt" for s in stems],
        "pdf": [folder / f"{s}.pdf" for s in stems],
        "docx": [folder / f"{s}.docx" for s in stems],
        "scan": [folder / f"{s}.scan.pdf" for s in stems],
    }
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, files in groups.items():
            files = [f for f in files if f.exists()]
            db = Path(tmp) / f"{name}.db"
            ingest_paths(files, db)
            out = Path(tmp) / f"{name}.jsonl"
            with out.open("w", encoding="utf-8") as f:
                export_jsonl(open_db(db), f)
            gold_subset = Path(tmp) / f"gold-{name}"
            gold_subset.mkdir()
            for stem in stems:
                (gold_subset / f"{stem}.json").write_bytes((gold / f"{stem}.json").read_bytes())
            result = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(gold_subset),
                                     "--pred", str(out), "--match-stem", "--json"], capture_output=True, text=True)
            headline = json.loads(result.stdout)["headline"] if result.returncode == 0 else None
            lines.append(f"score {name:5s}: headline {headline:.3f}" if headline is not None
                         else f"score {name}: {result.stderr.strip()}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=SHARED / "corpus" / "formats")
    parser.add_argument("--dpi", type=float, nargs="*", default=[None],
                        help="OCR resolutions to compare (default: each scan's own)")
    args = parser.parse_args()
    print(text_pdf_speed(sorted(p for p in args.folder.glob("*.pdf") if not p.name.endswith(".scan.pdf"))))
    scans = sorted(args.folder.glob("*.scan.pdf"))
    if scans:
        _warm_up(scans[0])
    for dpi in args.dpi:
        print(ocr_speed(scans, dpi))
    for line in format_scores(args.folder):
        print(line)


if __name__ == "__main__":
    main()
