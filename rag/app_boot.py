"""The app's front door: a page that answers questions a second after ``python app.py``, while the
full interface loads behind it.

Importing Gradio alone takes 3.5-6 s on this 2-core machine (its components module; see
benchmarks/RESULTS.md), before a single component is built, so a start that waits for Gradio
cannot be quick. ``serve`` therefore binds the app's port at once with ``FrontDoor``, a small ASGI
app (uvicorn, no web framework), and builds the Gradio interface on a thread:

- while it loads, ``/`` is a plain page: a question box answered through ``POST /ask`` with cited
  quotes, the example questions, and a line saying the full interface is on its way; the page
  reloads into it once ``/rag-ready`` says so. Every other path answers 503 with Retry-After, so
  a script's client (gradio_client) waits rather than reading a half-started app;
- then the interface (Gradio mounted on FastAPI, ``gr.mount_gradio_app``) is handed the port:
  its lifespan (Gradio's queue, its cache cleaner) is started on the server's event loop and every
  request but ``/ask`` and ``/rag-ready`` goes to it.

``POST /ask`` stays for scripts: ``{"question": …, "kb": …}`` in, the JSON of ``python -m rag ask
--json`` out, audited like every answer. With accounts (RAG_USERS_FILE) nothing of a knowledge
base is served outside Gradio's login: the page only says the app is starting, and there is no
``/ask`` here (Gradio's own ``/ask`` endpoint, behind the login, remains).
"""

from __future__ import annotations

import asyncio
import json
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from functools import cache
from html import escape
from pathlib import Path
from string import Template

from rag.errors import AccessError, RagError
from rag.question import question_lang
from rag.strings import t

MAX_BODY = 64 << 10  # bytes of a /ask request: a question is at most a few thousand characters
BASES_WAIT_S = 900.0  # an /ask before the knowledge base is open waits (a first build takes minutes)


def browser_lang(accept_language: str | None) -> str:
    """"en" when the browser prefers English to Chinese (its Accept-Language header), else "zh"."""
    for part in (accept_language or "").lower().split(","):
        code = part.split(";")[0].strip()
        if code.startswith("zh"):
            return "zh"
        if code.startswith("en"):
            return "en"
    return "zh"


