"""Format readers used by ``rag.loaders``: each returns ``(title, blocks)`` (PDF: raw text), a block
being ``[text, heading level]`` from the markup (0 for body text; see rag.structure).

The binary readers (``docx``, ``pdf``, ``html``) run in a worker process (``python -m rag.formats
KIND PATH``, see ``_worker``); they take a path and return JSON-able values. ``Refused``
carries a message key from ``rag.strings``.
"""

from __future__ import annotations

import json
import re
import sys

from rag.text import decode_bytes, join_lines

_BLOCKS = (
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2", "h3",
    "h4", "h5", "h6", "li", "dt", "dd", "tr", "td", "th", "caption", "pre", "blockquote", "figcaption",
    "table", "ul", "ol", "dl", "address",
)  # fmt: skip
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WORKER_MEMORY = 2 << 30  # bytes of address space the worker process may use
_HEADING_MARK = "\x00h"  # marks a heading line while the page is flattened to text (NUL never survives)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


class Refused(Exception):
    """A file this reader will not read; ``key`` names the reason in ``rag.strings``."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def markdown(text: str) -> tuple[str | None, list[list]]:
    """Title (front matter or first heading) and blocks of a Markdown text, markup removed."""
    text = text.replace("\r\n", "\n")
    title = None
    front = re.match(r"^---\n(.*?)\n---\n", text, re.DOTALL)
    if front:
        m = re.search(r"^title:(.*)$", front.group(1), re.MULTILINE)
        title = m.group(1).strip().strip("\"'").strip() or None if m else None
        text = text[front.end() :]
    blocks, current, fenced = [], [], False
    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        heading = None if fenced else re.match(r"^\s{0,3}#{1,6}\s+(.*)$", line)
        item = None if fenced else re.match(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$", line)
        if heading or item or not line.strip():
            blocks.append((current, 0))
            current = []
        if heading:
            if title is None:
                title = _inline_md(heading.group(1).rstrip("# "))
            else:  # a heading is a block of its own, at its level (the number of #)
                blocks.append(([heading.group(1).rstrip("# ")], len(line.strip().split()[0])))
            continue
        if line.strip():
            current.append(item.group(1) if item else line)
    blocks.append((current, 0))
    out = [[_inline_md(join_lines(b)), level] for b, level in blocks if b]
    return title, [b for b in out if b[0]]


def _inline_md(text: str) -> str:
    # Classes exclude the opening bracket too, so unmatched brackets cost linear time.
    text = re.sub(r"!\[[^\[\]]*\]\([^()]*\)", "", text)  # images
    text = re.sub(r"\[([^\[\]]*)\]\([^()]*\)", r"\1", text)  # links keep their text
    text = re.sub(r"<[^<>]+>", "", text)
    text = re.sub(r"(\*\*|__|~~|`)", "", text)
    text = re.sub(r"(?<![\w*])\*(\S[^*]*?)\*(?!\w)", r"\1", text)
    return re.sub(r"^>\s?", "", text).strip()


def docx(path: str) -> tuple[str | None, list[list]]:
    """Title (document properties, Title style or first heading) and blocks (Heading N styles give
    level N), tables row by row."""
    import docx as python_docx
    from docx.table import Table

    document = python_docx.Document(path)
    title = (document.core_properties.title or "").strip() or None
    blocks: list[list] = []
    levels: dict[str, int] = {}  # style id -> heading level: style lookups are slow in python-docx
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            blocks.extend([row, 0] for row in _table_rows(block))
            continue
        text = block.text.strip()
        if not text:
            continue
        level = _heading_level(block, levels)
        if title is None and not blocks and level:  # a Title style or a heading opens the document
            title = text
        else:
            blocks.append([text, max(level, 0)])
    return title, blocks


def _heading_level(paragraph, cache: dict[str, int]) -> int:
    """-1 for a Title style, N for "Heading N", 0 for body text."""
    key = paragraph.style.style_id if paragraph.style is not None else ""
    if key not in cache:
        name = (paragraph.style.name or "") if paragraph.style is not None else ""
        m = re.match(r"(?:Heading|标题)\s*(\d)", name)
        cache[key] = -1 if name.startswith("Title") or name == "标题" else int(m.group(1)) if m else 0
    return cache[key]


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells = list(
            dict.fromkeys(c.text.strip() for c in row.cells if c.text.strip())
        )  # merged cells repeat
        if cells:
            rows.append(" | ".join(cells))
    return rows


def pdf(path: str) -> tuple[str | None, str]:
    """Title (document info) and the text layer of every page, pages joined by newlines."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")  # restrictions-only PDFs open with an empty password
        except Exception:
            opened = 0
        if not opened:
            raise Refused("pdf_encrypted")
    meta = reader.metadata
    title = str(meta.title).strip() if meta is not None and meta.title else None
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    if not text.strip():
        raise Refused("pdf_no_text")
    return title, text


def html(path: str) -> tuple[str | None, list[list]]:
    """Title and visible blocks of an HTML page (h1-h4 give levels 1-4); scripts, styles and hidden
    elements dropped."""
    from bs4 import BeautifulSoup

    with open(path, "rb") as f:
        data = f.read()
    soup = BeautifulSoup(_decode_html(data).replace("\x00", ""), "html.parser")
    for tag in soup(_INVISIBLE_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_hidden):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    if soup.head:
        soup.head.decompose()
    heading = soup.find("h1")
    title = title or (heading.get_text(" ", strip=True) if heading else None)
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for tag in soup.find_all(["h1", "h2", "h3", "h4"]):
        text = re.sub(r"\s+", " ", tag.get_text(" ")).strip()
        tag.replace_with(soup.new_string(f"\n{_HEADING_MARK}{tag.name[1]}{text}\n" if text else "\n"))
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before("\n")
        tag.append("\n")
    lines = [re.sub(r"\s+", " ", line).strip() for line in soup.get_text().split("\n")]
    blocks = [_html_block(line) for line in lines if line]
    if blocks and title and blocks[0][0] == title:
        blocks = blocks[1:]
    return title, blocks


def _html_block(line: str) -> list:
    if line.startswith(_HEADING_MARK):
        return [line[len(_HEADING_MARK) + 1 :].strip(), int(line[len(_HEADING_MARK)])]
    return [line, 0]


def _decode_html(data: bytes) -> str:
    """The declared charset if any, else the text-file detector (GBK pages often declare none)."""
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    try:
        return decode_bytes(data)
    except ValueError:
        raise Refused("not_text") from None


def _is_hidden(tag) -> bool:
    attrs = getattr(tag, "attrs", None) or {}
    return (
        "hidden" in attrs
        or str(attrs.get("aria-hidden", "")).lower() == "true"
        or bool(_HIDDEN_STYLE.search(str(attrs.get("style", ""))))
    )


def _worker(argv: list[str]) -> int:
    """``python -m rag.formats KIND PATH``: print ``{"ok": [...]}`` or ``{"error": key}`` as JSON."""
    readers = {"docx": (docx, "bad_docx"), "pdf": (pdf, "bad_pdf"), "html": (html, "bad_html")}
    read, broken = readers[argv[0]]
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (_WORKER_MEMORY, _WORKER_MEMORY))
    except (ImportError, ValueError, OSError):
        pass  # no rlimit on this platform: the parent's timeout still applies
    try:
        result = {"ok": list(read(argv[1]))}
    except Refused as exc:
        result = {"error": exc.key}
    except MemoryError:
        result = {"error": "too_complex"}
    except Exception:  # whatever a malformed file makes the library raise
        result = {"error": broken}
    sys.stdout.write(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(_worker(sys.argv[1:]))
