"""Fit the answer selector (rag/answer/model.json) and write how it was fit (rag/answer/FIT.md).

    .venv/bin/python scripts/fit_answerer.py            # about 3 minutes on 2 cores

Data. Fit split: the newspaper page (its development and fixture questions) and four of the eight
laws (their development questions), plus questions generated from those five documents
(rag/answer/synth.py: cloze questions on figures, dates, bodies, definitions, article subjects,
and unanswerable variants with a swapped term). Report splits, never fit or tuned on: the other
four laws (cross-document: documents the model never saw), the held-out question sets
tests/fixtures/page_heldout_qa.jsonl and laws_heldout_qa.jsonl, and laws_fresh_qa.jsonl, written
blind on the other four laws (by someone who never saw the code or its failures).

Model. Logistic regression on the candidate rows (one per quote of the top passages, labelled 1
when it holds the answer). The refusal threshold is chosen on out-of-fold predictions of the fit
split (5 folds, each holding whole documents out) for the operating point: at most 5 % of
answerable questions refused, then as many unanswerable ones refused as that allows.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rag.answer.features import FEATURES, QUESTION_FEATURES, question_features  # noqa: E402
from rag.answer.model import MODEL_FILE, Linear, Selector  # noqa: E402
from rag.answer.synth import holds_answer, synth_questions  # noqa: E402
from rag.evaluate import answer_metrics, load_qa  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
FIT_DOCS = FIXTURES / "fitdocs"
FIT_LAWS = tuple(f"中华人民共和国{x}" for x in ("国家安全法", "网络安全法", "数据安全法", "反间谍法"))
PAGE_FIT_SETS = ("dev_qa.jsonl", "extra_qa.jsonl", "extra_answer_qa.jsonl", "probe_qa.jsonl")
MAX_FALSE_REFUSALS = 0.05  # the operating point: answerable questions refused
SYNTHETIC_WEIGHT = 0.5  # a generated question counts half a labelled one
# The second-best quote is shown too when the quote model finds it at least half as likely to be the
# answer as the best (odds within a factor of 2): a stated rule of thumb, not a value searched on the
# reports; FIT.md gives what it does out of fold.
RUNNER_UP_ODDS = 2.0
UNSURE_SHARE = 0.15  # answerable questions (out of fold) whose answers carry the "check the source" note


def main(argv: list[str] | None = None) -> int:
    """Fit, choose the threshold, write model.json and FIT.md, print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_FILE, help="model file to write")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    kbs = _open()
    fit = _fit_questions(kbs)
    rows, labels, groups, answerable, real = _table(kbs, fit)
    documents = {g: _document(q, g) for g, (_kb, q) in enumerate(fit)}
    selector, cv = _fit(rows, labels, groups, answerable, real, documents)
    reports = {name: _report(kbs[kb], qs, selector) for name, (kb, qs) in _report_sets(kbs).items()}
    args.out.write_text(json.dumps(selector.to_dict(fit_report="FIT.md"), indent=1) + "\n", encoding="utf-8")
    report = _markdown(fit, cv, reports, selector, time.perf_counter() - start)
    args.out.with_name("FIT.md").write_text(report, encoding="utf-8")
    print(report)
    return 0


def _open() -> dict:
    from rag.embed import load_encoder
    from rag.kb import open_default
    from rag.settings import Settings

    s = Settings.from_env()
    encoder = load_encoder(s.embed_model, s.model_dir, s.embed_engine)
    opts = {"index_dir": s.index_dir, "encoder": encoder, "chunk_size": s.chunk_size,
            "chunk_overlap": s.chunk_overlap}  # fmt: skip
    kbs = {name: open_default(name=name, **opts) for name in ("default", "laws")}
    # documents of kinds nothing is fit on, built in a scratch folder: a report, a notice, a work
    # summary, an emergency plan and a press briefing (tests/fixtures/fitdocs), a regulation, an explainer,
    # a statistics bulletin, typical cases, an activity plan, a law Q&A (普法问答), a work newsletter (简报),
    # meeting minutes (会议纪要), a circular on inspection results (情况通报), a press-conference
    # transcript (新闻发布会实录), a leader's speech (讲话稿), an emergency plan (应急预案), a work
    # guideline (工作指引), an assessment's scoring rules (考核评分细则), a lesson plan (教案), a quiz bank
    # (知识竞赛题库), a survey report (调研报告), a year-end work summary (年度工作总结), an annual report
    # on government information disclosure (政府信息公开工作年度报告), a bureau's official reply to a
    # deputy's suggestion (代表建议答复, a 公文 with its issuing body, number and signer over its title), a
    # standing committee's law-enforcement inspection report (执法检查报告, wrapped at a column, its
    # speaker under the title), a production-safety accident investigation report (事故调查报告), a city's
    # audit work report on its budget (审计工作报告: sub-headings closed by 。, a table of two units), work
    # points, a commendation with its name lists, a contest notice three bodies issue together, a
    # 任前公示 with a table of persons, a 通告 two bodies issue together, a training notice with its schedule,
    # and the later kinds named with their sets in _report_sets (a judgment, a tender, a local standard, a
    # recruitment notice, a service contract, a research report on small firms)
    scratch = Path(tempfile.mkdtemp())
    built = {"fitdocs": sorted(FIT_DOCS.glob("*.txt")), "report": [FIXTURES / "report_unseen.txt"],
             "notice": [FIXTURES / "notice_unseen.txt"],
             "regulation": [FIXTURES / "regulation_unseen.txt"],
             "explainer": [FIXTURES / "explainer_unseen.txt"],
             "bulletin": [FIXTURES / "bulletin_unseen.txt"],
             "cases": [FIXTURES / "cases_unseen.txt"],
             "plan": [FIXTURES / "plan_unseen.txt"],
             "faq": [FIXTURES / "faq_unseen.txt"],
             "newsletter": [FIXTURES / "newsletter_unseen.txt"],
             "minutes": [FIXTURES / "minutes_unseen.txt"],
             "circular": [FIXTURES / "circular_unseen.txt"],
             "presser": [FIXTURES / "presser_unseen.txt"],
             "speech": [FIXTURES / "speech_unseen.txt"],
             "emergency": [FIXTURES / "emergency_unseen.txt"],
             "guide": [FIXTURES / "guide_unseen.txt"],
             "scoring": [FIXTURES / "scoring_unseen.txt"],
             "lesson": [FIXTURES / "lesson_unseen.txt"],
             "quiz": [FIXTURES / "quiz_unseen.txt"],
             "survey": [FIXTURES / "survey_unseen.txt"],
             "yearend": [FIXTURES / "yearend_unseen.txt"],
             "disclosure": [FIXTURES / "disclosure_unseen.txt"],
             "reply": [FIXTURES / "reply_unseen.txt"],
             "inspection": [FIXTURES / "inspection_unseen.txt"],
             "accident": [FIXTURES / "accident_unseen.txt"],
             "audit": [FIXTURES / "audit_unseen.txt"],
             "workpoints": [FIXTURES / "workpoints_unseen.txt"],
             "commendation": [FIXTURES / "commendation_unseen.txt"],
             "contest": [FIXTURES / "contest_unseen.txt"],
             "pubnotice": [FIXTURES / "pubnotice_unseen.txt"],
             "zonenotice": [FIXTURES / "zonenotice_unseen.txt"],
             "training": [FIXTURES / "training_unseen.txt"],
             "pledge": [FIXTURES / "pledge_unseen.txt"],
             "accountability": [FIXTURES / "accountability_unseen.txt"],
             "appeal": [FIXTURES / "appeal_unseen.txt"],
             "duties": [FIXTURES / "duties_unseen.txt"],
             "penalty": [FIXTURES / "penalty_unseen.txt"],
             "outline": [FIXTURES / "outline_unseen.txt"],
             "briefing": [FIXTURES / "briefing_unseen.txt"],
             "reconsideration": [FIXTURES / "reconsideration_unseen.txt"],
             "judgment": [FIXTURES / "judgment_unseen.txt"],
             "tender": [FIXTURES / "tender_unseen.txt"],
             "standard": [FIXTURES / "standard_unseen.txt"],
             "recruit": [FIXTURES / "recruit_unseen.txt"],
             "contract": [FIXTURES / "contract_unseen.txt"],
             "smesurvey": [FIXTURES / "smesurvey_unseen.txt"],
             "charter": [FIXTURES / "charter_unseen.txt"],
             "budget": [FIXTURES / "budget_unseen.txt"]}  # fmt: skip
    for name, files in built.items():
        kbs[name] = open_default(name=name, **{**opts, "index_dir": scratch})
        if not kbs[name].sources():
            kbs[name].add(files)
    for kb in kbs.values():
        kb.warm_answers()  # every candidate quote embedded once: the fit reads them many times
    return kbs


