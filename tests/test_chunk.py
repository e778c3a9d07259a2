"""The sentence-aware chunker on the real bundled page, plus edge cases on small units."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from rag.chunk import chunk_source
from rag.ingest import make_unit, parse_page
from rag.records import KIND_DOCUMENT, Source
from rag.text import CLOSERS


@pytest.fixture(scope="module")
def source(bundled_page):
    return parse_page(bundled_page.read_text(encoding="utf-8"), "wuxi.txt")


@pytest.fixture(scope="module")
def chunks(source, settings):
    return chunk_source(source, size=settings.chunk_size, overlap=settings.chunk_overlap)


def _doc(*paragraphs: str) -> Source:
    return Source(source_id="s" * 16, path="doc.txt", units=(make_unit(KIND_DOCUMENT, "T", None, None, None,
                                                                       paragraphs),))  # fmt: skip


def test_offsets_point_back_to_the_exact_unit_text(source, chunks):
    assert len(chunks) > 40
    for c in chunks:
        unit = source.units[c.unit_index]
        assert unit.text[c.start : c.end] == c.text  # so a chunk never crosses units
        assert c.doc_id == unit.doc_id and c.source_id == source.source_id
        para_start = sum(len(p) + 1 for p in unit.paragraphs[: c.paragraph_index])
        assert para_start <= c.start < para_start + len(unit.paragraphs[c.paragraph_index])


def test_every_chunk_carries_its_units_metadata(source, chunks):
    for c in chunks:
        unit = source.units[c.unit_index]
        assert (c.kind, c.title, c.subtitle, c.author, c.role) == (
            unit.kind, unit.title, unit.subtitle, unit.author, unit.role,
        )  # fmt: skip
        assert c.source == "wuxi.txt"
    assert {c.author for c in chunks} >= {"许峰", "蒋蕴洁", None}


def test_no_chunk_starts_with_closing_punctuation_or_exceeds_the_size(chunks, settings):
    for c in chunks:
        assert c.text[0] not in CLOSERS + "，。、；：！？", c.text
        assert c.text == c.text.strip()
        assert len(c.text) <= settings.chunk_size


def test_chunks_cover_every_character_of_every_unit(source, chunks):
    for index, unit in enumerate(source.units):
        covered = [False] * len(unit.text)
        for c in chunks:
            if c.unit_index == index:
                covered[c.start : c.end] = [True] * (c.end - c.start)
        missed = "".join(ch for ch, ok in zip(unit.text, covered, strict=True) if not ok)
        assert missed.strip() == "", missed


def test_chunks_cross_paragraphs_only_from_whole_small_paragraphs(source, chunks, settings):
    """A chunk spans a paragraph break only if it starts a paragraph and either ends one too or
    began with a tiny lead paragraph (a one-line paragraph alone retrieves badly)."""
    crossing = [c for c in chunks if "\n" in c.text]
    assert crossing
    for c in crossing:
        text = source.units[c.unit_index].text
        assert c.start == 0 or text[c.start - 1] == "\n"
        ends_paragraph = c.end == len(text) or text[c.end] == "\n"
        assert ends_paragraph or len(c.text.split("\n")[0]) < settings.chunk_size // 4
    lead = next(c for c in chunks if c.text.startswith("加强海外利益风险排查和指导。"))
    assert lead.text.startswith("加强海外利益风险排查和指导。\n建立境外投资重点企业联系制度")


def test_ids_are_unique_and_stable(source, chunks, settings):
    again = chunk_source(source, size=settings.chunk_size, overlap=settings.chunk_overlap)
    assert [c.chunk_id for c in again] == [c.chunk_id for c in chunks]
    assert len({c.chunk_id for c in chunks}) == len(chunks)


def test_overlap_repeats_one_sentence_and_zero_turns_it_off(source):
    with_overlap = chunk_source(source, size=120, overlap=1)
    without = chunk_source(source, size=120, overlap=0)
    assert len(with_overlap) > len(without)

    def overlapping(chunks):
        pairs = pairwise(chunks)
        return [a for a, b in pairs if a.unit_index == b.unit_index and b.start < a.end]

    assert overlapping(with_overlap) and not overlapping(without)


def test_smaller_size_gives_more_and_shorter_chunks(source):
    small = chunk_source(source, size=100, overlap=0)
    large = chunk_source(source, size=400, overlap=0)
    assert len(small) > len(large)
    assert max(len(c.text) for c in small) <= 100


def test_long_sentence_split_at_clause_marks_not_mid_word():
    clause = "加强重点领域安全能力建设"
    sentence = "，".join([clause] * 30) + "。"
    chunks = chunk_source(_doc(sentence), size=60, overlap=0)
    assert len(chunks) > 5
    for c in chunks[:-1]:
        assert c.text.endswith("，"), c.text
        assert c.text.startswith(clause)
    english = " ".join(["security"] * 60) + "."
    for c in chunk_source(_doc(english), size=50, overlap=0):
        assert re.fullmatch(r"(security ?)+\.?", c.text), c.text


def test_closing_quotes_stay_with_their_sentence():
    source = _doc("他强调：“要守牢安全底线。”随后部署工作。“一升一降”两个指标！")
    texts = [c.text for c in chunk_source(source, size=16, overlap=0)]
    assert texts[0] == "他强调：“要守牢安全底线。”"
    assert all(t[0] not in CLOSERS for t in texts)


def test_stray_closing_marks_never_open_a_chunk():
    source = _doc("”开头的残留。好。 ”他说，工作要落实。", '"Quoted," he said.')
    chunks = chunk_source(source, size=6, overlap=0)
    assert [c.text for c in chunks if c.paragraph_index == 0] == [
        "开头的残留。",
        "好。",
        "他说，",
        "工作要落实。",
    ]
    english = [c.text for c in chunk_source(source, size=12, overlap=0) if c.paragraph_index == 1]
    assert english == ['"Quoted,"', "he said."]
    assert english[0].startswith('"Quoted,"')  # an ASCII quote may open a sentence


def test_bad_size_is_refused():
    with pytest.raises(ValueError):
        chunk_source(_doc("一句话。"), size=0, overlap=1)


def test_a_passage_never_starts_inside_a_list(source, chunks):
    """A long sentence is cut at its commas first, at a list's 、 only inside a clause too long for a
    passage: a passage had started at 「治污水平、经济效益“三提升”」, cutting 「企业数量、用地面积、污染总量
    “三减半”」 off the passage the question was retrieving."""
    for c in chunks:
        before = source.units[c.unit_index].text[:c.start].rstrip()
        assert not before.endswith("、"), c.text[:40]
    listing = "、".join(f"第{i}项重点工作" for i in range(40)) + "。"  # one clause longer than a passage
    pieces = chunk_source(_doc(listing), size=60, overlap=0)
    assert len(pieces) > 3 and all(len(p.text) <= 60 for p in pieces)
