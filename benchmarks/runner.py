"""Run the sections of one profile in order and write RESULTS.md / RESULTS.json after each one."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from benchmarks.config import PROFILES, SECTIONS, work_dir
from benchmarks.context import Context
from benchmarks.machine import describe_machine
from benchmarks.report import render

MODULES = {"cold_start": "coldstart"}  # section name -> module name where they differ
OUT = Path(__file__).resolve().parent


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line, run the chosen sections, write the results; 1 if a section failed."""
    args = _parser().parse_args(argv)
    if args.render_only:
        results = json.loads((args.out / "RESULTS.json").read_text(encoding="utf-8"))
        _atomic(args.out / "RESULTS.md", render(results))
        return 0
    profile = PROFILES["tiny" if args.tiny else "quick" if args.quick else "full"]
    only = [s.strip() for s in args.only.split(",") if s.strip()] if args.only else list(SECTIONS)
    unknown = sorted(set(only) - set(SECTIONS))
    if unknown:
        raise SystemExit(f"unknown section(s) {unknown}; valid: {', '.join(SECTIONS)}")
    ctx = Context(profile, work_dir(args.work))
    command = " ".join(["python -m benchmarks", *(argv or sys.argv[1:])])
    if args.merge:
        return _merge(ctx, only, args.out, command)
    results = run(ctx, only, out=args.out, command=command)
    return 1 if any("error" in s for s in results["sections"].values()) else 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__,
        epilog="example: python -m benchmarks --quick --only embedding,query",
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="small sizes: the whole run in under 3 minutes")
    mode.add_argument(
        "--tiny", action="store_true", help="smallest sizes, no app starts (for the test suite)"
    )
    p.add_argument("--only", help=f"comma-separated sections among: {', '.join(SECTIONS)}")
    p.add_argument("--out", type=Path, default=OUT, help="folder for RESULTS.md and RESULTS.json")
    p.add_argument("--work", type=Path, default=None, help="scratch folder (default benchmarks/_work)")
    p.add_argument(
        "--render-only", action="store_true", help="rewrite RESULTS.md from RESULTS.json, run nothing"
    )
    p.add_argument(
        "--merge", action="store_true",
        help="run the --only sections, replace only those in the existing RESULTS.json (the report says so)",
    )  # fmt: skip
    return p


def run(ctx: Context, sections: Sequence[str], *, out: Path, command: str) -> dict:
    """Run ``sections`` in the canonical order; results are rewritten after every section."""
    t0 = time.perf_counter()
    results = {
        "command": command,
        "profile": ctx.profile.name,
        "machine": describe_machine(),
        "sections": {},
        "durations_s": {},
    }
    for name in [s for s in SECTIONS if s in sections]:
        started = time.perf_counter()
        print(f"[benchmarks] {name} ...", file=sys.stderr, flush=True)
        results["sections"][name] = _run_section(name, ctx)
        results["durations_s"][name] = round(time.perf_counter() - started, 1)
        print(f"[benchmarks] {name} done in {results['durations_s'][name]} s", file=sys.stderr, flush=True)
        _write(results, out, t0)
    return results


def _merge(ctx: Context, sections: Sequence[str], out: Path, command: str) -> int:
    """Re-run ``sections`` and put them into the existing results in place of the old ones."""
    fresh = run(ctx, sections, out=ctx.work / "merge", command=command)
    results = json.loads((out / "RESULTS.json").read_text(encoding="utf-8"))
    results["sections"].update(fresh["sections"])
    results["durations_s"].update(fresh["durations_s"])
    results.setdefault("reruns", []).append(
        {"sections": list(fresh["sections"]), "command": command, "finished_at": fresh["finished_at"]}
    )
    _atomic(out / "RESULTS.json", json.dumps(results, ensure_ascii=False, indent=1) + "\n")
    _atomic(out / "RESULTS.md", render(results))
    return 1 if any("error" in s for s in fresh["sections"].values()) else 0


def _run_section(name: str, ctx: Context) -> dict:
    if _skipped(name, ctx):
        return {"skipped": f"not part of the {ctx.profile.name} profile"}
    module = importlib.import_module(f"benchmarks.{MODULES.get(name, name)}")
    try:
        return module.run(ctx)
    except Exception as exc:  # one broken section must not lose the others' results
        traceback.print_exc()
        return {"error": f"{type(exc).__name__}: {exc}"[:2000]}


def _skipped(name: str, ctx: Context) -> bool:
    p = ctx.profile
    return (
        (name == "cold_start" and not p.cold_repeats)
        or (name == "memory" and not p.app_memory_scales)
        or (name == "concurrency" and not p.users)
    )


def _write(results: dict, out: Path, t0: float) -> None:
    results["finished_at"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    results["total_s"] = round(time.perf_counter() - t0, 1)
    out.mkdir(parents=True, exist_ok=True)
    _atomic(out / "RESULTS.json", json.dumps(results, ensure_ascii=False, indent=1) + "\n")
    _atomic(out / "RESULTS.md", render(results))


def _atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