def _fit_questions(kbs: dict) -> list[tuple[str, dict]]:
    page = [("default", q) for name in PAGE_FIT_SETS for q in load_qa(FIXTURES / name)]
    laws = [("laws", q) for q in load_qa(FIXTURES / "laws_dev_qa.jsonl") if _in_fit(q)]
    # fit_qa.jsonl: written for fitting, on the page and the four fit laws only
    laws += [("default" if "authors" in q else "laws", q) for q in load_qa(FIXTURES / "fit_qa.jsonl")]
    # laws_fit2_qa.jsonl: written blind (from the four fit laws' text only, without the code) the way
    # staff and citizens ask: everyday paraphrases, English, enumerations, details the laws do not give
    laws += [("laws", q) for q in load_qa(FIXTURES / "laws_fit2_qa.jsonl")]
    units = [u for u in kbs["default"].units()] + [u for u in kbs["laws"].units() if u.title in FIT_LAWS]
    synth = [("default" if "authors" in q else "laws", q) for q in synth_questions(units)]
    return page + laws + synth


def _document(q: dict, g: int) -> str:
    """The document a question is about, for folds that hold whole documents out: the page, or its
    (first) law; an unanswerable question goes to one of five buckets by its position."""
    if "authors" in q and not q.get("law"):
        return "page" if q["authors"] else f"none{g % 5}"
    laws = q.get("law") or []
    laws = [laws] if isinstance(laws, str) else laws
    return laws[0] if laws else f"none{g % 5}"


def _in_fit(q: dict) -> bool:
    laws = q.get("law") or []
    laws = [laws] if isinstance(laws, str) else laws
    return all(x in FIT_LAWS for x in laws)  # unanswerable ones ("" law) are fit questions


