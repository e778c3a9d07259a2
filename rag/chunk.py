"""Sentence-aware chunker: units -> retrievable ``Chunk``s that never cross a unit boundary.

Sentences are packed into chunks of about ``size`` characters, inside one paragraph unless whole
paragraphs are small enough to share a chunk; ``overlap`` sentences are repeated between
neighbouring chunks of one paragraph. A chunk never spans two sections (two articles of a law, two
headed parts of a report): it carries its section path, and a piece cut inside an article carries
the article's lead-in as ``context``, so an item （三）… is read with the sentence that says who must
do it. Offsets index ``Unit.text`` (paragraphs joined by "\\n").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from rag.ingest import content_hash
from rag.period import document_year, section_periods
from rag.records import KIND_DOCUMENT, Chunk, Source, Unit
from rag.structure import table_heading
from rag.text import CLAUSE_BREAKS, CLOSERS, ITEM_RE, sentence_spans

# Bump when chunks change (their boundaries, or what a unit reads: 9, a sign-off after a sentence, a
# title; 10, a regulation's 目录 line; 11, an explainer's numbered questions as headings; 13, a web
# page's source and date line; 14, a table's title and header as the context of a piece of its rows;
# 15, a case report's 「案例一：」 headings; 16, a sign-off before a page's 来源, a table's unit line and
# ragged rows; 17, a sign-off after a notice's attachment list or contact lines; 18, a newsletter's issue
# and compiler lines, its 「本期要目」 and 【…】 headlines; 19, minutes' 「〔2026〕第3期」 as a line of its
# own; 20, a sign-off of two bodies issuing jointly; 21, the numbered lines of an attachments list as its
# items, not headings; 22, a transcript's turns as sections named by their speaker; 23, a speech's title,
# speaker and day lines kept apart, the speaker its author, the day its date; 24, a transcript dated by
# its 「时间：」 line, and every chunk carrying its document's year and its section's period; 25, decimal
# headings 「1　总则」「1.1　编制目的」 as sections; 26, the sentence run on after a short numbered heading,
# 「（一）加分项。累计加分最高不超过5分：」, as text; 27, a long sentence cut at its list commas only
# where a clause is too long, so a passage never starts inside a list; 28, labelled front lines
# 「编制单位：…」「文　　号：…」 one a line, their labels' alignment spaces dropped; 29, a quiz bank's
# exercises headed by their numbers, option and answer lines one a line; 30, page-number lines dropped,
# a figure cut at its point joined, tables set by spaces with percent, signed and ranked rows; 31-32, a
# table of words and figures set by spaces, its header a line, a passage cut inside it carrying the
# header; 33, a report on the year before dated by its sections' 「今年，…」 as that year; 34, a line
# opening with a reference to an article, 「第二十条第（一）项」, no article; 35, 33 undone: a summary's
# 「今年，我局将…」 plans the year it is signed; 36-37, an official document's issuing body, number and
# fields as header lines over its title; 38, a sentence a PDF cut across lines run on; 39, such a title
# ended by its addressee's line when no blank line follows it, and in wrapped text a report's occasion
# and speaker lines and a label alone (「发布人：」) one a line; 40, an issuing body's line over a date
# line under a title is no part of the title but the document's issuer; 41, a table whose cells are set
# apart by one space, its header and rows one a line; 42-43, a numbered heading of one or two clauses
# closed by 。 on a line of its own heads the text under it; 44, a total row filling a table's 序号 and
# label columns is a row of it; 45, a note in brackets is one sentence whatever its ；, a 「附件」 line of its
# own heads the attachment after it, and a table cell may list bodies with the districts after a comma;
# 46-47, a name list's lines one a line under their group's line; 48, a joint document's bodies a line
# each over its number, a joint sign-off set in columns, a contact's line ending in its phone number, a
# table row whose last cell describes it, and a table's wrapped cells joined to their row; 49, a passage
# cut among such rows carrying its table's header; 50, a 通告's bodies over its spaced kind, a list's last
# item closed by 。 and a schedule with a centred header; 51, a numbered lead-in sentence over its 「1.」
# lines is text as well as their heading, and a line ending in a comma heads nothing; 52, a table whose
# rows stand apart by blank lines read one row a paragraph; 53, numbered lines cut at a comma left out of
# the wrap column's measure; 54, a sign-off may print 「（印章）」 between its body and its day; 55, or
# joined to its body's line, and its day may print 〇 as ○; 56, a labelled line short of the column over a
# blank line ends its paragraph; 59, a table whose cells tabs set apart read as bars set them, its row one
# sentence, a standard's cover, parts, term entries and clauses, and a passage never ending on a label's
# first item 「附件：1.…」; 60, two parties' fields set side by side read a party a row; 61, an attachment
# headed 「附件2」 after the last article is no part of that article), so saved indexes are rebuilt from
# their stored files.
CHUNKER_VERSION = "61"
# Closing marks that cannot open anything (ASCII quotes can, so they are left alone).
_STRAY_CLOSERS = re.compile(
    rf"(?:^|(?<=\s))[{re.escape(CLOSERS.replace(chr(34), '').replace(chr(39), ''))}]+"
)
_CLAUSE_END = re.compile(rf"[{CLAUSE_BREAKS}][{re.escape(CLOSERS)}]*")
# a clause's end that is no list comma: a long sentence is cut here first, so a passage does not start
# inside a list (「…工艺水平、|治污水平、经济效益“三提升”」 had cut off 「污染总量“三减半”」 before it)
_CLAUSE_NOT_LIST = re.compile(rf"[{CLAUSE_BREAKS.replace('、', '')}][{re.escape(CLOSERS)}]*")
_MAX_LEAD = 120  # characters of lead-in a piece carries as context


@dataclass(frozen=True)
class _Piece:
    start: int  # offsets into Unit.text
    end: int
    paragraph: int
    section: tuple[str, ...] = ()
    opens_list: bool = False  # its paragraph is a label's first item, the next its second (「附件：1.…」)


# A label's first numbered item, its second the next line (「附件：1.…岗位表」 over 「2.…报名登记表」): a
# passage does not end on it, so the list reads whole in the next one
_LIST_OPENING = re.compile(r"^[\u4e00-\u9fff]{2,6}[：:]\s*1\s*[.．、]")
_SECOND_ITEM = re.compile(r"^\s*2\s*[.．、]")


def chunk_source(source: Source, *, size: int, overlap: int) -> list[Chunk]:
    """Chunks of every unit of ``source``, each with its unit's metadata and exact offsets."""
    if size < 1 or overlap < 0:
        raise ValueError(f"chunk size must be >= 1 and overlap >= 0 (got size={size}, overlap={overlap})")
    chunks = []
    for unit_index, unit in enumerate(source.units):
        text = unit.text
        year = document_year(unit.date) if unit.kind == KIND_DOCUMENT else ""
        periods = section_periods(unit.paragraphs, unit.sections, year) if year else []
        for start, end, paragraph in _windows(_pieces(unit, size), size, overlap):
            dated = (year, periods[paragraph] if paragraph < len(periods) else "")
            chunk = _chunk(source, unit, unit_index, paragraph, start, end, text[start:end], dated)
            heading = table_heading(unit.paragraphs, paragraph)  # a piece of a table's rows
            if heading or chunk.section:
                chunk = replace(chunk, context=heading or _lead_in(unit, paragraph, start))
            chunks.append(chunk)
    return chunks


