"""Catalogue answers: questions about the knowledge base as a whole, and requests the answerer cannot do.

No retrieved passage says "this issue holds eight articles" or "陈秋峰 wrote 《深化网络综合治理…》",
so the passage answerer refuses them. The catalogue (every unit with its first chunk) answers them,
each listed item cited by its unit's opening words. Requests for a quiz, a summary or a translation
get a plain message saying what the answerer does instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from rag.answer import Claim, compose
from rag.answer.compose import byline_key
from rag.bilingual import to_simplified
from rag.evidence import Span
from rag.lookup import is_law, names_document, unnamed, with_law_names
from rag.question import question_lang
from rag.records import KIND_ARTICLE, KIND_DOCUMENT, KIND_NOTE, Answer, Chunk, Citation, Hit, Unit
from rag.strings import t
from rag.structure import article_number, heading_kind
from rag.text import sentence_at, sentence_spans

Entry = tuple[Unit, Chunk | None]  # a unit of the knowledge base and its first chunk (None: not indexed)
Pair = tuple[str, Span | None]  # a listed label and the span its marker cites (None: no marker)
Item = tuple[str, Span | None, str]  # a pair and the text after its marker (；between items, 。 at the end)

MAX_QUOTE = 40  # a listed item cites its unit's opening words: enough to recognise the article
MIN_QUOTE = 8  # a leading clause shorter than this identifies nothing: cut mid-clause instead
MAX_LISTED = 50  # a large collection lists this many titles, then says how many more there are
_LISTED_KINDS = (KIND_ARTICLE, KIND_DOCUMENT)  # an editor's note is told apart, not counted
_CLAUSE_BREAK = re.compile(r"[，；：,;:]")

# --- catalogue questions --------------------------------------------------------------------------
# With author names taken out, a catalogue question holds only these words: scope (知识库里, 本期),
# request verbs (列出, 收录), collection nouns (文章, 作者, 标题) and question words. A word left
# over is a topic (提到“一带一路”) or an attribute (成效), which the passage answerer handles. 职务
# may stay: a named author's role question has no 写/文章, so it is no by-author question either.
_FILLER_ZH_WORDS = """
本版 这一版面 这版面 本版面 这一版 这版 版面 本页 这一页 这页 专版 专刊 在 上 刊发 刊登 发 参与 人
知识库 资料库 数据库 文库 资料 本期 这期 这一期 本刊 里面 里 中 其中 内 目前 现在 当前 总共 一共 共计
总计 合计 共 全部 所有 全 都 分别 各自 各 每 一下 请 麻烦 帮我 帮忙 给我 告诉我 想知道 我想 我们 我 你们 你
列出来 列出 列举 列表 罗列 列 说出 说说 看看 显示 收录了 收录 包含了 包含 包括 有 是 叫做 叫 名叫 为 署名 写了
写的 写过 写 撰写了 撰写的 撰写 发表了 发表的 发表 文章 篇目 稿件 文件 文档 法律 法规 条例 标题 题目 篇名
名字 名称 名单 清单 目录 作者 作家 撰稿人 作品 总数 数量 职务 职位 哪些 哪几 哪 几 多少 什么 啥 谁 吗 呢
啊 呀 吧 的 了 个 篇 部 份 位 些 和 与 及 其 以及 还有 一 过 期
"""
_FILLER_ZH = re.compile("|".join(sorted(_FILLER_ZH_WORDS.split(), key=len, reverse=True)))  # longest first
_FILLER_EN_WORDS = """
what which who whom how many much number count list show give tell me us please name names is are was
were be there here the a an all every each of in on at from these those knowledge base kb collection
library corpus database issue page edition total altogether overall currently now article articles
document documents law laws regulation regulations piece pieces text texts title titles author authors
writer writers file files paper papers does do did have has hold holds contain contains included include
includes stored indexed available can could would you i we our your it its their them and with along
role roles position positions write writes wrote written by s
"""
_FILLER_EN = frozenset(_FILLER_EN_WORDS.split())
_WORD = re.compile(r"[^\W_]+")
# Each form needs a question word (几, 哪些, 列出 / how many, list) and a collection noun.
_ASK = re.compile(
    r"几|多少|哪|什么|啥|谁|列|所有|全部|各|每|清单|目录|名单|总数|数量"
    r"|\b(?:how many|number of|count|list|what|which|who|show|names?|titles?)\b",
    re.I,
)
_ITEM = re.compile(
    r"文章|篇目|稿件|文件|文档|法律|法规|条例|标题|题目|篇名|作者|作家|撰稿人|(?:几|多少)[篇部份]"
    r"|\b(?:articles?|documents?|laws?|regulations?|pieces?|texts?|titles?|authors?|writers?|files?|papers?)\b",
    re.I,
)
# What the whole collection covers (「这一版讲了哪些内容」, "What does this page cover?"): its titles
# answer it. Only with a word naming the collection: 「许峰的文章讲了什么」, "What does this law cover?"
# ask about one article or law, which the passage answerer takes.
_COVERS = re.compile(
    r"(?:讲|谈|说|写|介绍|报道)了?(?:哪些|什么)|(?:哪些|什么)(?:内容|主题|话题|方面)|主要内容"
    r"|\b(?:about|cover(?:s|ed)?|topics?|subjects?)\b",
    re.I,
)
_WHOLE = re.compile(
    r"本版|这一?版|版面|本页|这一?页|本期|这一?期|本刊|专版|专刊|知识库|资料库|所有文章|全部文章|各篇文章|这些文章"
    r"|\b(?:this|the) (?:page|issue|edition|knowledge base|collection)\b|\b(?:all|these|the) articles\b",
    re.I,
)
_COVER_ZH_WORDS = """
讲了 讲的 讲 谈了 谈的 谈 说了 说的 介绍了 介绍 报道了 报道 内容 主要 主题 话题 方面 专版 专刊 这些
"""
_COVER_FILLER_ZH = re.compile(
    "|".join(sorted((_FILLER_ZH_WORDS + _COVER_ZH_WORDS).split(), key=len, reverse=True))
)
_COVER_EN_WORDS = """
this that about cover covers covered topic topics subject subjects discuss discusses discussed
"""
_COVER_FILLER_EN = _FILLER_EN | frozenset(_COVER_EN_WORDS.split())
_AUTHORS = re.compile(
    r"作者|作家|撰稿人|谁写|署名|哪些人|哪几个?人|什么人|哪几位|\b(?:authors?|writers?|who wrote)\b", re.I
)
# With a named author, only "what did X write" is a catalogue question ("X是什么职务" is not).
_WROTE = re.compile(r"写|撰|发表|文章|作品|稿|\b(?:write|writes|wrote|written|articles?|pieces?|by)\b", re.I)
# The count names documents as the question does ("几部法律" -> "2部法律").
_NOUNS = (
    (re.compile(r"法律|\blaws?\b", re.I), "cat_noun_law"),
    (re.compile(r"文件|文档|法规|条例|\b(?:documents?|files?|regulations?)\b", re.I), "cat_noun_document"),
)

# --- requests the extractive answerer cannot do -------------------------------------------------
# Only the request form counts: a verb addressed to the assistant (请/帮我…, or a sentence opening
# with the verb), so "文章提到的总结经验是什么" or "How did Wuxi summarise it?" stay questions.
# 请问 is a polite "may I ask", not a request.
_POLITE_ZH = r"(?:请(?!问)|帮我|帮忙|给我|替我|为我|麻烦|烦请|能否|能不能|你能)"
_REQUEST_EN = (
    r"(?:^|[.,;:!?]\s*|\b(?:please|pls|kindly|can you|could you|would you|will you|help me|i want you to|"
    r"i'd like you to|i need you to|let's|let us)\s+)(?:please\s+)?"
)
# A quiz: a making verb right before the exercise noun (出5道选择题, 生成一套试卷); 提出题 is none.
_QUIZ = re.compile(
    r"(?<![提指推突作做支产输演杰])(?:出|编|拟|设计|生成|做|写|准备|制作|整理|弄|搞)"
    r"(?:[\d一二两三四五六七八九十几]+[道个套份组]?)?(?:(?:关于|有关|围绕)[^，。？！]{1,20}?的)?"
    r"(?:选择题|判断题|填空题|简答题|问答题|练习题|测试题|试题|考题|习题|题目|试卷|考卷|测验|题)"
    rf"|{_REQUEST_EN}(?:make|create|generate|write|prepare|draft|design|set|build|produce|give me|"
    r"come up with)\b[^.?!]{0,40}?\b(?:quiz(?:zes)?|tests?|exams?|exercises?|multiple[- ]choice|"
    r"true[- ]or[- ]false|(?:quiz|exam|test|practice|review|\d+|a few|some|several|three|five|ten) "
    r"questions)\b|^\s*quiz me\b",
    re.I,
)
# A summary: asked for politely, an opening verb whose object is the text (总结一下, 概括这篇文章),
# or a summary to be written (写个摘要); 总结 after 的 is the page's own word.
_SUMMARY = re.compile(
    rf"{_POLITE_ZH}[^，。？！?!]{{0,12}}?(?:总结|概括|归纳|概述|提炼)"
    r"|(?:^|[，,。；;！!？?])\s*(?:总结|概括|归纳|概述|提炼)"
    r"(?=一下|下|这|该|本|全文|文章|以上|上述|所有|全部|各|每|$|[，,。？?！!])"
    r"|(?:总结|概括|归纳|概述)一下"
    r"|(?:写|做|生成|给|提供|整理)一?[个份段篇]?(?:(?:简短|简要|简单)的?)?(?:摘要|总结|概要|提要|梗概|小结)"
    r"|(?:摘要|概要|梗概|大意)(?:是什么|是啥)"
    rf"|{_REQUEST_EN}(?:summari[sz]e|sum up|recap|(?:give|write|make|provide|produce|create|generate|"
    r"prepare|draft)\b[^.?!]{0,20}?\b(?:summary|overview|abstract|synopsis|digest))\b"
    r"|\bwhat(?:'s| is) the (?:summary|abstract|gist|synopsis)"
    r"(?: of (?:the|this|that|these) (?:articles?|texts?|pages?|documents?|issue))?\W*$|\btl;?dr\b",
    re.I,
)
# A translation of the text itself (把这篇文章翻译成英文, 翻译全文), not a term's rendering.
_TRANSLATE = re.compile(
    r"(?:把|将)[^，。？！?!]{0,10}?(?:文章|全文|原文|文件|内容|段落|篇|它|以上)[^，。？！?!]{0,4}?(?:翻译|译)"
    rf"|(?:^|[，,。；;！!？?]|{_POLITE_ZH})\s*(?:翻译|译成|译为)"
    r"(?=成|为|一下|下|全文|整篇|这|该|本|文章|原文|英|中|$|[，,。？?！!])"
    r"|(?:翻译|译)(?:全文|整篇|这篇|该文|本文|原文)|全文翻译"
    rf"|{_REQUEST_EN}translate\b"
    r"|\btranslat(?:e|ion of)\s+(?:the|this|that|these|those|whole|entire|full|all)\b[^.?!]{0,20}?"
    r"\b(?:articles?|texts?|documents?|pages?|passages?|them|everything)\b"
    r"|\benglish (?:version|translation) of (?:the|this|these|all)\b",
    re.I,
)
_CANNOT = (("cant_quiz", _QUIZ), ("cant_summarise", _SUMMARY), ("cant_translate", _TRANSLATE))

# --- how long a law is -----------------------------------------------------------------------------
# 「国家安全法一共有多少条」「数据安全法共几章几条」, "How many articles does the PIPL have?": no article
# says it; the law's headings do (rag.structure keeps each paragraph's 第X章 / 第X条).
_SIZE_ZH = re.compile(r"(?:多少|几)个?(?:条|章)")
_SIZE_EN = re.compile(r"\bhow many (?:articles|chapters)\b", re.I)
_SIZE_FILLER_ZH = re.compile(
    r"一共|总共|共计|总计|合计|共|有|包括|包含|分为|分成|多少|几|个|条|章|和|与|及|规定|这部|该|本|部|法律|的|了|吗|呢"
)
_SIZE_FILLER_EN_WORDS = """
how many articles chapters and does do did has have contain contains are is there in of the a china chinese
prc s law total altogether
"""
_SIZE_FILLER_EN = frozenset(_SIZE_FILLER_EN_WORDS.split())


def catalogue_answer(question: str, units: Sequence[Entry], lang: str | None = None) -> Answer | None:
    """The answer to a whole-collection question (how many, which titles, which authors, what X
    wrote) from ``units`` (every unit with its first chunk), or the plain message for a request the
    extractive answerer cannot do; None for any other question, which the passage answerer takes."""
    text = to_simplified(question.strip())
    lang = lang or question_lang(text)
    message = unsupported_request(text, lang)
    if message is not None:
        return _plain(question, message, lang)
    entries = _distinct(units)
    reply = _size(text, entries, lang) or _reply(text, entries, lang)
    if reply is None:
        return None
    head, items = reply
    if not items:  # the head says why nothing is listed
        return _plain(question, head or t("cat_empty", lang), lang)
    answer, citations = _compose(head, items, lang)
    return Answer(question=question.strip(), answer=answer, grounded=True, citations=citations, lang=lang)


# 「哪几篇文章都提到“卡脖子”技术」「哪些法律提到了“关键信息基础设施”」, "Which articles mention
# “Belt and Road”?": the documents whose text writes a quoted term, each cited where it does
_WHICH_DOCS_ZH = re.compile(
    r"哪(?:几|些|一些)(?:篇|位(?=作者)|部(?![门分署])|份)|哪(?:几|些|一些)(?:文章|作者|法律|法|文件|材料|稿件)"
    r"|几篇|几位作者|几部法律"
)
_MENTION_ZH = re.compile(r"提到|提及|说到|讲到|写到|谈到|涉及|出现|用到|用了|提出")
_WHICH_DOCS_EN = re.compile(
    r"\b(?:which|what|how many)\b[^?]{0,30}\b(?:articles?|authors?|laws?|documents?)\b", re.I
)
_MENTION_EN = re.compile(
    r"\b(?:mention|mentions|mentioned|refer|refers|use|uses|used|talk|talks|discuss|discusses)\b", re.I
)
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,16})[”\"」』]")
# 「低空经济或“低空+”」: the quoted term one of several named, which the passage answerer weighs together
_ALTERNATIVE = re.compile(
    r"(?:或者?|和|及|与|、)\s*[“\"「『]|[”\"」』]\s*(?:或者?|和|及|与|、)|\b(?:or|and)\s+[“\"]|[”\"]\s+(?:or|and)\b"
)
_TERM_WORD = re.compile(
    r"这(?:个|一)?(?:说法|词|提法|表述|概念|字眼)|字样|一词|的?表述|\b(?:term|phrase|word)\b"
)
_MENTION_QUOTE = 48  # characters: the clause around the term, as the citation quotes it


def mention_answer(question: str, entries: Sequence[Entry], chunks: Sequence[Chunk]) -> Answer | None:
    """The documents whose text writes the term ``question`` quotes, when it asks which of them do and
    nothing else (「哪几部法律提到了“关键信息基础设施”」, "Which articles mention “卡脖子”?"): each listed
    by title (and author), cited by the clause writing it in the first of its ``chunks`` to; None for
    any other question (「哪几位作者提到要引导企业到“一带一路”地区布局」 asks more than the term, which
    the passage answerer weighs) or a term none writes (the passage answerer then refuses it)."""
    text = to_simplified(question.strip())
    lang = question_lang(text)
    which, mention = (_WHICH_DOCS_EN, _MENTION_EN) if lang == "en" else (_WHICH_DOCS_ZH, _MENTION_ZH)
    terms = _QUOTED.findall(text)
    if len(terms) != 1 or not which.search(text) or not mention.search(text) or _ALTERNATIVE.search(text):
        return None
    rest = _TERM_WORD.sub(" ", mention.sub(" ", which.sub(" ", _QUOTED.sub(" ", text))))
    if _residue(rest, lang):  # a word beyond the catalogue's and the mention's: a condition on the term
        return None
    term = _squash(terms[0])
    found: list[Pair] = []
    units = {u.doc_id: u for u, _ in _distinct(entries)}
    seen: set[str] = set()
    for chunk in chunks:
        unit = units.get(chunk.doc_id)
        if unit is None or chunk.doc_id in seen or term not in _squash(chunk.text):
            continue
        span = _writing(chunk, terms[0])
        if span is None:
            continue
        seen.add(chunk.doc_id)
        if unit.kind == KIND_NOTE:
            label = t("editor_note", lang)
        elif unit.author:  # as the passage answerer lists articles: 「《…》（朱刚）」
            label = t("list_item", lang, title=_full_title(unit), author=unit.author)
        else:
            label = t("cat_title", lang, title=_full_title(unit) or t("untitled", lang))
        found.append((label, span))
    if not found:
        return None
    laws = all(is_law(units[d].title or "") for d in seen)
    key = "cat_mentions_laws" if laws else "list_intro" if len(found) > 1 else "list_intro_one"
    head = t(key, lang, topic=terms[0], term=terms[0], n=len(found))
    head = head + _COLON[lang] if laws else head
    answer, citations = _compose(head, _series(found, lang), lang)
    return Answer(question=question.strip(), answer=answer, grounded=True, citations=citations, lang=lang)


def _writing(chunk: Chunk, term: str) -> Span | None:
    """The clause of ``chunk`` writing ``term`` (its sentence when short), as a span."""
    at = chunk.text.find(term)
    if at < 0:
        return None
    for start, end in sentence_spans(chunk.text):
        if start <= at < end:
            if end - start > _MENTION_QUOTE:  # the clauses around it
                cuts = [start] + [m.end() for m in _CLAUSE_BREAK.finditer(chunk.text, start, end)] + [end]
                lo = max(c for c in cuts if c <= at)
                hi = min(c for c in cuts if c >= at + len(term))
                start, end = lo, hi
            quote = chunk.text[start:end].strip().rstrip("，；：,;:")
            start = chunk.text.index(quote, start)
            hit = Hit(chunk=chunk, score=1.0, rank=1)
            return Span(hit, quote, start, sentence_at(chunk.text, start), False)
    return None


def unsupported_request(question: str, lang: str | None = None) -> str | None:
    """The plain message for a quiz, summary or translation request (the answerer only quotes), else None."""
    text = to_simplified(question.strip())
    key = next((key for key, pattern in _CANNOT if pattern.search(text)), None)
    return t(key, lang or question_lang(text)) if key else None


def _reply(text: str, entries: Sequence[Entry], lang: str) -> tuple[str, list[Item]] | None:
    """The lead and listed items answering the catalogue question ``text``; None for another question."""
    named, rest = _named_authors(text, entries)
    if not named and _covers_all(rest, question_lang(text)):
        return _titles(entries, text, lang)
    if named and _about_theirs(rest, question_lang(text)):  # 「…主要讲哪方面的安全」: its title says
        return "", _series([_wrote(u, c, lang) for u, c in entries if _squash(u.author or "") in named], lang)
    held = _post_held(rest, entries, lang) if not named and _AUTHORS.search(rest) else None
    if held:  # 「哪几位作者是区委书记」: the authors whose printed post says so
        return held
    if _residue(rest, question_lang(text)):
        return None
    if named:
        if not _WROTE.search(rest):
            return None
        return "", _series([_wrote(u, c, lang) for u, c in entries if _squash(u.author or "") in named], lang)
    if not (_ASK.search(rest) and _ITEM.search(rest)):
        return None
    return _authors(entries, lang) if _AUTHORS.search(rest) else _titles(entries, text, lang)


def _size(text: str, entries: Sequence[Entry], lang: str) -> tuple[str, list[Item]] | None:
    """How many chapters and articles the one law ``text`` names has (its distinct headings), cited
    by the law's opening; None for any other question."""
    if not (_SIZE_EN if lang == "en" else _SIZE_ZH).search(text):
        return None
    laws = [(u, c) for u, c in entries if u.title and is_law(u.title) and u.sections]
    named_text = with_law_names(text, [u.title for u, _ in laws])
    named = [(u, c) for u, c in laws if names_document(named_text, u.title)]
    if len(named) != 1:
        return None
    unit, chunk = named[0]
    if _residue(unnamed(text, unit.title), lang, _SIZE_FILLER_ZH, _SIZE_FILLER_EN):
        return None
    # a chapter is its heading path (第一章 under 第一编 and under 第二编 are two); 第十条之一 is an article
    chapters = {s[: i + 1] for s in unit.sections for i, part in enumerate(s) if heading_kind(part) == "章"}
    articles = {s[-1] for s in unit.sections if s and article_number(s[-1]) is not None}
    if (_asks_chapters(text, lang) and not chapters) or not articles:
        return None  # the law's headings do not tell
    counted = (("cat_chapters", chapters), ("cat_articles", articles))
    parts = [t(key, lang, n=len(found)) for key, found in counted if found]
    label = t("cat_size", lang, title=unit.title, parts=t("cat_and", lang).join(parts))
    return "", _series([(label, _opening(chunk))], lang)