def _report_sets(kbs: dict) -> dict[str, tuple[str, list[dict]]]:
    dev = load_qa(FIXTURES / "laws_dev_qa.jsonl")
    held = load_qa(FIXTURES / "laws_heldout_qa.jsonl")
    return {
        "laws dev, laws fit on": ("laws", [q for q in dev if _in_fit(q) and q.get("law")]),
        "laws dev, other laws (cross-document)": ("laws", [q for q in dev if not _in_fit(q)]),
        "page dev + fixtures (fit)": ("default", [q for n in PAGE_FIT_SETS for q in load_qa(FIXTURES / n)]),
        "page held-out": ("default", load_qa(FIXTURES / "page_heldout_qa.jsonl")),
        "laws held-out, laws fit on": ("laws", [q for q in held if _in_fit(q) and q.get("law")]),
        "laws held-out, other laws (cross-document)": ("laws", [q for q in held if not _in_fit(q)]),
        "laws held-out, unanswerable": ("laws", [q for q in held if not q.get("law")]),
        "laws held-out, all": ("laws", held),
        # written blind from the four other laws' text, after the model's design was fixed
        "laws fresh, other laws (blind)": ("laws", load_qa(FIXTURES / "laws_fresh_qa.jsonl")),
        # written blind from the page's and the eight laws' text by a session that saw no code and no
        # earlier question (2026-12-01), measured once before any change was made for them
        "page blind 2": ("default", load_qa(FIXTURES / "page_blind2_qa.jsonl")),
        "laws blind 2, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind2_qa.jsonl")),
        # a third, written the same way the same day, mostly one thing per question; kept for validating
        # the next change: only these aggregate rows have been read, not which questions fail
        "page blind 3": ("default", load_qa(FIXTURES / "page_blind3_qa.jsonl")),
        "laws blind 3, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind3_qa.jsonl")),
        # a fourth, written the same way on 2026-12-01 (second session) and first measured after that
        # session's changes and refit: the clean figure for them
        "page blind 4": ("default", load_qa(FIXTURES / "page_blind4_qa.jsonl")),
        "laws blind 4, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind4_qa.jsonl")),
        # a fifth, written the same way on 2026-12-02 and first measured on that day's main, before any
        # change was made for it: aggregate rows only, for validating the next change
        "page blind 5": ("default", load_qa(FIXTURES / "page_blind5_qa.jsonl")),
        "laws blind 5, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind5_qa.jsonl")),
        # a sixth, written the same way on 2026-12-02 (second session) and first measured on main before
        # any change was made for it: aggregate rows only
        "page blind 6": ("default", load_qa(FIXTURES / "page_blind6_qa.jsonl")),
        "laws blind 6, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind6_qa.jsonl")),
        # a seventh, written the same way on 2026-12-02 (third session) and first measured on that
        # session's final main before any change was made for it: aggregate rows only
        "page blind 7": ("default", load_qa(FIXTURES / "page_blind7_qa.jsonl")),
        "laws blind 7, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind7_qa.jsonl")),
        # an eighth, written the same way on 2026-12-02 (fourth session) and first measured on that
        # session's first main (3176685) before any change was made for it (page 0.96, laws 0.83); its
        # failures were then read and that session's changes made for their classes: no longer clean
        "page blind 8": ("default", load_qa(FIXTURES / "page_blind8_qa.jsonl")),
        "laws blind 8, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind8_qa.jsonl")),
        "page blind 9": ("default", load_qa(FIXTURES / "page_blind9_qa.jsonl")),
        "laws blind 9, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind9_qa.jsonl")),
        # a tenth, written the same way on 2026-12-02 (sixth session), with a government work report
        # (report_unseen.txt, written with its questions by a helper who saw no code): measured once
        # on that session's first main (c14e90f) before any change (page 0.73, laws 0.75, report 0.77),
        # then its failures read and that session's changes made for their classes
        "page blind 10": ("default", load_qa(FIXTURES / "page_blind10_qa.jsonl")),
        "laws blind 10, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind10_qa.jsonl")),
        "report (a document type never fit on)": ("report", load_qa(FIXTURES / "report_unseen_qa.jsonl")),
        # an eleventh, written the same way on 2026-12-02 (seventh session), with a government notice
        # (notice_unseen.txt): measured once on 849e244 before any change (page 22/26, laws 30/36,
        # notice 25/35 answerable), then the notice's layout read (fd81645, d405f86)
        "page blind 11": ("default", load_qa(FIXTURES / "page_blind11_qa.jsonl")),
        "laws blind 11, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind11_qa.jsonl")),
        "notice (a document type never fit on)": ("notice", load_qa(FIXTURES / "notice_unseen_qa.jsonl")),
        # three more kinds, written with their questions (near misses among the unanswerable ones) by a
        # helper who saw no code, for fitting; a refit with them lost on the laws (laws fresh 0.85 ->
        # 0.80, laws blind 10 0.83 -> 0.69), so they validate instead (seventh session)
        "summary, plan, briefing (document types never fit on)": (
            "fitdocs", [q for path in sorted(FIT_DOCS.glob("*_qa.jsonl")) for q in load_qa(path)]),
        # a twelfth, written the same way on 2026-12-03 (eighth session), with a city regulation pasted
        # as plain text (regulation_unseen.txt): measured once on 15a31ad before any change (page 23/26,
        # laws 30/35, regulation 31/35 answerable)
        "page blind 12": ("default", load_qa(FIXTURES / "page_blind12_qa.jsonl")),
        "laws blind 12, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind12_qa.jsonl")),
        "regulation (a document type never fit on)": (
            "regulation", load_qa(FIXTURES / "regulation_unseen_qa.jsonl")),
        # a thirteenth, written the same way later that session, with a policy explainer (政策解读) in
        # questions and answers (explainer_unseen.txt): measured once on 128975f before any change
        # (page 23/26, laws 28/35, explainer 32/35 answerable)
        "page blind 13": ("default", load_qa(FIXTURES / "page_blind13_qa.jsonl")),
        "laws blind 13, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind13_qa.jsonl")),
        "policy explainer (a document type never fit on)": (
            "explainer", load_qa(FIXTURES / "explainer_unseen_qa.jsonl")),
        # a fourteenth, written the same way on 2026-12-03 (ninth session), with a statistics bulletin
        # (统计公报, bulletin_unseen.txt): measured once on 12de8b3 before any change (page 24/26, laws
        # 28/35, bulletin 26/35 answerable; 1/4, 3/5, 0/5 unanswerable refused)
        "page blind 14": ("default", load_qa(FIXTURES / "page_blind14_qa.jsonl")),
        "laws blind 14, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind14_qa.jsonl")),
        "statistics bulletin (a document type never fit on)": (
            "bulletin", load_qa(FIXTURES / "bulletin_unseen_qa.jsonl")),
        # a fifteenth, written the same way later that session, with a website's typical cases of
        # national-security offences (cases_unseen.txt): measured before any change for them, on
        # 12de8b3 and on that session's main of then, alike (page 22/26, laws 28/35, cases 22/35)
        "page blind 15": ("default", load_qa(FIXTURES / "page_blind15_qa.jsonl")),
        "laws blind 15, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind15_qa.jsonl")),
        "typical cases (a document type never fit on)": (
            "cases", load_qa(FIXTURES / "cases_unseen_qa.jsonl")),
        # a sixteenth, written the same way on 2026-12-03 (tenth session), with a district's activity
        # plan for the education day (plan_unseen.txt: items with 牵头单位 lines, a schedule table) and a
        # city's law Q&A (faq_unseen.txt: 问/答 pairs quoting laws whole): measured once before any
        # change for them, on 9e3d046 (page 21/26, laws 30/35, plan 26/35, Q&A 25/35 answerable; 3/4,
        # 4/5, 2/5, 2/5 unanswerable refused)
        "page blind 16": ("default", load_qa(FIXTURES / "page_blind16_qa.jsonl")),
        "laws blind 16, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind16_qa.jsonl")),
        "activity plan (a document type never fit on)": ("plan", load_qa(FIXTURES / "plan_unseen_qa.jsonl")),
        "law Q&A (a document type never fit on)": ("faq", load_qa(FIXTURES / "faq_unseen_qa.jsonl")),
        # a seventeenth, written the same way later that session, with a city's work newsletter (工作简报,
        # newsletter_unseen.txt: issue and compiler lines, 本期要目, 【…】 headlines, a table, 报/送/发
        # lines): measured once before any change for them, on 0fb8cb0 (page 24/26, laws 28/35,
        # newsletter 22/35 answerable; 4/4, 4/5, 0/5 unanswerable refused)
        "page blind 17": ("default", load_qa(FIXTURES / "page_blind17_qa.jsonl")),
        "laws blind 17, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind17_qa.jsonl")),
        "work newsletter (a document type never fit on)": (
            "newsletter", load_qa(FIXTURES / "newsletter_unseen_qa.jsonl")),
        # an eighteenth, written the same way on 2026-12-03 (eleventh session), with a city's meeting
        # minutes (会议纪要, minutes_unseen.txt: a number line, who chaired and attended, reports, agreed
        # items with 牵头/配合单位 and deadlines, a task table, attendance lists, 抄送): measured once before
        # any change for them, on a8b5493 (page 25/26, laws 29/35, minutes 21/35 answerable; 3/4, 3/5,
        # 1/5 unanswerable refused)
        "page blind 18": ("default", load_qa(FIXTURES / "page_blind18_qa.jsonl")),
        "laws blind 18, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind18_qa.jsonl")),
        "meeting minutes (a document type never fit on)": (
            "minutes", load_qa(FIXTURES / "minutes_unseen_qa.jsonl")),
        # a nineteenth, written the same way later that session, with a city's circular on inspection
        # results (情况通报, circular_unseen.txt: a document number, a salutation, units praised and
        # criticised, rectification items with deadlines, a score table, attachments, 抄送): measured once
        # before any change for them, on 8349106 (page 22/26, laws 28/35, circular 25/35 answerable; 4/4,
        # 3/5, 0/5 unanswerable refused)
        "page blind 19": ("default", load_qa(FIXTURES / "page_blind19_qa.jsonl")),
        "laws blind 19, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind19_qa.jsonl")),
        "inspection circular (a document type never fit on)": (
            "circular", load_qa(FIXTURES / "circular_unseen_qa.jsonl")),
        # a twentieth, written the same way on 2026-12-03 (twelfth session), with a city's press-conference
        # transcript (新闻发布会实录, presser_unseen.txt: time, place, host and four officials, a statement,
        # eight reporters' questions each answered by a named official, a hotline and reward tiers):
        # measured once before any change for them, on 6aa641d (page 25/26, laws 30/35, transcript 27/35
        # answerable; 2/4, 3/5, 1/5 unanswerable refused)
        "page blind 20": ("default", load_qa(FIXTURES / "page_blind20_qa.jsonl")),
        "laws blind 20, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind20_qa.jsonl")),
        "press-conference transcript (a document type never fit on)": (
            "presser", load_qa(FIXTURES / "presser_unseen_qa.jsonl")),
        # a twenty-first, written the same way on 2026-12-03 (thirteenth session), with a leader's speech
        # (领导讲话稿, speech_unseen.txt: title, speaker and day lines, last year's results, this year's
        # tasks by body with deadlines, slogans): measured once before any change for them, on 2e94e63
        # (page 22/26, laws 29/35, speech 27/35 answerable; 2/4, 5/5, 0/5 unanswerable refused)
        "page blind 21": ("default", load_qa(FIXTURES / "page_blind21_qa.jsonl")),
        "laws blind 21, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind21_qa.jsonl")),
        "leader's speech (a document type never fit on)": (
            "speech", load_qa(FIXTURES / "speech_unseen_qa.jsonl")),
        # a twenty-second, written the same way on 2026-12-03 (fourteenth session), with a city's emergency
        # plan (应急预案, emergency_unseen.txt: decimal-numbered parts 1 / 1.1, response levels Ⅰ–Ⅳ set
        # by bands of figures, reporting deadlines, member units' duties, terms): measured once before any
        # change for them, on e1b250e (page 24/26, laws 24/35, plan 25/35 answerable; 4/4, 3/5, 5/5
        # unanswerable refused)
        "page blind 22": ("default", load_qa(FIXTURES / "page_blind22_qa.jsonl")),
        "laws blind 22, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind22_qa.jsonl")),
        "emergency plan (a document type never fit on)": (
            "emergency", load_qa(FIXTURES / "emergency_unseen_qa.jsonl")),
        # a twenty-third, written the same way on 2026-12-03 (fifteenth session), with a work guideline
        # (工作指引, guide_unseen.txt: parts 一、/（一）/1., a step-by-step reporting procedure, a □
        # self-check list, definitions, reward bands, annexed forms): measured once before any change for
        # them, on 90c5e16 (page 22/25, laws 30/35, guideline 25/35 answerable; 5/5, 4/5, 1/5 unanswerable
        # refused)
        "page blind 23": ("default", load_qa(FIXTURES / "page_blind23_qa.jsonl")),
        "laws blind 23, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind23_qa.jsonl")),
        "work guideline (a document type never fit on)": (
            "guide", load_qa(FIXTURES / "guide_unseen_qa.jsonl")),
        # a twenty-fourth, written the same way during the fifteenth session and measured once, clean, at
        # its end on ccbb716 (page 23/25, laws 31/35 answerable; 5/5, 3/5 unanswerable refused); 90c5e16,
        # the session's start, got 61 of the 70 right, ccbb716 62
        "page blind 24": ("default", load_qa(FIXTURES / "page_blind24_qa.jsonl")),
        "laws blind 24, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind24_qa.jsonl")),
        # a twenty-fifth, written the same way on 2026-12-04 (sixteenth session), with an assessment's
        # scoring rules (考核评分细则, scoring_unseen.txt: a document number, parts 一、/（一）/1., a scoring
        # table whose cells are set apart by ｜, bonus and deduction caps, veto cases, grade bands, a
        # timeline): measured once before any change for them, on 2a64714 (page 24/25, laws 34/35,
        # scoring rules 23/35 answerable; 5/5, 3/5, 3/5 unanswerable refused)
        "page blind 25": ("default", load_qa(FIXTURES / "page_blind25_qa.jsonl")),
        "laws blind 25, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind25_qa.jsonl")),
        "scoring rules (a document type never fit on)": (
            "scoring", load_qa(FIXTURES / "scoring_unseen_qa.jsonl")),
        # a twenty-sixth, written the same way at the start of the sixteenth session and measured once,
        # clean, at its end on 9375c1c (page 19/25, laws 31/35 answerable; 5/5, 5/5 unanswerable
        # refused); 2a64714, the session's start, got the same 60 of 70
        "page blind 26": ("default", load_qa(FIXTURES / "page_blind26_qa.jsonl")),
        "laws blind 26, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind26_qa.jsonl")),
        # a twenty-seventh, written the same way during the sixteenth session, with a lesson plan for
        # the education day (教案, lesson_unseen.txt: labelled front lines, timed teaching steps, two
        # cases, a quiz, homework, attachments), and first run on 2e7ee1f, after that session's changes
        # to then (page 23/25, laws 33/35, lesson plan 20/35 answerable; 5/5, 5/5, 1/5 unanswerable
        # refused; the session's start 2a64714 got 22/25, 33/35, 20/35)
        "page blind 27": ("default", load_qa(FIXTURES / "page_blind27_qa.jsonl")),
        "laws blind 27, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind27_qa.jsonl")),
        "lesson plan (a document type never fit on)": (
            "lesson", load_qa(FIXTURES / "lesson_unseen_qa.jsonl")),
        # a twenty-eighth, written the same way on 2026-12-04 (seventeenth session), with a city's quiz bank
        # for the education day's contest (知识竞赛题库, quiz_unseen.txt: contest rules, 71 numbered
        # exercises under 单项选择/多项选择/判断/简答 parts, each with options, 【答案】 and 【解析】 lines, a
        # score table with a 合计 row, contacts at the end): measured once before any change for them, on
        # 0f2432b (page 23/25, laws 34/35, quiz bank 14/35 answerable; 5/5, 5/5, 0/5 unanswerable refused)
        "page blind 28": ("default", load_qa(FIXTURES / "page_blind28_qa.jsonl")),
        "laws blind 28, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind28_qa.jsonl")),
        "quiz bank (a document type never fit on)": ("quiz", load_qa(FIXTURES / "quiz_unseen_qa.jsonl")),
        # a twenty-ninth, written the same way at the start of the seventeenth session and held unread until
        # that session's code was final: measured once, clean, on 413386d (page 23/25, laws 34/35 answerable;
        # 5/5, 4/5 unanswerable refused; 0f2432b, the session's start, got the same 66 of 70)
        "page blind 29": ("default", load_qa(FIXTURES / "page_blind29_qa.jsonl")),
        "laws blind 29, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind29_qa.jsonl")),
        # a thirtieth, written the same way on 2026-12-04 (eighteenth session), with a city's survey report
        # on national-security awareness (调研报告, survey_unseen.txt: a word processor's export cut at 28
        # characters, 「— 3 —」 page numbers, five tables set by bars or spaces, findings with rankings,
        # problems, causes and numbered recommendations): measured once before any change for them, on
        # 7c87243 (page 22/25, laws 30/35, survey 18/35 answerable; 5/5, 5/5, 2/5 unanswerable refused)
        "page blind 30": ("default", load_qa(FIXTURES / "page_blind30_qa.jsonl")),
        "laws blind 30, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind30_qa.jsonl")),
        "survey report (a document type never fit on)": (
            "survey", load_qa(FIXTURES / "survey_unseen_qa.jsonl")),
        # a year-end work summary (年度工作总结, yearend_unseen.txt: three tables set by bars, tabs and
        # spaces, page numbers, parts wrapped at two widths), written the same way later that session and
        # measured once before anything was changed for it: 19/35 on 7c87243, 25/35 on 29c627f with the
        # mixed-table change then in progress (0/5 unanswerable refused on both); its failures were then read
        "year-end work summary (a document type never fit on)": (
            "yearend", load_qa(FIXTURES / "yearend_unseen_qa.jsonl")),
        # a thirty-first, written the same way at the start of the eighteenth session and held unread until
        # that session's code was final: measured once, clean, on c499588 (page 23/25, laws 33/35
        # answerable; 4/5, 4/5 unanswerable refused; 7c87243, the session's start, got the same 56 of 60)
        "page blind 31": ("default", load_qa(FIXTURES / "page_blind31_qa.jsonl")),
        "laws blind 31, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind31_qa.jsonl")),
        # a thirty-second, written the same way on 2026-12-04 (nineteenth session), with a bureau's annual
        # report on government information disclosure (disclosure_unseen.txt: the national template's
        # tables set by tabs, two-line headers, 「— 2 —」 page numbers, signed 2026 for 2025): measured once
        # before any change for them, on 510b7b9 (page 24/25, laws 32/35, disclosure 23/35 answerable;
        # 2/5, 5/5, 1/5 unanswerable refused); their failures were then read
        "page blind 32": ("default", load_qa(FIXTURES / "page_blind32_qa.jsonl")),
        "laws blind 32, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind32_qa.jsonl")),
        "disclosure report (a document type never fit on)": (
            "disclosure", load_qa(FIXTURES / "disclosure_unseen_qa.jsonl")),
        # a thirty-third, written the same way at the start of the nineteenth session and held unread until
        # that session's code was final: measured once, clean, on c68c1df (page 24/25, laws 30/35
        # answerable; 5/5, 4/5 unanswerable refused; 510b7b9, the session's start, got the same 63 of 70)
        "page blind 33": ("default", load_qa(FIXTURES / "page_blind33_qa.jsonl")),
        "laws blind 33, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind33_qa.jsonl")),
        # a thirty-fourth, written the same way at the start of the twentieth session, with a bureau's
        # reply to a people's congress deputy's suggestion (reply_unseen.txt: the 公文 header, a two-line
        # title, a table with a 合计 row, figures compared with 2024): measured once before any change for
        # them, on 64061ad (page 24/25, laws 30/35, reply 24/35 answerable; 3/5, 5/5, 2/5 unanswerable
        # refused); their failures were then read
        "page blind 34": ("default", load_qa(FIXTURES / "page_blind34_qa.jsonl")),
        "laws blind 34, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind34_qa.jsonl")),
        "official reply (a document type never fit on)": (
            "reply", load_qa(FIXTURES / "reply_unseen_qa.jsonl")),
        # a thirty-fifth, written the same way at the start of the twentieth session and held unread until
        # that session's code was final: measured once, clean, on 4b41188 (page 24/25, laws 31/35
        # answerable; 4/5, 4/5 unanswerable refused; 64061ad, the session's start: 24/25, 31/35; 3/5, 4/5)
        "page blind 35": ("default", load_qa(FIXTURES / "page_blind35_qa.jsonl")),
        "laws blind 35, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind35_qa.jsonl")),
        # a thirty-sixth, written the same way at the start of the twenty-first session, with a standing
        # committee's law-enforcement inspection report (inspection_unseen.txt: a two-line title, its
        # occasion and speaker under it, text wrapped at a column, 「— 3 —」 page numbers, a district
        # table with a 合计 row, articles of the law named): measured once before any change for them, on
        # bbfad69 (page 24/25, laws 32/35, inspection 27/35 answerable; 4/5, 4/5, 2/5 unanswerable
        # refused); their failures were then read
        "page blind 36": ("default", load_qa(FIXTURES / "page_blind36_qa.jsonl")),
        "laws blind 36, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind36_qa.jsonl")),
        "inspection report (a document type never fit on)": (
            "inspection", load_qa(FIXTURES / "inspection_unseen_qa.jsonl")),
        # a thirty-seventh, written the same way at the start of the twenty-first session and held unread
        # until that session's code was final: measured once, clean, on 929277d (page 23/25, laws 33/35
        # answerable; 5/5, 5/5 unanswerable refused; bbfad69, the session's start, the same 66 of 70)
        "page blind 37": ("default", load_qa(FIXTURES / "page_blind37_qa.jsonl")),
        "laws blind 37, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind37_qa.jsonl")),
        # a thirty-eighth, written the same way at the start of the twenty-second session, with a city's
        # production-safety accident investigation report (accident_unseen.txt: a 文号 line, a two-line
        # title, a timeline by the minute, two tables, named persons and the measures proposed for them):
        # measured once before any change for them, on dea631d (page 23/25, laws 30/35, accident 19/35
        # answerable; 5/5, 3/5, 2/5 unanswerable refused); their failures were then read
        "page blind 38": ("default", load_qa(FIXTURES / "page_blind38_qa.jsonl")),
        "laws blind 38, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind38_qa.jsonl")),
        "accident report (a document type never fit on)": (
            "accident", load_qa(FIXTURES / "accident_unseen_qa.jsonl")),
        # a thirty-ninth, written the same way at the start of the twenty-second session and held unread
        # until that session's code was final: measured once, clean, on fb03d90 (page 23/25, laws 29/35
        # answerable; 5/5, 4/5 unanswerable refused; dea631d, the session's start: 23/25, 28/35; 5/5, 4/5)
        "page blind 39": ("default", load_qa(FIXTURES / "page_blind39_qa.jsonl")),
        "laws blind 39, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind39_qa.jsonl")),
        # a fortieth, written the same way at the start of the twenty-third session, with a city's audit
        # work report (audit_unseen.txt: a two-line title, the speaker under it, sub-headings closed by 。,
        # findings numbered under them, a table whose 单位 line names two units): measured once before any
        # change for them, on 82f6843 (page 22/25, laws 33/35, audit 28/35 answerable; 5/5, 4/5, 2/5
        # unanswerable refused); their failures were then read
        "page blind 40": ("default", load_qa(FIXTURES / "page_blind40_qa.jsonl")),
        "laws blind 40, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind40_qa.jsonl")),
        "audit work report (a document type never fit on)": (
            "audit", load_qa(FIXTURES / "audit_unseen_qa.jsonl")),
        # a forty-first, written the same way at the start of the twenty-third session and held unread
        # until that session's code was final: measured once, clean, on 667b737 (page 23/25, laws 34/35
        # answerable; 5/5, 4/5 unanswerable refused; 82f6843, the session's start, the same 70 answers)
        "page blind 41": ("default", load_qa(FIXTURES / "page_blind41_qa.jsonl")),
        "laws blind 41, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind41_qa.jsonl")),
        # a forty-second, written the same way at the start of the twenty-fourth session, with a new kind
        # of document: a year's work points issued with a notice (workpoints_unseen.txt: each task closed
        # by 「（牵头单位：…；责任单位：…）」, a 重点任务分工表 attached, wrapped at a column with page
        # numbers inside sentences): measured once before any change for them, on bfb8d8a (page 22/25,
        # laws 32/35, work points 23/35 answerable; 5/5, 5/5, 3/5 unanswerable refused); their failures
        # were then read
        "page blind 42": ("default", load_qa(FIXTURES / "page_blind42_qa.jsonl")),
        "laws blind 42, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind42_qa.jsonl")),
        "work points (a document type never fit on)": (
            "workpoints", load_qa(FIXTURES / "workpoints_unseen_qa.jsonl")),
        # a forty-third, written at the same time and held unread until the session's code was final:
        # measured once, clean, on 59db924 (page 25/25, laws 30/35 answerable; 3/5, 4/5 unanswerable
        # refused; bfb8d8a, the session's start, the same 70 answers)
        "page blind 43": ("default", load_qa(FIXTURES / "page_blind43_qa.jsonl")),
        "laws blind 43, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind43_qa.jsonl")),
        # a forty-fourth, written the same way at the start of the twenty-fifth session, with a new kind
        # of document: a commendation decision with its name lists (commendation_unseen.txt: two bodies
        # signing on one line, 附件1 listing units a line each and 附件2 persons a line each (「柳林
        # …大队长」), grouped under 「岚东区」「市直单位」, wrapped at a column with page numbers): measured
        # once before any change for them, on 72346e1 (page 24/25, laws 29/35, commendation 23/35
        # answerable; 4/5, 5/5, 0/5 unanswerable refused); their failures were then read
        "page blind 44": ("default", load_qa(FIXTURES / "page_blind44_qa.jsonl")),
        "laws blind 44, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind44_qa.jsonl")),
        "commendation (a document type never fit on)": (
            "commendation", load_qa(FIXTURES / "commendation_unseen_qa.jsonl")),
        # a forty-fifth, written at the same time and held unread until the session's code was final:
        # measured once, clean, on 3a6a716 (page 21/25, laws 33/35 answerable; 5/5, 5/5 unanswerable
        # refused; 7709925, the session's start, the same 70 answers)
        "page blind 45": ("default", load_qa(FIXTURES / "page_blind45_qa.jsonl")),
        "laws blind 45, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind45_qa.jsonl")),
        # a forty-sixth, written the same way at the start of the twenty-sixth session, with a new kind
        # of document: a contest notice three bodies issue together (contest_unseen.txt: their names a
        # line each over 「文件」, some spaced out; a scoring table with a column describing each row;
        # contacts ending in phone numbers; the joint sign-off set in columns): measured once before any
        # change for them, on 23ab517 (page 23/25, laws 31/35, contest 25/35 answerable; 4/5, 3/5, 1/5
        # unanswerable refused); their failures were then read
        "page blind 46": ("default", load_qa(FIXTURES / "page_blind46_qa.jsonl")),
        "laws blind 46, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind46_qa.jsonl")),
        "contest notice (a document type never fit on)": (
            "contest", load_qa(FIXTURES / "contest_unseen_qa.jsonl")),
        # a 任前公示 listing its persons in a table laid out with spaces, long cells wrapped onto lines of
        # their own (pubnotice_unseen.txt), written the same way during the session: measured once before
        # any change for it, on 23ab517 (21/35 answerable, 1/5 unanswerable refused); then read
        "pre-appointment notice (a document type never fit on)": (
            "pubnotice", load_qa(FIXTURES / "pubnotice_unseen_qa.jsonl")),
        # a forty-seventh, written at the start and held unread until the session's code was final:
        # measured once, clean, on 6e08322 (page 25/25, laws 31/35 answerable; 5/5, 5/5 unanswerable
        # refused; 23ab517, the session's start, got the same questions right)
        "page blind 47": ("default", load_qa(FIXTURES / "page_blind47_qa.jsonl")),
        "laws blind 47, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind47_qa.jsonl")),
        # a forty-eighth, written at the start of the twenty-seventh session with two new kinds of
        # document: a 通告 two bodies issue together (zonenotice_unseen.txt: their names over 「通    告」,
        # its number 〔2026〕第3号, lists whose last item closes with 。, a phone set in fours) and a
        # training notice (training_unseen.txt: a schedule table with a centred header, spaced names,
        # wrapped cells and a day printed once for its rows; a 回执 form): measured once before any change
        # for them, on bec80a2 (page 24/25, laws 33/35, 通告 18/35, training 24/35 answerable; 5/5, 4/5,
        # 5/5, 1/5 unanswerable refused); their failures were then read
        "page blind 48": ("default", load_qa(FIXTURES / "page_blind48_qa.jsonl")),
        "laws blind 48, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind48_qa.jsonl")),
        "restricted-zone notice (a document type never fit on)": (
            "zonenotice", load_qa(FIXTURES / "zonenotice_unseen_qa.jsonl")),
        "training notice (a document type never fit on)": (
            "training", load_qa(FIXTURES / "training_unseen_qa.jsonl")),
        # a forty-ninth, written at the start and held unread until the session's code was final:
        # measured once, clean, on 01fe3a1 (page 23/25, laws 32/35 answerable; 4/5, 3/5 unanswerable
        # refused; bec80a2, the session's start: page 23/25, laws 31/35)
        "page blind 49": ("default", load_qa(FIXTURES / "page_blind49_qa.jsonl")),
        "laws blind 49, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind49_qa.jsonl")),
        # a fiftieth, written at the start of the twenty-eighth session with two new kinds of document:
        # a target responsibility agreement (pledge_unseen.txt: 甲方 and 乙方, a scoring table, a numbered
        # point announcing the lines under it, 「1.…；」) and a circular reporting accountability cases
        # (accountability_unseen.txt: officials, their posts and sanctions): measured once before any
        # change for them, on 2d31969 (page 24/25, laws 33/35, agreement 25/35, circular 30/35
        # answerable; 5/5, 5/5, 0/5, 1/5 unanswerable refused); their failures were then read
        "page blind 50": ("default", load_qa(FIXTURES / "page_blind50_qa.jsonl")),
        "laws blind 50, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind50_qa.jsonl")),
        "responsibility agreement (a document type never fit on)": (
            "pledge", load_qa(FIXTURES / "pledge_unseen_qa.jsonl")),
        "accountability circular (a document type never fit on)": (
            "accountability", load_qa(FIXTURES / "accountability_unseen_qa.jsonl")),
        # two more kinds written in the same session after the first changes: a 倡议书 (appeal_unseen.txt:
        # appeals numbered 一、… with heads run on into their text, an inline list of channels, three
        # bodies stacked over the last day) and a 权责清单 (duties_unseen.txt: a six-column table whose rows
        # stand apart by blank lines, every long cell wrapped): measured once on 30d2ff7 before anything
        # was changed for them (appeal 31/35, 权责清单 19/35 answerable; 2/5, 2/5 unanswerable refused;
        # the 倡议书 had crashed the loader before 30d2ff7, which no answer change was made for)
        "initiative letter (a document type never fit on)": (
            "appeal", load_qa(FIXTURES / "appeal_unseen_qa.jsonl")),
        "list of powers and responsibilities (a document type never fit on)": (
            "duties", load_qa(FIXTURES / "duties_unseen_qa.jsonl")),
        # a fifty-first, written at the start and held unread until the session's code was final:
        # measured once, clean, on 5b1b5a2 (page 24/25, laws 30/35 answerable; 5/5, 5/5 unanswerable
        # refused; 2d31969, the session's start, got the same questions right)
        "page blind 51": ("default", load_qa(FIXTURES / "page_blind51_qa.jsonl")),
        "laws blind 51, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind51_qa.jsonl")),
        # a fifty-second, written at the start of the twenty-ninth session with two new kinds of document:
        # an administrative penalty decision (penalty_unseen.txt: the party's fields, facts, the articles
        # it rests on cited in its text, fines in capitals 「捌拾万元整」, a sign-off over 「（印章）」
        # and the day in words) and a lecture outline (outline_unseen.txt: parts 一、 over （一） heads,
        # some short and some run on into long paragraphs, a counted term quoted and listed after a
        # colon): measured once
        # before any change for them, on 72c8cee (page 25/25, laws 34/35, decision 18/35, outline 28/35
        # answerable; 5/5, 4/5, 1/5, 3/5 unanswerable refused); their failures were then read
        "page blind 52": ("default", load_qa(FIXTURES / "page_blind52_qa.jsonl")),
        "laws blind 52, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind52_qa.jsonl")),
        "penalty decision (a document type never fit on)": (
            "penalty", load_qa(FIXTURES / "penalty_unseen_qa.jsonl")),
        "lecture outline (a document type never fit on)": (
            "outline", load_qa(FIXTURES / "outline_unseen_qa.jsonl")),
        # a fifty-third, written at the start and held unread until the session's code was final:
        # measured once, clean, on 7c7cbd1 (page 24/25, laws 30/35 answerable; 4/5, 5/5 unanswerable
        # refused; 72c8cee, the session's start, got the same questions right)
        "page blind 53": ("default", load_qa(FIXTURES / "page_blind53_qa.jsonl")),
        "laws blind 53, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind53_qa.jsonl")),
        # a fifty-fourth, written at the start of the thirtieth session with two new kinds of document: a
        # campaign's work briefing (briefing_unseen.txt: a masthead, a table of its districts' figures,
        # 「一是」 points, 「报：」「送：」「发：」 lines) and an administrative reconsideration decision
        # (reconsideration_unseen.txt: 申请人 and 被申请人 with their fields, a reviewed 处罚决定书 of its own
        # number, articles cited in its reasoning): measured once before any change for them, on 9ff66b0
        # (page 24/25, laws 32/35, briefing 27/35, review 23/35 answerable; 5/5, 2/5, 1/5, 2/5 unanswerable
        # refused); their failures were then read
        "page blind 54": ("default", load_qa(FIXTURES / "page_blind54_qa.jsonl")),
        "laws blind 54, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind54_qa.jsonl")),
        "work briefing with a table (a document type never fit on)": (
            "briefing", load_qa(FIXTURES / "briefing_unseen_qa.jsonl")),
        "reconsideration decision (a document type never fit on)": (
            "reconsideration", load_qa(FIXTURES / "reconsideration_unseen_qa.jsonl")),
        # a fifty-fifth, written at the start and held unread until the session's code was final:
        # measured once, clean, on bca553b (page 25/25, laws 32/35 answerable; 4/5, 4/5 unanswerable
        # refused; 9ff66b0, the session's start, got the same questions right)
        "page blind 55": ("default", load_qa(FIXTURES / "page_blind55_qa.jsonl")),
        "laws blind 55, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind55_qa.jsonl")),
        # a fifty-sixth, written the same way on 2026-12-06 (thirty-first session), with a court's criminal
        # judgment (刑事判决书, judgment_unseen.txt: a page title naming the case over the court's name, its
        # kind spaced out and its case number; parties, facts, reasoning and the judges' lines over the day
        # in words) and a tender notice (公开招标公告, tender_unseen.txt: fields, a table of lots, each
        # party's contacts under its heading): measured once before any change for them, on 8398ad4 (page
        # 25/25, laws 31/35, judgment 22/35, tender 30/35 answerable; 5/5, 5/5, 2/5, 2/5 unanswerable
        # refused); their failures were then read
        "page blind 56": ("default", load_qa(FIXTURES / "page_blind56_qa.jsonl")),
        "laws blind 56, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind56_qa.jsonl")),
        "criminal judgment (a document type never fit on)": (
            "judgment", load_qa(FIXTURES / "judgment_unseen_qa.jsonl")),
        "tender notice (a document type never fit on)": (
            "tender", load_qa(FIXTURES / "tender_unseen_qa.jsonl")),
        # a fifty-seventh, written the same way at the start of that session and held unread until its code
        # was final: measured once, clean, on 4cb1a4c (page 22/25, laws 31/35 answerable; 5/5, 4/5
        # unanswerable refused; 8398ad4, the session's start: 22/25, 30/35)
        "page blind 57": ("default", load_qa(FIXTURES / "page_blind57_qa.jsonl")),
        "laws blind 57, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind57_qa.jsonl")),
        # a fifty-eighth, written the same way on 2026-12-06 (thirty-second session), with a local standard
        # (地方标准, standard_unseen.txt: a cover of lines, 目次, 前言, terms numbered over their English
        # names, clauses 4.1.1 a line each, items a）…, tables whose cells tabs set apart, appendices) and a
        # public recruitment notice (事业单位公开招聘公告, recruit_unseen.txt: a table of posts set apart by
        # tabs, exam ratios 1:3, attachments listed over two bodies signing side by side): measured once
        # before any change for them, on af16947 (page 24/25, laws 29/35, standard 23/35, recruit 16/35
        # answerable; 4/5, 5/5, 1/5, 2/5 unanswerable refused); their failures were then read
        "page blind 58": ("default", load_qa(FIXTURES / "page_blind58_qa.jsonl")),
        "laws blind 58, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind58_qa.jsonl")),
        "local standard (a document type never fit on)": (
            "standard", load_qa(FIXTURES / "standard_unseen_qa.jsonl")),
        "recruitment notice (a document type never fit on)": (
            "recruit", load_qa(FIXTURES / "recruit_unseen_qa.jsonl")),
        # a fifty-ninth, written the same way at the start of that session and held unread until its code
        # was final: measured once, clean, on 9e97d5b (page 23/25, laws 30/35 answerable; 4/5, 5/5
        # unanswerable refused; af16947, the session's start: 23/25, 29/35)
        "page blind 59": ("default", load_qa(FIXTURES / "page_blind59_qa.jsonl")),
        "laws blind 59, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind59_qa.jsonl")),
        # a sixtieth, written the same way on 2026-12-06 (thirty-third session), with a government
        # procurement service contract (政府采购服务合同, contract_unseen.txt: its numbers, the parties'
        # lines and their fields under headings, 第N条 articles with clauses 1.1, a milestone table and a
        # price table set by tabs, both parties signing side by side, annexes after the sign-off) and a
        # county's research report on small firms' data security (调研报告, smesurvey_unseen.txt: how the
        # research was done, parts 一、/（一）/1., two tables set by tabs, cases, suggestions): measured once
        # before any change for them, on 973d081 (page 25/25, laws 30/35, contract 24/35, research report
        # 30/35 answerable; 5/5, 5/5, 1/5, 3/5 unanswerable refused); their failures were then read
        "page blind 60": ("default", load_qa(FIXTURES / "page_blind60_qa.jsonl")),
        "laws blind 60, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind60_qa.jsonl")),
        "service contract (a document type never fit on)": (
            "contract", load_qa(FIXTURES / "contract_unseen_qa.jsonl")),
        "research report on small firms (a document type never fit on)": (
            "smesurvey", load_qa(FIXTURES / "smesurvey_unseen_qa.jsonl")),
        # a sixty-first, written the same way at the start of that session and held unread until its code
        # was final: measured once, clean, on c1a8d0f (page 23/25, laws 31/35 answerable; 5/5, 4/5
        # unanswerable refused; 973d081, the session's start, the same)
        "page blind 61": ("default", load_qa(FIXTURES / "page_blind61_qa.jsonl")),
        "laws blind 61, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind61_qa.jsonl")),
        # a sixty-second, written the same way on 2026-12-06 (thirty-fourth session), with a provincial
        # association's charter (章程, charter_unseen.txt: eight chapters, sixty articles, the adoption
        # line, organs, officers' age and term limits, a dues table and the officers' roster after the
        # last article) and a city secrecy bureau's budget disclosure (部门预算说明, budget_unseen.txt:
        # tables of figures in 万元 set as text lines, totals, 三公经费, projects, goals): measured once
        # before any change for them, on af7f4d9 (page 23/25, laws 30/35, charter 23/35, budget 20/35
        # answerable; 5/5, 5/5, 4/5, 2/5 unanswerable refused); their failures were then read
        "page blind 62": ("default", load_qa(FIXTURES / "page_blind62_qa.jsonl")),
        "laws blind 62, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind62_qa.jsonl")),
        "association charter (a document type never fit on)": (
            "charter", load_qa(FIXTURES / "charter_unseen_qa.jsonl")),
        "department budget disclosure (a document type never fit on)": (
            "budget", load_qa(FIXTURES / "budget_unseen_qa.jsonl")),
        # a sixty-third, written the same way at the start of that session and held unread until its code
        # was final: measured once, clean, on 484e0e1 (page 25/25, laws 31/35 answerable; 4/5, 5/5
        # unanswerable refused)
        "page blind 63": ("default", load_qa(FIXTURES / "page_blind63_qa.jsonl")),
        "laws blind 63, all eight laws": ("laws", load_qa(FIXTURES / "laws_blind63_qa.jsonl")),
    }


