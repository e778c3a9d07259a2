"""``python -m benchmarks [--quick | --tiny] [--only a,b] [--out DIR]``."""

from __future__ import annotations

import sys

from benchmarks.runner import main

if __name__ == "__main__":
    sys.exit(main())
