"""Concurrency: many simultaneous users of one knowledge base (directly and through the app), while a
document is being added. Correctness only - no timings (those are in benchmarks/, section 7).

No cross-talk means: every answer is to its own question, and a question whose answer cites its own
article when asked alone still does so when asked alongside 15 others and an upload.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from benchmarks.concurrency import UPLOAD_TEXT, answerable, cites_own_article, hammer, judge
from rag.kb import KnowledgeBase

USERS = 16
KB = "conc"


@pytest.fixture(scope="module")
def built_index(tmp_path_factory, default_kb):
    """An index folder holding knowledge base ``conc``: the session's build of the bundled page, copied
    (building it again took half a minute)."""
    index_dir = tmp_path_factory.mktemp("conc") / "index"
    shutil.copytree(default_kb.folder, index_dir / KB)
    return index_dir


@pytest.fixture(scope="module")
def questions(dev_qa):
    """16 different questions, each naming the article(s) that hold its answer."""
    chosen = answerable(dev_qa, USERS)
    assert len(chosen) == USERS
    return chosen


@pytest.fixture(scope="module")
def own_article(built_index, settings, encoder, questions) -> set[str]:
    """Ids of the questions whose answer, asked alone, cites only their own article."""
    kb = _open(built_index, settings, encoder)
    alone = {q["id"]: kb.ask(q["q"], settings.top_k).to_dict() for q in questions}
    own = {q["id"] for q in questions if cites_own_article(alone[q["id"]], q["authors"])}
    assert len(own) >= USERS // 2  # otherwise these tests would prove little
    return own


@pytest.fixture
def upload(tmp_path):
    path = tmp_path / "niurou_mian.txt"
    path.write_text(UPLOAD_TEXT, encoding="utf-8")
    return path


def _open(index_dir, settings, encoder) -> KnowledgeBase:
    return KnowledgeBase.open(
        KB,
        index_dir=index_dir,
        encoder=encoder,
        chunk_size=settings.chunk_size,
        chunk_overlap=settings.chunk_overlap,
    )


def _copy(built_index, tmp_path):
    target = tmp_path / "index"
    shutil.copytree(built_index, target)
    return target


def test_shared_encoder_gives_each_thread_its_own_vectors(encoder, dev_qa):
    texts = [q["q"] for q in dev_qa[:USERS]]
    alone = {t: encoder.encode_queries([t])[0] for t in texts}
    outcome = hammer(lambda t: encoder.encode_queries([t])[0], [{"q": t} for t in texts])
    for text, result in zip(texts, outcome["results"], strict=True):
        assert "error" not in result, result.get("error")
        np.testing.assert_allclose(result["answer"], alone[text], atol=1e-5)


def test_16_threads_search_and_ask_one_kb_while_a_file_is_added(
    built_index, tmp_path, upload, settings, encoder, questions, own_article
):
    kb = _open(_copy(built_index, tmp_path), settings, encoder)

    def user(text: str) -> dict:
        if len(kb.search(text, settings.top_k)) != settings.top_k:
            raise AssertionError(f"search returned too few hits for {text}")
        return kb.ask(text, settings.top_k).to_dict()

    outcome = hammer(user, questions, side_job=lambda: kb.add([upload]))
    verdict = judge(outcome, questions)
    assert verdict["errors"] == 0, verdict["error_messages"]
    assert verdict["answered_another_question"] == []
    assert not own_article & set(verdict["cited_another_article"])
    assert "error" not in outcome["side"], outcome["side"]
    assert outcome["side"]["result"].added == ("niurou_mian.txt",)
    # the upload is searchable, and the version on disk opens cleanly in a new reader
    assert "牛肉面" in kb.search("兰州牛肉面怎么做？", 1)[0].chunk.title
    assert len(_open(kb.folder.parent, settings, encoder).sources()) == 2


@pytest.mark.slow
def test_16_app_users_get_their_own_answers_while_a_file_is_added(
    app_server, built_index, upload, settings, encoder, questions, own_article
):
    """Uses the session's app (tests/conftest.py) with a knowledge base of its own, ``conc``, so the
    upload cannot disturb the default knowledge base other app tests read."""
    from gradio_client import Client

    shutil.rmtree(app_server.index_dir / KB, ignore_errors=True)
    shutil.copytree(built_index / KB, app_server.index_dir / KB)
    clients = [Client(app_server.url, verbose=False) for _ in questions]
    by_text = {q["q"]: c for q, c in zip(questions, clients, strict=True)}
    writer = _open(app_server.index_dir, settings, encoder)  # a second process writing the app's index
    outcome = hammer(lambda text: by_text[text].predict(text, KB, api_name="/ask"), questions,
                     side_job=lambda: writer.add([upload]))  # fmt: skip
    after = clients[0].predict(questions[0]["q"], KB, api_name="/ask")
    verdict = judge(outcome, questions)
    assert verdict["errors"] == 0, verdict["error_messages"]
    assert verdict["answered_another_question"] == []
    assert not own_article & set(verdict["cited_another_article"])
    assert "error" not in outcome["side"], outcome["side"]
    assert after["question"] == questions[0]["q"]  # still serving after the burst


def test_a_process_that_answered_from_threads_exits_cleanly_while_quotes_are_warming(
    built_index, settings, tmp_path
):
    # The app's service warms quote vectors in a daemon thread; a process leaving while that
    # thread is inside torch aborted ("terminate called without an active exception", exit 134)
    # in 6 of 8 runs before the warm-up was stopped at exit.
    import os
    import subprocess
    import sys

    script = tmp_path / "asker.py"
    script.write_text(
        "import threading\n"
        "from rag.service import Bases\n"
        "from rag.settings import Settings\n"
        "bases = Bases(Settings.from_env())\n"
        "qs = ['梁溪的低空经济生态圈集聚了多少家头部企业？', '陶波是什么职务？'] * 4\n"
        "threads = [threading.Thread(target=bases.ask, args=(q, 'conc')) for q in qs]\n"
        "[t.start() for t in threads]\n"
        "[t.join() for t in threads]\n"
        "print('answered', bases._warming.is_alive())\n",
        encoding="utf-8",
    )
    repo = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "RAG_INDEX_DIR": str(built_index), "RAG_KB": KB, "PYTHONPATH": repo}
    done = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "answered True"  # the warm-up was still running at exit
