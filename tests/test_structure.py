"""Structured documents: laws and headed reports in every format keep their heading path on every
paragraph and chunk (rag/structure.py, rag/chunk.py), on the bundled laws and on small documents
made here. No model is needed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pytest

from rag.chunk import chunk_source
from rag.cli import main
from rag.ingest import parse_page
from rag.loaders import load_file
from rag.settings import BUNDLED_LAWS
from rag.structure import PREAMBLE, article_number, to_chinese, to_int
from tests.conftest import one_page_pdf

LIMITS = {"max_bytes": 5 << 20, "timeout": 30.0}
LAWS = sorted(BUNDLED_LAWS.glob("*.md"))
_ARTICLE_LINE = re.compile(r"^(第[零〇一二两三四五六七八九十百千]+条)", re.M)
_ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
_HEADING = re.compile(r"^第[零〇一二两三四五六七八九十百千]+[编章节]\s")

# A small law-shaped document (title, history, chapters, a section, articles with 款 and 项) and a
# headed report, written into each format below.
LAW = [
    ("示范安全条例", "title"),
    ("2024年3月1日 示范市人民代表大会常务委员会第五次会议通过", ""),
    ("第一章 总则", "h2"),
    ("第一条 为了维护示范市的安全，制定本条例。", ""),
    ("第二条 本条例所称安全，是指下列事项：", ""),
    ("（一）公共安全；", ""),
    ("（二）网络安全。", ""),
    ("第二章 职责", "h2"),
    ("第一节 政府职责", "h3"),
    ("第三条 市人民政府负责本条例的实施。", ""),
    ("区人民政府按照职责做好相关工作。", ""),
]
REPORT = [
    ("示范市2025年政府工作报告", "title"),
    ("一、2024年工作回顾", "h2"),
    ("全市地区生产总值增长百分之五。", ""),
    ("（一）扩大有效投资", "h3"),
    ("新开工重大项目一百个。", ""),
    ("二、2025年主要任务", "h2"),
    ("推进科技创新。", ""),
]
LAW_PATHS = [
    ("题注",),
    ("第一章 总则", "第一条"),
    ("第一章 总则", "第二条"),
    ("第一章 总则", "第二条"),
    ("第一章 总则", "第二条"),
    ("第二章 职责", "第一节 政府职责", "第三条"),
    ("第二章 职责", "第一节 政府职责", "第三条"),
]
REPORT_PATHS = [
    ("一、2024年工作回顾",),
    ("一、2024年工作回顾", "（一）扩大有效投资"),
    ("二、2025年主要任务",),
]


@pytest.mark.parametrize("law", LAWS, ids=lambda p: p.stem)
def test_every_article_of_a_bundled_law_labels_its_chunks(law):
    source = load_file(law, **LIMITS)
    chunks = chunk_source(source, size=220, overlap=1)
    printed = _ARTICLE_LINE.findall(law.read_text(encoding="utf-8"))
    labels = {c.section[-1] for c in chunks if c.section}
    assert set(printed) <= labels and len(printed) == len(set(printed))
    for c in chunks:
        assert c.section, c.text[:30]  # every chunk is labelled (the history under 题注)
        assert c.section == (PREAMBLE,) or article_number(c.section[-1]) is not None
        assert not _HEADING.match(c.text), c.text[:30]  # no heading line as chunk text
        assert c.section[-1] in labels and not (_ITEM.match(c.text) and not c.context)
        assert c.text.startswith(c.section[-1]) or c.context or c.section == (PREAMBLE,)
    unit = source.units[0]
    assert unit.title == law.stem and "通过" in (unit.date or "") and not unit.oddities


def test_chunks_never_span_two_articles_and_items_keep_their_lead_in():
    law = BUNDLED_LAWS / "中华人民共和国反恐怖主义法.md"
    chunks = chunk_source(load_file(law, **LIMITS), size=220, overlap=1)
    for c in chunks:
        assert len(_ARTICLE_LINE.findall(c.text)) <= 1
    items = [c for c in chunks if c.section[-1:] == ("第三条",) and c.text.startswith("（二）")]
    assert items and items[0].context == "本法所称恐怖活动，是指恐怖主义性质的下列行为："


def test_inspect_json_shows_the_section_of_every_chunk(capsys):
    assert main(["inspect", str(BUNDLED_LAWS / "中华人民共和国国家安全法.md"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["units"][0]["title"] == "中华人民共和国国家安全法"
    second = next(c for c in report["chunks"] if c["section"][-1:] == ["第二条"])
    assert second["section"] == ["第一章 总则", "第二条"] and second["text"].startswith("第二条 国家安全是指")
    assert main(["inspect", str(BUNDLED_LAWS / "中华人民共和国国家安全法.md")]) == 0
    assert "第一章 总则 · 第二条" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["md", "docx", "html", "txt", "pdf"])
def test_law_and_report_structure_in_every_format(tmp_path, fmt):
    law = load_file(_write(tmp_path, "law", LAW, fmt), **LIMITS).units[0]
    assert law.title == "示范安全条例"
    assert [law.section_of(i) for i in range(len(law.paragraphs))] == LAW_PATHS
    assert law.paragraphs[3] == "（一）公共安全；" and "第一章 总则" not in law.paragraphs
    assert law.date and law.date.startswith("2024年3月1日")
    report = load_file(_write(tmp_path, "report", REPORT, fmt), **LIMITS).units[0]
    assert report.title == "示范市2025年政府工作报告"
    assert report.paragraphs == ("全市地区生产总值增长百分之五。", "新开工重大项目一百个。", "推进科技创新。")
    assert list(report.sections) == REPORT_PATHS


def test_broken_numbering_is_reported_and_nothing_is_dropped(tmp_path):
    text = "示范规定\n第一条 甲。\n第十二条 乙。\n第十条 丙。\n第十条 丁。\n第十一条\n第十三条 戊。\n"
    path = tmp_path / "broken.txt"
    path.write_text(text, encoding="utf-8")
    unit = load_file(path, **LIMITS).units[0]
    assert len(unit.paragraphs) == 6 and "第十条 丁。" in unit.paragraphs
    notes = " | ".join(unit.oddities)
    assert "第十条 follows 第12条" in notes and "duplicate article label 第十条" in notes
    assert "第十一条 has no text" in notes
    assert main(["inspect", str(path)]) == 0


def test_a_page_saved_from_a_website_is_titled_by_its_heading(tmp_path):
    text = (
        "下载\n打印\n分享\n首页 > 政务公开 > 政府工作报告\n【字体：大 中 小】\n"
        "示范市2025年政府工作报告\n来源：示范市人民政府办公室 发布时间：2025-01-20\n"
        "一、2024年工作回顾\n全市地区生产总值增长百分之五。\n"
    )
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    unit = load_file(path, **LIMITS).units[0]
    assert unit.title == "示范市2025年政府工作报告"
    assert unit.author == "示范市人民政府办公室" and unit.date == "2025-01-20"
    # the fields printing them stay, under the title, to be cited; the toolbar and breadcrumb go
    fields = "来源：示范市人民政府办公室 发布时间：2025-01-20"
    assert unit.paragraphs == (fields, "全市地区生产总值增长百分之五。")


def test_the_newspaper_page_reads_as_before(bundled_page):
    source = parse_page(bundled_page.read_text(encoding="utf-8"), bundled_page.name)
    assert all(not u.sections for u in source.units)
    assert all(not c.section and not c.context for c in chunk_source(source, size=220, overlap=1))


def test_article_numerals():
    for n in (1, 2, 10, 11, 20, 23, 99, 100, 101, 110, 119, 120, 283):
        assert to_int(to_chinese(n)) == n
    assert to_int("两") == 2 and to_int("23") == 23 and article_number("第二十三条") == 23


# --- writing the same document in five formats ------------------------------------------------


def _write(folder: Path, name: str, rows: list[tuple[str, str]], fmt: str) -> Path:
    path = folder / f"{name}.{fmt}"
    if fmt == "md":
        marks = {"title": "# ", "h2": "## ", "h3": "### ", "": ""}
        path.write_text("\n\n".join(marks[kind] + text for text, kind in rows), encoding="utf-8")
    elif fmt == "txt":
        path.write_text("\n".join(text for text, _ in rows), encoding="utf-8")
    elif fmt == "html":
        tags = {"title": "h1", "h2": "h2", "h3": "h3", "": "p"}
        body = "".join(f"<{tags[k]}>{text}</{tags[k]}>" for text, k in rows)
        page = f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>"
        path.write_text(page, encoding="utf-8")
    elif fmt == "docx":
        document = docx.Document()
        for text, kind in rows:
            if kind == "title":
                document.add_heading(text, level=0)
            elif kind:
                document.add_heading(text, level=int(kind[1]))
            else:
                document.add_paragraph(text)
        document.save(path)
    else:
        path.write_bytes(_cjk_pdf([text for text, _ in rows]))
    return path


def _cjk_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` in Chinese: a Type0 font with a ToUnicode
    map (no glyphs are needed to extract text, only the code -> character table)."""
    chars = sorted({ch for line in lines for ch in line})
    code = {ch: i + 1 for i, ch in enumerate(chars)}
    shows = " ".join(f"<{''.join(f'{code[ch]:04X}' for ch in line)}> Tj T*" for line in lines)
    content = f"BT /F1 12 Tf 14 TL 72 760 Td {shows} ET"
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /U def "
        "1 begincodespacerange <0000> <FFFF> endcodespacerange "
        + "".join(
            f"{len(part)} beginbfchar "
            + " ".join(f"<{code[ch]:04X}> <{ord(ch):04X}>" for ch in part)
            + " endbfchar "
            for part in (chars[i : i + 100] for i in range(0, len(chars), 100))
        )
        + "endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    fonts = [
        "<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H"
        " /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Song"
        " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
    ]
    return one_page_pdf(content, fonts, [f"<< /Length {len(cmap)} >>\nstream\n{cmap}\nendstream"])


