#!/usr/bin/env bash
# Install everything the test suite needs (Python packages in .venv, Debian's Chromium and a
# CJK font for the browser test) and run it. This is the README's test command and CI's.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qiE "wqy|noto sans cjk"; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  else
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
.venv/bin/ruff check .
# two workers (pytest-xdist), a test file each at a time: one process left a core idle while it
# waited on an app, a browser or a subprocess. RAG_TEST_WORKERS=0 runs everything in one process.
exec .venv/bin/python -m pytest -n "${RAG_TEST_WORKERS:-2}" --dist loadfile "$@"
