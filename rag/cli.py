"""``python -m rag``: a thin command line over the library. Only wiring lives here."""

from __future__ import annotations

import argparse
import json
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