def _lead_in(unit: Unit, paragraph: int, start: int) -> str:
    """What a piece cut inside a section lacks: the paragraph before it that introduces a list
    (ends in ：), else the section's first sentence; empty when the piece starts the section."""
    section = unit.section_of(paragraph)
    first = paragraph
    while first > 0 and unit.section_of(first - 1) == section:
        first -= 1
    offset = sum(len(p) + 1 for p in unit.paragraphs[:first])
    if start <= offset:
        return ""
    intro = None
    for i in range(paragraph - 1, first - 1, -1):  # back over the items to the line introducing them
        if unit.paragraphs[i].rstrip().endswith(("：", ":")):
            intro = unit.paragraphs[i]
        if intro or not ITEM_RE.match(unit.paragraphs[i]):
            break
    if intro is None:
        s, e = sentence_spans(unit.paragraphs[first])[0]
        intro = unit.paragraphs[first][s:e]
    return intro if len(intro) <= _MAX_LEAD else intro[: _MAX_LEAD - 1] + "…"


def _chunk(
    source: Source, unit: Unit, unit_index: int, paragraph: int, start: int, end: int, text: str,
    dated: tuple[str, str] = ("", ""),
) -> Chunk:
    return Chunk(
        chunk_id=content_hash(unit.doc_id, unit.title, start, text),  # a corrected title re-embeds
        doc_id=unit.doc_id,
        source_id=source.source_id,
        unit_index=unit_index,
        paragraph_index=paragraph,
        start=start,
        end=end,
        text=text,
        kind=unit.kind,
        title=unit.title,
        subtitle=unit.subtitle,
        author=unit.author,
        role=unit.role,
        source=source.path,
        section=unit.section_of(paragraph),
        year=dated[0],
        period=dated[1],
    )