def _table(kbs: dict, questions: list[tuple[str, dict]]):
    rows, labels, groups, answerable, real = [], [], [], [], {}
    for g, (kb_name, q) in enumerate(questions):
        real[g] = not q.get("synthetic")
        table = kbs[kb_name].candidates(q["q"])
        if not len(table.spans):
            continue
        rows.append(table.rows)
        labels.append([holds_answer(span.text, q, span.hit.chunk.section[-1:]) for span in table.spans])
        groups += [g] * len(table.spans)
        answerable.append((g, int(bool(q.get("answer") or q.get("evidence")))))
    return np.vstack(rows), np.concatenate(labels), np.asarray(groups), dict(answerable), real


def _fit(rows, labels, groups, answerable, real, documents):
    """Stacked fit: the quote model on candidate rows, then the answerability model on each
    question's row built from out-of-fold quote logits. Generated questions count half (they are
    many and more literal than people's); the threshold is read from the out-of-fold P of the
    labelled questions only, the ones written the way people ask. Folds hold whole documents out,
    so the threshold is set for documents the model has not seen, as users' documents are."""
    weights = np.asarray([1.0 if real[g] else SYNTHETIC_WEIGHT for g in groups])
    quote_oof = np.zeros(len(labels))
    by_doc = np.asarray([documents[g] for g in groups])
    for train, test in _folds(by_doc):
        quote_oof[test] = _logistic(rows[train], labels[train], weights=weights[train]).logits(rows[test])
    quote = _logistic(rows, labels, weights=weights)
    ids = np.unique(groups)
    qrows = np.vstack([question_features(rows[groups == g], quote_oof[groups == g]) for g in ids])
    qlabels = np.asarray([answerable[g] for g in ids], np.int64)
    qweights = np.asarray([1.0 if real[g] else SYNTHETIC_WEIGHT for g in ids])
    p_oof = np.zeros(len(ids))
    for train, test in _folds(np.asarray([documents[g] for g in ids])):
        fitted = _logistic(qrows[train], qlabels[train], QUESTION_FEATURES, qweights[train])
        p_oof[test] = 1 / (1 + np.exp(-fitted.logits(qrows[test])))
    labelled = {g: p for g, p in zip(ids, p_oof, strict=True) if real[g]}
    threshold, cv = _threshold(labelled, answerable)
    # Answers under this P say to check the source rather than sounding sure. A note on every
    # other answer would be noise nobody reads, so it goes on the least sure UNSURE_SHARE of the
    # answerable questions (out of fold), where the unanswerable ones that got through sit too.
    pos = np.sort([p for g, p in labelled.items() if answerable[g]])
    at = int(np.floor((MAX_FALSE_REFUSALS + UNSURE_SHARE) * len(pos)))
    confident = float(pos[at]) if len(pos) else threshold
    wrong = [p for g, p in labelled.items() if not answerable[g] and p >= threshold]
    cv["unsure_wrong"] = float(np.mean([p < confident for p in wrong])) if wrong else 0.0
    cv["confident"] = confident
    unsure = [threshold <= p < confident for g, p in labelled.items() if answerable[g]]
    cv["answered_unsure"] = float(np.mean(unsure))
    # how often the quote model's best candidate holds the answer on documents it was not fit on: the
    # number to compare feature changes by (the split reports below also depend on composition)
    held = [g for g in ids if real[g] and labels[groups == g].any()]
    pairs = [_top_two(labels[groups == g], quote_oof[groups == g]) for g in held]
    cv["top1"], cv["top1_n"] = float(np.mean([a for a, _, _ in pairs])), len(pairs)
    runner_up = float(np.log(RUNNER_UP_ODDS))
    cv["runner_up_share"] = float(np.mean([gap < runner_up for _, _, gap in pairs])) if pairs else 0.0
    shown = [a or (b and gap < runner_up) for a, b, gap in pairs]
    cv["top1_or_close"] = float(np.mean(shown)) if pairs else 0.0
    cv["top2"] = float(np.mean([a or b for a, b, _ in pairs])) if pairs else 0.0
    answerable_model = _logistic(qrows, qlabels, QUESTION_FEATURES, qweights)
    model = Selector(quote, answerable_model, threshold, confident, runner_up)
    return model, cv


