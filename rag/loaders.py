"""File loaders: .txt .md .docx .pdf .html -> ``Source``, refusing bad files with one clear reason.

Untrusted binary formats (PDF, Word, HTML) are parsed in a worker process with a time and memory
limit, so a hostile file can neither hang nor exhaust the app. Sizes are checked with ``stat``
before anything is read, and a .docx's declared uncompressed sizes before it is unzipped.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from rag import formats
from rag.errors import LoadError
from rag.ingest import (
    CLOSING,
    DOCUMENT_NAME,
    content_hash,
    ends_sentence,
    looks_like_page,
    make_unit,
    parse_page,
    to_paragraphs,
    wrap_column,
)
from rag.records import KIND_DOCUMENT, Source
from rag.strings import t
from rag.structure import (
    PARTY_ROLE,
    barred_tab_rows,
    front_matter,
    is_front_line,
    is_marked,
    is_turn,
    marked_groups,
    read_outline,
    rejoin_wrapped_cells,
    standard_cover_line,
)
from rag.text import DAY, DOC_NUMBER, ISSUING_BODY, clean_text, decode_bytes, detect_lang, display_width

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, *MARKDOWN_SUFFIXES, ".docx", ".pdf", ".html", ".htm")

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent  # where ``-m rag.formats`` is found
_ZIP_MAX_RATIO = 100  # declared uncompressed / compressed size of a .docx
_ZIP_MAX_MEMBERS = 10_000
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
_UNSAFE_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"|?*/\\]')
_MAX_NAME_BYTES = 200


def load_file(
    path: str | os.PathLike[str], *, max_bytes: int, timeout: float, name: str | None = None
) -> Source:
    """Read one file into a ``Source``; raises ``LoadError`` naming the file and the reason. ``name``
    is the file's name as the user gave it when ``path`` is a stored copy (a rebuild): errors and
    a title taken from the file name use it."""
    p = Path(path)
    stem = Path(name).stem if name else p.stem
    name = safe_name(name or p.name)
    _check_size(p, name, max_bytes)
    suffix = p.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return _text_source(_decode(p, name, max_bytes), name)
    if suffix in MARKDOWN_SUFFIXES:
        title, blocks = formats.markdown(_decode(p, name, max_bytes))
        return _document(name, title, blocks, stem)
    if suffix == ".docx":
        _check_zip(p, name, max_bytes)
        return _document(name, *_in_worker("docx", p, name, timeout), stem)
    if suffix == ".pdf":
        title, text = _in_worker("pdf", p, name, timeout)
        if looks_like_page(text):
            return parse_page(text, name)
        return _document(name, title, _blocks(text), stem)
    if suffix in (".html", ".htm"):
        return _document(name, *_in_worker("html", p, name, timeout), stem)
    raise LoadError(name, _reason("unsupported", suffix=suffix or "(none)"))


def load_paths(
    paths: Iterable[str | os.PathLike[str]], *, max_bytes: int, timeout: float
) -> tuple[list[Source], list[LoadError]]:
    """Load files and folders (walked for supported files); a bad file never stops the batch."""
    sources: list[Source] = []
    errors: list[LoadError] = []
    for path in _expand(paths, errors):
        try:
            sources.append(load_file(path, max_bytes=max_bytes, timeout=timeout))
        except LoadError as exc:
            errors.append(exc)
        except Exception as exc:  # a parser bug must not lose the rest of the batch
            errors.append(
                LoadError(safe_name(Path(path).name), _reason("internal", error=type(exc).__name__))
            )
    return sources, errors


def safe_name(name: str) -> str:
    """A file name safe to show and to store inside a folder: no directories, no ``..``, no
    control or reserved characters, not hidden, at most 200 UTF-8 bytes (extension kept)."""
    name = clean_text(str(name)).replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"\s+", " ", _UNSAFE_CHARS.sub("_", name)).strip(" .-")
    if _WINDOWS_RESERVED.match(name):
        name = "_" + name
    stem, dot, suffix = name.rpartition(".")
    if not dot or len(suffix) > 10:
        stem, suffix = name, ""
    budget = _MAX_NAME_BYTES - len(suffix) - 1
    stem = stem.encode("utf-8")[:budget].decode("utf-8", errors="ignore").rstrip(" .")
    if not stem.strip(" ._"):
        stem = "file"
    return f"{stem}.{suffix}" if suffix else stem


# --- checks ---------------------------------------------------------------------------------


def _reason(key: str, **kwargs: object) -> str:
    """A reason in both languages: the message is shown before the user's language is known."""
    return f"{t('load_' + key, 'zh', **kwargs)} / {t('load_' + key, 'en', **kwargs)}"


