"""The front door (rag/app_boot.py) in process: its page, its /ask checks, and the hand-over to the
full interface with its lifespan. The running app's /ask is in tests/test_app_api.py."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import httpx
import pytest

from rag.app_boot import FrontDoor, browser_lang
from rag.app_examples import examples

OPEN, LOGINS = SimpleNamespace(anonymous=True), SimpleNamespace(anonymous=False)


def _front(gate=OPEN) -> FrontDoor:
    return FrontDoor(gate, {lang: examples("default", lang) for lang in ("zh", "en")})


def _run(coroutine):
    # On a thread of its own: the session's headless browser (Playwright's sync API) keeps an event
    # loop running on the main thread, where asyncio.run refuses to start another.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def _get(app, method: str, path: str, **kwargs) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://rag") as client:
        return await client.request(method, path, **kwargs)


def test_the_page_answers_in_the_browsers_language_with_the_examples():
    front = _front()
    zh = _run(_get(front, "GET", "/", headers={"accept-language": "zh-CN,zh;q=0.9,en;q=0.8"}))
    en = _run(_get(front, "GET", "/", headers={"accept-language": "en-US,en;q=0.9"}))
    assert zh.status_code == en.status_code == 200
    assert "国家安全文献问答助手" in zh.text and 'id="rag-boot-form"' in zh.text
    assert all(q in zh.text for q in examples("default", "zh")[:4])
    assert "National Security Documents Q&amp;A" in en.text and "Who wrote about food security?" in en.text
    assert browser_lang("fr-FR,en;q=0.5") == "en" and browser_lang(None) == "zh"


def test_with_logins_the_page_shows_nothing_of_a_knowledge_base_and_there_is_no_ask():
    front = _front(LOGINS)
    page = _run(_get(front, "GET", "/"))
    assert page.status_code == 200 and "<form" not in page.text and "江阴" not in page.text
    assert _run(_get(front, "POST", "/ask", json={"question": "江阴？"})).status_code == 503


def test_before_the_interface_other_paths_say_retry_and_ask_checks_its_input():
    front = _front()
    config = _run(_get(front, "GET", "/config"))
    assert config.status_code == 503 and config.headers["retry-after"] == "1"
    assert _run(_get(front, "GET", "/rag-ready")).json() == {"ready": False, "failed": None}
    assert _run(_get(front, "GET", "/ask")).status_code == 405
    assert _run(_get(front, "POST", "/ask", content=b"[1, 2]")).status_code == 400
    assert _run(_get(front, "POST", "/ask", json={"question": "x", "kb": 3})).status_code == 400
    front.fail("RuntimeError: no index")  # the interface will not come: /ask says why, at once
    out = _run(_get(front, "POST", "/ask", json={"question": "江阴空气质量如何？"}))
    assert out.status_code == 503 and "应用未能启动：RuntimeError: no index" in out.json()["error"]


def test_the_adopted_interface_gets_every_path_and_its_lifespan():
    events: list[str] = []

    async def interface(scope, receive, send):
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                events.append(message["type"])
                await send({"type": message["type"] + ".complete"})
                if message["type"] == "lifespan.shutdown":
                    return
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": scope["path"].encode()})

    async def run() -> list:
        front = _front()
        inbox: asyncio.Queue = asyncio.Queue()
        sent: list[str] = []

        async def send(message):
            sent.append(message["type"])

        await inbox.put({"type": "lifespan.startup"})
        server = asyncio.create_task(front({"type": "lifespan"}, inbox.get, send))
        while not front.started.is_set():
            await asyncio.sleep(0.01)
        await front._adopt(interface)  # as FrontDoor.adopt does on the server's loop
        paths = [(await _get(front, "GET", p)).text for p in ("/", "/config")]
        ready = (await _get(front, "GET", "/rag-ready")).json()["ready"]
        ask = (await _get(front, "GET", "/ask")).status_code  # /ask stays the front door's
        await inbox.put({"type": "lifespan.shutdown"})
        await server
        return [paths, ready, ask, sent]

    paths, ready, ask, sent = _run(run())
    assert paths == ["/", "/config"] and ready and ask == 405
    assert events == ["lifespan.startup", "lifespan.shutdown"]
    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]


@pytest.mark.parametrize("fails_how", ["raises", "reports"])
def test_an_interface_that_fails_to_start_is_not_adopted(fails_how):
    async def interface(scope, receive, send):
        await receive()
        if fails_how == "raises":
            raise RuntimeError("queue would not start")
        await send({"type": "lifespan.startup.failed", "message": "queue would not start"})

    async def run():
        front = _front()
        with pytest.raises(RuntimeError, match="queue would not start"):
            await front._adopt(interface)
        return front.ready

    assert _run(run()) is False
