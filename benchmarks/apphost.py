"""Starting and stopping the product's processes (the app, the CLI) for the benchmarks and tests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from benchmarks.stats import proc_memory_mb
from rag.settings import REPO_ROOT


def free_port() -> int:
    """An ephemeral port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class AppProcess:
    """``python app.py`` in a subprocess on a free port; a context manager that always stops it."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.env = {**env, "RAG_HOST": "127.0.0.1", "RAG_PORT": str(self.port)}
        self.log = log
        self.proc: subprocess.Popen | None = None
        self.started = 0.0

    def __enter__(self) -> AppProcess:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log, "wb")  # closed in __exit__
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, "app.py"],
            cwd=REPO_ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        return self

    def wait_ready(self, timeout: float = 300.0) -> float:
        """Seconds from process start to the first page served (HTTP 200 for GET /): the front
        page (rag/app_boot.py), which answers questions while the interface loads."""
        return self._poll(self.url, lambda r: r.status == 200, timeout)

    def wait_interface(self, timeout: float = 300.0) -> float:
        """Seconds from process start until the full Gradio interface serves (``/rag-ready``)."""
        return self._poll(self.url + "rag-ready", lambda r: json.loads(r.read())["ready"], timeout)

    def first_answer(self, question: str, timeout: float = 300.0) -> float:
        """Seconds from process start until ``POST /ask`` has returned a grounded answer."""
        body = json.dumps({"question": question}).encode()

        def answered(r) -> bool:
            return bool(json.loads(r.read()).get("answer"))

        request = urllib.request.Request(self.url + "ask", data=body, method="POST")
        return self._poll(request, answered, timeout)

    def _poll(self, request, done, timeout: float) -> float:
        deadline = self.started + timeout
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"app exited with {self.proc.returncode}; see {self.log}")
            try:
                with urllib.request.urlopen(request, timeout=timeout) as r:
                    if done(r):
                        return time.perf_counter() - self.started
            except OSError:
                pass
            time.sleep(0.1)
        raise TimeoutError(f"app not serving after {timeout:.0f} s; see {self.log}")

    def memory(self) -> dict:
        """Resident and peak resident memory of the app process."""
        return proc_memory_mb(self.proc.pid)

    def __exit__(self, *exc: object) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()


def run_cli(args: list[str], env: dict[str, str], timeout: float = 300.0) -> tuple[float, int, str]:
    """Run ``python -m rag ARGS``; (seconds to exit, exit code, stderr tail)."""
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "rag", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return time.perf_counter() - t0, done.returncode, (done.stderr or "")[-500:]


def product_env(index_dir: Path, kb: str) -> dict[str, str]:
    """The environment of a product subprocess serving knowledge base ``kb`` from ``index_dir``."""
    return {**os.environ, "RAG_INDEX_DIR": str(index_dir), "RAG_KB": kb}
