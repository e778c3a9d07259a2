"""Serving an office: the real app on loopback with users made by ``rag user add``, driven with
gradio_client and Chromium. Logins, roles, per-knowledge-base grants, lockout, session expiry,
the audit trail (also after SIGKILLs mid-write) and the refusal to serve the network openly."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError

from rag.access import AuditLog, UserStore
from tests.conftest import _free_port, _wait_serving, stop

REPO = Path(__file__).resolve().parent.parent
PASSWORDS = {"reader1": "reader-pass-1", "editor1": "editor-pass-1", "admin1": "admin-pass-1",
             "victim": "victim-pass-1", "lawreader": "lawreader-pass"}  # fmt: skip
ROLES = {"reader1": ("reader", ""), "editor1": ("editor", "default"), "admin1": ("admin", ""),
         "victim": ("reader", ""), "lawreader": ("reader", "laws")}  # fmt: skip
NEW_DOC = "# 演练通知\n\n全市网络安全应急演练定于十一月举行，由市网信办牵头组织。\n"
ARTIFACTS = Path(__file__).parent / "artifacts"

pytestmark = pytest.mark.slow


def rag(env: dict, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """``python -m rag ARGS`` with ``env``, as an administrator types it."""
    return subprocess.run([sys.executable, "-m", "rag", *args], cwd=REPO, env=env, input=stdin, text=True,
                          capture_output=True, timeout=120)  # fmt: skip


def start_app(env: dict, log: Path) -> subprocess.Popen:
    with open(log, "wb") as out:
        return subprocess.Popen([sys.executable, str(REPO / "app.py")], env=env, stdout=out,
                                stderr=subprocess.STDOUT)  # fmt: skip


@pytest.fixture(scope="module")
def office(tmp_path_factory, default_kb, laws_kb):
    """The app serving the page and the laws (copied from the session's builds) with five users."""
    root = tmp_path_factory.mktemp("office")
    for kb in (default_kb, laws_kb):
        shutil.copytree(kb.folder, root / "index" / kb.name)
    port = _free_port()
    env = {**os.environ, "RAG_INDEX_DIR": str(root / "index"), "RAG_PORT": str(port), "RAG_HOST": "127.0.0.1",
           "TMPDIR": str(root), "GRADIO_TEMP_DIR": str(root / "gradio"),
           "RAG_LOCKOUT_MINUTES": "30"}  # fmt: skip
    for name, (role, kbs) in ROLES.items():
        grant = ["--kb", kbs] if kbs else []
        done = rag(env, "user", "add", name, "--role", role, *grant, "--password-stdin",
                   stdin=PASSWORDS[name] + "\n")
        assert done.returncode == 0, done.stderr
    proc = start_app(env, root / "app.log")
    try:
        url = f"http://127.0.0.1:{port}/"
        _wait_serving(proc, url, root / "app.log")
        yield SimpleNamespace(url=url, env=env, root=root, index=root / "index", proc=proc)
    finally:
        stop(proc)


def client(office, name: str, password: str | None = None) -> Client:
    return Client(office.url, auth=(name, password or PASSWORDS[name]), verbose=False)


def audit(office, **filters) -> list[dict]:
    """The audit trail as ``rag audit --json`` prints it (the administrator's reader, a subprocess)."""
    args = [x for key, value in filters.items() for x in (f"--{key}", value)]
    done = rag(office.env, "audit", "--json", *args)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def new_doc(tmp_path: Path, name: str = "演练通知.md") -> Path:
    path = tmp_path / name
    path.write_text(NEW_DOC, encoding="utf-8")
    return path


def test_no_credentials_or_a_wrong_password_are_refused(office):
    with pytest.raises(Exception, match=r"401|[Ll]ogin|auth"):
        Client(office.url, verbose=False)
    with pytest.raises(ValueError, match="Could not login"):
        client(office, "reader1", "not-the-password")
    with pytest.raises(ValueError, match="Could not login"):
        client(office, "nobody", "whatever-123")
    failed = audit(office, action="login_failed")
    assert {(r["user"], r["outcome"]) for r in failed} >= {("reader1", "bad"), ("nobody", "bad")}


def test_only_the_three_endpoints_are_public(office):
    api = client(office, "reader1").view_api(print_info=False, return_format="dict")
    assert sorted(api["named_endpoints"]) == ["/add_documents", "/ask", "/remove_document"]


def test_a_reader_asks_but_cannot_add_or_remove(office, tmp_path):
    reader = client(office, "reader1")
    out = reader.predict("谁写了关于粮食安全的文章？", "", api_name="/ask")
    assert out["grounded"] and out["citations"][0]["author"] == "方力"
    assert out["provenance"]["kb"] == "default" and len(out["provenance"]["version"]) == 64
    with pytest.raises(AppError, match=r"reader1.*may not upload|reader1.*无权"):
        reader.predict([handle_file(str(new_doc(tmp_path)))], "default", api_name="/add_documents")
    doc_id = out["citations"][0]["doc_id"]
    with pytest.raises(AppError, match="may not remove"):
        reader.predict(doc_id, "default", api_name="/remove_document")
    # still there: the refusal happened before anything changed
    again = reader.predict("谁写了关于粮食安全的文章？", "", api_name="/ask")
    assert again["citations"][0]["doc_id"] == doc_id
    mine = audit(office, user="reader1")
    asks = [r for r in mine if r["action"] == "ask"]
    assert asks[-1]["question"] == "谁写了关于粮食安全的文章？" and asks[-1]["grounded"] is True
    assert asks[-1]["chunks"] == [c["chunk_id"] for c in out["citations"]]
    assert asks[-1]["documents"] == [doc_id] and asks[-1]["kb_version"] == out["provenance"]["version"]
    denied = {(r["action"], r["kb"]) for r in mine if r["outcome"] == "denied"}
    assert denied >= {("upload", "default"), ("remove", "default")}
    assert any(r["action"] == "login" and r["outcome"] == "ok" for r in mine)


def test_an_editor_of_one_knowledge_base_cannot_touch_another(office, tmp_path):
    editor = client(office, "editor1")
    doc = new_doc(tmp_path)
    with pytest.raises(AppError, match=r"may not upload.*laws"):
        editor.predict([handle_file(str(doc))], "laws", api_name="/add_documents")
    with pytest.raises(AppError, match="无权执行“ask”（知识库：laws）"):  # asked in Chinese
        editor.predict("国家安全法第二条规定了什么？", "laws", api_name="/ask")
    law = client(office, "admin1").predict("国家安全法第二条规定了什么？", "laws", api_name="/ask")
    with pytest.raises(AppError, match=r"may not remove.*laws"):
        editor.predict(law["citations"][0]["doc_id"], "laws", api_name="/remove_document")
    added = editor.predict([handle_file(str(doc))], "default", api_name="/add_documents")
    assert added["kb"] == "default" and [Path(p).name for p in added["added"]] == [doc.name]
    answer = editor.predict("网络安全应急演练由谁牵头组织？", "default", api_name="/ask")
    assert "网信办" in answer["answer"]
    removed = editor.predict(answer["citations"][0]["doc_id"], "default", api_name="/remove_document")
    assert removed["removed"][0]["doc_id"] == answer["citations"][0]["doc_id"]
    uploads = [r for r in audit(office, user="editor1", action="upload")]
    assert [(r["kb"], r["outcome"]) for r in uploads] == [("laws", "denied"), ("default", "ok")]
    sha = hashlib.sha256(doc.read_bytes()).hexdigest()
    assert uploads[-1]["files"] == [[doc.name, sha]]
    removals = audit(office, user="editor1", action="remove")
    assert [(r["kb"], r["outcome"]) for r in removals] == [("laws", "denied"), ("default", "ok")]


def test_an_admin_can_do_everything(office, tmp_path):
    admin = client(office, "admin1")
    doc = new_doc(tmp_path, "admin-note.md")
    added = admin.predict([handle_file(str(doc))], "laws", api_name="/add_documents")
    assert [Path(p).name for p in added["added"]] == ["admin-note.md"]
    answer = admin.predict("网络安全应急演练由谁牵头组织？", "laws", api_name="/ask")
    assert answer["grounded"] and "网信办" in answer["answer"]
    removed = admin.predict(answer["citations"][0]["doc_id"][:8], "laws", api_name="/remove_document")
    assert len(removed["removed"]) == 1
    actions = [(r["action"], r.get("kb"), r["outcome"]) for r in audit(office, user="admin1")]
    assert {("upload", "laws", "ok"), ("ask", "laws", "ok"), ("remove", "laws", "ok")} <= set(actions)


def test_a_reader_limited_to_the_laws_sees_only_them(office):
    reader = client(office, "lawreader")
    assert reader.predict("国家安全法第二条规定了什么？", "laws", api_name="/ask")["grounded"]
    with pytest.raises(AppError, match="无权执行“ask”（知识库：default）"):
        reader.predict("谁写了关于粮食安全的文章？", "", api_name="/ask")  # empty: the default one


def test_five_wrong_passwords_lock_the_account_until_reset(office):
    for _ in range(5):
        with pytest.raises(ValueError, match="Could not login"):
            client(office, "victim", "wrong-password")
    with pytest.raises(ValueError, match="Could not login"):
        client(office, "victim")  # the right password, refused while locked
    listed = json.loads(rag(office.env, "user", "list", "--json").stdout)
    assert next(u for u in listed if u["name"] == "victim")["locked"] is True
    outcomes = [r["outcome"] for r in audit(office, user="victim")]
    assert outcomes == ["bad"] * 4 + ["locked", "locked"]
    done = rag(office.env, "user", "passwd", "victim", "--password-stdin", stdin="victim-pass-2\n")
    assert done.returncode == 0, done.stderr
    unlocked = client(office, "victim", "victim-pass-2")
    assert unlocked.predict("陶波是什么职务？", "", api_name="/ask")["grounded"]


def test_the_users_file_is_private_and_holds_no_password(office):
    path = office.index / "users.json"
    assert (path.stat().st_mode & 0o777) == 0o600
    text = path.read_text(encoding="utf-8")
    assert not any(pw in text for pw in PASSWORDS.values())
    assert all(u.password.startswith("scrypt$") for u in UserStore(path).users().values())


def test_the_network_is_refused_without_users(tmp_path):
    env = {**os.environ, "RAG_INDEX_DIR": str(tmp_path / "index"), "RAG_HOST": "0.0.0.0",
           "RAG_PORT": str(_free_port())}  # fmt: skip
    done = subprocess.run([sys.executable, str(REPO / "app.py")], env=env, capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 2
    assert "python -m rag user add" in done.stderr and "RAG_ALLOW_ANONYMOUS=1" in done.stderr
    assert "0.0.0.0" in done.stderr and not (tmp_path / "index" / "default").exists()  # nothing was built


def test_the_page_shows_each_role_what_it_may_do(office, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    for name, sees_manage in (("reader1", False), ("admin1", True)):
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
        page = context.new_page()
        page.goto(office.url)
        page.fill("input[data-testid=textbox] >> nth=0", name)
        page.fill("input[type=password]", PASSWORDS[name])
        page.keyboard.press("Enter")
        page.wait_for_selector("#rag-question textarea", timeout=60_000)
        page.wait_for_selector("#rag-user", timeout=30_000)
        assert name in page.locator("#rag-user").inner_text()
        page.wait_for_timeout(500)
        tabs = page.get_by_role("tab")
        names = [tabs.nth(i).inner_text() for i in range(tabs.count())]
        assert ("知识库管理" in names) is sees_manage and ("审计记录" in names) is sees_manage
        page.screenshot(path=str(ARTIFACTS / f"login-{name}.png"))
        if not sees_manage:  # 退出登录 ends the session: the login form again, the old cookie refused
            page.click("#rag-logout")
            page.wait_for_selector("input[type=password]", timeout=30_000)
            assert page.request.get(office.url + "config").status == 401
        if sees_manage:
            page.get_by_role("tab", name="审计记录").click()
            page.click("#rag-audit-refresh")
            shows = "() => document.querySelector('#rag-audit-table').innerText.includes('login')"
            page.wait_for_function(shows, timeout=30_000)
            page.screenshot(path=str(ARTIFACTS / "audit-tab.png"))
        context.close()


WRITER = """
import sys
from rag.access import AuditLog
log = AuditLog(sys.argv[1], max_bytes=64 << 10)
run, seq = sys.argv[2], 0
print("ready", flush=True)
while True:
    log.record("writer", "ask", kb="default", question="网络安全" * 400, detail=f"{run}:{seq}")
    seq += 1
"""
KILLS = 20


def test_the_audit_trail_stays_readable_after_20_kills_mid_write(tmp_path):
    """A writer appending 3 KB records (rotating every 64 KB) is SIGKILLed at seeded random moments;
    after each kill every record written so far reads back, in order, with none lost."""
    rng, log = random.Random(20250415), tmp_path / "audit.jsonl"
    env = {**os.environ, "RAG_INDEX_DIR": str(tmp_path), "RAG_AUDIT_LOG": str(log)}
    seen = 0
    for run in range(KILLS):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(log), str(run)], cwd=REPO, env=env,
                                stdout=subprocess.PIPE)  # fmt: skip
        assert proc.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.05, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        records, skipped = AuditLog(log).read()
        assert skipped <= run + 1 and len(records) > seen
        seen = len(records)
        mine = [int(r.detail.split(":")[1]) for r in records if r.detail.startswith(f"{run}:")]
        assert mine == list(range(len(mine))), "every record up to the kill, in order"
    done = rag(env, "audit", "--json")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == seen and len(list(tmp_path.glob("audit.jsonl.*"))) > 2


def test_a_login_expires_and_a_killed_app_leaves_a_readable_trail(tmp_path, default_kb):
    """RAG_SESSION_HOURS: a login is refused once it is older; then the app is SIGKILLed while three
    clients ask, and the administrator still reads the whole trail."""
    shutil.copytree(default_kb.folder, tmp_path / "index" / "default")
    port = _free_port()
    env = {**os.environ, "RAG_INDEX_DIR": str(tmp_path / "index"), "RAG_PORT": str(port),
           "TMPDIR": str(tmp_path), "GRADIO_TEMP_DIR": str(tmp_path / "gradio"),
           "RAG_SESSION_HOURS": "0.002"}  # 7.2 s  # fmt: skip
    made = rag(env, "user", "add", "r", "--role", "reader", "--password-stdin", stdin="reader-pass\n")
    assert made.returncode == 0, made.stderr
    proc = start_app(env, tmp_path / "app.log")
    try:
        _wait_serving(proc, f"http://127.0.0.1:{port}/", tmp_path / "app.log")
        url = f"http://127.0.0.1:{port}/"
        first = Client(url, auth=("r", "reader-pass"), verbose=False)
        started = time.monotonic()
        assert first.predict("陶波是什么职务？", "", api_name="/ask")["grounded"]
        time.sleep(max(0.0, 8.0 - (time.monotonic() - started)))
        with pytest.raises(Exception):  # noqa: B017 - gradio_client says 401 in more than one way
            first.predict("陶波是什么职务？", "", api_name="/ask")
        asking = [Client(url, auth=("r", "reader-pass"), verbose=False) for _ in range(3)]
        jobs = [c.submit("谁写了关于粮食安全的文章？", "", api_name="/ask") for c in asking for _ in range(4)]
        jobs[0].result(timeout=60)  # answered and audited; the others are on their way
        time.sleep(random.Random(7).uniform(0.0, 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for job in jobs:
            with contextlib.suppress(Exception):  # the server is gone: a cancel cannot reach it
                job.cancel()
    finally:
        stop(proc)
    done = rag(env, "audit", "--json", "--user", "r")
    assert done.returncode == 0, done.stderr
    actions = [json.loads(line)["action"] for line in done.stdout.splitlines()]
    assert actions[:2] == ["login", "ask"] and actions.count("login") == 4 and "ask" in actions[2:]
