"""Retrieval metrics on a QA file (format of tests/fixtures/dev_qa.jsonl).

Per question type, for English questions, and overall:

* article Recall@1 / Recall@k: a hit comes from one of the question's documents: ``authors`` on a
  page (the editor's note counts as author ``编者按``), ``law`` (a title, or a list) in the laws set;
* MRR: mean of 1 / rank of the first hit from a right article (0 if none in the top k);
* evidence-hit@1 / @k: a hit contains one of the ``evidence`` strings, whitespace removed (its
  text, or for who/title questions its title, subtitle, author or role);
* latency: seconds per ``search`` call.

Unanswerable questions (no authors) are excluded from the retrieval metrics.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from rag.records import KIND_NOTE, Citation, Hit

NOTE_AUTHOR = "编者按"
_WS = re.compile(r"\s+")

Search = Callable[[str, int], Sequence[Hit]]


def load_qa(path: Path) -> list[dict]:
    """Questions from a JSON-lines file; blank lines are skipped."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def evaluate(search: Search, questions: Sequence[dict], k: int = 5) -> dict:
    """Run every question through ``search`` and aggregate the metrics per group."""
    per_question = [_judge(q, search, k) for q in questions]
    groups: dict[str, list[dict]] = {"overall": [], "en": []}
    for row in per_question:
        if not row["answerable"]:
            continue
        groups["overall"].append(row)
        groups.setdefault(row["type"], []).append(row)
        if row["lang"] == "en":
            groups["en"].append(row)
    rows = {name: _aggregate(items) for name, items in groups.items() if items}
    latencies = [r["latency"] for r in per_question]
    return {
        "k": k,
        "n_questions": len(questions),
        "rows": rows,
        "latency_mean": sum(latencies) / len(latencies) if latencies else 0.0,
        "questions": per_question,
    }


def format_table(result: dict) -> str:
    """A readable table of ``evaluate``'s result."""
    k = result["k"]
    head = f"{'group':<12}{'n':>4}{'R@1':>7}{f'R@{k}':>7}{'MRR':>7}{'ev@1':>7}{f'ev@{k}':>7}{'ms/q':>8}"
    lines = [head, "-" * len(head)]
    for name, r in result["rows"].items():
        lines.append(
            f"{name:<12}{r['n']:>4}{r['recall@1']:>7.2f}{r['recall@k']:>7.2f}{r['mrr']:>7.2f}"
            f"{r['evidence@1']:>7.2f}{r['evidence@k']:>7.2f}{1000 * r['latency']:>8.0f}"
        )
    misses = [q for q in result["questions"] if q["answerable"] and (q["rank"] != 1 or not q["evidence@1"])]
    if misses:
        lines.append("")
        lines.append("not perfect at rank 1 (id, article rank, evidence rank):")
        lines += [f"  {q['id']}: {q['rank'] or '-'} {q['evidence_rank'] or '-'}  {q['q']}" for q in misses]
    return "\n".join(lines)


def hit_author(hit: Hit) -> str | None:
    """The author a hit counts for: the unit's author, or ``编者按`` for the editor's note."""
    return NOTE_AUTHOR if hit.chunk.kind == KIND_NOTE and not hit.chunk.author else hit.chunk.author


def targets(q: dict) -> set[str]:
    """The documents that answer ``q``: its ``authors`` (page set) or its ``law`` titles (laws set)."""
    law = q.get("law") or []
    return set(q.get("authors") or []) | set([law] if isinstance(law, str) else law)


def hit_keys(item: Hit | Citation) -> set[str]:
    """What names a passage's document in a QA file: its author (编者按 for the editor's note) and
    its title (a law's name)."""
    keys = {hit_author(item), item.chunk.title} if isinstance(item, Hit) else {item.author, item.title}
    return {k for k in keys if k} or {NOTE_AUTHOR}


def _judge(q: dict, search: Search, k: int) -> dict:
    start = time.perf_counter()
    hits = list(search(q["q"], k))
    latency = time.perf_counter() - start
    authors = targets(q)
    evidence = [_WS.sub("", e) for e in q.get("evidence") or []]
    rank = next((h.rank for h in hits if hit_keys(h) & authors), None)
    ev_rank = next((h.rank for h in hits if any(e in _hit_text(h) for e in evidence)), None)
    return {
        "id": q.get("id"),
        "q": q["q"],
        "type": q.get("type", "fact"),
        "lang": q.get("lang", "zh"),
        "answerable": bool(authors),
        "rank": rank,
        "evidence_rank": ev_rank,
        "evidence@1": ev_rank == 1,
        "latency": latency,
        "top": [hit_author(h) for h in hits],
    }