def _asks_chapters(text: str, lang: str) -> bool:
    return bool(re.search(r"chapters", text, re.I) if lang == "en" else re.search(r"(?:多少|几)个?章", text))


def _plain(question: str, message: str, lang: str) -> Answer:
    """A message that answers nothing from the sources: no citations, no related passages."""
    return Answer(question=question.strip(), answer=message, grounded=False, citations=(), lang=lang)


def _covers_all(text: str, lang: str) -> bool:
    """Whether ``text`` asks what the whole collection covers, and nothing else."""
    if not (_COVERS.search(text) and _WHOLE.search(text)):
        return False
    return not _residue(text, lang, _COVER_FILLER_ZH, _COVER_FILLER_EN)


def _about_theirs(text: str, lang: str) -> bool:
    """Whether ``text`` (a question with its author named taken out) asks only which field that
    author's article is about (「…那篇文章主要讲的是哪方面的安全」, "Which area of security does …
    write about?"): a signed article's title states it (「筑牢坚实屏障 守护经济安全」). What the
    article says (「…的文章讲了什么」) is for the passage answerer: its points, not its title."""
    if not _FIELD.search(text):
        return False
    return not _residue(text, lang, _ABOUT_FILLER_ZH, _ABOUT_FILLER_EN)


# The subject of one article asked as a field (「哪方面的安全」「哪个领域」, "which area of security").
_FIELD = re.compile(r"哪(?:个|一)?(?:方面|领域)|\b(?:what|which) (?:field|area|aspect|kind)\b", re.I)
_ABOUT_ZH_WORDS = "那篇 这篇 该篇 那 这 该 安全 领域 方面 哪个 哪一 主要是 主要 讲述 论述 关于 属于 涉及"
_ABOUT_FILLER_ZH = re.compile(
    "|".join(sorted((_FILLER_ZH_WORDS + _COVER_ZH_WORDS + _ABOUT_ZH_WORDS).split(), key=len, reverse=True))
)
_ABOUT_EN_WORDS = "field fields area areas aspect aspects kind security main mainly mostly his her their"
_ABOUT_FILLER_EN = _COVER_FILLER_EN | frozenset(_ABOUT_EN_WORDS.split())


