"""``python -m rag``: a thin command line over the library. Only wiring lives here."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from rag.errors import RagError
from rag.settings import Settings


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; library errors become one line on stderr and exit code 2."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
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

    info = describe_model(settings.embed_model, settings.model_dir)
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
        units = [{k: v for k, v in u.to_dict().items() if k != "date"} for u in source.units]
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
        out.append(f"{where} {len(c.text):>4}  {preview}")
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