def _check_size(p: Path, name: str, max_bytes: int) -> None:
    try:
        st = p.stat()
    except FileNotFoundError:
        raise LoadError(name, _reason("missing")) from None
    except OSError as exc:
        raise LoadError(name, _reason("unreadable", error=exc.strerror or exc)) from None
    if not p.is_file():
        raise LoadError(name, _reason("not_file"))
    if st.st_size == 0:
        raise LoadError(name, _reason("empty"))
    if st.st_size > max_bytes:
        raise LoadError(name, _reason("too_large", size=_mb(st.st_size), limit=_mb(max_bytes)))


def _mb(n: int) -> str:
    return f"{n / 2**20:.1f}".removesuffix(".0")


def _decode(p: Path, name: str, max_bytes: int) -> str:
    try:
        with p.open("rb") as f:
            data = f.read(max_bytes + 1)  # the file may have grown since stat
    except OSError as exc:
        raise LoadError(name, _reason("unreadable", error=exc.strerror or exc)) from None
    if len(data) > max_bytes:
        raise LoadError(name, _reason("too_large", size=f">{_mb(max_bytes)}", limit=_mb(max_bytes)))
    try:
        text = decode_bytes(data)
    except ValueError:
        raise LoadError(name, _reason("not_text")) from None
    if not clean_text(text).strip():
        raise LoadError(name, _reason("no_text"))
    return text


def _check_zip(p: Path, name: str, max_bytes: int) -> None:
    """Refuse a zip bomb from its directory alone: declared sizes, ratio and member count."""
    try:
        with zipfile.ZipFile(p) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise LoadError(name, _reason("bad_docx")) from None
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    limit = max(10 * max_bytes, 50 << 20)
    if len(infos) > _ZIP_MAX_MEMBERS or total > limit or total / packed > _ZIP_MAX_RATIO:
        raise LoadError(name, _reason("zip_bomb"))


# --- sources --------------------------------------------------------------------------------


def _text_source(text: str, name: str) -> Source:
    if looks_like_page(text):
        return parse_page(text, name)
    return _document(name, None, _blocks(text), Path(name).stem)


def _blocks(text: str) -> list[tuple[str, int]]:
    """Plain text as body blocks: wrapped lines joined, never across a heading or an article."""
    rows = barred_tab_rows(clean_text(text, tabs=True).split("\n"))
    text = "\n".join(rows).replace("\t", " ")
    latin = detect_lang(text) == "en"
    printed = _field_columns(_sign_off_columns(_without_page_numbers(text.split("\n"))))
    # a text wrapped at a column (all of it, or the paragraphs copied so) is read at that column, as
    # printed (a table's row read whole from its wrapped cells is wider than any line)
    column = wrap_column(printed)
    lines = rejoin_wrapped_cells(printed)
    first = next((i for i, x in enumerate(lines) if x.strip()), len(lines))
    head: list[tuple[str, int]] = []
    alone = first + 1 < len(lines) and not lines[first + 1].strip()
    official = _official_head(lines, first)
    if official:  # an official document's header lines, then its title over a blank line
        head, end = official
        lines = lines[end:]
    elif column and alone and _title_like(lines[first].strip()):  # a first line over a blank: the title
        head, lines = [(lines[first].strip(), 0)], lines[first + 1 :]
    elif first + 1 < len(lines) and _title_like(lines[first].strip()) and is_front_line(lines[first + 1]):
        # a title over its speaker's line and its day (a speech): each a line of its own, not wrapped text
        end = first + 1
        while end < len(lines) and is_front_line(lines[end]):
            end += 1
        head, lines = [(x.strip(), 0) for x in lines[first:end]], lines[end:]
    groups = marked_groups(lines)
    return head + [(p, 0) for g in groups for p in to_paragraphs(g, latin_space=latin, column=column)]


