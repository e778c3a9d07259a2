"""The lesson-kit subcommands of ``python -m rag``: domains, quiz, figures, brief. Wiring only: the
work is rag/kit; the files are rag/kit/export.py."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_kit_commands(sub, add, kb_arg) -> None:
    """Register the subcommands with the parser's ``add`` helper and ``--kb`` argument."""
    s = add(sub, "domains", "List the security fields (总体国家安全观) each unit covers, with scores and "
            "the sentences that justify them.", "python -m rag domains --kb laws --json")
    kb_arg(s)
    s.add_argument("--json", action="store_true", help='print {"units": [{doc_id, title, author, domains}]}')
    s.set_defaults(func=_cmd_domains)

    s = add(sub, "quiz", "Make a quiz from the documents' own sentences, with an answer key and sources; "
            "every item is checked by the product's search.",
            "python -m rag quiz -n 10 --domain 金融 --docx quiz.docx")
    kb_arg(s)
    s.add_argument("-n", type=int, default=10, help="number of items (default 10)")
    _filters(s)
    s.add_argument("--types", default="choice,blank,judge", help="item types (default: choice,blank,judge)")
    s.add_argument("--seed", type=int, default=0, help="the same seed makes the same quiz (default 0)")
    _outputs(s, "--docx", "--md")
    s.set_defaults(func=_cmd_quiz)

    s = add(sub, "figures", "List every figure (percentage, money, count, date, duration) with what it "
            "measures and its verbatim source.", "python -m rag figures --csv figures.csv")
    kb_arg(s)
    _filters(s)
    _outputs(s, "--csv", "--docx", "--md")
    s.set_defaults(func=_cmd_figures)

    s = add(sub, "brief", "Make a handout of one unit (or --all): author or law, fields, key points, "
            "figures and three quiz items, all cited.", "python -m rag brief 86215f --docx brief.docx")
    s.add_argument("id", nargs="?", help="a doc_id from `python -m rag list`, or a unique prefix")
    s.add_argument("--all", action="store_true", help="every unit (with --domain: those covering it)")
    s.add_argument("--domain", default=None, help="with --all: only units covering this field")
    s.add_argument("--seed", type=int, default=0, help="seed of the quiz items (default 0)")
    kb_arg(s)
    _outputs(s, "--docx", "--md")
    s.set_defaults(func=_cmd_brief)


def _filters(s: argparse.ArgumentParser) -> None:
    s.add_argument("--domain", default=None, help="only units covering this security field (网络, cyber, …)")
    s.add_argument("--doc", action="append", default=[], metavar="ID", help="only this unit (repeatable)")


def _outputs(s: argparse.ArgumentParser, *files: str) -> None:
    s.add_argument("--json", action="store_true", help="print JSON")
    for flag in files:
        s.add_argument(flag, metavar="FILE", type=Path, help=f"write a {flag[2:]} file")


def _kit(args, settings):
    from rag.cli import _open_kb
    from rag.kit import LessonKit

    kb = _open_kb(settings, args.kb)
    return kb, LessonKit(kb)


def _cmd_domains(args, settings) -> int:
    _kb, kit = _kit(args, settings)
    rows = [{"doc_id": u.doc_id, "title": u.title, "author": u.author, "domains": [d.to_dict() for d in tags]}
            for u, tags in kit.domains()]  # fmt: skip
    if args.json:
        _print_json({"units": rows})
        return 0
    for row in rows:
        tags = "、".join(f"{d['name']} {d['score']:.2f}" for d in row["domains"]) or "-"
        print(f"{row['doc_id']}  {row['title'] or '-'}  {row['author'] or ''}\n    {tags}")
    return 0


def _cmd_quiz(args, settings) -> int:
    from rag.kit import TYPES, KitError
    from rag.kit.export import kit_source_label, quiz_markdown, write_quiz_docx, write_quiz_markdown
    from rag.strings import t

    types = [x.strip() for x in args.types.split(",") if x.strip()]
    if not types or any(x not in TYPES for x in types):
        raise KitError(f"--types: {args.types!r}; use {','.join(TYPES)}")
    if args.n < 1:
        raise KitError(t("kit_bad_n", "en"))
    kb, kit = _kit(args, settings)
    quiz = kit.quiz(args.n, types=types, seed=args.seed, domain=args.domain, docs=args.doc, lang="en")
    source = kit_source_label(kb.name, kb.provenance())  # the version a handout traces to
    _write(args, docx=lambda p: write_quiz_docx(quiz.items, p, kb=source),
           md=lambda p: write_quiz_markdown(quiz.items, p, kb=source))  # fmt: skip
    if args.json:
        _print_json(quiz.to_dict())
    elif not (args.docx or args.md):
        print(quiz_markdown(quiz.items, kb=source))
    print(f"{len(quiz.items)} items; self-check: {quiz.passed} of {quiz.checked} passed", file=sys.stderr)
    return 0 if len(quiz.items) >= args.n else 1


def _cmd_figures(args, settings) -> int:
    from rag.kit.export import (
        figures_markdown,
        kit_source_label,
        write_figures_csv,
        write_figures_docx,
        write_figures_markdown,
    )

    kb, kit = _kit(args, settings)
    figures = kit.figures(domain=args.domain, docs=args.doc, lang="en")
    source = kit_source_label(kb.name, kb.provenance())  # the version a handout traces to
    _write(args, csv=lambda p: write_figures_csv(figures, p),
           docx=lambda p: write_figures_docx(figures, p, kb=source),
           md=lambda p: write_figures_markdown(figures, p, kb=source))  # fmt: skip
    if args.json:
        _print_json({"figures": [f.to_dict() for f in figures]})
    elif not (args.csv or args.docx or args.md):
        print(figures_markdown(figures, kb=source))
    return 0


def _cmd_brief(args, settings) -> int:
    from rag.kit import KitError
    from rag.kit.export import briefs_markdown, kit_source_label, write_briefs_docx, write_briefs_markdown

    if bool(args.id) == bool(args.all):
        raise KitError("give one unit id or --all")
    kb, kit = _kit(args, settings)
    briefs = kit.briefs(domain=args.domain, seed=args.seed, lang="en") if args.all else [
        kit.brief(args.id, seed=args.seed, lang="en")]  # fmt: skip
    source = kit_source_label(kb.name, kb.provenance())  # the version a handout traces to
    _write(args, docx=lambda p: write_briefs_docx(briefs, p, kb=source),
           md=lambda p: write_briefs_markdown(briefs, p, kb=source))  # fmt: skip
    if args.json:
        _print_json({"briefs": [b.to_dict() for b in briefs]})
    elif not (args.docx or args.md):
        print(briefs_markdown(briefs, kb=source))
    return 0


def _write(args, **writers) -> None:
    for name, write in writers.items():
        path = getattr(args, name, None)
        if path is not None:
            print(f"wrote {write(path)}", file=sys.stderr)


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))