def _residue(
    text: str, lang: str, filler_zh: re.Pattern[str] = _FILLER_ZH, filler_en: frozenset[str] = _FILLER_EN
) -> bool:
    """Whether ``text`` holds a word beyond the catalogue vocabulary (or the ``filler_*`` given): a
    topic or an attribute."""
    if lang == "en":
        return any(w not in filler_en for w in _WORD.findall(text.lower()))
    return any(unicodedata.category(ch)[0] in "LN" for ch in filler_zh.sub("", text))


def _named_authors(text: str, entries: Sequence[Entry]) -> tuple[set[str], str]:
    """Authors named in ``text`` (spaces ignored, longest name first), by name or by a post of their
    printed role (「新吴区委书记写了什么文章」: the role 「无锡高新区党工委书记、新吴区委书记」), and
    ``text`` without them."""
    found = set()
    if question_lang(text) == "en":  # "What is Fang Li's article about?": the name as written, 方力
        from rag.bilingual import with_written_names

        text = with_written_names(text, sorted({_squash(u.author) for u, _ in entries if u.author}))
    squashed = _squash(text)  # a cheap test first: most questions name no author of a large collection
    names: dict[str, str] = {}  # what the question may say -> the author it names
    for u, _ in entries:
        if not u.author:
            continue
        names[_squash(u.author)] = _squash(u.author)
        for post in _posts(u.role or ""):
            if post in squashed:
                names.setdefault(post, _squash(u.author))
    for said in sorted(names, key=len, reverse=True):
        if said not in squashed:
            continue
        text, n = re.subn(r"\s*".join(map(re.escape, said)), " ", text)
        if n:
            found.add(names[said])
    return found, text