def _hit_text(hit: Hit) -> str:
    """What a reader of the hit sees: its metadata (title, author, role answer who-questions) and text."""
    c = hit.chunk
    return _WS.sub("", " ".join(p for p in (c.title, c.subtitle, c.author, c.role, c.text) if p))


def _aggregate(rows: list[dict]) -> dict:
    n = len(rows)
    return {
        "n": n,
        "recall@1": sum(r["rank"] == 1 for r in rows) / n,
        "recall@k": sum(r["rank"] is not None for r in rows) / n,
        "mrr": sum(1 / r["rank"] for r in rows if r["rank"]) / n,
        "evidence@1": sum(r["evidence_rank"] == 1 for r in rows) / n,
        "evidence@k": sum(r["evidence_rank"] is not None for r in rows) / n,
        "latency": sum(r["latency"] for r in rows) / n,
    }


# --- answer metrics (rag/answer.py) ------------------------------------------------------------
# accuracy: the answer holds a string from every answer group (for `multi` questions without
# groups: every listed author's article is cited); citation precision: the first citation is from
# a right article; refusal accuracy on unanswerable questions; false refusals on the rest; median
# answer length without [n] markers.

_MARKERS = re.compile(r"\s?\[\d+\]")


def answer_metrics(questions: Sequence[dict], answers: Sequence) -> dict:
    """Aggregate answer quality of ``answers`` (rag.records.Answer), aligned with ``questions``."""
    rows = [_judge_answer(q, a) for q, a in zip(questions, answers, strict=True)]
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]
    lengths = sorted(r["length"] for r in answerable if r["grounded"])
    cited = [r for r in answerable if r["first_citation_ok"] is not None]
    return {
        "n_answerable": len(answerable),
        "n_unanswerable": len(unanswerable),
        "accuracy": _mean(r["correct"] for r in answerable),
        "citation_precision": _mean(r["first_citation_ok"] for r in cited),
        "refusal_accuracy": _mean(not r["grounded"] for r in unanswerable),
        "false_refusals": sum(not r["grounded"] for r in answerable),
        "median_length": _median(lengths),
        "questions": rows,
    }


def format_answer_table(metrics: dict) -> str:
    """A readable summary of ``answer_metrics``."""
    m = metrics
    lines = [
        f"answers: {m['n_answerable']} answerable, {m['n_unanswerable']} unanswerable",
        f"  answer accuracy          {m['accuracy']:.2f}",
        f"  first-citation precision {m['citation_precision']:.2f}",
        f"  refusal accuracy         {m['refusal_accuracy']:.2f}",
        f"  false refusals           {m['false_refusals']}",
        f"  median answer length     {m['median_length']:.0f} chars (markers excluded)",
    ]
    wrong = [r for r in m["questions"] if not r["correct"]]
    if wrong:
        lines.append("wrong (id: answer):")
        lines += [f"  {r['id']}: {r['answer'][:100]}" for r in wrong]
    return "\n".join(lines)


def _judge_answer(q: dict, answer) -> dict:
    authors = targets(q)
    text = answer.answer
    if not authors:
        correct = not answer.grounded
    elif q.get("type") == "multi" and not q.get("answer"):
        correct = authors <= {k for c in answer.citations for k in hit_keys(c)}
    else:
        correct = answer.grounded and all(any(s in text for s in group) for group in q.get("answer") or [])
    first = hit_keys(answer.citations[0]) if answer.citations else set()
    return {
        "id": q.get("id"),
        "type": q.get("type", "fact"),
        "answerable": bool(authors),
        "grounded": answer.grounded,
        "correct": bool(correct),
        "first_citation_ok": bool(first & authors) if answer.citations and authors else None,
        "length": len(_MARKERS.sub("", text)),
        "answer": text,
    }


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 1.0


def _median(values: list[int]) -> float:
    if not values:
        return 0.0
    mid = len(values) // 2
    return float(values[mid]) if len(values) % 2 else (values[mid - 1] + values[mid]) / 2
