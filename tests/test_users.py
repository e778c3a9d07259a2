"""Users, roles and the audit log on their own: hashing, the private users file, lockout, the
permission matrix, the audit log's rotation, torn lines and filters, and ``rag user`` / ``rag audit``."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rag.access import LOCAL, AuditLog, ExpiringTokens, Gate, User, UserStore, can, refuse_open_network
from rag.access.audit import select
from rag.access.users import hash_password, verify_password
from rag.errors import AccessError
from rag.settings import Settings

REPO = Path(__file__).resolve().parent.parent


def test_a_password_is_stored_salted_and_checked_in_full():
    one, two = hash_password("correct horse"), hash_password("correct horse")
    assert one != two and one.startswith("scrypt$16384$8$1$") and "correct" not in one
    assert verify_password("correct horse", one) and verify_password("correct horse", two)
    assert not verify_password("correct hors", one) and not verify_password("", one)
    assert not verify_password("correct horse", "plain-text")
    assert not verify_password("x", "scrypt$1$2$3$zz$yy")


def test_the_users_file_is_private_atomic_and_refuses_bad_input(tmp_path):
    store = UserStore(tmp_path / "users.json")
    store.add("王老师", "editor", "s3cret-pass", ("default",))
    path = tmp_path / "users.json"
    assert (path.stat().st_mode & 0o777) == 0o600 and "s3cret-pass" not in path.read_text(encoding="utf-8")
    before = path.read_bytes()
    cases = [(("王老师", "reader", "another-pass"), "user_exists"),
             (("bob", "boss", "another-pass"), "user_bad_role"),
             (("bob", "reader", ""), "user_short_password"),
             (("a b", "reader", "another-pass"), "user_bad_name"),
             (("root", "admin", "another-pass", ("laws",)), "user_admin_kbs"),
             (("bob", "reader", "another-pass", ("../etc",)), "bad_kb_name")]  # fmt: skip
    for args, key in cases:
        with pytest.raises(AccessError) as err:
            store.add(*args)
        assert err.value.key == key
    with pytest.raises(AccessError, match="bob"):
        store.remove("bob")
    assert path.read_bytes() == before  # nothing half-written, nothing written at all
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp-")] == []


def test_a_damaged_users_file_is_one_clear_error(tmp_path):
    path = tmp_path / "users.json"
    path.write_text('{"format": 1, "users": {"x": {"role": "god", "password": ""}}}', encoding="utf-8")
    with pytest.raises(AccessError, match="damaged") as err:
        UserStore(path).users()
    assert "已损坏" in err.value.say("zh")
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(AccessError):
        UserStore(path).add("bob", "reader", "another-pass")
    assert path.read_text(encoding="utf-8") == "{not json"


def test_five_failures_lock_until_the_time_runs_out_and_survive_a_restart(tmp_path):
    path = tmp_path / "users.json"
    UserStore(path, lockout_minutes=10).add("ann", "reader", "ann-password")
    store = UserStore(path, lockout_minutes=10)
    assert [store.login("ann", "wrong-pass", now=1000) for _ in range(5)] == ["bad"] * 4 + ["locked"]
    again = UserStore(path, lockout_minutes=10)  # a restarted app reads the lock from the file
    assert again.login("ann", "ann-password", now=1000 + 599) == "locked"
    assert again.login("ann", "ann-password", now=1000 + 601) == "ok"
    assert again.get("ann").failures == 0 and again.get("ann").locked_until == 0
    assert store.login("ann", "wrong-pass", now=2000) == "bad"
    assert store.login("nobody", "x", now=2000) == "bad"
    assert store.login("ann", "ann-password", now=2001) == "ok" and store.get("ann").failures == 0


@pytest.mark.parametrize(
    ("role", "kbs", "allowed"),
    [
        ("reader", (), {("ask", "a"), ("search", "a"), ("read", "a"), ("export", "a"), ("ask", "b"),
                        ("read", "b"), ("search", "b"), ("export", "b")}),
        ("reader", ("a",), {("ask", "a"), ("search", "a"), ("read", "a"), ("export", "a")}),
        ("editor", ("a",), {("ask", "a"), ("search", "a"), ("read", "a"), ("export", "a"), ("upload", "a"),
                            ("remove", "a"), ("retitle", "a")}),
        ("admin", (), "all"),
    ],
)  # fmt: skip
def test_the_permission_matrix(role, kbs, allowed):
    user = User("u", role, kbs)
    actions = ("ask", "search", "read", "export", "upload", "remove", "retitle", "create_kb", "delete_kb",
               "users", "audit")  # fmt: skip
    got = {(a, kb) for a in actions for kb in ("a", "b") if can(user, a, kb)}
    assert got == ({(a, kb) for a in actions for kb in ("a", "b")} if allowed == "all" else allowed)
    assert can(LOCAL, "create_kb") and not can(User("r", "reader"), "audit")
    with pytest.raises(ValueError, match="valid"):
        can(user, "fly")


def test_the_network_needs_users_or_a_deliberate_anonymous_setting(tmp_path):
    base = Settings(index_dir=tmp_path)
    assert refuse_open_network(base, Gate(base)) is None  # loopback: today's single user
    wide = Settings(index_dir=tmp_path, host="0.0.0.0")
    message = refuse_open_network(wide, Gate(wide))
    assert "python -m rag user add" in message and "RAG_ALLOW_ANONYMOUS=1" in message
    meant = Settings(index_dir=tmp_path, host="0.0.0.0", allow_anonymous=True)
    assert refuse_open_network(meant, Gate(meant)) is None
    for host in ("localhost", "::1", "127.0.0.2"):
        loop = Settings(index_dir=tmp_path, host=host)
        assert refuse_open_network(loop, Gate(loop)) is None
    UserStore(tmp_path / "users.json").add("ann", "admin", "ann-password")
    assert refuse_open_network(wide, Gate(wide)) is None and not Gate(wide).anonymous


def test_the_gate_audits_refusals_and_reads_users_fresh(tmp_path):
    settings = Settings(index_dir=tmp_path)
    UserStore(tmp_path / "users.json").add("ann", "reader", "ann-password", ("laws",))
    gate = Gate(settings)
    assert gate.login("ann", "ann-password") and not gate.login("ann", "nope-nope")
    assert gate.allow("ann", "ask", "laws").name == "ann"
    assert gate.visible("ann", ["default", "laws"]) == ["laws"]
    with pytest.raises(AccessError) as err:
        gate.allow("ann", "upload", "laws")
    assert err.value.say("en") == "User ann (reader) may not upload (knowledge base: laws)."
    UserStore(tmp_path / "users.json").remove("ann")  # by `rag user remove` while the app runs
    with pytest.raises(AccessError, match="log in"):
        gate.allow("ann", "ask", "laws")
    records, _ = gate.audit.read()
    assert [(r.user, r.action, r.outcome) for r in records] == [
        ("ann", "login", "ok"), ("ann", "login_failed", "bad"), ("ann", "upload", "denied")]


def test_logins_expire():
    clock = [0.0]
    tokens = ExpiringTokens(60, clock=lambda: clock[0])
    tokens["t1"] = "ann"
    clock[0] = 59
    assert tokens.get("t1") == "ann" and "t1" in tokens
    tokens["t2"] = "bob"
    clock[0] = 61
    assert tokens.get("t1") is None and "t1" not in tokens and tokens.get("t2") == "bob"
    assert tokens.get(None) is None and list(tokens) == ["t2"]
    tokens["t3"] = "ann"
    clock[0] = 200
    assert list(tokens.keys()) == [] and len(tokens) == 0  # what Gradio's logout walks


def test_the_audit_log_rotates_keeps_everything_and_skips_a_torn_line(tmp_path):
    log = AuditLog(tmp_path / "audit.jsonl", max_bytes=1000, questions="hash")
    for i in range(12):
        log.record(f"u{i % 3}", "ask", kb="laws", question=f"第{i}个问题是什么？", grounded=i % 2 == 0)
    with open(tmp_path / "audit.jsonl", "ab") as fh:
        fh.write(b'{"time": "2026-12-01T00:00:00.000Z", "us')  # a writer killed mid-line
    log.record("u0", "login")
    records, skipped = log.read()
    assert skipped == 1 and len(records) == 13 and len(list(tmp_path.glob("audit.jsonl.*"))) >= 2
    assert [r.action for r in records] == ["ask"] * 12 + ["login"]
    assert all(r.question is None and len(r.question_sha256) == 64 for r in records[:12])
    assert "问题" not in "".join(p.read_text(encoding="utf-8") for p in tmp_path.glob("audit.jsonl*"))
    assert (tmp_path / "audit.jsonl").stat().st_mode & 0o777 == 0o600
    assert len(select(records, user="u1", action="ask")) == 4
    assert select(records, since="2999-01-01") == [] and len(select(records, since="2000-01-01")) == 13
    with pytest.raises(ValueError, match="valid"):
        AuditLog(tmp_path / "x.jsonl", questions="maybe")


def _rag(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "RAG_INDEX_DIR": str(tmp_path / "index")}
    return subprocess.run([sys.executable, "-m", "rag", *args], cwd=REPO, env=env, input=stdin, text=True,
                          capture_output=True, timeout=120)  # fmt: skip


def test_rag_user_and_rag_audit_on_the_command_line(tmp_path):
    ok = _rag(tmp_path, "user", "add", "ann", "--role", "editor", "--kb", "laws", "--password-stdin",
              stdin="ann-password\n")  # fmt: skip
    assert ok.returncode == 0 and "ann" in ok.stdout
    for args, stdin, says in [
        (("user", "add", "ann", "--role", "reader", "--password-stdin"), "x-password\n", "already exists"),
        (("user", "add", "bob", "--role", "boss", "--password-stdin"), "x-password\n", "Unknown role"),
        (("user", "add", "bob", "--role", "reader", "--password-stdin"), "\n", "at least 8"),
        (("user", "remove", "nobody"), "", "There is no user nobody"),
        (("user", "passwd", "nobody", "--password-stdin"), "x-password\n", "There is no user nobody"),
    ]:
        bad = _rag(tmp_path, *args, stdin=stdin)
        assert bad.returncode == 2 and says in bad.stderr and "Traceback" not in bad.stderr, bad.stderr
    listed = json.loads(_rag(tmp_path, "user", "list", "--json").stdout)
    assert listed == [{"name": "ann", "role": "editor", "kbs": ["laws"], "locked": False}]
    assert _rag(tmp_path, "user", "passwd", "ann", "--password-stdin", stdin="new-password\n").returncode == 0
    assert UserStore(tmp_path / "index" / "users.json").login("ann", "new-password") == "ok"
    assert _rag(tmp_path, "user", "remove", "ann").returncode == 0
    added = _rag(tmp_path, "audit", "--json", "--action", "user_add")
    rows = [json.loads(x) for x in added.stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["detail"] == "ann editor laws" and rows[0]["user"].startswith("cli:")
    out = _rag(tmp_path, "audit", "--csv", str(tmp_path / "audit.csv"))
    assert out.returncode == 0
    with open(tmp_path / "audit.csv", encoding="utf-8-sig") as fh:
        table = list(csv.DictReader(fh))
    assert [r["action"] for r in table] == ["user_add", "user_passwd", "user_remove"]
    bad = _rag(tmp_path, "audit", "--since", "yesterday")
    assert bad.returncode == 2 and "2026-12-01" in bad.stderr
    (tmp_path / "index" / "users.json").write_text("{broken", encoding="utf-8")
    broken = _rag(tmp_path, "user", "list")
    assert broken.returncode == 2 and "damaged" in broken.stderr and "Traceback" not in broken.stderr


def _small_kb(index_dir: Path, name: str, encoder, settings: Settings) -> Path:
    from rag.kb import open_default

    kb = open_default(name=name, index_dir=index_dir, encoder=encoder, chunk_size=settings.chunk_size,
                      chunk_overlap=settings.chunk_overlap)  # fmt: skip
    kb.add([REPO / "tests" / "fixtures" / "synthetic_page.txt"])
    assert kb.search("安全", 1)
    return index_dir / name


def test_an_admin_deletes_a_knowledge_base_in_the_app_and_no_one_else_can(tmp_path, encoder, settings):
    from dataclasses import replace
    from types import SimpleNamespace

    import gradio as gr

    from rag import app_manage
    from rag.service import Bases

    folder = _small_kb(tmp_path, "培训资料", encoder, settings)
    store = UserStore(tmp_path / "users.json")
    store.add("reader1", "reader", "reader-password")
    store.add("editor1", "editor", "editor-password", ("培训资料",))
    store.add("admin1", "admin", "admin-password")
    local = replace(settings, index_dir=tmp_path, kb="default")
    gate, bases = Gate(local), Bases(local)
    for who in ("reader1", "editor1"):  # the button is hidden from them, and the handler says no too
        with pytest.raises(gr.Error):
            app_manage._delete_kb(bases, gate, "培训资料", "培训资料", "zh", SimpleNamespace(username=who))
    assert folder.is_dir()
    for name, says in (("default", "不能删除"), ("没有这个库", "不存在"), ("../etc", "无效")):
        with pytest.raises(gr.Error, match=says):
            app_manage._delete_kb(bases, gate, name, "default", "zh", SimpleNamespace(username="admin1"))
    picked, status, typed = app_manage._delete_kb(bases, gate, " 培训资料 ", "培训资料", "en",
                                           SimpleNamespace(username="admin1"))  # fmt: skip
    assert "Deleted" in status and typed == "" and picked["value"] == "default"
    assert not folder.exists() and "培训资料" not in bases.names()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]  # nothing left aside
    records, _ = gate.audit.read()
    trail = [(r.user, r.action, r.outcome, r.kb) for r in records if r.action == "delete_kb"]
    assert trail == [
        ("reader1", "delete_kb", "denied", "培训资料"),
        ("editor1", "delete_kb", "denied", "培训资料"),
        ("admin1", "delete_kb", "error", "default"),
        ("admin1", "delete_kb", "error", "没有这个库"),
        ("admin1", "delete_kb", "error", "../etc"),
        ("admin1", "delete_kb", "ok", "培训资料"),
    ]


def test_rag_delete_kb_asks_for_yes_and_keeps_the_bundled_ones(tmp_path, encoder, settings):
    folder = _small_kb(tmp_path / "index", "old-notices", encoder, settings)
    for args, says in [
        (("delete-kb", "old-notices"), "--yes"),
        (("delete-kb", "default", "--yes"), "cannot be deleted"),
        (("delete-kb", "laws", "--yes"), "cannot be deleted"),
        (("delete-kb", "nothing-here", "--yes"), "does not exist"),
    ]:
        bad = _rag(tmp_path, *args)
        assert bad.returncode == 2 and says in bad.stderr and "Traceback" not in bad.stderr, bad.stderr
        assert folder.is_dir()
    ok = _rag(tmp_path, "delete-kb", "old-notices", "--yes")
    assert ok.returncode == 0 and "old-notices" in ok.stdout and not folder.exists()
    trail = _rag(tmp_path, "audit", "--json", "--action", "delete_kb").stdout
    rows = [json.loads(x) for x in trail.splitlines()]
    assert [(r["kb"], r["outcome"]) for r in rows][-1] == ("old-notices", "ok")
    assert all(r["user"].startswith("cli:") for r in rows)