def _pieces(unit: Unit, size: int) -> list[_Piece]:
    """Sentences of each paragraph; sentences longer than ``size`` are cut at clause marks."""
    pieces: list[_Piece] = []
    offset = 0
    paragraphs = unit.paragraphs
    for index, paragraph in enumerate(paragraphs):
        opens = bool(_LIST_OPENING.match(paragraph)) and index + 1 < len(paragraphs) \
            and bool(_SECOND_ITEM.match(paragraphs[index + 1]))
        for s, e in sentence_spans(_mask_stray_closers(paragraph)):
            for cs, ce in _split_long(paragraph, s, e, size):
                cs, ce = _trim(paragraph, cs, ce)
                if cs < ce:
                    pieces.append(_Piece(offset + cs, offset + ce, index, unit.section_of(index), opens))
        offset += len(paragraph) + 1
    return pieces


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding whitespace (clause cuts leave a space in English)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _mask_stray_closers(text: str) -> str:
    """Blank out closing marks that would open a sentence (OCR debris such as "好。 ”他说"), so
    no chunk starts with one; same length, so offsets still index the real text."""
    return _STRAY_CLOSERS.sub(lambda m: " " * len(m.group()), text)


def _split_long(text: str, start: int, end: int, size: int, at_lists: bool = False) -> list[tuple[int, int]]:
    """Cut a sentence longer than ``size`` into its clauses (at ，：), a clause still longer at its list
    commas (、), hard cuts as last resort."""
    if end - start <= size:
        return [(start, end)]
    pattern = _CLAUSE_END if at_lists else _CLAUSE_NOT_LIST
    cuts = [m.end() + start for m in pattern.finditer(text[start:end]) if m.end() + start < end]
    bounds = [start, *cuts, end]
    if at_lists:
        return [p for a, b in pairwise(bounds) for p in _hard_split(text, a, b, size)]
    return [p for a, b in pairwise(bounds) for p in _split_long(text, a, b, size, at_lists=True)]


def _hard_split(text: str, start: int, end: int, size: int) -> list[tuple[int, int]]:
    """Cut at a space if there is one, never inside a Latin word or number, never before a closer."""
    out = []
    while end - start > size:
        cut = start + size
        space = text.rfind(" ", start + 1, cut + 1)
        if space > start + size // 2:
            cut = space
        while cut > start + 1 and (_in_word(text, cut) or text[cut] in CLOSERS):
            cut -= 1
        if cut <= start + 1:
            cut = start + size
        out.append((start, cut))
        start = cut + (text[cut] == " ")
    out.append((start, end))
    return out


def _in_word(text: str, cut: int) -> bool:
    return _word_char(text[cut - 1]) and _word_char(text[cut])


def _word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".%")


def _windows(pieces: list[_Piece], size: int, overlap: int) -> list[tuple[int, int, int]]:
    """Greedy packing of pieces into ``(start, end, paragraph)`` windows."""
    windows, i = [], 0
    while i < len(pieces):
        j = _fill(pieces, i, size)
        if j < len(pieces) and pieces[j - 1].opens_list and pieces[j].paragraph != pieces[j - 1].paragraph:
            first = next(k for k in range(i, j) if pieces[k].paragraph == pieces[j - 1].paragraph)
            j = first if first > i else j  # the list's first item starts the next passage, with the rest
        windows.append((pieces[i].start, pieces[j - 1].end, pieces[i].paragraph))
        if j >= len(pieces):
            break
        back = _overlap_start(pieces, i, j, size, overlap)
        i = back if pieces[back].paragraph == pieces[j].paragraph else j
    return windows


def _fill(pieces: list[_Piece], i: int, size: int) -> int:
    """End (exclusive) of the window starting at piece ``i``."""
    j = i + 1
    while j < len(pieces) and pieces[j].end - pieces[i].start <= size:
        if pieces[j].section != pieces[i].section:
            break  # never two articles (or two headed parts) in one chunk
        if pieces[j].paragraph != pieces[j - 1].paragraph and not _whole_paragraphs(pieces, i, j, size):
            break
        j += 1
    return j


def _whole_paragraphs(pieces: list[_Piece], i: int, j: int, size: int) -> bool:
    """May a window that began at piece ``i`` cross into the paragraph starting at ``j``? Only if
    it holds whole paragraphs and either the next paragraph fits entirely or the window is tiny
    (a one-line lead paragraph such as "加强海外利益风险排查和指导。" is useless alone)."""
    if i and pieces[i - 1].paragraph == pieces[i].paragraph:
        return False
    if pieces[j - 1].end - pieces[i].start < size // 4:
        return True
    k = j
    same = pieces[i].section
    while k < len(pieces) and pieces[k].paragraph == pieces[j].paragraph and pieces[k].section == same:
        k += 1
    return pieces[k - 1].end - pieces[i].start <= size


def _overlap_start(pieces: list[_Piece], i: int, j: int, size: int, overlap: int) -> int:
    """First piece of the next window: the last ``overlap`` pieces of this one, if they leave room."""
    back = max(i + 1, j - overlap)
    while back < j and pieces[j].end - pieces[back].start > size:
        back += 1
    return back