_POST_BREAK = re.compile(r"[、，,；;（）()\s]+")
MIN_POST = 4  # 「新吴区委书记」 names one author; 「局长」, 「书记」 name none


def _posts(role: str) -> list[str]:
    """The posts a printed role lists (「无锡市委常委、江阴市委书记」: both), each long enough to name
    someone."""
    return [p for p in (_squash(x) for x in _POST_BREAK.split(role)) if len(p) >= MIN_POST]


def _titles(entries: Sequence[Entry], question: str, lang: str) -> tuple[str, list[Item]]:
    """How many articles and documents, their titles, then the editor's notes in a sentence apart."""
    listed = [(u, c) for u, c in entries if u.kind in _LISTED_KINDS]
    notes = [c for u, c in entries if u.kind == KIND_NOTE]
    if not listed:
        return "", []
    pairs = [(_title_label(u, lang), _opening(c)) for u, c in listed[:MAX_LISTED]]
    if len(listed) > MAX_LISTED:
        pairs.append((t("cat_more", lang, n=len(listed) - MAX_LISTED), None))
    if not notes:
        return _count(listed, question, lang), _series(pairs, lang)
    label = t("cat_note_one", lang) if len(notes) == 1 else t("cat_notes", lang, n=len(notes))
    return _count(listed, question, lang), _series(pairs, lang) + _series([(label, _opening(notes[0]))], lang)