# The header an official document (公文, GB/T 9704) prints over its title: its issuing body's name alone
# (发文机关标志, 「澄川市教育局」) over its number, the number with its signer
# (「澄教建〔2026〕23号　签发人：韩立群」), and fields such as 「办理类别：A类　公开方式：主动公开」
_ISSUER_MARK = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,30}(?:局|厅|委|委员会|政府|办公室|办公厅|院|部|处|中心|所|支队|总队|大队|工会|联合会|文件)$"
)
_HEAD_FIELD = re.compile(
    rf"^(?:{DOC_NUMBER}(?:\s+签\s*发\s*人[：:]\s*\S+(?:\s\S+)?)?|"
    r"(?:签\s*发\s*人|办理类别|公开方式|公开属性|密\s*级|紧急程度|保密期限|份\s*号)[：:].*)$"
)
# The kind of a public document printed alone under its bodies' names, spaced to the header's width
# (「通　　告」 under 「青澜市国家安全局」「青澜市公安局」), as a joint 公告 or 通告 heads itself
_KIND_MARK = re.compile(r"^(?:通告|公告|布告|通知|通报|公报|决定|命令)$")
_TITLE_LINES = 3  # lines an official title may wrap over
_ISSUERS = 4  # bodies a joint document's header names, a line each
# The addressee under the title (「各区县人民政府：」「陆海燕委员：」): where the title ends when a text
# copied from a PDF has no blank line after it
_ADDRESSED = re.compile(r"^\s*[\u4e00-\u9fff（）()、，,]{2,80}[：:]\s*$")


def _official_head(lines: Sequence[str], first: int) -> tuple[list[tuple[str, int]], int] | None:
    """The header lines opening an official document (``_HEAD_FIELD``; the issuing body's name over
    them), each a block, and its title: the lines after them up to a blank line or the addressee's,
    joined (「澄川市教育局关于市十七届人大五次会议」「第2026087号代表建议的答复」); with the index of the line
    after the title. None when the text opens with no such header or no title follows it."""
    filled = [i for i in range(first, len(lines)) if lines[i].strip()][:_HEAD_LINES]
    marks = 0  # a joint document names its bodies a line each (「澄　州　市　教　育　局　　文件」)
    while marks < min(_ISSUERS, len(filled) - 1) and _ISSUER_MARK.match(_unspaced(lines[filled[marks]])):
        marks += 1
    kind = marks + 1 < len(filled) and bool(_KIND_MARK.match(_unspaced(lines[filled[marks]])))
    marks += kind  # the kind's line stands with the bodies' names: a title follows, numbered or not
    k = marks if marks and (kind or _HEAD_FIELD.match(lines[filled[marks]].strip())) else 0
    while k < len(filled) and _HEAD_FIELD.match(lines[filled[k]].strip()):
        k += 1
    if k == 0 or k >= len(filled):
        return None
    start = filled[k]
    end = start
    while end < len(lines) and end - start < _TITLE_LINES and lines[end].strip() \
            and not _ADDRESSED.match(lines[end]):
        end += 1
    title = "".join(x.strip() for x in lines[start:end])
    after = lines[end] if end < len(lines) else ""
    if (after.strip() and not _ADDRESSED.match(after)) or not title or not _title_like(title):
        return None  # more lines than a title's, or a sentence: no title here
    # fields set side by side (「澄教建〔2026〕23号　　签发人：韩立群」): one line each, as a field reads
    fields = [part for i in filled[marks:k] for part in re.split(r"[\s\u3000]{2,}", lines[i].strip())]
    return [(_unspaced(lines[i]), 0) for i in filled[:marks]] + [(x, 0) for x in fields] + [(title, 0)], end


