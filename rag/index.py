"""The persisted store of one knowledge base: FAISS vectors, chunk records, keyword index, sources.

One version folder ``index/<kb>/v-<stamp>/`` holds manifest.json, vectors.faiss (the structure
of rag/vector_index.py; the manifest's "faiss_index" says which, with its calibration), chunks.jsonl,
sources.jsonl (every unit's clean text and metadata, for the library view), unit_vectors.npy,
keyword_*.npy, keyword_vocab.json and files/<sha><ext> (the bytes of every added file, so the
index can be rebuilt). Versions are written and switched atomically by rag/versions.py. Nothing
is pickled; every file's sha256 is in the manifest and checked on load, so a truncated or edited
file is reported, never served; a manifest built with another model, chunker or format is stale.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import faiss
import numpy as np

from rag import versions
from rag.errors import IndexError_
from rag.keyword import TOKENIZER_VERSION, KeywordIndex
from rag.records import Chunk, Source, Unit
from rag.strings import t

# The FAISS structure (flat or calibrated IVF) lives in rag/vector_index.py; rag/build.py and the
# benchmarks reach it through here.
from rag.vector_index import FLAT_LIMIT as FLAT_LIMIT
from rag.vector_index import build_vectors as build_vectors
from rag.vector_index import index_type, prepare
from rag.vector_index import vectors_of as vectors_of

FORMAT_VERSION = 1
MANIFEST, VECTORS = "manifest.json", "vectors.faiss"
CHUNKS, SOURCES, FILES, UNIT_VECTORS = "chunks.jsonl", "sources.jsonl", "files", "unit_vectors.npy"


class MissingIndex(IndexError_):
    """No index has been built for this knowledge base yet."""


class StaleIndex(IndexError_):
    """The index was built with another model, chunker or format: rebuild it."""


class CorruptIndex(IndexError_):
    """A file of the index is missing, truncated or edited (checksum mismatch)."""


@dataclass(frozen=True)
class StoredSource:
    """A source as indexed, plus the name of the stored copy of its file bytes (under ``files/``)."""

    source: Source
    file: str  # e.g. "3f2a...c1.txt"; the name is the sha256 of the bytes
    original: str  # path as given by the user (display only)
    excluded: tuple[str, ...] = ()  # doc_ids removed by the user (skipped when the file is re-read)
    titles: tuple[tuple[str, str], ...] = ()  # (doc_id, title) corrected by the user (kept on re-read)


@dataclass
class Store:
    """Everything one index version holds, in memory. Row i of ``vectors``/``keyword`` is chunks[i]."""

    sources: list[StoredSource]
    chunks: list[Chunk]
    vectors: faiss.Index
    keyword: KeywordIndex
    unit_vectors: np.ndarray  # one row per unit of ``units()``: its metadata and lead, embedded
    settings: dict = field(default_factory=dict)  # model, dim, chunk_size, chunk_overlap, chunker
    manifest: dict = field(default_factory=dict)
    version: str | None = None  # name of the version folder it was read from or written to

    def units(self) -> list[Unit]:
        """Every unit of every source, in order."""
        return [u for s in self.sources for u in s.source.units]


# --- writing -----------------------------------------------------------------------------------


def write_version(kb_dir: Path, name: str, store: Store, files: dict[str, Path]) -> Path:
    """Write ``store`` as a new version and make it live atomically (see rag/versions.py);
    ``files`` maps stored names to the bytes to keep (a kept copy is hard-linked, an upload copied)."""

    def fill(folder: Path) -> None:
        _write_files(folder, store, files)
        _write_manifest(folder, name, store)

    final = versions.commit(kb_dir, fill)
    store.version = final.name
    return final


def _write_files(folder: Path, store: Store, files: dict[str, Path]) -> None:
    faiss.write_index(store.vectors, str(folder / VECTORS))
    _write_jsonl(folder / CHUNKS, (c.to_dict() for c in store.chunks))
    _write_jsonl(folder / SOURCES, (_source_row(s) for s in store.sources))
    store.keyword.save(folder)
    np.save(folder / UNIT_VECTORS, np.asarray(store.unit_vectors, np.float32), allow_pickle=False)
    (folder / FILES).mkdir()
    for stored_name, origin in files.items():
        target = folder / FILES / stored_name
        try:
            os.link(origin, target)  # immutable content-named file: sharing it is safe
        except OSError:
            shutil.copyfile(origin, target)


def _write_manifest(folder: Path, name: str, store: Store) -> None:
    checksums = {
        p.relative_to(folder).as_posix(): versions.sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()
    }
    manifest = {
        "format_version": FORMAT_VERSION,
        "kb": name,
        **store.settings,
        "tokenizer": TOKENIZER_VERSION,
        "faiss_index": index_type(store.vectors),
        "documents": [_document_entry(s) for s in store.sources],
        "counts": {
            "sources": len(store.sources),
            "units": len(store.units()),
            "chunks": len(store.chunks),
            "vectors": int(store.vectors.ntotal),
            "keyword_terms": len(store.keyword.vocab),
        },
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "checksums": checksums,
    }
    store.manifest = manifest
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")


def _document_entry(s: StoredSource) -> dict:
    units = [
        {"doc_id": u.doc_id, "kind": u.kind, "title": u.title, "author": u.author} for u in s.source.units
    ]
    return {
        "source_id": s.source.source_id,
        "path": s.original,
        "file": s.file,
        "excluded": list(s.excluded),
        "titles": [list(x) for x in s.titles],
        "units": units,
    }


def _source_row(s: StoredSource) -> dict:
    src = s.source
    return {
        "source_id": src.source_id,
        "path": src.path,
        "original": s.original,
        "file": s.file,
        "excluded": list(s.excluded),
        "titles": [list(x) for x in s.titles],
        "page": src.page,
        "units": [u.to_dict() for u in src.units],
    }


# --- reading -----------------------------------------------------------------------------------


def read_version(kb_dir: Path, name: str, expected: dict) -> Store:
    """Load the live version, verifying checksums and that it was built with ``expected`` settings."""
    version = versions.live(kb_dir)
    if version is None:
        raise MissingIndex(_both("index_missing", name=name))
    folder = kb_dir / version
    manifest = _read_manifest(folder, name)
    _check_settings(manifest, name, expected)
    _verify_checksums(folder, manifest, name)
    try:
        return _load(folder, manifest)
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
        raise CorruptIndex(_corrupt(name, f"{folder.name} cannot be read ({exc})")) from exc


def live_version(kb_dir: Path) -> str | None:
    """Name of the live version folder, or None before the first build."""
    return versions.live(kb_dir)


writer_lock = versions.writer_lock  # the KnowledgeBase facade reaches the folder layer through here
clean_leftovers = versions.clean_leftovers


def stored_documents(kb_dir: Path) -> list[tuple[str, Path, tuple[str, ...], tuple[tuple[str, str], ...]]]:
    """``(original name, stored copy, excluded doc_ids, corrected titles)`` of every source of the live
    version whose kept bytes are intact; read from the manifest, so it works even when other files are
    damaged."""
    version = versions.live(kb_dir)
    if version is None:
        return []
    try:
        manifest = json.loads((kb_dir / version / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    out = []
    for doc in manifest.get("documents") or []:
        path = kb_dir / version / FILES / str(doc.get("file"))
        if path.is_file() and versions.sha256(path).startswith(str(doc["file"]).split(".")[0]):
            titles = tuple((str(d), str(t)) for d, t in doc.get("titles") or ())
            out.append((str(doc.get("path")), path, tuple(doc.get("excluded") or ()), titles))
    return out


def _read_manifest(folder: Path, name: str) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CorruptIndex(_corrupt(name, f"its manifest is unreadable ({exc.__class__.__name__})")) from exc


def _check_settings(manifest: dict, name: str, expected: dict) -> None:
    built = {
        "format_version": manifest.get("format_version"),
        "tokenizer": manifest.get("tokenizer"),
        **{k: manifest.get(k) for k in expected},
    }
    wanted = {"format_version": FORMAT_VERSION, "tokenizer": TOKENIZER_VERSION, **expected}
    diffs = [f"{k}={built[k]}, settings say {wanted[k]}" for k in wanted if built[k] != wanted[k]]
    if diffs:
        raise StaleIndex(_both("index_stale", name=name, diffs="; ".join(diffs)))


def _verify_checksums(folder: Path, manifest: dict, name: str) -> None:
    sums = manifest.get("checksums") or {}
    for rel in (VECTORS, CHUNKS, SOURCES, UNIT_VECTORS):
        if rel not in sums:
            raise CorruptIndex(_corrupt(name, f"the manifest lists no checksum for {rel}"))
    # Stored source copies are named by their own hash and checked when a rebuild reads them.
    for rel, digest in sums.items():
        if rel.startswith(FILES + "/"):
            continue
        path = folder / rel
        if not path.is_file():
            raise CorruptIndex(_corrupt(name, f"{rel} is missing"))
        if versions.sha256(path) != digest:
            raise CorruptIndex(_corrupt(name, f"{rel} is damaged (checksum mismatch)"))


def _corrupt(name: str, what: str) -> str:
    return _both("index_corrupt", name=name, what=what)


def _both(key: str, **kwargs: object) -> str:
    """Chinese and English: the message is raised before the user's language is known."""
    return f"{t(key, 'zh', **kwargs)} / {t(key, 'en', **kwargs)}"


