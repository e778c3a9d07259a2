"""Penalty articles read by their structure (rag/answer/penalty.py), on the eight bundled laws.

The parts are checked on every penalty passage the laws knowledge base holds; the answers on
questions generated from those passages (each tier's own condition asked of its own offence), with
the real model: a question naming a tier must lead with that tier's amount, not the base penalty's
or the persons in charge's.
"""

from __future__ import annotations

import itertools
import re

import pytest

from rag.answer.penalty import TIERS, asked_part, parts, quote_bounds
from rag.question import FIGURE_RE

# how a person names each tier in a question, and the offence a base penalty follows
_ASKED = {
    "情节严重": "情节严重的",
    "严重后果": "造成严重后果的",
    "情节较重": "情节较重的",
    "拒不改正": "拒不改正的",
}
_ADDRESS = re.compile(r"第[零一二两三四五六七八九十百千\d]+[条款项章节]")  # 第二十二条第一款: no amount
_OFFENCE = re.compile(r"([^，；。\n]{4,40})的，(?:由|处|给予|对)")


@pytest.fixture(scope="module")
def penalty_passages(laws_kb):
    return [(c, parts(c.text)) for c in laws_kb.chunks() if parts(c.text)]


def test_penalty_passages_are_cut_into_tiers_and_parties(penalty_passages):
    tiered = [(c, ps) for c, ps in penalty_passages if any(p.tiers for p in ps)]
    assert len(penalty_passages) >= 50 and len(tiered) >= 25  # 53 and 30 in the eight laws
    for c, ps in penalty_passages:
        for a, b in itertools.pairwise(ps):
            assert a.end <= b.start  # in order, never overlapping
        for p in ps:
            text = c.text[p.start : p.end]
            assert text and text[0] not in "，；。：、 " and text[-1] not in "，；。：、 "
            if p.party == "persons":
                assert "直接负责的主管人员" in text[:12]
            if p.tiers:  # a tier's part opens with its condition (or is its persons' penalty)
                assert p.party == "persons" or any(key in text.split("，")[0] for key in p.tiers)
            else:
                assert not any(key in text.split("，")[-1] for key, _ in TIERS if key != "违法所得")


def test_the_part_asked_is_the_named_tier_and_party(penalty_passages):
    checked = 0
    for c, ps in penalty_passages:
        base = [p for p in ps if not p.tiers and p.party == "offender" and _amounts(c.text, p)]
        for key, phrase in _ASKED.items():
            tier = [p for p in ps if key in p.tiers and _amounts(c.text, p)]
            if not base or not tier:
                continue
            checked += 1
            offender = next(p for p in tier if p.party == "offender")
            assert asked_part(f"{phrase}，最多罚多少？", c.text) == offender
            assert asked_part("罚多少？", c.text) == base[0]
            persons = [p for p in tier if p.party == "persons"]
            if persons:
                assert asked_part(f"{phrase}，对直接负责的主管人员罚多少？", c.text) == persons[0]
    assert checked >= 10  # 10 tiers of the eight laws follow a base penalty with an amount


def test_a_question_naming_a_tier_is_answered_with_that_tiers_amount(laws_kb, penalty_passages):
    asked = []
    for c, ps in penalty_passages:
        base = next((p for p in ps if not p.tiers and p.party == "offender"), None)
        offence = _OFFENCE.search(c.text[base.start : base.end]) if base else None
        for key, phrase in _ASKED.items():
            tier = next((p for p in ps if key in p.tiers and p.party == "offender"), None)
            if offence and tier and _amounts(c.text, tier):
                question = f"{offence.group(1).strip()}，{phrase}，罚多少？"
                asked.append((question, c.text[tier.start : tier.end]))
    assert len(asked) >= 20
    right = []
    for question, part in asked:
        lead = laws_kb.ask(question, 5).answer.split("。")[0]
        figures = [m.group() for m in FIGURE_RE.finditer(lead)]
        right.append(bool(figures) and all(f in part for f in figures))
    # 19 of 25 when this was written; 6 of 25 when the selector's quote was kept. The misses are
    # questions whose offence several articles share (「尚不构成犯罪，情节较重的」): another article.
    assert sum(right) >= 0.7 * len(asked), f"{sum(right)} of {len(asked)}"


def _amounts(text: str, part) -> list[str]:
    body = _ADDRESS.sub(lambda m: " " * len(m.group()), text[part.start : part.end])
    return [m.group() for m in FIGURE_RE.finditer(body) if not m.group().isdigit()]


def test_the_part_is_read_within_the_offence_the_quote_is_about(laws_kb):
    """A review's cases, on the laws' own passages: another paragraph's offence is not this one's
    (生物安全法第八十一条: introducing and releasing alien species are fined apart); 「个人有前款规定
    行为的」 is an individual's penalty; 机构 naming whom an offence obstructs is not the party asked
    about; 「最多罚多少」 naming no tier is not forced to the base fine: it is the largest tier's."""

    def passage(law: str, label: str) -> str:
        return next(c.text for c in laws_kb.chunks() if c.title.endswith(law) and c.section[-1:] == (label,))

    def asked(question: str, text: str, at: int = 0) -> str | None:
        part = asked_part(question, text, at)
        return None if part is None else text[slice(*quote_bounds(text, part))]

    species = passage("生物安全法", "第八十一条")
    assert "一万元以上五万元以下" in asked("擅自释放外来物种的，罚款多少？", species, species.index("释放"))
    assert "五万元以上二十五万元以下" in asked("擅自引进外来物种的，罚款多少？", species, 0)
    media = passage("反恐怖主义法", "第九十条")
    assert "一万元以下罚款" in asked("个人编造、传播虚假恐怖事件信息的，罚多少？", media)
    assert "二十万元以下罚款" in asked("新闻媒体编造虚假恐怖事件信息的，单位罚多少？", media)
    obstruct = passage("反恐怖主义法", "第九十二条")
    assert "五万元以下罚款" in asked("阻碍有关机构开展反恐怖主义工作的，罚多少？", obstruct)
    data = passage("数据安全法", "第四十六条")
    most = asked("向境外提供重要数据的，最多罚多少？", data)
    assert most.startswith("情节严重的，处一百万元以上一千万元以下")
    assert "一千万元以下" in asked("向境外提供重要数据，情节严重的，最多罚多少？", data)