def _unspaced(line: str) -> str:
    """An issuing body's line as its name: a header prints it spaced out (「共 青 团 澄 州 市 委 员 会」)."""
    return re.sub(r"\s+", "", line)


# A page number a PDF or a word processor's text export prints on a line of its own, as official
# documents number their pages (「— 3 —」, 「- 12 -」) or as reports do (「第3页」「第3页 共12页」);
# not 「3/12」, which may be a date or a cell
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[—–－-]{1,2}\s*\d{1,4}\s*[—–－-]{1,2}"
    r"|第\s*\d{1,4}\s*页(?:\s*[，,/／]?\s*共\s*\d{1,4}\s*页)?)\s*$"
)


def _without_page_numbers(lines: list[str]) -> list[str]:
    """``lines`` without page-number lines; where a page broke a sentence (the line before it ends
    none), the blank lines around the number go too, so the sentence reads on across the page."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not _PAGE_NUMBER.match(line):
            out.append(line)
            continue
        before = next((x.strip() for x in reversed(out) if x.strip()), "")
        if before and not ends_sentence(before):
            while out and not out[-1].strip():
                out.pop()
            while i < len(lines) and not lines[i].strip():
                i += 1
    return out


# A joint sign-off set in columns, as a PDF's text prints seals side by side: a body's name cut where
# its column wraps (「澄州市国家安全工作　　澄州市教育局」 / 「领导小组办公室」 /
# 「　　…共青团澄州市委员会」), over the day. Cells are set apart by spaces; a cut name goes on under
# itself, in its column.
_SIGN_CELL = re.compile(r"[^\s\u3000]+")
_SIGN_DAY = re.compile(rf"^{DAY}$")
_SIGN_BODY = re.compile(ISSUING_BODY)
_SIGN_ROW = re.compile(r"^[\u4e00-\u9fff（）()\s\u3000]+$")  # names only, no mark of a sentence
_SIGN_ROWS = 4  # lines a sign-off's bodies may take over the day
_SIGN_COLUMN = 2.0  # how far (in cells) the rest of a cut name may stand from where it began


def _sign_off_columns(lines: list[str]) -> list[str]:
    """``lines`` with each sign-off set in columns (above), its bodies one over the other, or its one body's
    name wrapped over two lines, as one line naming its bodies in order, set apart by wide spaces, as a
    joint sign-off on one line reads; other lines as they are."""
    out = list(lines)
    d = len(out)
    while d > 1:
        d -= 1  # from the end: a sign-off merged shortens ``out`` after the lines still to read
        if not _SIGN_DAY.match(out[d].strip()):
            continue
        rows = []
        for k in range(d - 1, max(-1, d - 1 - _SIGN_ROWS), -1):
            if not out[k].strip() or not _SIGN_ROW.match(out[k].strip()) or CLOSING.fullmatch(out[k].strip()):
                break  # (「特此通知」 closes the text above the sign-off)
            rows.insert(0, k)
        # (its first line sets two bodies side by side: 「…情况统」 / 「计表」 over one body is an item cut);
        # or its bodies stand one over the other, each whole on its line
        cells = [_SIGN_CELL.findall(out[k]) for k in rows]
        side = len(rows) > 1 and len(cells[0]) > 1
        stacked = len(rows) > 1 and all(len(c) == 1 and _SIGN_BODY.fullmatch(c[0]) for c in cells)
        # …or one body's name wrapped (「…教育督导委员会」 / 「办公室」)
        whole = "".join(c[0] for c in cells) if len(rows) == 2 and all(len(c) == 1 for c in cells) else ""
        wrapped = bool(whole) and not _SIGN_BODY.fullmatch(cells[1][0]) and bool(_SIGN_BODY.fullmatch(whole))
        bodies = _column_bodies([out[k] for k in rows]) if side else None
        bodies = bodies or ([c[0] for c in cells] if stacked else [whole] if wrapped else None)
        if bodies:
            out[rows[0] : d] = ["\u3000\u3000".join(bodies)]
            d = rows[0]
    return out


# Two parties' fields set side by side, as a contract's sign-off prints each party's seal, signer and
# day (「甲方（盖章）：…　　　　乙方（盖章）：…」 / 「法定代表人（签字）：周敏华　　　　…」 /
# 「签订日期：2024年9月13日　　　　签订日期：…」): lines of two cells set apart by a wide gap, each cell a
# field (「名称：…」) or a day; a row names the two parties or their seals or signatures, and every other
# row names the same field twice (or is the days), so each column is one party's. A roster or a prize list
# set in two columns (「一等奖：张三　　　　一等奖：李四」) is read across, as printed.
_COLUMN_GAP = re.compile(r"\u3000{2,}|[\s\u3000]{4,}")
_FIELD_CELL = re.compile(rf"^(?:([\u4e00-\u9fffA-Za-z][^：:\s]{{0,15}})[：:]\s*\S.*|{DAY})$")
_SIGN_LABEL = re.compile(rf"^(?:{PARTY_ROLE})|[（(](?:盖章|签字|签章|签名)[)）]")


def _field_columns(lines: list[str]) -> list[str]:
    """``lines`` with each block of two parties' fields side by side (above) read down its columns: each
    party's fields one row, set apart by bars as a table's row reads, the left party's first."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        labels: list[list[str | None]] = []  # each line's two labels (None for a day)
        cells: list[list[str]] = []
        k = i
        while k < len(lines):
            parts = [x for x in _COLUMN_GAP.split(lines[k].strip()) if x]
            fields = [_FIELD_CELL.match(x) for x in parts]
            if len(parts) != 2 or not all(fields):
                break
            labels.append([f.group(1) for f in fields])
            cells.append(parts)
            k += 1
        sides = [bool(a and b and _SIGN_LABEL.search(a) and _SIGN_LABEL.search(b)) for a, b in labels]
        parallel = all(a == b or side for (a, b), side in zip(labels, sides, strict=True))
        if len(labels) >= 2 and any(sides) and parallel:
            out += [" | ".join(line[c] for line in cells) for c in (0, 1)]
        else:
            out += lines[i : max(k, i + 1)]  # (a run not taken is passed whole: no part of it is one)
        i = max(k, i + 1)
    return out


