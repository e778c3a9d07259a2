"""Penalty articles of a law: the part a question about a fine or detention asks for.

A Chinese law's penalty article is built the same way across laws: a base penalty for the offence,
then tiers under a condition (「情节严重的，」「造成严重后果的，」「拒不改正的，」「违法所得在…以上的，」),
and within each the offender's penalty followed by that of the persons in charge (「对直接负责的主管
人员和其他直接责任人员处…」); a paragraph 「单位有前款行为的，」 gives an organisation's penalty where the
first paragraph gave a person's. So one passage states four to eight amounts, and the selector (which
scores sentences and clauses) often quotes the tier or the party the question did not ask about:
「情节严重的，最高罚多少」 answered with the base fine, 「对单位罚多少」 with the persons' fine.

``asked_part`` cuts a penalty passage into those parts and returns the one the question names, within
the offence the chosen quote is about (its paragraph, and the paragraphs after it that punish the same
offence): the tier whose condition the question states (else the base penalty) and the party it asks
about (the persons in charge, an organisation, an individual, else the offender). It reads the law's
structure, not any question; an answer keeps the passage the selector chose and quotes the asked part
of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.answer.english import numeral_value
from rag.question import ADDRESS_RE, FIGURE_RE, asked_bounds, has_figure
from rag.records import Chunk

# Tier conditions as laws print them, most specific first (情节特别严重 before 情节严重), each with
# how an English question names it.
TIERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("情节特别严重", re.compile(r"especially serious|particularly serious|特别严重", re.I)),
    ("情节严重", re.compile(
        r"情节严重|(?<!non-)(?<!not )\bserious (?:case|circumstance|violation|offen[cs]e|breache?)s?\b"
        r"|\b(?:in|if) serious\b|circumstances are serious",
        re.I,
    )),
    ("情节较重", re.compile(r"情节较重|relatively serious|more serious", re.I)),
    ("情节较轻", re.compile(r"情节较轻|relatively minor|minor case", re.I)),
    ("情节轻微", re.compile(r"情节轻微|\bminor\b", re.I)),
    ("严重后果", re.compile(r"严重后果|serious consequence", re.I)),
    ("拒不改正", re.compile(
        r"拒不改正|不改正|拒不改|不肯改|没(?:有)?改|未(?:予)?改正|仍(?:然)?不改|"
        r"refus\w* to (?:correct|rectify)|(?:not|never|fails? to|failed to) (?:correct|rectif)", re.I,
    )),
    ("违法所得", re.compile(r"违法所得|illegal (?:gains|income|proceeds)", re.I)),
)
# A condition clause opening a tier: it holds a tier's words and ends in 「的，」.
_TIER_CLAUSE = re.compile(
    r"[^，；。\n]*(?:情节特别严重|情节严重|情节较重|情节较轻|情节轻微|严重后果|拒不改正|违法所得[^，；。\n]*以上)"
    r"[^，；。\n]*的，"
)
_PERSONS_START = re.compile(r"[，；]\s*(?:并)?(?:对|处)?(?:其)?直接负责的主管人员")
# A paragraph giving another party's penalty for the offence of the one before: 「单位有前款行为的，」
# (an organisation, where the first paragraph punished a person) or 「个人有前款规定行为的，」.
_PARTY_PARAGRAPH = re.compile(r"^(?:第[零一二三四五六七八九十百千\d]+条\s*)?(单位|个人)(?:有|犯|实施)")
_REFERS_BACK = re.compile(r"前款|前两款|本条第[一二三四五六七八九十]+款")
_PENALTY = re.compile(r"罚款|拘留")
_MONEY = re.compile(r"(\d[\d.,]*|[零〇一二两三四五六七八九十百千万亿]+)\s*([万亿]?)元")
_ASKS_PERSONS = re.compile(
    r"主管人员|直接责任人员|负责人|责任人|\bpersons? (?:in charge|directly responsible)\b|"
    r"\bresponsible (?:person|personnel|manager)s?\b|\bmanagers?\b",
    re.I,
)
# The party a question asks about, as its subject (机构, 组织 too often name whom the offence harmed)
_ASKS_UNIT = re.compile(r"单位|公司|企业|\b(?:organi[sz]ation|company|enterprise|entity|business)s?\b", re.I)
_ASKS_INDIVIDUAL = re.compile(r"个人(?!信息)|公民|\b(?:an individual|individuals|a person|citizens?)\b", re.I)
_EDGE = "，；。：、 \n:;,"


@dataclass(frozen=True)
class Part:
    """``text[start:end]`` of a penalty passage: one party's penalty in one tier."""

    start: int
    end: int
    tiers: tuple[str, ...]  # the conditions of its tier (keys of ``TIERS``); () for the base penalty
    party: str  # "offender", "persons", "unit" (「单位有前款行为的」) or "individual" (「个人有…」)
    paragraph: int  # which paragraph of the passage
    refers_back: bool = False  # its paragraph punishes the offence of the paragraph before


