"""Section 3: cold start - process start to first answer (CLI) and to first served page (app).

Both start from an existing index of the bundled page (the run's ``bench1x`` knowledge base), so
the figures are what a user waits for on every start, not the one-time model conversion.
"""

from __future__ import annotations

import time

from benchmarks.apphost import AppProcess, product_env, run_cli
from benchmarks.context import BENCH_KB, Context
from benchmarks.stats import summarize


def run(ctx: Context) -> dict:
    """Median and spread of CLI-to-answer and app-to-first-page (and to first /ask answer)."""
    ctx.kb  # noqa: B018 - make sure the index exists before timing starts from it
    env = product_env(ctx.index_dir, BENCH_KB)
    question = ctx.questions[0]["q"]
    cli_s, app_s, first_answer_s, errors = [], [], [], []
    command = _cli_command()
    for i in range(ctx.profile.cold_repeats):
        seconds, code, err = run_cli([command, question], env)
        if code == 0:
            cli_s.append(seconds)
        else:
            errors.append(f"cli exit {code}: {err.strip()[-200:]}")
        with AppProcess(env, ctx.work / "logs" / f"cold_app_{i}.log") as app:
            app_s.append(app.wait_ready())
            first_answer_s.append(_first_answer(app, question))
    return {
        "question": question,
        "cli_command": f"python -m rag {command} QUESTION",
        "cli_to_answer_s": summarize(cli_s, "s"),
        "app_to_first_page_s": summarize(app_s, "s"),
        "app_to_first_answer_s": summarize(first_answer_s, "s"),
        "errors": errors,
    }


def _cli_command() -> str:
    """``ask`` if the CLI has it (it should), else ``search``, so the start is still measured."""
    from rag.cli import _parser

    sub = next(a for a in _parser()._actions if a.dest == "command" or getattr(a, "choices", None))
    return "ask" if "ask" in (sub.choices or {}) else "search"


def _first_answer(app: AppProcess, question: str) -> float:
    """Seconds from process start until a gradio_client /ask call has returned an answer."""
    from gradio_client import Client

    client = Client(app.url, verbose=False)
    client.predict(question, api_name="/ask")
    return time.perf_counter() - app.started