def _column_bodies(rows: Sequence[str]) -> list[str] | None:
    """The bodies a sign-off set in columns names, in reading order; None when a cut name is never
    completed or nothing was cut (a sign-off a line a body reads as it is)."""
    bodies: list[list] = []  # [name, column where it began, complete]
    joined = False
    for row in rows:
        for m in _SIGN_CELL.finditer(row):
            col = display_width(row[: m.start()])
            cut = next((b for b in bodies if not b[2] and abs(b[1] - col) <= _SIGN_COLUMN), None)
            if cut is not None:
                cut[0] += m.group()
                cut[2] = joined = bool(_SIGN_BODY.fullmatch(cut[0]))
            else:
                bodies.append([m.group(), col, bool(_SIGN_BODY.fullmatch(m.group()))])
    if not joined or not all(b[2] for b in bodies):
        return None
    return [b[0] for b in bodies]


def _document(name: str, title: str | None, blocks: Sequence, fallback_title: str) -> Source:
    """One ``KIND_DOCUMENT`` unit with its heading paths; the title falls back to the file name."""
    cleaned = [(re.sub(r"\s+", " ", clean_text(text)).strip(), int(level)) for text, level in blocks]
    front = front_matter([b for b in cleaned if b[0]])
    body = list(front.blocks)
    title = re.sub(r"\s+", " ", clean_text(title or "")).strip() or None
    # a notice may print its document number or its office's red header (「…办公室文件」) over its title
    lead = next((i for i, (text, _) in enumerate(body[:_HEAD_LINES]) if not _header(body, i)), 0)
    if title is None and len(body) > lead + 1 and _title_like(body[lead][0]):
        # a short first line that is not a sentence (or a document's name): the heading; a number stays text
        title, body = body[lead][0], body[:lead] + body[lead + 1 :]
    if front.meta:  # a page's 「来源：…　发布时间：…」 fields open the text, whatever stood before the title
        body.insert(0, (front.meta, 0))
    outline = read_outline(body)
    if not outline.paragraphs:
        raise LoadError(name, _reason("no_text"))
    paras = outline.paragraphs
    author, role = front.speaker or (front.issuer, None)
    date = outline.history or front.date
    if date is None and any(is_turn(x) for x in outline.sections):  # a transcript is dated by its 「时间：」
        held = (_HELD_ON.match(text) for text, _ in body[:12])
        date = next((re.sub(r"\s+", "", m.group(1)) for m in held if m), None)
    unit = make_unit(
        KIND_DOCUMENT, title or fallback_title, None, author, role, paras,
        date=date, sections=outline.sections, oddities=outline.oddities,
    )  # fmt: skip
    source_id = content_hash("\n".join([unit.title or "", *paras]))
    return Source(source_id=source_id, path=name, units=(unit,))


