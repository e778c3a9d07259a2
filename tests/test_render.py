"""HTML rendering: linked markers, source cards with the quote highlighted, hostile text escaped."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from rag.answer import answer_question
from rag.chat import Turn
from rag.chunk import chunk_source
from rag.errors import LoadError
from rag.ingest import content_hash, make_unit
from rag.records import KIND_DOCUMENT, Hit, Source
from rag.render import chat_text, cite_anchor, render_answer, render_library, render_preview, render_sources

SAFE_TAGS = {"div", "a", "details", "summary", "article", "header", "span", "blockquote", "mark", "p",
             "table", "tr", "th", "td", "br"}  # fmt: skip
HOSTILE = (
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=2</script>",
    "[点我](javascript:window.__pwned=3)",
    '<a href="javascript:alert(1)">链接</a>',
)


@pytest.fixture(scope="module")
def page(bundled_page):
    from rag.ingest import parse_page

    return parse_page(bundled_page.read_text(encoding="utf-8"), bundled_page.name)


@pytest.fixture(scope="module")
def chunks(page, settings):
    return chunk_source(page, size=settings.chunk_size, overlap=settings.chunk_overlap)


@pytest.fixture(scope="module")
def units(page):
    return {u.doc_id: u for u in page.units}


def _ask(question: str, chunks, needle: str, encoder):
    """The real extractive answer over the chunks holding ``needle`` (retrieval is another module's test)."""
    hits = [Hit(c, 1.0, i) for i, c in enumerate((c for c in chunks if needle in c.text), start=1)]
    return answer_question(question, hits, encoder=encoder)


def test_answer_links_each_marker_to_its_card(chunks, encoder):
    answer = _ask("江阴市空气质量优良天数比率是多少？", chunks, "81.4%", encoder)
    assert answer.grounded and answer.citations
    out = render_answer(answer, turn=3, lang="zh")
    assert 'href="#src-3-1"' in out
    assert "81&#46;4%" in out  # Markdown-neutralised, displays as 81.4%
    assert "[1]" not in out  # the bare marker became a link


def test_an_answer_in_parts_keeps_one_line_per_part_in_the_bubble(default_kb):
    """The bubble is an HTML block, where Markdown shows a line break as a space: the parts quoted from
    two articles ran on as one paragraph (a new user's trial) until each line ended in <br>."""
    answer = default_kb.ask("江阴和无锡高新区的文章里，各自的现代产业集群用什么数字概括？")
    lines = answer.answer.splitlines()
    assert len(lines) == 2, answer.answer
    bubble = render_answer(answer, turn=1, lang="zh")
    assert bubble.count("<br>") == 1 and "\n" not in bubble
    shown = [html.unescape(re.sub(r"<[^>]+>", "", x)) for x in bubble.split("<br>")]
    assert [x.split("：")[0] for x in shown] == ["许峰", "崔荣国"], shown


def test_source_card_shows_metadata_and_highlights_the_quote(chunks, encoder, units):
    answer = _ask("江阴市空气质量优良天数比率是多少？", chunks, "81.4%", encoder)
    out = render_sources([Turn("江阴市空气质量优良天数比率是多少？", "q", answer)], units, "zh")
    citation = answer.citations[0]
    assert 'id="src-1-1"' in out
    for field in (citation.title, citation.subtitle, "许峰", "无锡市委常委、江阴市委书记"):
        assert html.escape(field) in out
    marks = re.findall(r'<mark class="rag-quote">(.*?)</mark>', out)
    assert marks and html.unescape(marks[0]) == citation.quote
    assert "81.4%" in citation.quote


def test_full_article_marks_the_cited_paragraph(chunks, encoder, units):
    answer = _ask("江阴市空气质量优良天数比率是多少？", chunks, "81.4%", encoder)
    out = render_sources([Turn("q", "q", answer)], units, "zh")
    unit = units[answer.citations[0].doc_id]
    full = out[out.index('<details class="rag-full">') :]
    assert full.count("<p") == len(unit.paragraphs)
    hit = re.search(r'<p class="rag-hit" id="src-1-1-p">(.*?)</p>', full).group(1)
    assert "81.4%" in html.unescape(hit) and "<mark" in hit


def test_refusal_lists_related_passages(chunks, encoder, units):
    answer = _ask("无锡市2024年的财政收入是多少？", chunks, "财政", encoder)
    assert not answer.grounded and answer.related
    bubble = render_answer(answer, turn=1, lang="zh")
    panel = render_sources([Turn("无锡市2024年的财政收入是多少？", "q", answer)], units, "zh")
    assert "相关段落" in bubble
    assert 'id="rel-1-1"' in panel and "<mark" not in panel.split('<details class="rag-full">')[0]
    assert "相关段落（未找到确切答案）" in panel and 'class="rag-card rag-related"' in panel


def test_older_turns_are_folded_and_newest_first(chunks, encoder, units):
    a1 = _ask("江阴市空气质量优良天数比率是多少？", chunks, "81.4%", encoder)
    a2 = _ask("无锡获得了几项国家科学技术奖？", chunks, "国家科学技术奖", encoder)
    out = render_sources([Turn("第一问", "q", a1), Turn("第二问", "q", a2)], units, "en")
    assert out.index("Question 2: 第二问") < out.index("Question 1: 第一问")
    assert out.count('<details class="rag-turn" open>') == 1


def test_every_marker_of_a_long_conversation_keeps_its_card(chunks, encoder, units):
    """Past the newest ``keep`` turns, cards are compact but still there: no [n] leads nowhere."""
    answer = _ask("江阴市空气质量优良天数比率是多少？", chunks, "81.4%", encoder)
    turns = [Turn(f"第{i}问", "q", answer) for i in range(1, 13)]
    out = render_sources(turns, units, "zh", keep=8)
    for i in range(1, 13):
        assert f'id="{cite_anchor(i, 1)}"' in out
    assert out.count("rag-compact") == 4 and "81.4%" in out.split("第1问")[1]


def _hostile_source() -> tuple[Source, dict]:
    paragraphs = tuple(f"第{i}段：{p} 结束。" for i, p in enumerate(HOSTILE))
    unit = make_unit(KIND_DOCUMENT, '<b onmouseover="x()">标题</b>', None, "<i>作者</i>", None, paragraphs)
    source = Source(content_hash("hostile"), "<svg onload=alert(1)>.txt", (unit,))
    return source, {unit.doc_id: unit}


class _Elements(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.extend((k, v or "") for k, v in attrs)


def _assert_inert(out: str) -> None:
    parsed = _Elements()
    parsed.feed(out)
    assert parsed.tags <= SAFE_TAGS, parsed.tags - SAFE_TAGS
    assert not [k for k, _ in parsed.attrs if k.startswith("on")]
    assert not [v for k, v in parsed.attrs if k == "href" and not v.startswith("#")]


def test_hostile_document_text_is_escaped_everywhere(encoder):
    source, units = _hostile_source()
    chunks = chunk_source(source, size=220, overlap=1)
    hits = [Hit(c, 1.0, i) for i, c in enumerate(chunks, start=1)]
    answer = answer_question("第0段说了什么？", hits, encoder=encoder)
    turn = Turn("<script>window.__pwned=4</script>", "q", answer)
    for out in (
        render_answer(answer, 1, "zh", notes=["<img src=x onerror=alert(1)>"]),
        render_sources([turn], units, "zh"),
        render_library([source], "zh"),
        render_preview([source], [LoadError("<script>.pdf", "<img src=x>")], "zh"),
    ):
        _assert_inert(out)
    library = render_library([source], "zh")
    assert html.escape(HOSTILE[0]) in library and html.escape(HOSTILE[1]) in library


def test_library_lists_every_unit_with_metadata_and_full_text(page):
    out = render_library([page], "zh")
    assert "共 1 个文件、9 个篇目" in out
    for unit in page.units:
        assert html.escape(unit.title or "编者按") in out
        if unit.author:
            assert f'<span class="rag-author">{unit.author}</span>' in out
        for para in unit.paragraphs:
            assert html.escape(para) in out


def test_preview_lists_units_and_failed_files(page):
    out = render_preview([page], [LoadError("坏文件.pdf", "不是有效的 PDF")], "zh")
    assert out.count("<tr>") == 1 + len(page.units)
    assert "蒋蕴洁" in out and "坏文件.pdf" in out and "不是有效的 PDF" in out


def test_chat_text_displays_every_character_verbatim():
    raw = "Wuxi's <b>\"AI\"</b> & *x* [1](javascript:y) #h `c` $m$ 1. 一"
    out = chat_text(raw)
    assert html.unescape(out) == raw
    assert "<" not in out.replace("&lt;", "") and "&#x27;" in out


def test_the_byline_box_is_not_shown(default_kb):
    """A who/role citation quotes the printed byline 「□方力」 verbatim; cards, bubbles and exports
    show 「方力」."""
    from rag.export import to_markdown

    answer = default_kb.ask("方力是什么职务？")
    assert any("□" in c.quote for c in answer.citations)  # the quote stays verbatim
    units = {u.doc_id: u for u in default_kb.units()}
    panel = render_sources([Turn("方力是什么职务？", "q", answer)], units, "zh")
    assert "□" not in panel and "方力" in panel
    assert "□" not in render_answer(answer, 1, "zh")
    assert "□" not in to_markdown([Turn("方力是什么职务？", "q", answer)], "zh", "default")
