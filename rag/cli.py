"""``python -m rag``: a thin command line over the library. Only wiring lives here."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from rag.cli_access import add_access_commands, audit_log, cli_user
from rag.cli_kit import add_kit_commands
from rag.errors import RagError
from rag.memory import limit_malloc_arenas
from rag.settings import Settings
from rag.text import book


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; library errors become one line on stderr and exit code 2."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    limit_malloc_arenas()  # before any worker thread exists (rag/memory.py says why)
    try:
        settings = Settings.from_env()
        return int(args.func(args, settings) or 0)
    except RagError as exc:
        print(f"错误 / error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `python -m rag ... | head` closed the pipe: not an error; silence the final flush.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m rag",
        description="Offline QA over Chinese government documents.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(metavar="COMMAND")
    _add_model(sub)
    _add_inspect(sub)
    _add_build(sub)
    _add_remove(sub)
    _add_list(sub)
    _add_search(sub)
    _add_ask(sub)
    _add_eval(sub)
    _add_retitle(sub)
    add_kit_commands(sub, _add, _kb_arg)
    add_access_commands(sub, _add)
    return p


def _add(sub, name: str, help_: str, example: str) -> argparse.ArgumentParser:
    return sub.add_parser(
        name,
        help=help_,
        description=f"{help_}\n\nexample:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


# --- model -----------------------------------------------------------------------------


def _add_model(sub) -> None:
    s = _add(sub, "model", "Build (once) and describe the embedding model.", "python -m rag model --json")
    s.add_argument("--json", action="store_true", help="print {name, path, dim, source}")
    s.set_defaults(func=_cmd_model)


def _cmd_model(args: argparse.Namespace, settings: Settings) -> int:
    from rag.embed import describe_model

    info = describe_model(settings.embed_model, settings.model_dir, settings.embed_engine)
    if args.json:
        _print_json(info)
    else:
        for key, value in info.items():
            print(f"{key}: {value}")
    return 0


# --- inspect ---------------------------------------------------------------------------


def _add_inspect(sub) -> None:
    s = _add(
        sub,
        "inspect",
        "Show what the product understood of a file: units, metadata and chunks.",
        "python -m rag inspect data/wuxi_national_security_day_2025.txt",
    )
    s.add_argument("path", help="a .txt .md .docx .pdf or .html file")
    s.add_argument("--json", action="store_true", help="print {path, units, page, chunks}")
    s.set_defaults(func=_cmd_inspect)


def _cmd_inspect(args: argparse.Namespace, settings: Settings) -> int:
    from rag.chunk import chunk_source
    from rag.loaders import load_file

    max_bytes = settings.max_upload_mb * 2**20
    source = load_file(args.path, max_bytes=max_bytes, timeout=settings.parse_timeout)
    chunks = chunk_source(source, size=settings.chunk_size, overlap=settings.chunk_overlap)
    if args.json:
        units = [u.to_dict() for u in source.units]
        _print_json(
            {
                "path": args.path,
                "source_id": source.source_id,
                "units": units,
                "page": source.page,
                "chunks": [c.to_dict() for c in chunks],
            }
        )
    else:
        print("\n".join(_inspect_lines(args.path, source, chunks)))
    return 0


def _inspect_lines(path: str, source, chunks: list) -> list[str]:
    """A readable report: one row per unit, chunk size distribution, then every chunk."""
    out = [f"{path}  source_id={source.source_id}  units={len(source.units)}  chunks={len(chunks)}"]
    out += [f"page {key}: {value}" for key, value in source.page.items()]
    out.append(f"{'#':>2}  {'kind':<8} {_pad('title', 46)} {_pad('author', 8)} paras chunks  role")
    for i, u in enumerate(source.units):
        n = sum(1 for c in chunks if c.unit_index == i)
        title = (u.title or "-") + (f" / {u.subtitle}" if u.subtitle else "")
        out.append(
            f"{i:>2}  {u.kind:<8} {_pad(title, 46)} {_pad(u.author or '-', 8)} "
            f"{len(u.paragraphs):>5} {n:>6}  {u.role or '-'}"
        )
    for i, u in enumerate(source.units):
        out += [f"{i:>2}  dates: {u.date}"] if u.date else []
        out += [f"{i:>2}  odd: {note}" for note in u.oddities]
    sizes = sorted(len(c.text) for c in chunks)
    if sizes:
        mid = sizes[len(sizes) // 2]
        out.append(f"chunk size (chars): min {sizes[0]}  median {mid}  max {sizes[-1]}")
        edges = list(range(0, sizes[-1] + 50, 50))
        for lo in edges[:-1]:
            count = sum(lo <= s < lo + 50 for s in sizes)
            out.append(f"  {lo:>4}-{lo + 49:<4} {count:>4} {'#' * count}")
    for c in chunks:
        preview = c.text.replace("\n", " ")
        preview = preview if len(preview) <= 40 else preview[:40] + "…"
        where = f"[{c.unit_index}.{c.paragraph_index}] {c.start:>5}-{c.end:<5}"
        section = f"{' · '.join(c.section)}  " if c.section else ""
        out.append(f"{where} {len(c.text):>4}  {section}{preview}")
    return out


def _pad(text: str, width: int) -> str:
    """Left-align for a terminal where Chinese characters take two columns (cut with …)."""
    import unicodedata

    cells, out = 0, ""
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if cells + w > width - 1 and len(out) < len(text) - 1:
            return out + "…" + " " * (width - cells - 1)
        out, cells = out + ch, cells + w
    return out + " " * (width - cells)



# --- knowledge bases: build, remove, list, search, eval ------------------------------------


def _kb_arg(s: argparse.ArgumentParser) -> None:
    s.add_argument("--kb", default=None, help="knowledge base name (default: RAG_KB or 'default')")


def _open_kb(settings: Settings, name: str | None, *, must_exist: bool = True):
    """Open a knowledge base (its encoder loads on first use), rebuilding it if stale; the default one is
    built from the bundled page when missing (unless ``must_exist`` is False: build does that)."""
    from rag.embed import LazyEncoder
    from rag.errors import IndexError_
    from rag.kb import KnowledgeBase, open_default
    from rag.settings import BUNDLED_KBS

    name = name or settings.kb
    if must_exist and name not in BUNDLED_KBS and not (settings.index_dir / name).is_dir():
        raise IndexError_(both("kb_unknown", name=name, names=", ".join(_kb_names(settings)) or "-"))
    # loaded when the first text is embedded: listing, removing, retitling and errors load no model
    encoder = LazyEncoder(settings.embed_model, settings.model_dir, settings.embed_engine)
    opts = {"index_dir": settings.index_dir, "encoder": encoder, "chunk_size": settings.chunk_size,
            "chunk_overlap": settings.chunk_overlap, "max_bytes": settings.max_upload_mb * 2**20,
            "parse_timeout": settings.parse_timeout, "max_docs": settings.max_docs_per_kb}
    if name in BUNDLED_KBS and must_exist:
        return open_default(name=name, **opts)
    kb = KnowledgeBase.open(name, rebuild=True, **opts)
    if must_exist and not kb.manifest:
        raise IndexError_(both("kb_unknown", name=name, names=", ".join(_kb_names(settings)) or "-"))
    return kb


def _kb_names(settings: Settings) -> list[str]:
    """The knowledge bases on disk and the bundled ones (built on first use)."""
    from rag.kb import SAFE_NAME
    from rag.settings import BUNDLED_KBS

    root = settings.index_dir
    found = {p.name for p in root.iterdir() if p.is_dir()} if root.is_dir() else set()
    return sorted({n for n in found if SAFE_NAME.match(n)} | set(BUNDLED_KBS))


def both(key: str, **kwargs: object) -> str:
    """A message in Chinese and English, for the command line (its users read either)."""
    from rag.strings import t

    return f"{t(key, 'zh', **kwargs)} / {t(key, 'en', **kwargs)}"


def _add_build(sub) -> None:
    s = _add(sub, "build", "Index files and folders into a knowledge base (only new or changed files "
             "are embedded); with no PATHS, build a bundled knowledge base (default: the page; laws: "
             "the laws).",
             "python -m rag build reports/ notes.docx --kb policy")
    s.add_argument("paths", nargs="*", help="files or folders (.txt .md .docx .pdf .html)")
    _kb_arg(s)
    s.add_argument("--json", action="store_true", help="print {added, replaced, unchanged, errors, ...}")
    s.set_defaults(func=_cmd_build)


def _cmd_build(args: argparse.Namespace, settings: Settings) -> int:
    import time

    start = time.perf_counter()
    from rag.settings import BUNDLED_KBS

    name = args.kb or settings.kb
    existed = (settings.index_dir / name).is_dir()
    if not args.paths and name not in BUNDLED_KBS and not existed:  # nothing to build it from: say so,
        from rag.errors import IndexError_  # and leave no empty knowledge base behind

        raise IndexError_(both("build_no_files", name=name, bundled=", ".join(BUNDLED_KBS)))
    kb = _open_kb(settings, args.kb, must_exist=False)
    paths = args.paths or list(BUNDLED_KBS.get(kb.name, ()))
    if paths:
        report = kb.add(paths, progress=True).to_dict()
        _audit_files(settings, kb, paths, report)
    elif kb.manifest:
        report = {"added": [], "replaced": [], "unchanged": [s.path for s in kb.sources()], "errors": []}
    else:
        report = kb.rebuild(progress=True).to_dict()
    if not existed and not kb.manifest:  # every file failed: leave no empty knowledge base behind
        import shutil

        shutil.rmtree(kb.folder, ignore_errors=True)
    # the candidate quotes' vectors too (up to rag.span_vectors.WARM_LIMIT), kept in the folder:
    # a later `rag ask` in a new process then embeds only its question (about 1.6 s against 3)
    quotes = kb.warm_answers() if kb.manifest else 0
    report.update({"kb": kb.name, "counts": kb.manifest.get("counts", {}), "quotes_embedded": quotes,
                   "seconds": round(time.perf_counter() - start, 2)})  # fmt: skip
    if args.json:
        _print_json(report)
    else:
        for key in ("added", "replaced", "unchanged"):
            for path in report[key]:
                print(f"{key:<9} {path}")
        for error in report["errors"]:
            print(f"failed    {error}", file=sys.stderr)
        counts = report["counts"]
        sizes = ", ".join(f"{counts.get(key, 0)} {key}" for key in ("sources", "units", "chunks"))
        print(f"knowledge base '{kb.name}': {sizes} ({report['seconds']} s)")
    return 1 if report["errors"] else 0


def _add_remove(sub) -> None:
    s = _add(sub, "remove", "Remove one unit (doc_id) or a whole file (source_id); a unique prefix will do.",
             "python -m rag remove 3f2a9c --kb policy")
    s.add_argument("id", help="a source_id or doc_id from `python -m rag list`, or a unique prefix")
    _kb_arg(s)
    s.set_defaults(func=_cmd_remove)


def _cmd_remove(args: argparse.Namespace, settings: Settings) -> int:
    kb = _open_kb(settings, args.kb)
    removed = kb.remove(args.id)
    audit_log(settings).record(cli_user(), "remove", kb=kb.name, documents=tuple(u.doc_id for u in removed),
                               detail=args.id)  # fmt: skip
    for unit in removed:
        print(f"removed {unit.doc_id}  {unit.kind:<8} {unit.title or '-'}  {unit.author or '-'}")
    return 0


def _audit_files(settings: Settings, kb, paths: list, report: dict) -> None:
    """Audit a build: every file given (folders walked) with the sha256 of its bytes."""
    from pathlib import Path

    from rag.access.audit import sha256_file

    found = [p for path in map(Path, paths) for p in ([path] if path.is_file() else sorted(path.rglob("*")))]
    files = tuple((str(p), sha256_file(p)) for p in found if p.is_file())
    failed = f"{len(report['errors'])} failed" if report["errors"] else None
    audit_log(settings).record(cli_user(), "upload", kb=kb.name, files=files, detail=failed)


def _add_retitle(sub) -> None:
    s = _add(sub, "retitle", "Correct a document's title (kept when the file is re-read); the id of a unit, "
             "or of a file holding one unit, or a unique prefix.",
             "python -m rag retitle 3f2a9c \"2025年政府工作报告\" --kb reports")
    s.add_argument("id", help="a doc_id or source_id from `python -m rag list`, or a unique prefix")
    s.add_argument("title", help="the corrected title")
    _kb_arg(s)
    s.set_defaults(func=_cmd_retitle)


def _cmd_retitle(args: argparse.Namespace, settings: Settings) -> int:
    unit = _open_kb(settings, args.kb).retitle(args.id, args.title)
    print(f"retitled {unit.doc_id}  {unit.title}")
    return 0


def _add_list(sub) -> None:
    s = _add(sub, "list", "List the files of a knowledge base and their units (ids, kind, title, author).",
             "python -m rag list --kb default")
    _kb_arg(s)
    s.add_argument("--json", action="store_true", help="print the sources with their units")
    s.set_defaults(func=_cmd_list)


def _cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    kb = _open_kb(settings, args.kb)
    if args.json:
        keys = ("doc_id", "kind", "title", "subtitle", "author", "role")
        _print_json([{"source_id": s.source_id, "path": s.path,
                      "units": [{k: getattr(u, k) for k in keys} for u in s.units]} for s in kb.sources()])
        return 0
    from rag.kit import LessonKit

    if kb.units():
        o = LessonKit(kb).overview()
        authors = "、".join(a["author"] + (f"（{a['role']}）" if a["role"] else "") for a in o["authors"])
        fields = "、".join(f"{k} {v}" for k, v in o["domains"].items())
        print(f"{o['units']} units · {len(o['authors'])} authors: {authors or '-'}")
        print(f"fields (units leading with each): {fields or '-'}\n")
    for s in kb.sources():
        print(f"{s.source_id}  {s.path}  ({len(s.units)} units)")
        for u in s.units:
            title = (u.title or "-") + (f" / {u.subtitle}" if u.subtitle else "")
            print(f"  {u.doc_id}  {u.kind:<8} {_pad(title, 48)} {u.author or '-'}")
    return 0


def _add_search(sub) -> None:
    s = _add(sub, "search", "Find the passages that best match a question (hybrid dense + keyword search).",
             'python -m rag search "太湖盾是什么？" -k 3 --json')
    _question_args(s, k_help="number of passages (default: RAG_TOP_K)",
                   json_help="print hits as JSON (a line per question in --batch)")  # fmt: skip
    s.set_defaults(func=_cmd_search)


def _positive_k(value: str) -> int:
    """``-k``: a whole number of 1 or more (0 or -3 used to give 5 results silently)."""
    try:
        k = int(value)
    except ValueError:
        k = 0
    if k < 1:
        raise argparse.ArgumentTypeError(both("bad_k", value=value))
    return k


def _question_args(s: argparse.ArgumentParser, *, k_help: str, json_help: str) -> None:
    """The arguments search and ask share: one question or a batch file, k, the knowledge base, JSON."""
    s.add_argument("question", nargs="?", help="the question (or use --batch)")
    s.add_argument("-k", type=_positive_k, default=None, help=k_help)
    s.add_argument("--batch", metavar="FILE", help="questions, one a line (plain, or JSON with q and id)")
    _kb_arg(s)
    s.add_argument("--domain", default=None, help="only units covering this security field (网络, cyber, …)")
    s.add_argument("--json", action="store_true", help=json_help)


def _cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    _need_question(args)
    k = args.k or settings.top_k
    batch = _read_batch(args.batch) if args.batch else None  # a bad file fails before the model loads
    kb = _open_kb(settings, args.kb)
    docs = _domain_docs(kb, args.domain)
    log, user = audit_log(settings), cli_user()
    if batch is not None:
        for n, item in enumerate(batch, 1):
            hits = kb.search(item["q"], k, docs=docs)
            _audit_search(log, user, kb, item["q"], hits)
            row = {"id": item.get("id", n), "q": item["q"], "hits": [h.to_dict() for h in hits]}
            text = json.dumps(row, ensure_ascii=False) if args.json else _hits_text(item["q"], hits)
            print(text, flush=True)
        return 0
    hits = kb.search(args.question, k, docs=docs)
    _audit_search(log, user, kb, args.question, hits)
    _print_json([h.to_dict() for h in hits]) if args.json else print(_hits_text(args.question, hits))
    return 0


def _audit_search(log, user: str, kb, question: str, hits: list) -> None:
    log.record(user, "search", kb=kb.name, question=question, chunks=tuple(h.chunk.chunk_id for h in hits))


def _domain_docs(kb, domain: str | None) -> set[str] | None:
    """The doc_ids of the units covering ``domain`` (None: no filter)."""
    if not domain:
        return None
    from rag.kit import LessonKit

    return {u.doc_id for u in LessonKit(kb).units(domain=domain, lang="en")}


def _need_question(args: argparse.Namespace) -> None:
    """search and ask without a question (or with a blank one) fail alike: one message, exit 2."""
    from rag.errors import QuestionError

    if not args.batch and not (args.question or "").strip():
        raise QuestionError(both("empty_question"))


def _read_batch(path: str) -> list[dict]:
    """The questions of a batch file (plain lines, or JSON lines with ``q``); an unreadable file is
    one clear error, read before any model loads."""
    from pathlib import Path

    from rag.errors import QuestionError

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
        raise QuestionError(both("batch_unreadable", path=path, reason=reason)) from exc
    items = []
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if line.startswith("{"):
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise QuestionError(both("batch_unreadable", path=f"{path}:{n}", reason=exc.msg)) from exc
            if not isinstance(item, dict) or not isinstance(item.get("q"), str):
                raise QuestionError(both("batch_unreadable", path=f"{path}:{n}", reason='no "q"'))
            items.append(item)
        elif line:
            items.append({"q": line})
    return items


def _hits_text(question: str, hits: list) -> str:
    out = [f"? {question}"]
    for h in hits:
        c = h.chunk
        out.append(f"{h.rank}. [{h.score:.3f}] {_source(c)}")
        out.append("   " + c.text.replace("\n", " "))
    return "\n".join(out)


def _add_eval(sub) -> None:
    s = _add(sub, "eval", "Measure retrieval (recall@1/@k, MRR, evidence hits, latency) and answers "
             "(accuracy, citation precision, refusals, length) on a QA file.",
             "python -m rag eval --qa tests/fixtures/dev_qa.jsonl -k 5")
    s.add_argument("--qa", default=None, help="JSON-lines questions (default: tests/fixtures/dev_qa.jsonl)")
    s.add_argument("-k", type=int, default=5, help="hits per question (default 5)")
    _kb_arg(s)
    s.add_argument("--json", action="store_true", help="print the numbers as JSON")
    s.set_defaults(func=_cmd_eval)


def _cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from rag.evaluate import answer_metrics, evaluate, format_answer_table, format_table, load_qa
    from rag.settings import REPO_ROOT

    questions = load_qa(args.qa or REPO_ROOT / "tests" / "fixtures" / "dev_qa.jsonl")
    kb = _open_kb(settings, args.kb)
    result = evaluate(kb.search, questions, args.k)
    result["answers"] = answer_metrics(questions, [kb.ask(q["q"], args.k) for q in questions])
    if args.json:
        _print_json(result)
    else:
        print(format_table(result))
        print()
        print(format_answer_table(result["answers"]))
    return 0


# --- ask ---------------------------------------------------------------------------------------


def _add_ask(sub) -> None:
    s = _add(sub, "ask", "Answer a question with cited sources (extractive; an LLM if RAG_LLM_* is set).",
             'python -m rag ask "梁溪的低空经济生态圈集聚了多少家头部企业？" --json')
    _question_args(s, k_help="passages shown as hits (default: RAG_TOP_K)",
                   json_help="print Answer.to_dict() (JSON lines with --batch)")  # fmt: skip
    s.set_defaults(func=_cmd_ask)


def _cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from rag.errors import QuestionError

    _need_question(args)
    k = args.k or settings.top_k
    if not args.batch:
        _answer_one(args.question, None, settings)  # a bad question fails before the model loads
    batch = _read_batch(args.batch) if args.batch else None
    kb = _open_kb(settings, args.kb)
    docs = _domain_docs(kb, args.domain)
    from rag.access.audit import answer_fields

    log, user = audit_log(settings), cli_user()
    if not args.batch:
        answer = _answer_one(args.question, kb, settings, k, docs=docs)
        log.record(user, "ask", kb=kb.name, **answer_fields(answer))
        _print_json(answer.to_dict()) if args.json else print(_answer_text(answer))
        return 0
    failed = 0
    for n, item in enumerate(batch, 1):
        try:
            answer = _answer_one(item["q"], kb, settings, k, docs=docs)
            log.record(user, "ask", kb=kb.name, **answer_fields(answer))
            row = {"id": item.get("id", n), **answer.to_dict(), "hits": [h.to_dict() for h in answer.hits]}
        except QuestionError as exc:
            failed, row = failed + 1, {"id": item.get("id", n), "question": item["q"], "error": str(exc)}
            answer = None
        text = json.dumps(row, ensure_ascii=False) if args.json else (
            _answer_text(answer) if answer else f"错误 / error: {row['error']}")
        print(text if args.json else f"? {item['q']}\n{text}\n", flush=True)
    return 2 if failed else 0


def _answer_one(raw: str, kb, settings: Settings, k: int = 5, *, docs: set[str] | None = None):
    """Clean and cut the question, answer it; the generator (if configured) writes over the extract."""
    from dataclasses import replace

    from rag.generate import generate_answer, make_backend
    from rag.question import prepare_question
    from rag.strings import t

    question, truncated = prepare_question(raw, settings.max_question_chars)
    if kb is None:
        return None
    answer = kb.ask(question, k, docs=docs)
    if truncated:
        answer = replace(answer, note=t("truncated_note", answer.lang, n=settings.max_question_chars))
    backend = make_backend(base_url=settings.llm_base_url, model=settings.llm_model,
                           api_key=settings.llm_api_key, timeout=settings.llm_timeout, path=settings.llm_path)
    if not backend or not answer.hits:  # a catalogue answer has no passages to rewrite
        return answer
    return generate_answer(question, answer.hits, backend, fallback=answer)


def _answer_text(answer) -> str:
    from rag.strings import t
    from rag.text import shown

    lang = answer.lang
    out = [answer.answer]
    if answer.note:
        out.append(f"{t('note_header', lang)}{answer.note}")
    kinds = {h.chunk.doc_id: h.chunk.kind for h in (*answer.hits, *answer.related)}
    if answer.citations:
        out += ["", t("sources_header", lang)]
        for c in answer.citations:
            out += [f"[{c.n}] {_source(c, lang, kinds.get(c.doc_id))}", f"    “{shown(c.quote)}”"]
    if answer.related:
        out += ["", t("related_header", lang)]
        for h in answer.related:
            c = h.chunk
            out += [f"- {_source(c, lang)}", "    " + c.text.replace("\n", " ")[:120] + "…"]
    return "\n".join(out)


def _source(c, lang: str = "zh", kind: str | None = None) -> str:
    """《title subtitle》 第一章 总则 · 第二条 author（role） - where a passage comes from; an untitled
    passage is named by what it is (编者按, the page's editor's note)."""
    from rag.records import KIND_NOTE
    from rag.strings import t

    kind = kind or getattr(c, "kind", None)
    untitled = t("editor_note" if kind == KIND_NOTE else "untitled", lang)
    title = " ".join(x for x in (c.title, c.subtitle) if x)
    who = "".join(x for x in (c.author, c.role and f"（{c.role}）") if x)
    return " ".join(x for x in (book(title) if title else untitled, " · ".join(c.section), who) if x)