_HEADER = re.compile(rf"^(?:[\u4e00-\u9fff]{{2,30}}文件|{DOC_NUMBER})$|{_HEAD_FIELD.pattern}")
_HEAD_LINES = 8  # header lines an official document may print over its title


def _header(blocks: Sequence[tuple[str, int]], i: int) -> bool:
    """Whether block ``i`` is an official document's header line: its number or a field, or its issuing
    body's name over one (not a title ending in 委员会 alone), or its kind under its bodies' names (not a
    lone title 「通知」)."""
    if _KIND_MARK.match(blocks[i][0]):
        return i > 0 and bool(_ISSUER_MARK.match(blocks[i - 1][0]))
    if _HEADER.match(blocks[i][0]) or standard_cover_line(blocks[i][0]):  # (a standard's 「ICS 35.030」)
        return True
    marks = i  # a joint document's bodies, a line each, over its number or its kind
    while marks < min(i + _ISSUERS, len(blocks)) and _ISSUER_MARK.match(blocks[marks][0]):
        marks += 1
    under = blocks[marks][0] if i < marks < len(blocks) else ""
    return bool(_HEADER.match(under) or _KIND_MARK.match(under))


# When a press conference or an interview was held: 「时间：2026年4月14日（星期二）上午10:00」
_HELD_ON = re.compile(rf"^(?:时间|日期)[：:]\s*({DAY})")


def _title_like(text: str) -> bool:
    if text[-1] in "。！？.!?；;，,：:" or is_marked(text):
        return False
    return len(text) <= 40 or (len(text) <= 80 and bool(DOCUMENT_NAME.search(text)))


def _expand(paths: Iterable[str | os.PathLike[str]], errors: list[LoadError]) -> list[Path]:
    """Files as given; folders walked for supported suffixes (hidden entries and symlinked
    folders skipped)."""
    out: list[Path] = []
    for path in map(Path, paths):
        if not path.is_dir():
            out.append(path)
            continue
        found = []
        for root, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found += [Path(root) / f for f in files if _supported(f)]
        found.sort()
        if not found:
            errors.append(LoadError(safe_name(path.name), _reason("empty_folder")))
        out.extend(found)
    return out


def _supported(file_name: str) -> bool:
    return not file_name.startswith(".") and Path(file_name).suffix.lower() in SUPPORTED_SUFFIXES


# --- worker process -------------------------------------------------------------------------


def _in_worker(kind: str, p: Path, name: str, timeout: float) -> tuple:
    """Run ``rag.formats`` on the file in a fresh interpreter; kill it after ``timeout`` seconds.

    A subprocess rather than multiprocessing: nothing of the (threaded, model-holding) app is
    forked or re-imported, and the child sets its own memory limit.
    """
    cmd = [sys.executable, "-s", "-E", "-m", "rag.formats", kind, str(p.resolve())]
    try:
        done = subprocess.run(cmd, cwd=_PACKAGE_ROOT, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise LoadError(name, _reason("timeout", seconds=f"{timeout:g}")) from None
    try:
        result = json.loads(done.stdout.decode("utf-8"))
    except ValueError:
        raise LoadError(name, _reason("crashed")) from None
    if "error" in result:
        raise LoadError(name, _reason(result["error"]))
    return tuple(result["ok"])