def _count(listed: Sequence[Entry], question: str, lang: str) -> str:
    """'The knowledge base holds 8 articles and 2 laws: ' (documents named as the question names them)."""
    articles = sum(u.kind == KIND_ARTICLE for u, _ in listed)
    noun = next((key for pattern, key in _NOUNS if pattern.search(question)), "cat_noun_document")
    amounts = [(articles, "cat_noun_article"), (len(listed) - articles, noun)]
    what = [t("cat_amount", lang, n=n, noun=t(key, lang)) for n, key in amounts if n]
    return t("cat_count", lang, what=t("cat_and", lang).join(what)) + _COLON[lang]


def _authors(entries: Sequence[Entry], lang: str) -> tuple[str, list[Item]]:
    """Every author once, with the role, cited by the opening of their first article."""
    first: dict[str, Entry] = {}
    for unit, chunk in entries:
        if unit.author and unit.kind in _LISTED_KINDS:
            first.setdefault(_squash(unit.author), (unit, chunk))
    pairs = [(_author_label(u, lang), _opening(c)) for u, c in first.values()]
    if not pairs:
        return (t("cat_no_authors", lang) if entries else ""), []
    return t("cat_authors", lang, n=len(pairs)) + _COLON[lang], _series(pairs, lang)


# 「哪几位是区委书记」「哪些作者来自市委」: the post asked after, at the end of the question
_POST_ASKED = re.compile(r"(?:是|担任|任|当|来自|属于|出自)([\u4e00-\u9fff]{2,12}?)的?(?:[？?。！!]|$)")


