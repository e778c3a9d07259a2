"""The lesson kit on the real page and the real laws with the real model: security-field tags,
quizzes (keys, distractors, self-check, seeds), key figures, briefs and their Word files."""

from __future__ import annotations

import json
import random
import re

import pytest
from docx import Document

from rag.kit import KitError, LessonKit
from rag.kit.export import write_briefs_docx, write_figures_csv, write_figures_docx, write_quiz_docx

# 王路新's article, read by hand: every figure it prints.
WANG_FIGURES = {"47支", "50亿美元", "15单", "27亿元", "600亿元", "6年", "71家", "50家", "3家"}
# Every percentage the page prints.
PAGE_PERCENTAGES = {"100%", "81.4%", "40%", "69.5%", "3.44%", "53.1%"}


@pytest.fixture(scope="module")
def page_kit(default_kb) -> LessonKit:
    return LessonKit(default_kb)


@pytest.fixture(scope="module")
def laws_kit(laws_kb) -> LessonKit:
    return LessonKit(laws_kb)


def _top(kit: LessonKit) -> dict[str, str]:
    """author (or title) -> the unit's best field."""
    return {(u.author or u.title): tags[0].name for u, tags in kit.domains() if tags}


def test_domains_tag_the_page_articles_and_the_laws(page_kit, laws_kit):
    top = _top(page_kit)
    assert {a: top[a] for a in ("陈秋峰", "王路新", "方力", "蒋蕴洁", "许峰")} == {
        "陈秋峰": "网络", "王路新": "金融", "方力": "粮食", "蒋蕴洁": "海外利益", "许峰": "生态"}  # fmt: skip
    top = _top(laws_kit)
    assert top["中华人民共和国网络安全法"] == "网络"
    assert top["中华人民共和国数据安全法"] == "数据"
    assert top["中华人民共和国生物安全法"] == "生物"
    for unit, tags in page_kit.domains() + laws_kit.domains():
        assert [t.score for t in tags] == sorted((t.score for t in tags), reverse=True)
        for tag in tags:  # each tag is justified by the unit's own sentences
            assert tag.evidence and all(e.removesuffix("…") in unit.text for e in tag.evidence)


def test_domain_filter_and_bad_names(page_kit, default_kb):
    units = page_kit.units(domain="金融")
    assert "王路新" in {u.author for u in units} and "方力" not in {u.author for u in units}
    assert page_kit.units(domain="finance") == page_kit.units(domain="金融安全")
    docs = {u.doc_id for u in units}
    assert {h.chunk.doc_id for h in default_kb.search("风险", 5, docs=docs)} <= docs
    with pytest.raises(KitError, match="外星"):
        page_kit.units(domain="外星")
    with pytest.raises(KitError, match="zzz"):
        page_kit.quiz(3, docs=["zzz"])
    with pytest.raises(KitError):
        page_kit.quiz(0)


def _check_quiz(quiz, n: int) -> None:
    items = quiz.items
    assert len(items) == n
    assert quiz.passed / quiz.checked >= 0.9, (quiz.passed, quiz.checked)
    assert len({i.stem for i in items}) == n  # no duplicate stems
    for item in items:
        c = item.citation
        assert c.quote and c.quote in c.text  # the quote is verbatim in the cited passage
        # a stem is a statement, not a clause that only sets the scene (「…试点的基础上。」)
        assert not re.search(r"(?:的基础上|的同时|的前提下|的情况下)[。？]?$", item.stem), item.stem
        assert c.quote in item.explanation
        flat = re.sub(r"\s+", "", c.quote)
        if item.type == "judge":
            assert item.key in ("对", "错") and not item.options
        else:
            assert item.key in flat and item.key not in item.stem.replace("（　　）", "")  # not given away
        if item.type == "choice":
            assert len(item.options) == 4 and len(set(item.options)) == 4 and item.key in item.options
            for other in set(item.options) - {item.key}:
                assert other not in flat  # no second right answer from the source sentence
                assert _kind(other) == _kind(item.key), (item.options, item.key)  # same kind of value


def _kind(value: str) -> str:
    if re.fullmatch(r"第[零一二两三四五六七八九十百千]+条(?:之[一二三四五六七八九十])?", value):
        return "article"
    m = re.match(r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+)", value)
    return value[m.end() :].lstrip("亿万千") if m else value