def _top_two(labels: np.ndarray, logits: np.ndarray) -> tuple[bool, bool, float]:
    """Whether the best and the second-best candidate hold the answer, and their gap in log-odds."""
    order = np.argsort(-logits, kind="stable")
    if len(order) < 2:
        return bool(labels[order[0]]), False, float("inf")
    return bool(labels[order[0]]), bool(labels[order[1]]), float(logits[order[0]] - logits[order[1]])


def _folds(groups: np.ndarray, n: int = 5):
    from sklearn.model_selection import GroupKFold

    return GroupKFold(n_splits=n).split(groups, groups, groups)


def _logistic(x: np.ndarray, y: np.ndarray, features=FEATURES, weights: np.ndarray | None = None) -> Linear:
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000)
    fitted = model.fit((x - mean) / scale, y, sample_weight=weights)
    return Linear(tuple(features), mean, scale, fitted.coef_[0], float(fitted.intercept_[0]))


def _threshold(best: dict, answerable: dict) -> tuple[float, dict]:
    pos = np.sort([p for g, p in best.items() if answerable[g]])
    neg = np.asarray([p for g, p in best.items() if not answerable[g]])
    threshold = float(pos[int(np.floor(MAX_FALSE_REFUSALS * len(pos)))]) if len(pos) else 0.5
    cv = {
        "answerable": len(pos),
        "unanswerable": len(neg),
        "false_refusals": float(np.mean(pos < threshold)) if len(pos) else 0.0,
        "refused_unanswerable": float(np.mean(neg < threshold)) if len(neg) else 0.0,
    }
    return threshold, cv


