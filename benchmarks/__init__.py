"""Benchmarks of the product: ``python -m benchmarks`` writes RESULTS.md and RESULTS.json.

Sections, one module each: embedding (encoder vs baselines), query (warm search/ask and their
stages), coldstart (CLI and app start), growth (1x-1000x corpora, from corpus.py), structures
(FAISS flat/HNSW/IVF/PQ), keyword (BM25 engines), memory (the app's resident memory),
concurrency (16 simultaneous users plus an upload). runner.py chains them; report.py writes the
Markdown.
"""
