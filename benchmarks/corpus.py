"""Deterministic larger corpora made from the bundled page, for the growth benchmarks.

Page 0 is the bundled page itself. Every other page is a new page in the same newspaper layout
(editor's note, eight signed articles, each ending with ``（作者为…）``, a two-line title and
``□Name``), so the product's own parser reads it. Its articles are recombinations of the bundled
page's sentences: article i of a generated page draws most of its sentences from article i of the
bundled page (same domain) and some from the others, shuffled and regrouped into paragraphs,
under a newly combined title, author and role. Everything is seeded by (seed, page number).

Pages ``>= unique`` re-use the article bodies and editor's note of an earlier page
(``1 + (p - 1) % (unique - 1)``, or the bundled page when ``unique == 1``) under new metadata:
their text is not new, so a benchmark may re-use the bodies' embeddings instead of spending the
run's budget re-embedding them.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from pathlib import Path

from rag.ingest import parse_page
from rag.records import KIND_ARTICLE, KIND_NOTE, Unit
from rag.text import split_sentences

BODY_WIDTH = 15  # characters a line in an article column, as on the bundled page
NOTE_WIDTH = 50
FOREIGN_SHARE = 0.2  # share of an article's sentences borrowed from the other articles

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红娟建国文斌宁波峰岚蕴洁荣秋新路力"
PLACES = ("江阴", "宜兴", "梁溪", "锡山", "惠山", "滨湖", "新吴", "经开区", "无锡高新区", "太湖新城")
OFFICES = (
    "市委",
    "区委",
    "市政府",
    "市委网信办",
    "市委金融办",
    "市科技局",
    "市商务局",
    "市发展改革委",
    "市农业农村局",
    "市生态环境局",
    "市公安局",
    "市国家安全局",
)
POSTS = ("书记", "副书记", "主任", "常务副主任", "局长", "副局长", "部长", "副部长", "党组书记")


@dataclass(frozen=True)
class _Article:
    body: tuple[tuple[str, ...], ...]  # paragraphs of sentences
    title: str
    subtitle: str
    author: str
    role: str


def write_corpus(
    folder: Path, pages: int, *, page_text: str, seed: int = 2025, unique: int | None = None
) -> list[Path]:
    """Write ``pages`` page files into ``folder`` (page 0 = ``page_text``); returns their paths in order."""
    folder.mkdir(parents=True, exist_ok=True)
    source = parse_page(page_text, "bundled")
    pool = _sentence_pool(source.units)
    unique = pages if unique is None else max(1, unique)
    bodies: dict[int, list[tuple[tuple[str, ...], ...]]] = {}
    paths = []
    for p in range(pages):
        path = folder / f"page_{p:05d}.txt"
        paths.append(path)
        if p == 0:
            text = page_text
        else:
            rng = random.Random(f"{seed}:{p}")
            origin = p if p < unique else (1 + (p - 1) % (unique - 1) if unique > 1 else 0)
            if origin not in bodies:
                bodies[origin] = _bodies(pool, random.Random(f"{seed}:{origin}:body"), source.units, origin)
            # the note follows the bodies: a page re-using text re-uses its origin's note too
            text = render_page(_note(pool, origin), _articles(bodies[origin], pool, rng))
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return paths


def _sentence_pool(units: tuple[Unit, ...]) -> dict[str, list]:
    articles = [u for u in units if u.kind == KIND_ARTICLE]
    notes = [u for u in units if u.kind == KIND_NOTE]
    return {
        "articles": [[s for para in u.paragraphs for s in split_sentences(para)] for u in articles],
        "titles": [u.title or "" for u in articles],
        "subtitles": [u.subtitle or "" for u in articles],
        "note": [s for u in notes for para in u.paragraphs for s in split_sentences(para)],
    }


def _bodies(pool: dict, rng: random.Random, units: tuple[Unit, ...], origin: int) -> list:
    """Eight article bodies: own-domain sentences plus borrowed ones, shuffled, in 3-6 paragraphs
    (origin 0: the bundled page's own bodies, paragraph for paragraph)."""
    if origin == 0:
        return [tuple((p,) for p in u.paragraphs) for u in units if u.kind == KIND_ARTICLE]
    out = []
    arts = pool["articles"]
    for i, own in enumerate(arts):
        n_own = max(3, int(len(own) * rng.uniform(0.6, 0.9)))
        picked = rng.sample(own, min(n_own, len(own)))
        others = [s for j, a in enumerate(arts) if j != i for s in a]
        picked += rng.sample(others, max(1, int(len(picked) * FOREIGN_SHARE)))
        rng.shuffle(picked)
        out.append(_paragraphs(picked, rng))
    return out


def _paragraphs(sentences: list[str], rng: random.Random) -> tuple[tuple[str, ...], ...]:
    n = rng.randint(3, 6)
    cuts = sorted(rng.sample(range(1, len(sentences)), min(n - 1, len(sentences) - 1)))
    bounds = [0, *cuts, len(sentences)]
    return tuple(tuple(sentences[a:b]) for a, b in itertools.pairwise(bounds) if b > a)


def _articles(bodies: list, pool: dict, rng: random.Random) -> list[_Article]:
    out = []
    for body in bodies:
        title = rng.choice(pool["titles"])
        subtitle = rng.choice(pool["subtitles"])
        author = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        role = f"{rng.choice(PLACES)}{rng.choice(OFFICES)}{rng.choice(POSTS)}"
        out.append(_Article(body, title, subtitle, author, role))
    return out


def _note(pool: dict, origin: int) -> str:
    """The editor's note of a page: the bundled note's sentences, reshuffled (origin 0: as printed)."""
    sentences = list(pool["note"])
    if origin:
        random.Random(f"note:{origin}").shuffle(sentences)
    return "".join(sentences)


def render_page(note: str, articles: list[_Article]) -> str:
    """A page in the bundled page's layout: wrapped columns, role, title lines, ``□Name``."""
    out = [" 编者按 " + "\n\n".join(_wrap(note, NOTE_WIDTH)), ""]
    for a in articles:
        for para in a.body:
            out.extend(_wrap("".join(para), BODY_WIDTH))
            out.append("")
        out.extend(_wrap(f"（作者为{a.role}）", BODY_WIDTH))
        out += [
            "",
            a.title,
            a.subtitle,
            "",
            "□" + (" ".join(a.author) if len(a.author) == 2 else a.author),
            "",
        ]
    return "\n".join(out) + "\n"


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]