def _load(folder: Path, manifest: dict) -> Store:
    chunks = [Chunk.from_dict(row) for row in _read_jsonl(folder / CHUNKS)]
    sources = [_stored_source(row) for row in _read_jsonl(folder / SOURCES)]
    vectors = prepare(faiss.read_index(str(folder / VECTORS)), manifest.get("faiss_index"))
    keyword = KeywordIndex.load(folder)
    unit_vectors = np.load(folder / UNIT_VECTORS, allow_pickle=False)
    n_units = sum(len(s.source.units) for s in sources)
    if not (vectors.ntotal == keyword.n_docs == len(chunks)) or len(unit_vectors) != n_units:
        raise ValueError(
            f"{vectors.ntotal} vectors, {keyword.n_docs} keyword rows, {len(chunks)} chunks, "
            f"{len(unit_vectors)} unit vectors for {n_units} units"
        )
    settings = {
        k: manifest[k] for k in ("model", "dim", "chunk_size", "chunk_overlap", "chunker") if k in manifest
    }
    return Store(sources, chunks, vectors, keyword, unit_vectors, settings, manifest, folder.name)


def _stored_source(row: dict) -> StoredSource:
    units = tuple(Unit.from_dict(u) for u in row["units"])
    source = Source(source_id=row["source_id"], path=row["path"], units=units, page=row.get("page") or {})
    titles = tuple((str(d), str(t)) for d, t in row.get("titles") or ())
    return StoredSource(source, row["file"], row["original"], tuple(row.get("excluded") or ()), titles)


# --- small file helpers ------------------------------------------------------------------------


def _write_jsonl(path: Path, rows: Sequence[dict] | Iterator[dict]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def file_sha256(path: Path) -> str:
    """sha256 hex digest of a file's bytes (names the stored copy of a source)."""
    return versions.sha256(path)