def test_the_penalty_of_a_duty_is_the_article_citing_it_in_the_tier_named(laws_kb):
    """A case told as a duty not done (数据安全法第三十条, retrieved first) is punished by the article
    citing it (第四十五条, not 第四十八条's 拒不配合数据调取), and 「让改也没改」 names its 拒不改正 tier,
    printed in a passage of its own after the base penalty's 「…；」."""
    answer = laws_kb.ask("我们单位是重要数据的处理者，这两年一次风险评估都没搞，主管部门要求整改后还是没改，"
                         "按数据安全法最多罚多少？")  # fmt: skip
    assert answer.grounded, answer.answer
    assert answer.answer.startswith("二百万元以下"), answer.answer
    assert [c.section[-1] for c in answer.citations][:1] == ["第四十五条"], answer.citations


def test_an_amount_left_to_another_law_is_read_in_that_law(laws_kb):
    """反间谍法第五十九条 punishes refusing a data request 「依照《中华人民共和国数据安全法》的有关规定」:
    the amount asked next is that law's (第四十八条), not 「没有找到」."""
    answer = laws_kb.ask("反间谍调查中，企业不配合国家安全机关调取数据，由哪个机关处罚？罚款多少？")
    assert "国家安全机关" in answer.answer, answer.answer
    assert "五万元以上" in answer.answer and "五十万元以下" in answer.answer, answer.answer
    assert any(c.title.endswith("数据安全法") for c in answer.citations), answer.citations


def test_a_stated_tier_moves_the_answer_to_the_article_that_prints_it(laws_kb):
    """「责令改正后还是拒不改正」 of a missing data-security system: the best passage, 第四十八条 (拒不配合
    数据调取), prints no 拒不改正 tier; 第四十五条 does, and its tier is the answer."""
    answer = laws_kb.ask("企业没有建立数据安全管理制度，责令改正后还是拒不改正，按照数据安全法，对企业最高罚"
                         "多少？")  # fmt: skip
    assert answer.grounded and answer.answer.startswith("二百万元以下"), answer.answer
    assert [c.section[-1] for c in answer.citations][:1] == ["第四十五条"], answer.citations


def test_a_tier_named_is_read_from_the_law_when_no_cut_quote_looks_like_the_answer(laws_kb):
    """个人信息保护法第六十六条's 「情节严重的，…并处五千万元以下或者上一年度营业额百分之五以下罚款…」 is
    one long passage: its cut quotes do not name the tier, so none looked likely enough and the question
    was refused though the best passage prints the tier asked. The tier is then read by the law's
    structure."""
    answer = laws_kb.ask("某购物App违法处理用户个人信息、情节严重，依照个人信息保护法最多罚多少？")
    assert answer.grounded and answer.answer.startswith("五千万元以下"), answer.answer
    assert answer.citations[0].section[-1] == "第六十六条", answer.citations


@pytest.mark.parametrize(
    ("question", "lead"),
    [("个人信息保护法规定的最高罚款是多少？", "五千万元以下"),
     ("What is the maximum fine for a serious violation of the Personal Information Protection Law?",
      "up to 50 million yuan")],
)
def test_the_most_asked_is_the_largest_tier_of_the_article(laws_kb, question, lead):
    """「最高罚款」 with no tier named is the article's largest amount (第六十六条's 情节严重 paragraph,
    a passage of its own), not the persons' fine the best passage ends with; "a serious violation" names
    that tier in English. The tier's passage is looked up in the article, not left to the search, which
    ranked it below others for the English question."""
    answer = laws_kb.ask(question)
    assert answer.grounded and answer.answer.startswith(lead), answer.answer
    assert answer.citations[0].section[-1] == "第六十六条", answer.citations


def test_the_most_of_an_offence_is_not_another_paragraphs_amount(laws_kb):
    """数据安全法第四十五条's second paragraph (违反国家核心数据管理制度, up to 一千万元) punishes another
    offence than its first: 「最多罚多少」 of the first is its own largest tier."""
    answer = laws_kb.ask("公司没履行数据安全保护义务，被责令改正也不改，还造成了大量数据泄露，最多会被罚"
                         "多少？")  # fmt: skip
    assert answer.grounded and answer.answer.startswith("二百万元以下"), answer.answer
    assert "一千万元" not in answer.answer


def test_an_english_question_on_a_laws_fines_finds_its_penalty_article(laws_kb):
    """"…the largest fine … in serious cases": the English words find the law's other articles first (the
    penalty article ranked nineteenth for one wording); the best-ranked penalty article of all the hits
    and its 情节严重 paragraph are read, not 第七十条 on lawsuits."""
    answer = laws_kb.ask("What is the largest fine the Personal Information Protection Law allows in serious "
                         "cases?")  # fmt: skip
    assert answer.grounded and "五千万元以下" in answer.answer, answer.answer
    assert answer.citations[0].section[-1] == "第六十六条", answer.citations
