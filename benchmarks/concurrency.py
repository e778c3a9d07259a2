"""Section 7: 16 simultaneous users of one app instance, each asking a different question, while a
document upload runs; latency p50/p95, errors and whether each answer cites its own article.

The upload goes through ``KnowledgeBase.add`` on the app's index folder from this process: the
app's own upload handler is private to its UI (``api_visibility="private"``), so gradio_client
cannot call it. This still exercises the writer lock and the atomic version switch while the app
reads.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable

from benchmarks.apphost import AppProcess, product_env
from benchmarks.context import Context
from benchmarks.stats import summarize

CONC_KB = "benchconc"
NOTE_AUTHOR = "编者按"
# An unrelated document to upload: it shares no topic with the questions.
UPLOAD_TEXT = (
    "兰州牛肉面的做法\n\n"
    "先用牛骨和牛肉熬制清汤，加入花椒、草果、桂皮等香料，小火慢炖四个小时。\n\n"
    "面条要现拉现煮，常见的有毛细、二细、韭叶和大宽，煮好后浇上清汤，放上萝卜片、香菜和辣椒油。\n"
)


def answerable(questions: list[dict], n: int) -> list[dict]:
    """``n`` different questions that name the article(s) holding the answer."""
    return [q for q in questions if q.get("authors")][:n]


def cites_own_article(answer: dict, authors: list[str]) -> bool:
    """Every citation comes from one of the question's articles (the editor's note by label)."""
    cited = [c.get("author") or NOTE_AUTHOR for c in answer.get("citations", [])]
    return bool(cited) and all(a in authors for a in cited)


def hammer(
    ask: Callable[[str], dict], questions: list[dict], side_job: Callable[[], object] | None = None
) -> dict:
    """Ask every question at the same moment from its own thread (plus ``side_job``); per-question
    results, latencies and errors. ``ask`` must be safe to call from many threads."""
    start = threading.Barrier(len(questions) + (1 if side_job else 0))
    results: list[dict] = [{} for _ in questions]

    def user(i: int) -> None:
        q = questions[i]
        start.wait()
        t0 = time.perf_counter()
        try:
            answer = ask(q["q"])
            results[i] = {"id": q.get("id"), "ms": (time.perf_counter() - t0) * 1000.0, "answer": answer}
        except Exception as exc:  # a failed request is a result to report, not a crash
            results[i] = {"id": q.get("id"), "ms": (time.perf_counter() - t0) * 1000.0, "error": repr(exc)}

    side: dict = {}

    def upload() -> None:
        start.wait()
        t0 = time.perf_counter()
        try:
            side["result"] = side_job()
        except Exception as exc:
            side["error"] = repr(exc)
        side["s"] = time.perf_counter() - t0

    threads = [threading.Thread(target=user, args=(i,)) for i in range(len(questions))]
    if side_job:
        threads.append(threading.Thread(target=upload))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"results": results, "side": side}


def judge(outcome: dict, questions: list[dict]) -> dict:
    """Counts of errors, answers to the wrong question and answers citing another article."""
    errors = [r for r in outcome["results"] if "error" in r]
    ok = [(r, q) for r, q in zip(outcome["results"], questions, strict=True) if "answer" in r]
    wrong_question = [r["id"] for r, q in ok if r["answer"].get("question", "").strip() != q["q"].strip()]
    wrong_article = [r["id"] for r, q in ok if not cites_own_article(r["answer"], q["authors"])]
    return {
        "users": len(questions),
        "errors": len(errors),
        "error_messages": [r["error"][:300] for r in errors],
        "answered_another_question": wrong_question,
        "cited_another_article": wrong_article,
        "latency_ms": summarize([r["ms"] for r in outcome["results"]]),
    }


def run(ctx: Context) -> dict:
    """Start the app on a copy of the bundled page's index; 16 users ask while a file is added."""
    from gradio_client import Client

    index_dir = ctx.work / "concurrency" / "index"
    shutil.rmtree(index_dir, ignore_errors=True)
    shutil.copytree(ctx.kb.folder, index_dir / CONC_KB)
    upload = ctx.work / "concurrency" / "niurou_mian.txt"
    upload.write_text(UPLOAD_TEXT, encoding="utf-8")
    questions = answerable(
        ctx.questions if len(ctx.questions) >= ctx.profile.users else _all(), ctx.profile.users
    )
    with AppProcess(product_env(index_dir, CONC_KB), ctx.work / "logs" / "concurrency.log") as app:
        app.wait_interface()
        clients = [Client(app.url, verbose=False) for _ in questions]
        reference = {q["id"]: clients[0].predict(q["q"], api_name="/ask") for q in questions}
        writer = ctx.open_kb(CONC_KB, index_dir)
        by_text = {q["q"]: c for q, c in zip(questions, clients, strict=True)}  # one client per user
        outcome = hammer(
            lambda text: by_text[text].predict(text, api_name="/ask"),
            questions,
            side_job=lambda: writer.add([upload]).to_dict(),
        )
        memory = app.memory()
    verdict = judge(outcome, questions)
    verdict["differs_from_sequential"] = [
        r["id"] for r in outcome["results"] if "answer" in r and r["answer"] != reference[r["id"]]
    ]
    verdict["sequential_cited_another_article"] = [
        q["id"] for q in questions if not cites_own_article(reference[q["id"]], q["authors"])
    ]
    verdict["upload"] = {
        "via": "KnowledgeBase.add on the app's index folder (second process)",
        **outcome["side"],
    }
    verdict["app_peak_rss_mb"] = memory["peak_rss_mb"]
    return verdict


def _all() -> list[dict]:
    from benchmarks.config import load_questions

    return load_questions()
