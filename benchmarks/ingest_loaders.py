"""Ingestion figures: page parse + chunk time, chunk size distribution, per-format load time.

Run: ``.venv/bin/python -m benchmarks.ingest_loaders`` (writes its sample files to a temp folder).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import docx

from rag.chunk import chunk_source
from rag.ingest import parse_page
from rag.loaders import load_file
from rag.settings import BUNDLED_PAGE, Settings

LIMITS = {"max_bytes": 50 * 2**20, "timeout": 60.0}


def _median_ms(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _samples(folder: Path, page: str) -> dict[str, Path]:
    """The bundled page as GBK .txt, .md, .docx and .html (the PDF loader shares the worker path)."""
    out = {"txt (GBK page)": folder / "page.txt", "md": folder / "page.md"}
    out["txt (GBK page)"].write_bytes(page.encode("gbk"))
    out["md"].write_text("# 发布厅\n\n" + page.replace("\n", "\n\n"), encoding="utf-8")
    document = docx.Document()
    for line in page.splitlines():
        document.add_paragraph(line)
    out["docx (worker)"] = folder / "page.docx"
    document.save(out["docx (worker)"])
    out["html (worker)"] = folder / "page.html"
    body = "".join(f"<p>{line}</p>" for line in page.splitlines())
    out["html (worker)"].write_text(f"<html><head><title>发布厅</title></head><body>{body}</body></html>")
    return out


def main() -> None:
    """Print the figures."""
    settings = Settings.from_env()
    page = BUNDLED_PAGE.read_text(encoding="utf-8")
    source = parse_page(page, BUNDLED_PAGE.name)
    chunks = chunk_source(source, size=settings.chunk_size, overlap=settings.chunk_overlap)
    sizes = sorted(len(c.text) for c in chunks)
    print(f"page: {len(page)} chars, {len(source.units)} units, {len(chunks)} chunks")
    print(
        f"chunk chars: min {sizes[0]}  p25 {sizes[len(sizes) // 4]}  median {statistics.median(sizes):.0f}"
        f"  p75 {sizes[3 * len(sizes) // 4]}  max {sizes[-1]}  (size={settings.chunk_size},"
        f" overlap={settings.chunk_overlap})"
    )
    print(f"parse_page: {_median_ms(lambda: parse_page(page, 'p'), 20):.1f} ms (median of 20)")
    print(f"chunk_source: {_median_ms(lambda: chunk_source(source, size=220, overlap=1), 20):.1f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        for label, path in _samples(Path(tmp), page).items():
            ms = _median_ms(lambda p=path: load_file(p, **LIMITS), 5)
            print(f"load_file {label}: {ms:.0f} ms (median of 5)")


if __name__ == "__main__":
    main()
