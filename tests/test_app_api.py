"""The running app's ``/ask`` endpoint, driven with gradio_client like a user's script would."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from rag.kb import KnowledgeBase

ANSWER_KEYS = {"question", "answer", "grounded", "citations", "related", "note", "provenance"}


@pytest.fixture(scope="module")
def client(app_server) -> Client:
    return Client(app_server.url, verbose=False)


def _ask(client: Client, question: str, kb: str = "") -> dict:
    return client.predict(question, kb, api_name="/ask")


def test_only_the_three_endpoints_are_public(client):
    names = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert sorted(names) == ["/add_documents", "/ask", "/remove_document"]


def test_chinese_question_cites_the_right_author(client):
    out = _ask(client, "谁写了关于粮食安全的文章？")
    assert set(out) == ANSWER_KEYS
    assert out["grounded"] and "方力" in out["answer"]
    assert out["citations"][0]["author"] == "方力" and out["citations"][0]["role"] == "锡山区委书记"


def test_the_log_says_when_the_bundled_page_is_ready(client, app_server):
    # the first start builds the page while the app already serves: a user watching the log (a new
    # user's trial) saw the build start and never end, and the first question hang meanwhile
    _ask(client, "谁写了关于粮食安全的文章？")  # answered: the build is over
    log = app_server.log.read_text(encoding="utf-8", errors="replace")
    started = log.index("building knowledge base 'default'")
    assert re.search(r"knowledge base 'default' is ready: \d+ passages, built in \d+ s", log[started:]), log


def test_english_question_is_answered_from_the_chinese_source(client):
    out = _ask(client, "What proportion of Wuxi's industrial output comes from high-tech industries?")
    assert out["grounded"] and "53.1%" in out["answer"]
    assert {c["author"] for c in out["citations"]} == {"陶波"}


def test_same_json_as_the_library(client, app_server, encoder, settings):
    question = "江阴主要通江河道水质首次全部达到了几类？"
    kb = KnowledgeBase.open("default", index_dir=app_server.index_dir, encoder=encoder,
                            chunk_size=settings.chunk_size, chunk_overlap=settings.chunk_overlap)  # fmt: skip
    assert _ask(client, question) == kb.ask(question, settings.top_k).to_dict()


def test_unanswerable_question_is_refused_with_related_passages(client):
    out = _ask(client, "无锡地铁6号线什么时候开通？")
    assert not out["grounded"] and out["citations"] == [] and out["related"]


@pytest.mark.parametrize(
    ("question", "kb", "message"),
    [
        ("", "", "请输入问题"),
        ("   \t ", "", "请输入问题"),
        ("？？！！……", "", "请输入问题"),
        ("!!!???", "", "Please type a question"),
        ("江阴的水质如何？", "../etc", "无效"),
        ("What about Jiangyin?", "no_such_kb", "does not exist"),
    ],
)
def test_bad_requests_get_one_clear_message(client, app_server, question, kb, message):
    before = app_server.log.stat().st_size
    with pytest.raises(AppError, match=message):
        _ask(client, question, kb)
    # the user's input, already explained: no traceback in the server log (a new user's trial saw
    # two for one blank question); only what this request wrote is read
    with open(app_server.log, "rb") as log:
        log.seek(before)
        written = log.read().decode("utf-8", errors="replace")
    assert "Traceback" not in written, written[-2000:]


def test_long_question_is_truncated_with_a_note(client):
    out = _ask(client, "江阴市空气质量优良天数比率是多少？" + "很" * 20_000)
    assert out["note"] and "500" in out["note"]
    assert len(out["question"]) == 500


def test_control_characters_and_emoji_are_survivable(client):
    out = _ask(client, "\x00\x07江阴市\u200b空气质量优良天数比率是多少？😀")
    assert out["question"].startswith("江阴市空气质量")
    assert out["grounded"]


def test_concurrent_requests_are_answered_consistently(client):
    questions = ["谁写了关于粮食安全的文章？", "陶波是什么职务？"] * 3
    with ThreadPoolExecutor(max_workers=6) as pool:
        outs = list(pool.map(lambda q: _ask(client, q), questions))
    assert all(o == outs[i % 2] for i, o in enumerate(outs))
    assert outs[1]["citations"][0]["author"] == "陶波"


def _post_ask(url: str, body: bytes) -> tuple[int, dict]:
    import json
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url + "ask", data=body, method="POST",
                                     headers={"content-type": "application/json"})  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=120) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_post_ask_gives_the_same_json_as_the_gradio_endpoint(client, app_server):
    # The plain HTTP /ask (rag/app_boot.py: the front page's, and scripts' without gradio_client).
    import json

    question = "江阴主要通江河道水质首次全部达到了几类？"
    status, out = _post_ask(app_server.url, json.dumps({"question": question}).encode())
    assert status == 200 and out == _ask(client, question)
    body = json.dumps({"question": "国家安全法第二条", "kb": "laws"}).encode()
    status, out = _post_ask(app_server.url, body)
    assert status == 200 and out["citations"][0]["section"][-1] == "第二条"


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (b"not json", 400, "POST a JSON object"),
        (b'{"q": "no question field"}', 400, "请用 POST 发送 JSON"),
        (b'{"question": ""}', 400, "请输入问题"),
        (b'{"question": "What is this?", "kb": "nope"}', 400, "does not exist"),
        (b'{"question": "x", "kb": "../etc"}', 400, "../etc"),
        (b'{"question": "' + b"a" * 70_000 + b'"}', 413, "POST a JSON object"),
    ],
)
def test_post_ask_rejects_bad_requests_with_a_clear_message(app_server, body, status, message):
    got, out = _post_ask(app_server.url, body)
    assert got == status and message in out["error"]
