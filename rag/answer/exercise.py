"""Exercises of a quiz bank or exam paper: 「第12题的正确答案是哪个选项」, 「那道判断题是对还是错」,
「那道题的解析引的是哪一条」.

rag.structure heads each numbered exercise 「第12题」 under its part (「一、单项选择题（共30题）」) and
keeps its question, options (「A．三年」), answer line (「【答案】C」) and explanation (「【解析】依据
《…》第六十六条…」) together. A question about an exercise's answer is answered from that answer line,
the options it names read out, with the explanation's first sentence as the reason; a question asking
which article the explanation cites, from the explanation's citation. Questions that say nothing of an
exercise (题, 选项, 答案, 解析) are left to the selector.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer.compose import Claim, according_to, excerpt, line_span
from rag.evidence import Span
from rag.question import SHAPE_ARTICLE, Question
from rag.records import Hit
from rag.structure import FIELD_LINE, KEY_LINE
from rag.text import sentence_spans

# an exercise, asked of in so many words: 「那道判断题」「第12题」「选项B」; "question 12", "the answer key"
# ("how long do they have to answer" asks no exercise)
_ABOUT_EXERCISE = re.compile(
    r"题|选项|答案|解析|\bquiz\b|\bquestion\s+(?:no\.?\s*)?\d|\boption\s+[A-H]\b|"
    r"\b(?:correct|right) (?:answer|option)|\banswer (?:key|to|for)\b|\btrue or false\b",
    re.I,
)
_KEY_ASKED = re.compile(
    r"答案|选项|选哪|选什么|选的是|哪一?项|哪几项|对还是错|对不对|是对是错|正确还是错误|正确吗|错误吗|对吗|错吗|"
    r"判[为成作断]?(?:对|错|正确|错误)|\b(?:correct|right) (?:answer|option)|\banswer (?:key|to|for)\b|"
    r"\bwhich option\b|\btrue or false\b",
    re.I,
)
_WHY = re.compile(r"为什么|为何|什么原因|理由|\bwhy\b", re.I)
_EXERCISE_LABEL = re.compile(r"^第\d+题$")
_KEY_VALUE = re.compile(r"[A-H]{1,8}|正确|错误|对|错|√|×")
_JUDGED = {"对": "正确", "√": "正确", "错": "错误", "×": "错误"}
_OPTION = re.compile(r"(?:(?<=\s)|^)([A-H])\s*[.．、]\s*")
_EXPLAINED = re.compile(r"^【(?:答案)?解析】")
_CITES = re.compile(r"《[^》]{2,40}》第[一二三四五六七八九十百零两\d]+条(?:第[一二三四五六七八九十\d]+款)?")
_MAX_OPTION = 40  # characters of an option read out after its letter


def exercise_claims(q: Question, hits: Sequence[Hit]) -> list[Claim] | None:
    """The claims answering a question about an exercise's answer (or the article its explanation
    cites) from the first of the best hits that is an exercise with an answer line; None otherwise."""
    if not _ABOUT_EXERCISE.search(q.text):
        return None
    article = q.shape == SHAPE_ARTICLE
    if not (article or _KEY_ASKED.search(q.text)) or _WHY.search(q.text):
        return None  # 「选项B为什么是错的」: the explanation's reason, which the selector finds
    for hit in hits[:3]:
        if not hit.chunk.section or not _EXERCISE_LABEL.match(hit.chunk.section[-1]):
            continue
        key = _line(hit, KEY_LINE)
        explained = _explanation(hit)
        if article:
            cited = _CITES.search(explained.text) if explained else None
            if cited:
                return [_claim(q, cited.group(0), explained)]
            continue
        if key is None:
            continue  # the exercise's later passage: its answer line is in the one before
        value = _KEY_VALUE.fullmatch(key.text[_label_end(key.text) :].strip())
        if not value:
            return None  # 「【参考答案】」 over its points: the selector quotes them
        claims = [_claim(q, _read_out(hit.chunk.text, value.group(0)), key)]
        return claims + ([Claim(excerpt(explained), explained, "。")] if explained and q.lang != "en" else [])
    return None


def _claim(q: Question, lead: str, span: Span) -> Claim:
    if q.lang == "en":
        return Claim(f"{lead}. " + according_to(span), span, ".")
    return Claim(lead, span, "。")


def _label_end(line: str) -> int:
    m = KEY_LINE.match(line)
    return m.end() if m else 0


def _line(hit: Hit, pattern: re.Pattern[str]) -> Span | None:
    """The first line of ``hit``'s passage that ``pattern`` opens, as a quote."""
    return line_span(hit, f"(?:{pattern.pattern}).*")


def _explanation(hit: Hit) -> Span | None:
    """The first sentence of the exercise's 「【解析】…」 line."""
    line = _line(hit, _EXPLAINED)
    if line is None:
        return None
    text = hit.chunk.text
    end = next((e for s, e in sentence_spans(text) if s <= line.start < e), line.start + len(line.text))
    end = min(end, line.start + len(line.text))
    quote = text[line.start : end].rstrip("。；; ")
    return Span(hit, quote, line.start, line.sentence, False)


def _read_out(text: str, value: str) -> str:
    """An answer key as a reader wants it: 「C．十年」 for a choice (each option it names, as printed
    after its letter), 「错误」 for a judgement."""
    if not re.fullmatch(r"[A-H]+", value):
        return _JUDGED.get(value, value)
    options = _options(text)
    read = [f"{letter}．{options[letter]}" if letter in options else letter for letter in value]
    return f"{value}：" + "；".join(read) if len(value) > 1 else read[0]


def _options(text: str) -> dict[str, str]:
    """Letter -> option text, from the option lines before the answer line (「A. 三年 B. 五年」 on one
    line, or a line each)."""
    body = []
    for line in text.split("\n"):
        stripped = line.strip()
        if KEY_LINE.match(stripped) or FIELD_LINE.match(stripped):
            break
        body.append(stripped)
    region = "\n".join(body)
    marks = list(_OPTION.finditer(region))
    options = {}
    for m, nxt in zip(marks, [*marks[1:], None], strict=True):
        option = region[m.end() : nxt.start() if nxt else len(region)].strip()
        if option and m.group(1) not in options:
            options[m.group(1)] = option if len(option) <= _MAX_OPTION else option[: _MAX_OPTION - 1] + "…"
    return options
