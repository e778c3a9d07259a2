"""``python -m rag``: the command-line edge."""

from __future__ import annotations

import sys

from rag.cli import main

sys.exit(main())