_POSTS_ASKED = re.compile(
    r"(?:是|担任|兼任|任|负责|分管|主管)([\u4e00-\u9fff]{2,12}?)(?=[，,、？?。！!]|又|还|也|同时|$)"
)
_BOTH = re.compile(r"既|又|同时|兼")


def _post_held(text: str, entries: Sequence[Entry], lang: str) -> tuple[str, list[Item]] | None:
    """The authors whose printed role holds the post ``text`` asks after (「区委书记」: 梁溪区委书记,
    锡山区委书记, 新吴区委书记), each with the role, cited by the opening of their first article;
    None when the question asks after no post or no author's role holds it."""
    m = _POST_ASKED.search(text)
    if lang != "zh":
        return None
    # 「哪位作者既是市委宣传部副部长，又负责市委网信办」: every post asked, the role holding each
    posts = _POSTS_ASKED.findall(text) if _BOTH.search(text) else []
    posts = posts if len(posts) >= 2 else [m.group(1)] if m else []
    if not posts:
        return None
    post = "”“".join(posts)
    first: dict[str, Entry] = {}
    for unit, chunk in entries:
        if unit.author and unit.kind in _LISTED_KINDS and all(p in _squash(unit.role or "") for p in posts):
            first.setdefault(_squash(unit.author), (unit, chunk))
    if not first:
        return None
    pairs = [(_author_label(u, lang), _opening(c)) for u, c in first.values()]
    return t("cat_authors_post", lang, post=post, n=len(pairs)) + _COLON[lang], _series(pairs, lang)