def parts(text: str) -> list[Part]:
    """The parts of a penalty passage ``text`` in order; empty when it states no penalty."""
    if not _PENALTY.search(text):
        return []
    out: list[Part] = []
    offset = 0
    for index, paragraph in enumerate(text.split("\n")):
        opening = _PARTY_PARAGRAPH.match(paragraph.strip())
        party = {"单位": "unit", "个人": "individual"}[opening.group(1)] if opening else "offender"
        back = bool(opening) and bool(_REFERS_BACK.search(paragraph[:40]))
        cuts = [(0, ())] + [(m.start(), _tiers_of(m.group())) for m in _TIER_CLAUSE.finditer(paragraph)]
        for (start, tiers), (end, _) in zip(cuts, [*cuts[1:], (len(paragraph), ())], strict=True):
            persons = _PERSONS_START.search(paragraph, start, end)
            pieces = [(start, persons.start() if persons else end, party)]
            if persons:
                pieces.append((persons.start(), end, "persons"))
            for a, b, who in pieces:
                a, b = _trimmed(paragraph, a, b)
                if a < b:
                    out.append(Part(offset + a, offset + b, tiers, who, index, back))
        offset += len(paragraph) + 1
    return out


def asked_part(question: str, text: str, at: int | None = None) -> Part | None:
    """The part of penalty passage ``text`` that ``question`` asks about: the tier whose condition
    it names (else the base penalty), the party it names (the persons in charge, an organisation,
    an individual; else the offender), among the parts that state an amount. With ``at`` (where the
    chosen quote starts), only the offence of that quote's paragraph: its parts and those of the
    paragraphs after it that punish the same offence (「单位有前款行为的」). None when nothing there
    states an amount for that tier and party, or when the question asks the most (「最多罚多少」)
    without naming a tier and the passage has tiers: the most is then the selector's to find."""
    found = [p for p in parts(text) if _amount(text[p.start : p.end])]
    if at is not None:
        here = text.count("\n", 0, at)
        chain = {here}
        for p in sorted(found, key=lambda p: p.paragraph):
            if p.paragraph == max(chain) + 1 and p.refers_back:
                chain.add(p.paragraph)
        found = [p for p in found if p.paragraph in chain]
    stated = {key for p in found for key in p.tiers}
    tier = next((key for key, asked in TIERS if key in stated and asked.search(question)), None)
    most = tier is None and stated and asks_most(question)
    wanted = ["persons"] if _ASKS_PERSONS.search(question) else []
    wanted += ["unit"] if _ASKS_UNIT.search(question) else []
    wanted += ["individual"] if _ASKS_INDIVIDUAL.search(question) else []
    wanted += ["offender"]
    for party in wanted:
        if most:  # 「最高罚多少」 with no tier named: the party's largest amount in any tier
            match = max((p for p in found if p.party == party), key=lambda p: largest(text[p.start : p.end]),
                        default=None)  # fmt: skip
        else:
            match = next((p for p in found if p.party == party and _in_tier(p, tier)), None)
        if match is not None:
            return match
    return None


def asks_most(question: str) -> bool:
    """Whether ``question`` asks a penalty's upper limit (「最高罚多少」, "maximum fine") only."""
    return asked_bounds(question) == {"upper"}


def same_offence(chosen: Chunk, other: Chunk) -> bool:
    """Whether passage ``other`` of ``chosen``'s article punishes the same offence: the rest of its
    paragraph, or a paragraph referring back to it (「有前款规定的违法行为，情节严重的，…」); another
    paragraph punishes another offence (数据安全法第四十五条 「违反国家核心数据管理制度…」)."""
    if other.paragraph_index == chosen.paragraph_index:
        return True
    return other.paragraph_index > chosen.paragraph_index and bool(_REFERS_BACK.search(other.text[:40]))


def tiers_of(text: str) -> set[str]:
    """The tiers penalty passage ``text`` prints (keys of ``TIERS``)."""
    return {key for p in parts(text) for key in p.tiers}


def largest(text: str) -> float:
    """The largest amount of money ``text`` states (「五千万元以下」: 50,000,000); 0 when none."""
    scale = {"": 1, "万": 10_000, "亿": 100_000_000}
    amounts = [(numeral_value(m.group(1)), scale[m.group(2)]) for m in _MONEY.finditer(_unaddressed(text))]
    return max((a * s for a, s in amounts if a is not None), default=0)


def tiers_named(question: str, text: str) -> set[str]:
    """The tiers ``question`` names (「没改」: 拒不改正) that penalty passage ``text`` states."""
    stated = {key for p in parts(text) for key in p.tiers}
    return {key for key, asked in TIERS if key in stated and asked.search(question)}


def quote_bounds(text: str, part: Part) -> tuple[int, int]:
    """The quote of ``part``: from its condition for a tier (「情节严重的，处…」), from the clause stating
    the first amount for the base penalty (the offence before it is what the question described),
    to the end of that sentence."""
    start = part.start
    if not part.tiers:
        body = _unaddressed(text[part.start : part.end])
        first = next((m.start() for m in FIGURE_RE.finditer(body) if has_figure(m.group())), 0)
        start += max(body.rfind(mark, 0, first) for mark in "，；：。") + 1
    stop = text.find("。", start, part.end)
    return start, stop if stop > start else part.end


def _in_tier(part: Part, tier: str | None) -> bool:
    return tier in part.tiers if tier else not part.tiers


def _tiers_of(clause: str) -> tuple[str, ...]:
    found = [key for key, _ in TIERS if key in clause]
    return tuple(k for k in found if not any(k != o and k in o for o in found))  # 情节严重 in 情节特别严重


def _amount(text: str) -> bool:
    return has_figure(_unaddressed(text))


def _unaddressed(text: str) -> str:
    """``text`` with article addresses (第二十四条) blanked, same length: they are no amounts."""
    return ADDRESS_RE.sub(lambda m: " " * len(m.group()), text)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end