class FrontDoor:
    """The ASGI app on the app's port: this module's page and ``/ask`` until ``adopt`` hands every
    other path to the full interface."""

    def __init__(self, gate, examples: dict[str, Sequence[str]]) -> None:
        self.gate, self.examples = gate, examples  # examples: language -> questions
        self.bases = None  # rag.service.Bases, once open (``open_bases``)
        self.failed: str | None = None  # why the interface could not start
        self.started = threading.Event()  # the server is up (its event loop known)
        self._bases_open = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._app = None  # the full interface, once adopted
        self._lifespan: tuple[asyncio.Queue, asyncio.Task] | None = None

    @property
    def ready(self) -> bool:
        return self._app is not None

    def open_bases(self, bases) -> None:
        """The knowledge bases ``/ask`` answers from, now open."""
        self.bases = bases
        self._bases_open.set()

    def fail(self, reason: str) -> None:
        """The interface will not come: ``/ask`` and the page say so instead of waiting."""
        self.failed = reason
        self._bases_open.set()

    def adopt(self, app) -> None:
        """From another thread: start ``app``'s lifespan on the server's loop, then route to it."""
        self.started.wait()
        asyncio.run_coroutine_threadsafe(self._adopt(app), self._loop).result()

    async def __call__(self, scope, receive, send) -> None:
        kind, path = scope["type"], scope.get("path", "")
        if kind == "lifespan":
            await self._serve_lifespan(receive, send)
        elif kind == "http" and path == "/rag-ready":
            await _send_json(send, 200, {"ready": self.ready, "failed": self.failed})
        elif kind == "http" and path == "/ask" and self.gate.anonymous:
            await self._ask(scope, receive, send)
        elif self._app is not None:
            await self._app(scope, receive, send)
        elif kind == "http" and path == "/" and scope["method"] in {"GET", "HEAD"}:
            lang = browser_lang(_header(scope, b"accept-language"))
            html = self.page(lang).encode()
            await _send(send, 200, "text/html; charset=utf-8", html, head=scope["method"] == "HEAD")
        elif kind == "http":
            await _send_json(send, 503, {"error": t("boot_loading", "en")}, [(b"retry-after", b"1")])
        elif kind == "websocket":
            await send({"type": "websocket.close", "code": 1013})  # "try again later"

    def page(self, lang: str) -> str:
        """The page served while the interface loads, in ``lang``."""
        title = escape(t("app_title", lang))
        note = escape(t("boot_failed", lang, error=self.failed) if self.failed else t("boot_loading", lang))
        if not self.gate.anonymous:  # logins: nothing of a knowledge base before Gradio's login
            body = f'<p class="note" id="rag-boot-note">{note}</p>'
        else:
            examples = "".join(
                f'<button type="button" class="ex">{escape(q)}</button>' for q in self.examples.get(lang, ())
            )
            body = (
                f'<p class="note" id="rag-boot-note">{note}</p>'
                f'<form id="rag-boot-form"><input id="rag-boot-q" name="q" autofocus autocomplete="off" '
                f'maxlength="2000" placeholder="{escape(t("question_placeholder", lang))}">'
                f'<button type="submit">{escape(t("send", lang))}</button></form>'
                f'<div class="examples">{examples}</div><div id="rag-boot-answers"></div>'
            )
        strings = {k: t(k, lang) for k in ("boot_ready", "boot_thinking", "boot_sources", "boot_related")}
        script_safe = json.dumps(strings, ensure_ascii=False).replace("</", "<\\/")
        html_lang = "zh-CN" if lang == "zh" else "en"
        return _page().substitute(lang=html_lang, title=title, body=body, strings=script_safe)

    async def _serve_lifespan(self, receive, send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self._loop = asyncio.get_running_loop()
                await send({"type": "lifespan.startup.complete"})
                self.started.set()
            elif message["type"] == "lifespan.shutdown":
                await self._stop_adopted()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _adopt(self, app) -> None:
        # The ASGI lifespan protocol, spoken to the adopted app as a server would: startup now,
        # shutdown when this server shuts down (``_stop_adopted``).
        inbox: asyncio.Queue = asyncio.Queue()
        replied: asyncio.Future = asyncio.get_running_loop().create_future()

        async def send(message: dict) -> None:
            if message["type"].startswith("lifespan.startup") and not replied.done():
                replied.set_result(message)

        await inbox.put({"type": "lifespan.startup"})
        scope = {"type": "lifespan", "asgi": {"version": "3.0", "spec_version": "2.0"}, "state": {}}
        task = asyncio.create_task(app(scope, inbox.get, send))
        await asyncio.wait([replied, task], return_when=asyncio.FIRST_COMPLETED)
        if not replied.done():
            task.result()  # raises what the app's startup raised
            raise RuntimeError("the interface ended its lifespan before starting")
        if replied.result()["type"] != "lifespan.startup.complete":
            raise RuntimeError(replied.result().get("message") or "the interface failed to start")
        self._lifespan = (inbox, task)
        self._app = app

    async def _stop_adopted(self) -> None:
        if self._lifespan is None:
            return
        inbox, task = self._lifespan
        await inbox.put({"type": "lifespan.shutdown"})
        try:
            await asyncio.wait_for(task, 10)
        except Exception:  # shutting down: the process exits either way
            traceback.print_exc()

    async def _ask(self, scope, receive, send) -> None:
        if scope["method"] != "POST":
            await _send_json(send, 405, {"error": t("api_ask_usage", "en")}, [(b"allow", b"POST")])
            return
        body = await _read_body(receive, MAX_BODY)
        request = _ask_request(body)
        if request is None:
            usage = f"{t('api_ask_usage', 'zh')} / {t('api_ask_usage', 'en')}"
            await _send_json(send, 413 if body is None else 400, {"error": usage})
            return
        question, kb = request
        lang = question_lang(question)
        if not await asyncio.to_thread(self._bases_open.wait, BASES_WAIT_S) or self.bases is None:
            error = t("boot_failed", lang, error=self.failed) if self.failed else t("boot_loading", lang)
            await _send_json(send, 503, {"error": error}, [(b"retry-after", b"5")])
            return
        from rag.service import api_answer

        try:
            answer = await asyncio.to_thread(api_answer, self.bases, self.gate, None, question, kb)
        except AccessError as exc:
            await _send_json(send, 403, {"error": exc.say(lang)})
        except RagError as exc:
            await _send_json(send, 400, {"error": str(exc)})
        else:
            await _send_json(send, 200, answer)


def serve(front: FrontDoor, host: str, port: int, build: Callable[[FrontDoor], None]) -> int:
    """Serve ``front`` on ``host:port`` at once and run ``build(front)`` on a thread (it opens the
    knowledge bases, builds the interface and ``adopt``s it). Returns the exit status when the
    server stops (Ctrl-C, SIGTERM); a failed build stops the server with status 1."""
    import uvicorn

    config = uvicorn.Config(front, host=host, port=port, lifespan="on", log_level="warning",
                            timeout_graceful_shutdown=5)  # fmt: skip
    server = uvicorn.Server(config)

    def boot() -> None:
        front.started.wait()  # the server's loop runs; the port is bound just after
        while not server.started and not server.should_exit:
            time.sleep(0.05)
        if not server.started:
            return  # it could not bind (uvicorn said why)
        print(f"* Serving on http://{host}:{port} (the full interface follows in a few seconds)", flush=True)
        try:
            build(front)
        except RagError as exc:  # a setting or a file: the message says what to do
            print(f"{type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
            front.fail(str(exc))
            server.should_exit = True
        except BaseException as exc:  # reported, then the server stops
            traceback.print_exc()
            front.fail(f"{type(exc).__name__}: {exc}")
            server.should_exit = True

    threading.Thread(target=boot, name="rag-boot", daemon=True).start()
    server.run()
    return 1 if front.failed or not server.started else 0


def _ask_request(body: bytes | None) -> tuple[str, str] | None:
    """(question, kb) from a /ask body, or None when it is not a JSON object with a string question."""
    if body is None:
        return None
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("question"), str):
        return None
    kb = data.get("kb") or ""
    return (data["question"], kb) if isinstance(kb, str) else None


async def _read_body(receive, limit: int) -> bytes | None:
    """The request body, or None past ``limit`` bytes."""
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"".join(chunks)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


def _header(scope, name: bytes) -> str:
    return next((v.decode("latin-1") for k, v in scope.get("headers", ()) if k == name), "")


async def _send_json(send, status: int, data, headers: Sequence[tuple[bytes, bytes]] = ()) -> None:
    await _send(send, status, "application/json", json.dumps(data, ensure_ascii=False).encode(), headers)


async def _send(send, status: int, kind: str, body: bytes, headers: Sequence[tuple[bytes, bytes]] = (),
                head: bool = False) -> None:  # fmt: skip
    heads = [(b"content-type", kind.encode()), (b"content-length", str(len(body)).encode()),
             (b"cache-control", b"no-store"), *headers]  # fmt: skip
    await send({"type": "http.response.start", "status": status, "headers": heads})
    await send({"type": "http.response.body", "body": b"" if head else body})


@cache
def _page() -> Template:
    return Template((Path(__file__).parent / "static" / "boot.html").read_text(encoding="utf-8"))