def _wrote(unit: Unit, chunk: Chunk | None, lang: str) -> Pair:
    """'X (role) wrote 《title》', cited by the article's opening."""
    key = byline_key(unit.kind, unit.role)
    title = _full_title(unit) or t("untitled", lang)
    return t(key, lang, author=unit.author, role=unit.role, title=title), _opening(chunk)


def _title_label(unit: Unit, lang: str) -> str:
    title = t("cat_title", lang, title=_full_title(unit)) if unit.title else t("untitled", lang)
    if unit.author and unit.role:
        return title + t("cat_by_role", lang, author=unit.author, role=unit.role)
    return title + t("cat_by", lang, author=unit.author) if unit.author else title


def _author_label(unit: Unit, lang: str) -> str:
    return t("cat_author_role", lang, author=unit.author, role=unit.role) if unit.role else str(unit.author)


def _opening(chunk: Chunk | None) -> Span | None:
    """The chunk's first sentence, cut to its leading clauses when long: what a listed item cites."""
    spans = sentence_spans(chunk.text) if chunk is not None else []
    if chunk is None or not spans:
        return None
    start, end = spans[0]
    sentence = chunk.text[start:end]
    quote = sentence
    if len(sentence) > MAX_QUOTE:
        cut = max((m.start() for m in _CLAUSE_BREAK.finditer(sentence, 0, MAX_QUOTE)), default=0)
        quote = sentence[:cut] if cut >= MIN_QUOTE else sentence[:MAX_QUOTE]
    hit = Hit(chunk=chunk, score=1.0, rank=1)
    return Span(hit=hit, text=quote, start=start, sentence=0, whole=quote == sentence)


