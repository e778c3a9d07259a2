"""Retrieval metrics: exact bookkeeping on hand-made hits, the quality bar on the real dev set, the CLI."""

from __future__ import annotations

import json

import pytest

from rag.evaluate import evaluate, format_table, load_qa
from rag.records import KIND_ARTICLE, KIND_NOTE, Chunk, Hit

QUALITY_BAR = {"recall@k": 1.0, "mrr": 0.93, "evidence@k": 0.95, "evidence@1": 0.80}


def _hit(rank: int, author: str | None, text: str, kind: str = KIND_ARTICLE, title: str | None = None) -> Hit:
    chunk = Chunk(chunk_id=f"c{rank}", doc_id=f"d{author}", source_id="s", unit_index=0, paragraph_index=0,
                  start=0, end=len(text), text=text, kind=kind, title=title, subtitle=None, author=author,
                  role=None)  # fmt: skip
    return Hit(chunk=chunk, score=1.0 / rank, rank=rank)


def test_metrics_are_computed_exactly_on_hand_made_hits():
    questions = [
        {"id": "a", "q": "q1", "type": "fact", "lang": "zh", "authors": ["甲"], "evidence": ["一 二"]},
        {"id": "b", "q": "q2", "type": "fact", "lang": "en", "authors": ["乙"], "evidence": ["三"]},
        {"id": "c", "q": "q3", "type": "who", "lang": "zh", "authors": ["编者按"], "evidence": ["标题"]},
        {"id": "d", "q": "q4", "type": "unanswerable", "lang": "zh", "authors": [], "evidence": []},
    ]
    results = {
        "q1": [_hit(1, "甲", "……一二……"), _hit(2, "乙", "x")],
        "q2": [_hit(1, "甲", "三"), _hit(2, "丙", "y"), _hit(3, "乙", "z")],
        "q3": [_hit(1, None, "note", kind=KIND_NOTE, title="有标题")],
        "q4": [_hit(1, "甲", "w")],
    }
    out = evaluate(lambda q, k: results[q][:k], questions, k=5)
    overall = out["rows"]["overall"]
    assert overall["n"] == 3  # the unanswerable question is excluded
    assert overall["recall@1"] == pytest.approx(2 / 3)
    assert overall["recall@k"] == 1.0
    assert overall["mrr"] == pytest.approx((1 + 1 / 3 + 1) / 3)
    assert overall["evidence@1"] == 1.0  # whitespace removed; a title counts for who-questions
    assert out["rows"]["en"] == {**out["rows"]["en"], "n": 1, "recall@1": 0.0, "mrr": pytest.approx(1 / 3)}
    assert set(out["rows"]) == {"overall", "en", "fact", "who"}
    assert "q2" in format_table(out)  # not perfect at rank 1: listed under the table


def test_dev_set_meets_the_quality_bar_overall_and_in_english(default_kb, dev_qa):
    rows = evaluate(default_kb.search, dev_qa, k=5)["rows"]
    for group in ("overall", "en"):
        for metric, floor in QUALITY_BAR.items():
            assert rows[group][metric] >= floor, (group, metric, rows[group])


def test_extra_set_meets_the_quality_bar(default_kb):
    from rag.settings import REPO_ROOT

    questions = load_qa(REPO_ROOT / "tests" / "fixtures" / "extra_qa.jsonl")
    assert len(questions) >= 10
    rows = evaluate(default_kb.search, questions, k=5)["rows"]
    for metric, floor in QUALITY_BAR.items():
        assert rows["overall"][metric] >= floor, (metric, rows["overall"])


@pytest.fixture
def cli(monkeypatch, tmp_path, encoder, default_kb):
    """``rag.cli.main`` using the session encoder and a copy of the session's default index."""
    import shutil

    from rag import cli

    shutil.copytree(default_kb.folder.parent, tmp_path / "index")
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setattr("rag.embed.load_encoder", lambda *a, **k: encoder)
    return cli.main


def test_cli_eval_json_and_search_batch(cli, capsys, tmp_path, dev_qa):
    qa = tmp_path / "qa.jsonl"  # a few questions: eval also runs the answerer, which takes longer
    qa.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in dev_qa[::8]), encoding="utf-8")
    assert cli(["eval", "--qa", str(qa), "--json", "-k", "5"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["n_questions"] == len(dev_qa[::8]) and result["k"] == 5
    assert result["rows"]["overall"]["recall@k"] == 1.0

    batch = tmp_path / "questions.jsonl"
    batch.write_text('{"id": "x", "q": "太湖盾是什么？"}\nWho wrote about food security?\n', encoding="utf-8")
    assert cli(["search", "--batch", str(batch), "-k", "2", "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["id"] for row in lines] == ["x", 2]
    assert lines[0]["hits"][0]["author"] == "陈秋峰" and len(lines[0]["hits"]) == 2
    assert lines[1]["hits"][0]["author"] == "方力"


def test_cli_list_remove_and_rebuild_the_default_kb(cli, capsys):
    assert cli(["list", "--json"]) == 0
    sources = json.loads(capsys.readouterr().out)
    assert len(sources) == 1 and len(sources[0]["units"]) == 9
    note = next(u for u in sources[0]["units"] if u["kind"] == "note")
    assert cli(["remove", note["doc_id"][:8]]) == 0
    assert "removed" in capsys.readouterr().out
    assert cli(["search", "本期发布厅邀请了哪些部门？", "--json"]) == 0
    assert all(h["doc_id"] != note["doc_id"] for h in json.loads(capsys.readouterr().out))
    assert cli(["remove", "nonexistent"]) == 2
    assert "no source or unit id starts with" in capsys.readouterr().err
