"""A build killed at any moment leaves a loadable index holding the old or the new documents.

``python -m rag build`` runs in a subprocess that adds a second file to a one-file knowledge base
and is SIGKILLed at seeded random moments: most after it started embedding (the interesting
window: embedding, writing the new version, switching to it, removing the old one), a few while
it loads. After each kill the index must open, answer, hold exactly the old or the new documents,
and have no temp folders or superseded versions left.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rag import index as ix
from rag.kb import QUOTE_VECTORS, KnowledgeBase

KILLS = 20
SEED = 20250415
OLD = "# 网络安全\n\n太湖盾是无锡市网络安全大脑，负责监测预警和应急处置。\n"
NEW = "# 粮食品牌\n\n锡山大米获得国内第二个水稻碳标签证书。\n\n甘露青鱼是区域公用品牌。\n"
REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _spawn(index_dir: Path, new_file: Path) -> subprocess.Popen:
    env = {**os.environ, "RAG_INDEX_DIR": str(index_dir)}
    cmd = [sys.executable, "-m", "rag", "build", str(new_file), "--kb", "tiny"]
    return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _start_build(index_dir: Path, new_file: Path) -> tuple[subprocess.Popen, float]:
    """Start the build; return it and the time it began embedding (or ended, if it never did)."""
    proc = _spawn(index_dir, new_file)
    seen = b""
    while proc.poll() is None and b"embedding" not in seen:
        seen += proc.stderr.read1(4096) if proc.stderr else b""
    return proc, time.monotonic()


def _kill_after(proc: subprocess.Popen, delay: float) -> bool:
    """SIGKILL ``proc`` after ``delay`` seconds; True if it was still running."""
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.002)
    alive = proc.poll() is None
    if alive:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    if proc.stderr:
        proc.stderr.close()
    return alive


def _base(tmp_path: Path, settings, encoder) -> tuple[Path, Path]:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    _open(tmp_path / "base", settings, encoder).add([old])
    return tmp_path / "base", new


def test_killed_builds_leave_the_old_or_the_new_index(tmp_path, settings, encoder):
    base, new_file = _base(tmp_path, settings, encoder)
    # Uninterrupted runs measure the window after embedding starts: the shortest of two, as the first
    # may run slower (caches cold), and kills drawn past a shorter later build land after it ended
    windows = []
    for n in range(2):
        probe = tmp_path / f"probe{n}"
        shutil.copytree(base, probe)
        proc, began = _start_build(probe, new_file)
        assert proc.wait(timeout=600) == 0, proc.stderr.read().decode() if proc.stderr else ""
        windows.append(time.monotonic() - began)
        proc.stderr.close()
    window = min(windows)

    rng = random.Random(SEED)
    outcomes = []
    for n in range(KILLS):
        index_dir = tmp_path / f"run{n}"
        shutil.copytree(base, index_dir)
        if n % 5 == 4:  # a few kills while the subprocess is still loading the model
            killed = _kill_after(_spawn(index_dir, new_file), rng.uniform(0.0, 3.0))
        else:
            proc, _ = _start_build(index_dir, new_file)
            killed = _kill_after(proc, rng.uniform(0.0, window * 0.8))
        outcomes.append(_check_survivor(index_dir, settings, encoder, killed))
    assert len(outcomes) == KILLS
    states = [state for _, state in outcomes]
    assert sum(k for k, _ in outcomes) >= KILLS // 2  # most kills must land in a running build
    print(f"\n{sum(k for k, _ in outcomes)} of {KILLS} builds killed while running; "
          f"{states.count('old')} left the old index, {states.count('new')} the new one")


def _check_survivor(index_dir: Path, settings, encoder, killed: bool) -> tuple[bool, str]:
    kb = _open(index_dir, settings, encoder)
    paths = [s.path for s in kb.sources()]
    assert paths in (["old.md"], ["old.md", "new.md"]), paths
    state = "new" if len(paths) == 2 else "old"
    assert kb.manifest["counts"]["chunks"] == len(kb.chunks()) == kb._store.vectors.ntotal
    assert "太湖盾" in kb.search("太湖盾是什么？", 1)[0].chunk.text
    if state == "new":
        assert "碳标签" in kb.search("锡山大米获得了什么证书？", 1)[0].chunk.text
    # no temp files or old versions; the quote vectors a finished build warmed may be there
    leftovers = sorted(p.name for p in kb.folder.iterdir() if p.name != QUOTE_VECTORS)
    assert leftovers == [".lock", "CURRENT", ix.live_version(kb.folder)], leftovers
    return killed, state


def _open(index_dir: Path, settings, encoder) -> KnowledgeBase:
    return KnowledgeBase.open("tiny", index_dir=index_dir, encoder=encoder, chunk_size=settings.chunk_size,
                              chunk_overlap=settings.chunk_overlap)  # fmt: skip