@pytest.mark.parametrize("which", ["page", "laws"])
def test_quiz_of_twenty_items_is_sound_and_repeatable(which, page_kit, laws_kit):
    kit = page_kit if which == "page" else laws_kit
    quiz = kit.quiz(20, seed=7)
    _check_quiz(quiz, 20)
    assert {i.type for i in quiz.items} == {"choice", "blank", "judge"}
    assert [i.to_dict() for i in kit.quiz(20, seed=7).items] == [i.to_dict() for i in quiz.items]
    assert [i.stem for i in kit.quiz(20, seed=8).items] != [i.stem for i in quiz.items]


def test_quiz_types_domain_and_avoid(page_kit):
    quiz = page_kit.quiz(4, types=["blank"], domain="金融")
    assert {i.type for i in quiz.items} == {"blank"}
    assert {i.citation.doc_id for i in quiz.items} <= {u.doc_id for u in page_kit.units(domain="金融")}
    again = page_kit.quiz(4, types=["blank"], domain="金融", avoid=[i.stem for i in quiz.items])
    assert not {i.stem for i in again.items} & {i.stem for i in quiz.items}


def _generated_page(seed: int) -> str:
    """A page in the bundled page's layout (bodies wrapped in narrow columns, then the author's role,
    the title and □author) whose figures are drawn at random."""
    rng = random.Random(seed)
    topics = [
        ("数据安全", "数据局"),
        ("生物安全", "卫健委"),
        ("社会治安", "公安局"),
        ("粮食生产", "农业农村局"),
    ]
    facts = ["全年开展{t}检查{n}次", "累计投入专项资金{m}亿元", "建成{t}监测站点{n}个", "覆盖率达到{p}%",
             "连续{y}年保持全省前列", "培训基层骨干{n}名", "发现并整改隐患{n}处",
             "新增合作企业{n}家"]  # fmt: skip
    names = ["周文涛", "李明", "欧阳晓燕", "陈思远"]
    out = [
        "编者按：为深入学习贯彻总体国家安全观，本报推出专版，邀请四位同志撰写文章，交流做法与体会。敬请关注。",
        "",
    ]
    for (topic, body), name in zip(topics, names, strict=True):
        paragraphs = []
        for lead in ("强化制度建设", "提升技术支撑", "凝聚共治合力"):
            picks = rng.sample(facts, 2)
            values = {"t": topic, "n": rng.randint(12, 480), "m": rng.randint(2, 90),
                      "p": round(rng.uniform(60, 99), 1), "y": rng.randint(3, 12)}  # fmt: skip
            sentences = "，".join(p.format(**values) for p in picks)
            paragraphs.append(
                f"{lead}。围绕{topic}工作，我们{sentences}，推动“{topic[:2]}先行”行动落地见效。"
            )
        for p in paragraphs:
            out += [p[i : i + 15] for i in range(0, len(p), 15)] + [""]
        out += [f"（作者为市{body}党组书记、局长）", "", f"守护{topic} 护航高质量发展", "", f"□{name}", ""]
    return "\n".join(out)


def test_quiz_on_a_generated_page(tmp_path, settings, encoder):
    from rag.kb import KnowledgeBase

    page = tmp_path / "page.txt"
    page.write_text(_generated_page(3), encoding="utf-8")
    kb = KnowledgeBase.open("gen", index_dir=tmp_path / "index", encoder=encoder,
                            chunk_size=settings.chunk_size, chunk_overlap=settings.chunk_overlap)  # fmt: skip
    kb.add([page])
    assert {u.author for u in kb.units() if u.author} == {"周文涛", "李明", "欧阳晓燕", "陈思远"}
    quiz = LessonKit(kb).quiz(20, seed=1)
    _check_quiz(quiz, 20)


def test_figures_of_the_page(page_kit):
    figures = page_kit.figures()
    wang = {f.value for f in figures if f.citation.author == "王路新"}
    assert len(wang & WANG_FIGURES) / len(WANG_FIGURES) >= 0.9, WANG_FIGURES - wang
    assert {f.value for f in figures if f.kind == "percent"} >= PAGE_PERCENTAGES
    for f in figures:
        c = f.citation
        assert c.quote in c.text and f.value in re.sub(r"\s+", "", c.quote) and f.clause
        assert c.title or c.doc_id  # each figure names its article
    assert not {"第十个", "一批", "5+X"} & {f.value for f in figures}  # ordinals, a bare 一, slogans


