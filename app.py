"""The chat app: ``python app.py`` serves the default knowledge base on RAG_HOST:RAG_PORT (default
127.0.0.1:7860), building its index first if there is none.

Only wiring lives here. The port answers at once (rag/app_boot.py: a page that already answers
questions, and ``POST /ask``); the knowledge bases open and the Gradio interface (rag/app_ui.py)
builds on a thread, then takes the page over. Nothing here imports Gradio: that import alone
takes seconds, which is why the page does not wait for it.
"""

from __future__ import annotations

import sys

from rag.access import Gate, refuse_open_network
from rag.app_boot import FrontDoor, serve
from rag.app_examples import examples
from rag.memory import limit_malloc_arenas
from rag.settings import Settings


def main() -> int:
    """Check it is safe to serve, then serve: the front page at once, the interface when built."""
    limit_malloc_arenas()  # before the server's worker threads exist
    settings = Settings.from_env()
    gate = Gate(settings)
    refusal = refuse_open_network(settings, gate)
    if refusal:  # before any model or index loads: the fix is one command away
        print(refusal, file=sys.stderr)
        return 2
    front = FrontDoor(gate, {lang: examples(settings.kb, lang) for lang in ("zh", "en")})

    def build(front: FrontDoor) -> None:
        from rag.service import Bases

        bases = Bases(settings)  # the encoder and the default index (built here the first time)
        front.open_bases(bases)
        from rag import app_ui  # Gradio: seconds of imports, while the page already answers

        front.adopt(app_ui.build(settings, bases, gate))

    return serve(front, settings.host, settings.port, build)


if __name__ == "__main__":
    raise SystemExit(main())