def _report(kb, questions: list[dict], selector: Selector) -> dict:
    answers = [kb.ask(q["q"], selector=selector) for q in questions]
    m = answer_metrics(questions, answers)
    m.pop("questions")
    return m


def _markdown(fit, cv, reports, selector, seconds: float) -> str:
    kinds = {}
    for _kb, q in fit:
        key = "generated" if q.get("synthetic") else "labelled"
        kinds[key] = kinds.get(key, 0) + 1
    lines = [
        "# How the answer selector was fit",
        "",
        "Written by `scripts/fit_answerer.py` (rerun it to refit; it rewrites this file and `model.json`).",
        "",
        f"- fit questions: {kinds.get('labelled', 0)} labelled (the page's dev and fixture sets, the laws'"
        f" dev questions on {', '.join(x.removeprefix('中华人民共和国') for x in FIT_LAWS)},"
        " tests/fixtures/fit_qa.jsonl and laws_fit2_qa.jsonl, written for fitting on the same five"
        " documents) and"
        f" {kinds.get('generated', 0)} generated from those documents (rag/answer/synth.py)",
        f"- model: two stacked logistic regressions (rag/answer/model.py), {len(FEATURES)} quote features"
        f" and {len(QUESTION_FEATURES)} question features (rag/answer/features.py), classes balanced",
        f"- threshold {selector.threshold:.3f}, chosen on 5-fold out-of-fold predictions (folds hold whole"
        " documents out) of the"
        f" labelled questions for at most {MAX_FALSE_REFUSALS:.0%} of answerable ones refused: out of fold,"
        f" {cv['false_refusals']:.1%} of {cv['answerable']} answerable refused,"
        f" {cv['refused_unanswerable']:.1%} of {cv['unanswerable']} unanswerable refused",
        f"- the quote model's best candidate holds the answer for {cv['top1']:.3f} of the {cv['top1_n']}"
        " labelled questions where some candidate holds it, out of fold (folds hold whole documents out);"
        f" the best or the second-best for {cv['top2']:.3f}",
        f"- the second-best quote is shown too when its odds are within a factor of {RUNNER_UP_ODDS:g} of"
        f" the best's (log-odds gap under {np.log(RUNNER_UP_ODDS):.3f}): out of fold for"
        f" {cv['runner_up_share']:.1%} of those questions, and the answer is then quoted for"
        f" {cv['top1_or_close']:.3f} of them",
        f"- answers with P(answerable) under {cv['confident']:.3f} say to check the source (out of fold,"
        f" {cv['answered_unsure']:.1%} of the answerable questions and {cv['unsure_wrong']:.1%} of the"
        " unanswerable ones that were answered)",
        f"- took {seconds:.0f} s",
        "",
        "## Answers on each split (extractive answerer with this model)",
        "",
        "| split | answerable | unanswerable | accuracy | false refusals | unanswerable refused |"
        " first citation"
        " precision | median length |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, m in reports.items():
        refused = f"{m['refusal_accuracy']:.2f}" if m["n_unanswerable"] else "-"
        some = m["n_answerable"] > 0  # the means of an empty set would read as 1.00
        acc, cite = (f"{m['accuracy']:.2f}", f"{m['citation_precision']:.2f}") if some else ("-", "-")
        length, wrong = (f"{m['median_length']:.0f}", m["false_refusals"]) if some else ("-", "-")
        lines.append(
            f"| {name} | {m['n_answerable']} | {m['n_unanswerable']} | {acc} | {wrong} | {refused} | {cite} |"
            f" {length} |"
        )
    for name, part in (("quote model", selector.quote), ("answerability model", selector.answerable)):
        lines += ["", f"## Weights of the {name} (standardised features)", ""]
        lines += ["| feature | weight |", "|---|---|"]
        pairs = sorted(zip(part.features, part.coef, strict=True), key=lambda x: -abs(x[1]))
        lines += [f"| {f} | {w:+.3f} |" for f, w in pairs]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