def test_figures_of_the_laws_cite_their_article(laws_kit):
    figures = laws_kit.figures(domain="数据")
    assert figures and all(f.citation.section for f in figures)
    assert any(f.value == "一千万元" and f.citation.title == "中华人民共和国数据安全法" for f in figures)


def test_brief_of_an_article_and_of_a_law(page_kit, laws_kit):
    unit = next(u for u, _ in page_kit.domains() if u.author == "陈秋峰")
    brief = page_kit.brief(unit.doc_id[:8])
    assert 3 <= len(brief.points) <= 6 and brief.domains[0].name == "网络"
    assert "深化网络内容管理，营造清朗网络空间。" in [c.quote for c in brief.points]
    assert all(c.quote in c.text for c in brief.points) and len(brief.quiz) == 3
    law = next(u for u, _ in laws_kit.domains() if u.title == "中华人民共和国反间谍法")
    brief = laws_kit.brief(law.doc_id)
    assert 3 <= len(brief.points) <= 6 and brief.unit.date
    assert len({c.section[0] for c in brief.points}) == len(brief.points)  # one lead per chapter


def test_word_files_hold_keys_and_sources(page_kit, tmp_path):
    quiz = page_kit.quiz(6, seed=2)
    path = write_quiz_docx(quiz.items, tmp_path / "quiz.docx", kb="default")
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert text.index("学生卷") < text.index("教师卷")
    for item in quiz.items:
        assert item.stem in text and item.key in text
        assert f"《{item.citation.title}》" in text and item.citation.author in text
    figures = page_kit.figures(docs=[next(u.doc_id for u in page_kit.units() if u.author == "陶波")])
    doc = Document(str(write_figures_docx(figures, tmp_path / "figures.docx", kb="default")))
    cells = {c.text for row in doc.tables[0].rows for c in row.cells}
    assert {"69.5%", "3.44%", "53.1%"} <= cells
    csv_text = write_figures_csv(figures, tmp_path / "figures.csv").read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0].startswith("数据,") and "7300家" in csv_text
    briefs = page_kit.briefs(domain="粮食")
    doc = Document(str(write_briefs_docx(briefs, tmp_path / "briefs.docx", kb="default")))
    assert "方力" in "\n".join(p.text for p in doc.paragraphs)


def test_cli_json_shapes_and_errors(default_kb, encoder, capsys, monkeypatch, tmp_path):
    from rag import cli

    monkeypatch.setenv("RAG_INDEX_DIR", str(default_kb.folder.parent))
    monkeypatch.setattr("rag.embed.load_encoder", lambda *a, **k: encoder)  # one model per session
    assert cli.main(["domains", "--json"]) == 0
    units = json.loads(capsys.readouterr().out)["units"]
    assert {"doc_id", "title", "author", "domains"} <= set(units[1]) and units[1]["domains"][0]["evidence"]
    assert cli.main(["quiz", "-n", "5", "--json", "--seed", "4", "--docx", str(tmp_path / "q.docx")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["items"]) == 5 and (tmp_path / "q.docx").stat().st_size > 0
    from docx import Document

    head = "\n".join(p.text for p in Document(str(tmp_path / "q.docx")).paragraphs[:3])
    assert f"v{default_kb.provenance().version[:12]}" in head  # the handout names the corpus version
    for item in data["items"]:
        assert {"type", "stem", "key", "explanation", "citation"} <= set(item)
        assert {"n", "chunk_id", "doc_id", "title", "subtitle", "author", "role", "text", "quote"} <= set(
            item["citation"])  # fmt: skip
    assert cli.main(["figures", "--json", "--domain", "金融"]) == 0
    figures = json.loads(capsys.readouterr().out)["figures"]
    assert figures and {"value", "clause", "doc_id", "title", "author", "role", "quote"} <= set(figures[0])
    assert cli.main(["quiz", "--domain", "外星"]) == 2
    assert "外星" in capsys.readouterr().err
    assert cli.main(["search", "风险", "--domain", "粮食", "--json"]) == 0
    assert {h["author"] for h in json.loads(capsys.readouterr().out)} == {"方力"}
