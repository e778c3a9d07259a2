"""The persisted index: FAISS correctness and structure choice, manifest, incremental adds,
removal, staleness, corruption.

Knowledge bases here are built from two small files with the real encoder (fast); retrieval
quality on the real page is in test_retrieve.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import faiss
import numpy as np
import pytest

from benchmarks.vectors import perturbed_queries, synthetic_vectors
from rag import index as ix
from rag import vector_index
from rag.errors import IndexError_
from rag.evidence import candidate_spans
from rag.kb import QUOTE_VECTORS, KnowledgeBase, open_default
from rag.records import Hit

DOC_A = "# 网络安全大脑\n\n太湖盾是无锡市网络安全大脑，负责监测预警和应急处置。\n\n它加强资产纳管和数据汇聚。\n"  # noqa: E501
DOC_B = "# 粮食品牌\n\n锡山大米获得国内第二个水稻碳标签证书。\n\n甘露青鱼是区域公用品牌。\n"


class CountingEncoder:
    """The real encoder, counting the passages it embeds (to prove what is not re-embedded)."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.documents = 0

    def encode_queries(self, texts):
        return self.inner.encode_queries(texts)

    def encode_documents(self, texts):
        self.documents += len(texts)
        return self.inner.encode_documents(texts)


@pytest.fixture
def docs(tmp_path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(DOC_A, encoding="utf-8")
    b.write_text(DOC_B, encoding="utf-8")
    return a, b


def _open(tmp_path, encoder, name="tiny", chunk_size=220, **kw) -> KnowledgeBase:
    return KnowledgeBase.open(name, index_dir=tmp_path / "index", encoder=encoder, chunk_size=chunk_size,
                              chunk_overlap=1, **kw)  # fmt: skip


def _live(kb: KnowledgeBase) -> Path:
    return kb.folder / ix.live_version(kb.folder)


# --- FAISS ---------------------------------------------------------------------------------------


def test_flat_search_equals_numpy_brute_force_top_k():
    rng = np.random.default_rng(7)
    docs = rng.normal(size=(500, 32)).astype(np.float32)
    docs /= np.linalg.norm(docs, axis=1, keepdims=True)
    queries = rng.normal(size=(20, 32)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    index = ix.build_vectors(docs, 32)
    assert ix.index_type(index)["type"] == "IndexFlatIP"
    sims, ids = index.search(queries, 10)
    brute = queries @ docs.T
    expected = np.argsort(-brute, axis=1, kind="stable")[:, :10]
    assert (ids == expected).all()
    np.testing.assert_allclose(sims, np.take_along_axis(brute, expected, axis=1), rtol=1e-5)


N_IVF, FLAT_LIMIT_LOWERED = 20_000, 10_000  # the product's limit is 100k: lowered to keep tests fast


@pytest.fixture(scope="module")
def clustered() -> np.ndarray:
    """20k seeded 384-d unit vectors from overlapping clusters (neighbourhoods as in real data)."""
    return synthetic_vectors(N_IVF, 384, seed=5)


@pytest.fixture(scope="module")
def ivf(clustered):
    return ix.build_vectors(clustered, 384, flat_limit=FLAT_LIMIT_LOWERED)


def _recall_at_10(index, docs: np.ndarray, queries: np.ndarray) -> float:
    _, found = index.search(queries, 10)
    truth = np.argsort(-(queries @ docs.T), axis=1)[:, :10]  # numpy brute force: the reference
    hits = [len(set(f) & set(t)) for f, t in zip(found.tolist(), truth.tolist(), strict=True)]
    return sum(hits) / truth.size


def test_at_the_flat_limit_search_stays_exact(clustered):
    index = ix.build_vectors(clustered[:FLAT_LIMIT_LOWERED], 384, flat_limit=FLAT_LIMIT_LOWERED)
    assert ix.index_type(index) == {"type": "IndexFlatIP", "metric": "inner_product"}
    assert ix.FLAT_LIMIT == 100_000  # exact up to 100k vectors: ~6 ms a query (RESULTS.md section 5)


def test_above_the_limit_ivf_is_built_and_its_calibration_recorded(ivf):
    kind = ix.index_type(ivf)
    assert kind["type"] == "IndexIVFFlat" and kind["metric"] == "inner_product"
    assert kind["nlist"] == vector_index.ivf_nlist(N_IVF) == 512  # largest power of two <= 4*sqrt(20k)
    assert kind["calibrated_recall_at_10"] >= kind["calibration_target"] == 0.97
    assert kind["calibration_queries"] == 200
    assert kind["calibrated_nprobe"] > 1
    assert kind["nprobe"] == 8 * kind["calibrated_nprobe"] < kind["nlist"]  # the margin for real questions


def test_calibrated_ivf_finds_the_true_neighbours_of_held_out_queries(ivf, clustered):
    queries = perturbed_queries(clustered, 200, seed=99)  # not the calibration sample
    nprobe, calibrated = ivf.nprobe, ix.index_type(ivf)["calibrated_nprobe"]
    assert _recall_at_10(ivf, clustered, queries) >= 0.95
    try:  # the calibration picked the smallest probe count: half of it misses the target
        ivf.nprobe = calibrated
        assert _recall_at_10(ivf, clustered, queries) >= 0.95
        ivf.nprobe = calibrated // 2
        assert _recall_at_10(ivf, clustered, queries) < 0.95
    finally:
        ivf.nprobe = nprobe


def test_ivf_build_is_deterministic(ivf, clustered):
    again = ix.build_vectors(clustered, 384, flat_limit=FLAT_LIMIT_LOWERED)
    assert ix.index_type(again) == ix.index_type(ivf)
    queries = perturbed_queries(clustered, 20, seed=3)
    assert (again.search(queries, 10)[1] == ivf.search(queries, 10)[1]).all()


def test_ivf_written_and_read_keeps_nprobe_and_returns_every_vector(ivf, clustered, tmp_path):
    faiss.write_index(ivf, str(tmp_path / "v.faiss"))
    recorded = ix.index_type(ivf)
    read = ix.prepare(faiss.read_index(str(tmp_path / "v.faiss")), recorded)
    assert ix.index_type(read) == recorded and read.nprobe == ivf.nprobe
    np.testing.assert_array_equal(ix.vectors_of(read), clustered)  # rebuilt from, never re-embedded
    np.testing.assert_array_equal(read.reconstruct(12_345), clustered[12_345])
    queries = perturbed_queries(clustered, 20, seed=4)
    assert (read.search(queries, 10)[1] == ivf.search(queries, 10)[1]).all()
    read.nprobe = 1  # as if the file had lost it: the manifest's value is restored
    assert ix.prepare(read, recorded).nprobe == ivf.nprobe


def test_a_knowledge_base_above_the_limit_serves_and_rebuilds_from_ivf(tmp_path, encoder, docs, monkeypatch):
    monkeypatch.setattr(vector_index, "FLAT_LIMIT", 1)  # each small file has its own chunk
    kb = _open(tmp_path, encoder)
    kb.add(docs)
    assert kb.manifest["faiss_index"]["type"] == "IndexIVFFlat" and len(kb.chunks()) > 1
    kb = _open(tmp_path, encoder)  # read back from disk
    assert ix.index_type(kb._store.vectors) == kb.manifest["faiss_index"]
    assert kb.search("锡山大米获得了什么证书？", 1)[0].chunk.source == "b.md"
    kb.remove(kb.sources()[1].source_id)  # rebuilt from the stored vectors
    assert [c.source for c in kb.chunks()] == ["a.md"] * len(kb.chunks())
    assert kb.search("太湖盾", 1)[0].chunk.source == "a.md"


# --- building and the manifest -------------------------------------------------------------------


def test_manifest_records_model_settings_hashes_counts_and_every_checksum(tmp_path, encoder, docs):
    kb = _open(tmp_path, encoder)
    report = kb.add(docs)
    assert report.added == ("a.md", "b.md") and not report.errors
    manifest = json.loads((_live(kb) / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format_version"] == ix.FORMAT_VERSION
    assert (manifest["model"], manifest["dim"]) == (encoder.name, encoder.dim)
    assert (manifest["chunk_size"], manifest["chunk_overlap"]) == (220, 1)
    assert manifest["faiss_index"]["type"] == "IndexFlatIP"
    assert [d["path"] for d in manifest["documents"]] == ["a.md", "b.md"]
    assert {d["source_id"] for d in manifest["documents"]} == {s.source_id for s in kb.sources()}
    assert manifest["counts"]["sources"] == 2 and manifest["counts"]["chunks"] == len(kb.chunks())
    files = {p.relative_to(_live(kb)).as_posix() for p in _live(kb).rglob("*") if p.is_file()}
    assert set(manifest["checksums"]) == files - {"manifest.json"}
    assert not any(p.suffix in {".pkl", ".pickle"} for p in _live(kb).rglob("*"))
    # The stored copies are the exact bytes that were added.
    stored = sorted(p.read_bytes() for p in (_live(kb) / "files").iterdir())
    assert stored == sorted(p.read_bytes() for p in docs)


def test_adding_the_same_file_twice_changes_nothing(tmp_path, encoder, docs):
    counting = CountingEncoder(encoder)
    kb = _open(tmp_path, counting)
    kb.add([docs[0]])
    before = ([c.chunk_id for c in kb.chunks()], kb.manifest["counts"], ix.live_version(kb.folder))
    embedded = counting.documents
    report = _open(tmp_path, counting).add([docs[0]])
    assert report.unchanged == ("a.md",) and report.embedded == 0 and not report.added
    kb = _open(tmp_path, counting)
    assert ([c.chunk_id for c in kb.chunks()], kb.manifest["counts"], ix.live_version(kb.folder)) == before
    assert counting.documents == embedded  # nothing re-embedded


def test_adding_a_file_embeds_only_its_chunks_and_keeps_existing_vectors(tmp_path, encoder, docs):
    counting = CountingEncoder(encoder)
    kb = _open(tmp_path, counting)
    kb.add([docs[0]])
    old_vectors = ix.vectors_of(kb._store.vectors).copy()
    counting.documents = 0
    report = kb.add([docs[1]])
    new_chunks = [c for c in kb.chunks() if c.source == "b.md"]
    spans = [(c.source, s.text) for c in kb.chunks() for s in candidate_spans([Hit(c, 0.0, 1)])]
    quotes = {name: {text for source, text in spans if source == name} for name in ("a.md", "b.md")}
    new_quotes = quotes["b.md"] - quotes["a.md"]  # the build embeds the quotes not embedded before
    assert report.embedded == len(new_chunks)
    assert counting.documents == len(new_chunks) + 1 + len(new_quotes)  # + its unit
    np.testing.assert_array_equal(ix.vectors_of(kb._store.vectors)[: len(old_vectors)], old_vectors)
    assert kb.search("锡山大米获得了什么证书？", 1)[0].chunk.source == "b.md"


def test_a_changed_file_with_the_same_name_replaces_the_old_version(tmp_path, encoder, docs):
    kb = _open(tmp_path, encoder)
    kb.add([docs[0]])
    docs[0].write_text(DOC_A.replace("太湖盾", "太湖之盾"), encoding="utf-8")
    report = kb.add([docs[0]])
    assert report.replaced == ("a.md",)
    assert len(kb.sources()) == 1 and "太湖之盾" in kb.sources()[0].units[0].text


def test_unreadable_files_are_reported_and_the_rest_indexed(tmp_path, encoder, docs):
    kb = _open(tmp_path, encoder)
    report = kb.add([tmp_path / "missing.txt", docs[0]])
    assert report.added == ("a.md",)
    assert [e.path for e in report.errors] == ["missing.txt"]


def test_remove_by_unique_prefix_of_a_source_or_unit_id(tmp_path, encoder, docs):
    kb = _open(tmp_path, encoder)
    kb.add(docs)
    a, b = kb.sources()
    removed = kb.remove(b.source_id[:6])
    assert [u.doc_id for u in removed] == [u.doc_id for u in b.units]
    kb = _open(tmp_path, encoder)
    assert [s.source_id for s in kb.sources()] == [a.source_id]
    assert all(c.source_id == a.source_id for c in kb.chunks())
    assert kb.manifest["counts"]["vectors"] == len(kb.chunks())
    with pytest.raises(IndexError_, match="no source or unit id starts with"):
        kb.remove("zzzz")


def test_an_ambiguous_id_prefix_is_refused_with_the_candidates():
    from dataclasses import replace

    from rag.kb import _resolve_id
    from rag.records import Source, Unit

    unit = Unit("ab12", "document", "t", None, None, None, ("x",))
    sources = [ix.StoredSource(Source("ab34", "a.md", (unit,)), "f.md", "a.md"),
               ix.StoredSource(Source("cd56", "b.md", (replace(unit, doc_id="cd78"),)), "g.md", "b.md")]
    assert _resolve_id(sources, "cd7") == "cd78"
    with pytest.raises(IndexError_, match=r"ambiguous \(ab12, ab34\)"):
        _resolve_id(sources, "ab")


# --- stale and corrupted indexes ----------------------------------------------------------------


def test_other_chunk_size_or_model_is_reported_exactly(tmp_path, encoder, docs):
    _open(tmp_path, encoder).add([docs[0]])
    with pytest.raises(ix.StaleIndex) as err:
        _open(tmp_path, encoder, chunk_size=300)
    assert "index 'tiny' was built with chunk_size=220, settings say 300" in str(err.value)
    assert "python -m rag build --kb tiny" in str(err.value)

    other = CountingEncoder(encoder)
    other.name = "some/other-model"
    with pytest.raises(ix.StaleIndex, match=r"model=.*settings say some/other-model"):
        _open(tmp_path, other)


def test_a_stale_knowledge_base_is_rebuilt_from_its_stored_files(tmp_path, encoder, docs):
    _open(tmp_path, encoder).add(docs)
    for doc in docs:
        doc.unlink()  # the rebuild must use the copies kept inside the index
    kb = _open(tmp_path, encoder, chunk_size=300, rebuild=True)
    assert kb.manifest["chunk_size"] == 300
    assert [s.path for s in kb.sources()] == ["a.md", "b.md"]
    assert kb.search("太湖盾", 1)[0].chunk.source == "a.md"


def test_open_default_rebuilds_a_stale_default_index(tmp_path, encoder, docs):
    kb = _open(tmp_path, encoder, name="default")
    kb.add([docs[0]])
    kb = open_default(index_dir=tmp_path / "index", encoder=encoder, chunk_size=300, chunk_overlap=1)
    assert kb.manifest["chunk_size"] == 300 and [s.path for s in kb.sources()] == ["a.md"]


def _corrupt(kb: KnowledgeBase, how: str) -> None:
    folder = _live(kb)
    if how == "truncated faiss":
        data = (folder / "vectors.faiss").read_bytes()
        (folder / "vectors.faiss").write_bytes(data[: len(data) // 2])
    elif how == "edited chunk line":
        lines = (folder / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
        lines[0] = lines[0].replace("太湖盾", "太湖剑")
        (folder / "chunks.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif how == "missing keyword file":
        (folder / "keyword_tfs.npy").unlink()


@pytest.mark.parametrize("how", ["truncated faiss", "edited chunk line", "missing keyword file"])
def test_corrupted_files_are_detected_reported_and_never_served(tmp_path, encoder, docs, how):
    kb = _open(tmp_path, encoder)
    kb.add(docs)
    _corrupt(kb, how)
    with pytest.raises(ix.CorruptIndex) as err:
        _open(tmp_path, encoder)
    assert "index 'tiny' is corrupted" in str(err.value)
    assert "rebuild with python -m rag build --kb tiny" in str(err.value)
    healed = _open(tmp_path, encoder, rebuild=True)  # what the CLI and the app do
    assert [s.path for s in healed.sources()] == ["a.md", "b.md"]
    assert "太湖盾" in healed.search("太湖盾", 1)[0].chunk.text


def test_leftover_temp_folders_and_old_versions_are_cleaned_at_open(tmp_path, encoder, docs):
    kb = _open(tmp_path, encoder)
    kb.add([docs[0]])
    (kb.folder / ".tmp-20250101T000000-dead").mkdir()
    (kb.folder / ".tmp-20250101T000000-dead" / "vectors.faiss").write_bytes(b"partial")
    (kb.folder / "v-20250101T000000-old").mkdir()
    (kb.folder / ".tmp-current-dead").write_text("v-x", encoding="utf-8")
    kb = _open(tmp_path, encoder)
    names = sorted(p.name for p in kb.folder.iterdir())
    assert names == [".lock", "CURRENT", QUOTE_VECTORS, ix.live_version(kb.folder)]
    assert [s.path for s in kb.sources()] == ["a.md"]


def test_bad_knowledge_base_names_are_refused(tmp_path, encoder):
    for name in ("../escape", "", ".hidden", "a/b"):
        with pytest.raises(IndexError_, match="invalid knowledge base name"):
            _open(tmp_path, encoder, name=name)
