"""rag/segment.py cuts and tags exactly as stock jieba does, from its packed cache and without it,
before and after its tables turn into dicts; a broken cache file is rebuilt, never trusted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rag.segment import CACHE_FILE
from rag.settings import BUNDLED_PAGE

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"

_OURS = """
import json, sys
from rag import segment
segment.PROMOTE_AFTER = int(sys.argv[2])
texts = json.load(open(sys.argv[1], encoding="utf-8"))
lexicon, _ = segment._lexicon_and_tokenizer()
out = {
    "from_lexicon": lexicon is not None,
    "words": [segment.words(x) for x in texts],
    "search": [list(segment.tokenizer().cut_for_search(x)) for x in texts],
    "tags": [segment.tagged(x) for x in texts],
}
out["freq_type"] = type(segment.tokenizer().FREQ).__name__
json.dump(out, sys.stdout, ensure_ascii=False)
"""

_STOCK = """
import json, sys
import jieba, jieba.posseg
texts = json.load(open(sys.argv[1], encoding="utf-8"))
json.dump({
    "words": [jieba.lcut(x) for x in texts],
    "search": [list(jieba.cut_for_search(x)) for x in texts],
    "tags": [[[w.word, w.flag] for w in jieba.posseg.lcut(x)] for x in texts],
}, sys.stdout, ensure_ascii=False)
"""


QUESTIONS = 1500  # fixture questions cut: an even spread over every file (all of them took a minute more)


def _texts() -> tuple[list[str], list[str]]:
    """All lines of the page and the laws with fixture questions (QUESTIONS of them, taken at an even
    stride through every file's), and the questions alone."""
    asked = []
    for path in sorted(FIXTURES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                asked.append(json.loads(line).get("q", ""))
    asked = list(dict.fromkeys(asked))
    stride = max(1, -(-len(asked) // QUESTIONS))
    questions = ["", "   ", "太湖盾2025守护行动", "PM2.5 和 6+2 产业", "國家安全機關", "x", "的的的的"]
    questions += asked[::stride]
    lines = BUNDLED_PAGE.read_text(encoding="utf-8").splitlines()
    for law in sorted((ROOT / "data").rglob("*.md")):
        lines += law.read_text(encoding="utf-8").splitlines()
    return list(dict.fromkeys(lines + questions)), list(dict.fromkeys(questions))


def _run(script: str, texts: Path, tmp: Path, *args: str) -> dict:
    env = {**os.environ, "TMPDIR": str(tmp), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script, str(texts), *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    result["tags"] = [[list(p) for p in row] for row in result["tags"]]
    return result


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path, dict, Path, dict]:
    """A fresh temp folder jieba caches in; all texts and stock jieba's cuts of them; the
    questions and theirs."""
    work = tmp_path_factory.mktemp("segment")
    every, questions = work / "texts.json", work / "questions.json"
    texts, asked = _texts()
    every.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    questions.write_text(json.dumps(asked, ensure_ascii=False), encoding="utf-8")
    assert len(texts) > 2000 and len(asked) > 500
    return work, every, _run(_STOCK, every, work), questions, _run(_STOCK, questions, work)


def test_cuts_and_tags_equal_stock_jieba_from_the_cache_and_without_it(corpus):
    work, every, stock, questions, stock_questions = corpus
    cache = work / CACHE_FILE
    cache.unlink(missing_ok=True)
    first = _run(_OURS, every, work, "50000")  # builds the cache from jieba's own loading
    assert not first["from_lexicon"] and cache.is_file()
    at_once = _run(_OURS, every, work, "0")  # dicts from the first lookup
    assert at_once["from_lexicon"] and at_once["freq_type"] == "dict"
    for run in (first, at_once):
        for key in ("words", "search", "tags"):
            assert run[key] == stock[key], key
    never = _run(_OURS, questions, work, str(10**12))  # every lookup by bisection
    assert never["from_lexicon"] and never["freq_type"] == "_Frequencies"
    for key in ("words", "search", "tags"):
        assert never[key] == stock_questions[key], key


def test_a_broken_or_foreign_cache_file_is_rebuilt_not_trusted(corpus):
    import jieba

    from rag import segment

    work = corpus[0]
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(work)
    tokenizer.initialize()
    key = segment._cache_key(tokenizer)
    cache = work / CACHE_FILE
    for content in (b"\x00broken", segment.marshal.dumps((["another", "key"], ())), b""):
        cache.write_bytes(content)
        assert segment._load_lexicon(tokenizer, key) is None
        segment._save_lexicon(tokenizer, key)
        lexicon = segment._load_lexicon(tokenizer, key)
        assert lexicon is not None and lexicon.total == tokenizer.total
        assert all(lexicon.freq(lexicon.find(w)) == f for w, f in list(tokenizer.FREQ.items())[::97])
    assert segment._load_lexicon(tokenizer, [*key[:-1], "another jieba"]) is None
    assert not [p for p in work.iterdir() if p.name.startswith(".rag-lexicon-")]  # no partial files