_SEP, _END, _COLON = {"zh": "；", "en": "; "}, {"zh": "。", "en": ". "}, {"zh": "：", "en": ": "}


def _series(pairs: Sequence[Pair], lang: str) -> list[Item]:
    """``pairs`` as one sentence: separated by ；and closed by 。 (``; `` and ``. `` in English)."""
    return [
        (label, span, _END[lang] if i == len(pairs) - 1 else _SEP[lang])
        for i, (label, span) in enumerate(pairs)
    ]


def _compose(head: str, items: Sequence[Item], lang: str) -> tuple[str, tuple[Citation, ...]]:
    """Answer text and citations: each cited item a claim (``compose`` numbers the markers), an
    uncited one (a unit with no chunk) riding along as plain text."""
    claims: list[Claim] = []
    pending = head
    for label, span, tail in items:
        if span is None:
            pending += label + tail
        else:
            claims.append(Claim(pending + label, span, tail))
            pending = ""
    if not claims:
        return pending.strip(), ()
    if pending:
        claims[-1] = Claim(claims[-1].lead, claims[-1].span, claims[-1].tail + pending)
    return compose(claims, lang)


def _distinct(entries: Sequence[Entry]) -> list[Entry]:
    """One entry per unit (the same article in two files is one article), preferring one with a chunk."""
    kept: dict[str, Entry] = {}
    for unit, chunk in entries:
        if unit.doc_id not in kept or kept[unit.doc_id][1] is None:
            kept[unit.doc_id] = (unit, chunk)
    return list(kept.values())


def _full_title(unit: Unit) -> str:
    """Title and second title line, as printed."""
    return " ".join(x for x in (unit.title, unit.subtitle) if x)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
