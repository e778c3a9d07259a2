"""Newspaper-page parser: OCR'd columns -> a ``Source`` of typed units (editor's note, articles).

Layout (see data/README.md): each article's body comes first, then ``（作者为…）``, then its title
lines, then ``□Name``. So the page is cut at the ``□`` author lines and each segment is read
backwards: author, title lines, role, body. A banner line made of halves printed twice can sit
anywhere; an optional ``编者按`` note at the top is printed wider than the article columns.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from itertools import pairwise

from rag.records import KIND_ARTICLE, KIND_NOTE, Source, Unit
from rag.structure import (
    GROUP_LINE,
    NAME_LINE,
    UNIT_NAME,
    is_front_line,
    is_marked,
    is_table_line,
    outline_numbered,
)
from rag.text import (
    CLOSERS,
    COMPILED,
    CONTENTS,
    COURT_POST,
    DATE_LABEL,
    DAY,
    DOC_NUMBER,
    ISSUE_NUMBER,
    ISSUER_LABEL,
    ISSUING_BODY,
    LABEL_NOTE,
    PHONE,
    PRINTED,
    clean_text,
    display_width,
    hangs_under,
    join_lines,
)

_AUTHOR = re.compile(r"^□\s*(\S(?:.{0,14}\S)?)$")
_ROLE_START = re.compile(r"^[（(]\s*作者(?:为|系|是)")
_NOTE_LABEL = re.compile(r"^\s*[【\[]?编者按[】\]]?\s*[：:]?\s*")
_MAX_ROLE_LINES = 8  # a role never runs longer; bounds the work on an unclosed bracket
_SENTENCE_FINAL = "。！？!?….．"
_CLAUSE_FINAL = "，、：；,;:"
_HANGING = "，、。：；！？”’）》"
_MIN_BANNER_HALF = 4  # characters; shorter repeats ("哈哈") are ordinary text


def looks_like_page(text: str) -> bool:
    """True if ``text`` is in the newspaper layout: signed ``□Name`` lines and ``（作者为…）`` roles."""
    lines = [line.strip() for line in text.splitlines()]
    authors = sum(1 for line in lines if _AUTHOR.match(line))
    roles = sum(1 for line in lines if _ROLE_START.match(line))
    return authors >= 1 and roles >= 1


def parse_page(text: str, path: str) -> Source:
    """Parse one page in the newspaper layout into its note and articles (ids are content hashes)."""
    text = clean_text(text)
    lines = text.split("\n")
    banners = [b for b in map(_banner, lines) if b]
    lines = [line for line in lines if not _banner(line)]
    units: list[Unit] = []
    for n, (segment, author_line) in enumerate(_segments(lines)):
        if n == 0:
            note, segment = _split_note(segment, _column_width(lines))
            if note:
                units.append(note)
        if author_line is not None or any(line.strip() for line in segment):
            units.append(_article(segment, author_line))
    page = {"banner": " | ".join(dict.fromkeys(banners))} if banners else {}
    return Source(source_id=content_hash(text), path=path, units=tuple(units), page=page)


def to_paragraphs(
    lines: Sequence[str], *, latin_space: bool = True, wrapped: bool | None = None, column: float = 0
) -> list[str]:
    """Rebuild paragraphs from wrapped lines (blank lines may fall inside a sentence).

    A paragraph ends after sentence-final punctuation followed by a blank line, a short line or an
    indented next line. Unwrapped text (``wrapped=False`` or detected) keeps one paragraph per line.
    ``column``: the width the whole text is wrapped at (``wrap_column``), when these lines are part of
    it; a sentence ending on a line far wider than that is a paragraph copied unwrapped.
    """
    rows = [(i, line.strip()) for i, line in enumerate(lines) if line.strip()]
    if not rows:
        return []
    # Column width without hanging punctuation (a full line may carry one mark past the column).
    widths = [display_width(line[:-1] if line[-1] in _HANGING else line) for _, line in rows]
    col = column or _percentile(widths, 0.8)
    if column:
        wrapped = True
    if wrapped is None:
        wrapped = _wrapped(widths, col)
    if not wrapped:  # a line each, but a sentence a PDF cut at any width reads on into its next line
        kept: list[list[str]] = []
        for k, (_, line) in enumerate(rows):
            if kept and _cut_sentence(rows[k - 1][1], line):
                kept[-1].append(line)
            else:
                kept.append([line])
        return [_unspaced_label(join_lines(group, latin_space=latin_space)) for group in kept]
    paragraphs, current = [], []
    for k, (i, line) in enumerate(rows):
        current.append(lines[i])
        if k + 1 < len(rows) and _breaks(line, rows[k + 1], lines, i, col, first=len(current) == 1):
            paragraphs.append(join_lines(current, latin_space=latin_space))
            current = []
    paragraphs.append(join_lines(current, latin_space=latin_space))
    return [_unspaced_label(p) for p in paragraphs if p]


def _cut_sentence(line: str, nxt: str) -> bool:
    """Whether ``line`` is a sentence cut off and ``nxt`` carries it on: a line of clauses (a comma in
    it, at least twenty characters wide) ending in no mark, neither of them a heading, an item, a
    labelled field (「附件1：…」「报：…」) or a table's line (「…优秀课例评选活动，共收到参评课例」
    then 「465节，评选出…」)."""
    return (
        display_width(line) >= _MIN_COLUMN and bool(re.search(r"[，,、]", line))
        and not ends_sentence(line) and line[-1] not in "：:，," and not DOCUMENT_NAME.search(line)
        and not any(is_marked(x) or is_table_line(x) or _FIELD_LINE.match(x) for x in (line, nxt))
        and not _row_of_cells(line)
    )  # fmt: skip


def _row_of_cells(line: str) -> bool:
    """Whether ``line`` is a table's row read whole (rag.structure.rejoin_wrapped_cells): four cells or
    more set apart by runs of spaces, however long (a list of powers' 「实施依据」 and 「追责情形」)."""
    return len([f for f in _CELL_GAP.split(line.strip()) if f]) >= 4


_CELL_GAP = re.compile(r"[ \u3000]{2,}")


_FIELD_LINE = re.compile(r"^[\u4e00-\u9fff\d\u3000 ]{1,12}[：:]")  # 「附件1：…」「报：…」「联系人：…」
_CJK_TITLE = re.compile(r"[\u4e00-\u9fff（）()《》、—]{4,40}")
_LATIN_TITLE = re.compile(r"[A-Z][A-Za-z,'()-]*(?: [A-Za-z,'()-]+){3,30}")


# A label aligned by spaces between its characters (「文　　号：」「执　　笔：」): the spaces are layout
_SPACED_LABEL = re.compile(r"^[\u4e00-\u9fff](?:[\u3000 ]+[\u4e00-\u9fff]){1,5}(?=[：:])")


def _unspaced_label(paragraph: str) -> str:
    """``paragraph`` with the spaces inside its opening label removed (「执　　笔：邵明哲」: 「执笔：…」), and
    a court's post set out to the width of the others (「审　判　长　方若琳」: 「审判长 方若琳」)."""
    post = _SPACED_POST.match(paragraph)
    if post:
        return _unspaced(post.group(1)) + " " + _unspaced(post.group(2))
    return _SPACED_LABEL.sub(lambda m: _unspaced(m.group(0)), paragraph)


def _unspaced(text: str) -> str:
    return re.sub(r"[\u3000 ]+", "", text)


# a court's post set out to the others' width (「审　判　长　方若琳」「书　记　员　曹一鸣」), then the name
_SPACED_POST = re.compile(rf"^({COURT_POST})[\u3000 ]+([\u4e00-\u9fff·][\u4e00-\u9fff·\u3000 ]{{0,5}})$")


def wrap_column(lines: Sequence[str]) -> float:
    """The width some of ``lines`` (a whole text) are cut at, or 0 when they are not: many lines that
    run on into the next (no sentence end, no blank or indent after) have about the same width. A text
    may wrap only some paragraphs (copied in parts); headings, which also run on, vary in width."""
    runs = []
    for line, nxt in pairwise(lines):
        text = line.strip()
        # a heading runs into its text too, and so does a numbered line cut at a comma (no heading now,
        # yet no line of the column either: 「（四）…不少于85万元，」 in a text a paragraph a line)
        numbered_cut = outline_numbered(text) and text[-1:] in "，,、"
        if text and nxt.strip() and nxt[:1] != "\u3000" and nxt[:2] != "  " and not ends_sentence(text) \
                and not is_marked(text) and not numbered_cut:
            runs.append(display_width(text[:-1] if text[-1] in _HANGING else text))
    runs = sorted(w for w in runs if w >= _MIN_COLUMN)
    if len(runs) < _MIN_RUNS:
        return 0
    mid = runs[len(runs) // 2]
    if sum(abs(x - mid) <= 0.15 * mid for x in runs) < 0.6 * len(runs) or mid > 100:
        return 0
    return _percentile(runs, 0.8)


_MIN_COLUMN = 20  # display width (20 Chinese characters): no text is cut narrower
_MIN_RUNS = 8  # lines running on at about one width before a text is taken as wrapped
_UNWRAPPED = 1.3  # a line this much wider than the column is no wrapped line


def _wrapped(widths: Sequence[float], col: float) -> bool:
    return len(widths) >= 3 and col <= 100 and sum(w >= 0.8 * col for w in widths) >= 0.5 * len(widths)


def content_hash(*parts: object) -> str:
    """16 hex digits of the SHA-256 of ``parts`` (stable JSON), used for every id."""
    blob = (
        parts[0] if len(parts) == 1 and isinstance(parts[0], str) else json.dumps(parts, ensure_ascii=False)
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def make_unit(
    kind: str,
    title: str | None,
    subtitle: str | None,
    author: str | None,
    role: str | None,
    paragraphs: Sequence[str],
    *,
    date: str | None = None,
    sections: Sequence[Sequence[str]] = (),
    oddities: Sequence[str] = (),
) -> Unit:
    """A ``Unit`` whose ``doc_id`` hashes its kind, metadata, paragraphs and (when it has any) their
    heading paths."""
    paras = tuple(paragraphs)
    paths = tuple(tuple(x) for x in sections) if any(sections) else ()
    parts: list[object] = [kind, title, subtitle, author, role, list(paras)]
    doc_id = content_hash(*parts, [list(x) for x in paths]) if paths else content_hash(*parts)
    return Unit(doc_id=doc_id, kind=kind, title=title, subtitle=subtitle, author=author, role=role,
                paragraphs=paras, date=date, sections=paths, oddities=tuple(oddities))  # fmt: skip


# --- page structure -------------------------------------------------------------------------


def _banner(line: str) -> str | None:
    """``"AA BB"`` where each half was printed twice (``"AAAA BBBB"``), else None."""
    parts = line.split()
    halves = []
    for part in parts:
        half = len(part) // 2
        if len(part) % 2 or half < _MIN_BANNER_HALF or part[:half] != part[half:]:
            return None
        halves.append(part[:half])
    return " ".join(halves) or None


def _segments(lines: list[str]) -> list[tuple[list[str], str | None]]:
    """Cut the page after each ``□Name`` line; the last segment may have no author."""
    out, start = [], 0
    for i, line in enumerate(lines):
        if _AUTHOR.match(line.strip()):
            out.append((lines[start:i], line.strip()))
            start = i + 1
    out.append((lines[start:], None))
    return out


def _article(segment: list[str], author_line: str | None) -> Unit:
    role_at = max((i for i, line in enumerate(segment) if _ROLE_START.match(line.strip())), default=None)
    if role_at is not None:
        role_end, role = _read_role(segment, role_at)
        title_lines = [line.strip() for line in segment[role_end + 1 :] if line.strip()]
        body = segment[:role_at]
    elif author_line is not None:
        start, end = _last_block(segment)
        title_lines, body, role = [line.strip() for line in segment[start:end]], segment[:start], None
    else:
        title_lines, body, role = [], segment, None
    title = _collapse(title_lines[0]) if title_lines else None
    subtitle = join_lines(title_lines[1:], latin_space=True) or None
    author = _author(author_line) if author_line else None
    return make_unit(
        KIND_ARTICLE, title, subtitle, author, role, to_paragraphs(body, latin_space=False, wrapped=True)
    )


def _read_role(segment: list[str], start: int) -> tuple[int, str]:
    """The role inside ``（作者为…）`` (nested brackets kept) and the index of its last line."""
    text, depth, end = "", 0, start
    for end in range(start, min(len(segment), start + _MAX_ROLE_LINES)):
        line = segment[end].strip()
        if not line:
            if depth <= 0 or text:  # an unclosed bracket ends with its block
                break
            continue
        text += line
        depth = text.count("（") + text.count("(") - text.count("）") - text.count(")")
        if depth <= 0:
            break
    if not segment[end].strip():
        end -= 1
    role = _ROLE_START.sub("", text)
    role = role[:-1] if role.endswith(("）", ")")) and depth <= 0 else role
    return end, role.strip()


def _last_block(segment: list[str]) -> tuple[int, int]:
    """``[start, end)`` of the last run of non-blank lines (the title when there is no role)."""
    end = len(segment)
    while end and not segment[end - 1].strip():
        end -= 1
    start = end
    while start and segment[start - 1].strip():
        start -= 1
    return start, end


def _author(line: str) -> str:
    """``□许 峰`` -> ``许峰``; ``□张三 李四`` -> ``张三、李四``."""
    parts = line.replace("□", " ").split()
    if len(parts) > 1 and all(len(p) >= 2 for p in parts):
        return "、".join(parts)
    return "".join(parts)


def _split_note(segment: list[str], col: float) -> tuple[Unit | None, list[str]]:
    """Take the ``编者按`` note off the top: its lines are wider than the article columns."""
    first = next((i for i, line in enumerate(segment) if line.strip()), None)
    if first is None or not _NOTE_LABEL.match(segment[first]):
        return None, segment
    lines = [_NOTE_LABEL.sub("", segment[first]), *segment[first + 1 :]]
    end = _note_end(lines, col)
    note = make_unit(
        KIND_NOTE, None, None, None, None, to_paragraphs(lines[: end + 1], latin_space=False, wrapped=True)
    )
    return note, lines[end + 1 :]


def _note_end(lines: list[str], col: float) -> int:
    """Index of the note's last line: wide lines, each paragraph's short tail line included."""
    end, prev_wide, wide_seen = 0, True, False
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if display_width(line) > 1.5 * col:
            end, prev_wide, wide_seen = i, not ends_sentence(line), True
        elif prev_wide and ends_sentence(line):
            end, prev_wide = i, False
        else:
            break
    if not wide_seen:  # not wider than the columns: the note is its first paragraph
        end = next(
            (
                i
                for i, line in enumerate(lines)
                if ends_sentence(line.strip()) and (i + 1 == len(lines) or not lines[i + 1].strip())
            ),
            len(lines) - 1,
        )
    return end


# --- paragraphs -----------------------------------------------------------------------------


def _breaks(
    line: str, nxt: tuple[int, str], lines: Sequence[str], i: int, col: float, *, first: bool
) -> bool:
    """Does a paragraph end after ``line`` (index ``i``), given the next non-blank line?"""
    j, next_line = nxt
    blank = j > i + 1
    cut = _CUT_DECIMAL.search(line) and next_line[:1].isdigit() and not _ITEM_START.match(next_line)
    if cut and not blank:
        return False  # 「…占22.」 / 「7%；…」: a figure cut at its point, not a sentence's end
    if ends_sentence(line) and display_width(line) > _UNWRAPPED * col:
        return True  # a paragraph copied on one line, among wrapped ones
    if _ALONE.match(line) or _ALONE.match(next_line):
        return True  # a document number or a date line under a notice's title or its sign-off
    if CLOSING.fullmatch(line) or CLOSING.fullmatch(next_line):
        return True  # 「特此通知」 closes the text, a sentence of its own with or without its 。
    if is_front_line(line) or is_front_line(next_line):
        return True  # a report's occasion and its speaker under its title: one line each
    if blank and _LABEL_ALONE.match(next_line):
        return True  # 「发布人：」 over the lines it labels, after a blank line: no part of the line before
    if blank and _BODY_ALONE.fullmatch(next_line) and _DAY_ALONE.fullmatch(_line_after(lines, j)):
        return True  # 「青川市体育局」 over 「2026年3月5日」 under a title
    if _CJK_TITLE.fullmatch(line) and _LATIN_TITLE.fullmatch(next_line):
        return True  # a title over its English name (a standard's cover): two lines, no wrapped one
    if is_table_line(line) or is_table_line(next_line) or (blank and _row_of_cells(line)):
        return True  # a table's title and rows, and the header above them: one line each
    if _listed(line, next_line, lines, i, j, col):
        return True  # a name list's lines, a list of units: one an item
    # (a contact's line ending in a phone number: 「…办公室：周立新，0563-2201346」 / 「市教育局思政处：…」)
    labelled = _LABELLED.match(line) or display_width(line) < 0.8 * col or _PHONE_END.search(line)
    if (_LABELLED.match(next_line) or (_LABEL_ALONE.match(next_line) and _LABELLED.match(line))) and (
        blank or labelled
    ):  # (a label alone over its text, under a field's line: 「采购需求：」 after 「最高限价（如有）：…」)
        return True  # 「联系人：…」 / 「联系电话：…」, 「编制单位：…」 / 「文　　号：…」: one a line; a title
        # over a blank line and 「编印单位：…」 are two
    if blank and _LABELLED.match(line) and line[-1] not in _CLAUSE_FINAL and display_width(line) < 0.8 * col:
        return True  # a party's last field over a blank line (「负责人：陆振宇，职务：局长」), short of the
        # column: the text under it opens a paragraph of its own
    if blank and DOCUMENT_NAME.search(line) and _opening(lines, i):
        return True  # 「…关于印发《…》的通知」 over a blank line before any sentence: a title, not a line
        # wrapped into the next (「…现就有关事项通知」 / 「如下。」 in the body)
    # A paragraph's first line is indented by two cells, so it is short without ending it.
    short = display_width(line) <= col - (2.5 if first else 1.5)
    opens = is_marked(next_line) or _NUMBERED.match(next_line) or _BODY_ALONE.fullmatch(next_line)
    if hangs_under(lines[i], lines[j]) and not ends_sentence(line) and line[-1] not in "：:" and not opens:
        return False  # 「附件：1．…先进集」 / 「　　　　　　体名单」: set under the text after its label
    if lines[j][:1] == "\u3000" or lines[j][:2] == "  ":
        return True  # an indented line opens a paragraph
    if ends_sentence(line):
        indented = display_width(next_line) <= col - 1.5 and not ends_sentence(next_line)
        return blank or short or indented
    # A short heading-like line before a blank line, not cut at a comma.
    return blank and display_width(line) <= 0.6 * col and line[-1] not in _CLAUSE_FINAL


# A list printed an item a line (a commendation's or an appointment's 名单): ``NAME_LINE``s, or units'
# names alone (``UNIT_NAME``), short of the column and unpunctuated, under their group's line (「岚东区」,
# after a blank line). A wrapped sentence leaves no two such lines in a row.
_UNMARKED = re.compile(r"^[^，。；：！？,;:!?“”]+$")
_NUMBERED = re.compile(r"\d{1,2}[.．、]")  # 「2．2026年…交流发言单位」: an item, though it opens with a year


def _listed(line: str, nxt: str, lines: Sequence[str], i: int, j: int, col: float) -> bool:
    """Whether ``line`` (index ``i``) and the next line ``nxt`` (index ``j``) are items of a list printed
    a line each, ``line`` is the group's line over the list (「岚东区」) or the list's last item over the
    next group's line."""
    if NAME_LINE.match(line) or NAME_LINE.match(nxt):
        return True
    blank = j > i + 1
    if blank and GROUP_LINE.match(nxt):  # 「…先进个人名单」, a blank line, then 「乡镇」 over its lines
        after = _line_after(lines, j)
        if NAME_LINE.match(after) or UNIT_NAME.match(after):
            return True
    if not all(display_width(x) < 0.8 * col and _UNMARKED.match(x) for x in (line, nxt)):
        return False
    if UNIT_NAME.match(nxt):
        group = display_width(line) <= 0.3 * col and (i == 0 or not lines[i - 1].strip())
        # (two bodies over a title, 「中共澄川市委办公室」 / 「澄川市人民政府办公室」 / 「关于…的通知」, are
        # its first lines, not a list)
        after = _line_after(lines, j)
        titled = after.startswith("关于") or bool(DOCUMENT_NAME.search(after))
        return group or (bool(UNIT_NAME.match(line)) and not titled)
    return blank and bool(UNIT_NAME.match(line))


def _line_after(lines: Sequence[str], j: int) -> str:
    """The first line with text after line ``j``, stripped ("" at the end): read from ``j`` on, not
    copied, as it is asked for many lines of a long text."""
    return next((lines[k].strip() for k in range(j + 1, len(lines)) if lines[k].strip()), "")


# What a document's name ends with (「…关于印发《…》的通知」): a line ending so is its title, even long.
DOCUMENT_NAME = re.compile(
    r"(?:通知|通报|通告|公告|意见|办法|方案|决定|报告|规定|规划|纲要|细则|条例|批复|函|要点|预案|总结|讲话|"
    r"教案|指引|指南|手册|判决书|裁定书|调解书)$"
)
_BODY_ALONE = re.compile(ISSUING_BODY)
_DAY_ALONE = re.compile(DAY)
# The formula closing a notice's text over its sign-off: 「特此通知」「特此通报。」
CLOSING = re.compile(r"特此(?:通知|通报|通告|公告|函告|函复|批复|报告|证明|说明)[。.！!]?")
_PHONE_END = re.compile(rf"{PHONE}$")
_LABEL_ALONE = re.compile(rf"^[\u4e00-\u9fff](?:[\u4e00-\u9fff]|{LABEL_NOTE}){{1,7}}[：:]$")
# (a label, up to 12 characters: 「网上投稿平台技术支持：」; its characters may be set apart to align it:
# 「文　　号：」「执　　笔：」)
# (or with a note in brackets: 「最高限价（如有）：…」)
_LABELLED = re.compile(rf"^[\u4e00-\u9fff](?:[\u3000 ]*[\u4e00-\u9fff]|{LABEL_NOTE}){{1,11}}[：:]\s*\S")
# A court's sign-off, a line each: its judges and clerk by their posts (「审判长　李国栋」「书记员　邓晓雪」)
# and the clerk's note that the copy matches the original (「本件与原本核对无异」)
_COURT_SIGN = rf"(?:{COURT_POST})[\s\u3000]*[\u4e00-\u9fff·]{{2,5}}|本件与原本核对无异"
# A line that is a paragraph of its own wherever it stands: a document number (「青政办发〔2025〕12号」)
# or a date alone (「2025年3月8日」), as a notice prints them, or a regulation's 「目　　录」 (it had been
# joined to the adoption note above it, which is the regulation's date); a web page's 「来源：…　发布时间：…」
# or a bulletin's 「青岚市统计局　2026年3月20日」 under the title (they had been joined to the title or to
# the salutation below); wrapping never makes one.
_ALONE = re.compile(
    rf"^(?:{DOC_NUMBER}|{ISSUE_NUMBER}|{DAY}|{CONTENTS}|{ISSUING_BODY}{COMPILED}\s+{DAY}{PRINTED}|"
    rf"(?:{ISSUER_LABEL}|{DATE_LABEL}\s*\d{{4}}).*|附件\s*\d{{0,2}}|"  # 「附件2」 over its attachment
    rf"{_COURT_SIGN})$"
)


_CUT_DECIMAL = re.compile(r"\d[.．]$")
# 「…详见附件1.」 / 「2.各单位要于…」: the next item, no decimal cut
_ITEM_START = re.compile(r"\d{1,2}[.．、]\D")


def _opening(lines: Sequence[str], i: int) -> bool:
    """Whether no sentence has ended before line ``i`` (the text's title and header lines)."""
    return not any(ends_sentence(x.strip()) for x in lines[:i] if x.strip())


def ends_sentence(line: str) -> bool:
    """Whether ``line`` ends a sentence (its last mark, closing quotes and brackets aside)."""
    core = line.rstrip().rstrip(CLOSERS)
    return bool(core) and core[-1] in _SENTENCE_FINAL


def _column_width(lines: list[str]) -> float:
    widths = [display_width(line.strip()) for line in lines if line.strip()]
    return _percentile(widths, 0.5) if widths else 0.0


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))]


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
