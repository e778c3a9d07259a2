"""The command line's errors: one line in Chinese and English, exit code 2, before any model loads
(the encoder loader is replaced by one that fails, so a test passes only if nothing loads it)."""

from __future__ import annotations

import pytest

from rag import cli


@pytest.fixture
def no_model(monkeypatch, tmp_path):
    def refuse(*_a, **_k):
        raise AssertionError("the model was loaded")

    monkeypatch.setattr("rag.embed.load_encoder", refuse)
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "index"))
    (tmp_path / "index" / "weekly").mkdir(parents=True)
    return tmp_path


@pytest.mark.parametrize(
    "argv, zh, en",
    [
        (["search", ""], "请输入问题", "Please type a question"),
        (["ask", "   "], "请输入问题", "Please type a question"),
        (["ask"], "请输入问题", "Please type a question"),
        (["search", "粮食", "--kb", "nosuchkb"], "知识库“nosuchkb”不存在", "Existing: default, laws, weekly"),
        (["ask", "粮食", "--kb", "nosuchkb"], "现有的知识库：default, laws, weekly", "does not exist"),
        (["ask", "--batch", "missing.txt"], "无法读取问题文件", "cannot read the question file"),
    ],
)
def test_errors_are_one_bilingual_line_and_exit_2(no_model, capsys, monkeypatch, argv, zh, en):
    monkeypatch.chdir(no_model)
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("错误 / error: ") and zh in err and en in err


def test_a_binary_or_broken_batch_file_is_a_clear_error(no_model, capsys):
    (no_model / "some.bin").write_bytes(bytes(range(256)) * 4)
    (no_model / "broken.jsonl").write_text('{"q": "粮食"}\n{"q": 1\n', encoding="utf-8")
    for name, reason in (("some.bin", "not UTF-8 text"), ("broken.jsonl", "broken.jsonl:2")):
        assert cli.main(["search", "--batch", str(no_model / name)]) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err and reason in err and "无法读取问题文件" in err


@pytest.mark.parametrize("k", ["0", "-3", "two"])
def test_k_must_be_a_positive_whole_number(no_model, capsys, k):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["search", "粮食", "-k", k])
    assert exit_.value.code == 2
    assert "-k 必须是正整数" in capsys.readouterr().err


def test_a_build_where_every_file_failed_leaves_no_knowledge_base(tmp_path, monkeypatch, encoder, capsys):
    monkeypatch.setattr("rag.embed.load_encoder", lambda *a, **k: encoder)
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "index"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "noise.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    files = [str(tmp_path / name) for name in ("empty.txt", "noise.txt", "broken.pdf")]
    code = cli.main(["build", *files, "--kb", "failed_kb"])
    assert code == 1 and "failed" in capsys.readouterr().err
    assert not (tmp_path / "index" / "failed_kb").exists()
    assert cli.main(["list", "--kb", "failed_kb"]) == 2  # and it is not listed as existing


def test_a_build_of_a_new_knowledge_base_without_files_says_what_to_give(no_model, capsys):
    # `build --kb page` with no files had made an empty knowledge base, which every question then refused
    assert cli.main(["build", "--kb", "page"]) == 2
    err = capsys.readouterr().err
    assert "没有给出要建立知识库“page”的文件" in err and "no files given" in err and "default, laws" in err
    assert not (no_model / "index" / "page").exists()


def test_a_chinese_knowledge_base_name_works_everywhere(tmp_path, monkeypatch, encoder, capsys):
    from rag.service import check_kb_name

    monkeypatch.setattr("rag.embed.load_encoder", lambda *a, **k: encoder)
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "index"))
    doc = tmp_path / "通知.md"
    doc.write_text("# 社区安全通知\n\n本周六上午九点在社区广场开展国家安全知识宣传活动。\n", encoding="utf-8")
    assert cli.main(["build", str(doc), "--kb", "安全教育2025"]) == 0
    # a build also embeds the candidate quotes, so a new process's first question need not
    assert (tmp_path / "index" / "安全教育2025" / "quote-vectors.npz").is_file()
    assert cli.main(["search", "宣传活动", "--kb", "安全教育2025", "--json"]) == 0
    assert "社区广场" in capsys.readouterr().out
    assert check_kb_name(" 安全教育2025 ", "zh") == "安全教育2025"  # the app takes the same names