def test_a_title_corrected_from_the_library_survives_a_rebuild(tmp_path, encoder, settings, capsys):
    from rag.kb import KnowledgeBase

    path = tmp_path / "下载.txt"
    text = "分享\n一、总体要求\n全市安全生产形势总体稳定。\n二、重点任务\n加强网络安全。\n"
    path.write_text(text, encoding="utf-8")
    opts = {"index_dir": tmp_path / "index", "encoder": encoder, "chunk_size": settings.chunk_size,
            "chunk_overlap": settings.chunk_overlap}  # fmt: skip
    kb = KnowledgeBase.open("reports", **opts)
    kb.add([path])
    (source,) = kb.sources()
    assert source.units[0].title == "下载"  # nothing title-like: the file name
    unit = kb.retitle(source.source_id[:6], "2025年安全生产工作要点")
    assert unit.doc_id == source.units[0].doc_id and kb.units()[0].title == "2025年安全生产工作要点"
    assert {c.title for c in kb.chunks()} == {"2025年安全生产工作要点"}
    assert kb.search("安全生产工作要点", 1)[0].chunk.title == "2025年安全生产工作要点"
    kb.rebuild()  # the file is read again: the correction is kept
    reopened = KnowledgeBase.open("reports", **opts)
    assert reopened.units()[0].title == "2025年安全生产工作要点"
    assert [u.section_of(0) for u in reopened.units()] == [("一、总体要求",)]
    with pytest.raises(Exception, match="title"):
        kb.retitle(source.source_id, "   ")


def test_an_attachment_after_the_last_article_is_no_part_of_it(tmp_path):
    path = tmp_path / "charter.txt"
    path.write_text("\n".join([
        "某市网络安全协会章程", "第一章 总则", "第一条 本会的名称为某市网络安全协会。",
        "第二章 附则", "第九条 本章程自通过之日起生效。", "", "附件2", "协会负责人名单",
        "会　长　　　韩某某　　　某大学教授", "秘书长　　　钟某某　　　本会（专职）",
        "一、其他", "本名单按职务排列。",
    ]), encoding="utf-8")  # fmt: skip
    (unit,) = load_file(path, **LIMITS).units
    sections = dict(zip(unit.paragraphs, unit.sections, strict=True))
    assert sections["第九条 本章程自通过之日起生效。"] == ("第二章 附则", "第九条")
    roster = [p for p in unit.paragraphs if "韩某某" in p or "钟某某" in p or p == "协会负责人名单"]
    assert roster and all(sections[p] == ("附件2",) for p in roster), sections
    assert sections["本名单按职务排列。"] == ("附件2", "一、其他")  # the attachment's own parts head it
