"""The answerer's quote vectors: cached by text, warmed ahead, identical to embedding on demand."""

from __future__ import annotations

import numpy as np

from rag.evidence import candidate_spans
from rag.records import Hit
from rag.span_vectors import SpanVectors


class Counting:
    """The real encoder, counting the texts it embeds."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.documents: list[str] = []

    def encode_queries(self, texts):
        return self.inner.encode_queries(texts)

    def encode_documents(self, texts):
        self.documents += list(texts)
        return self.inner.encode_documents(texts)


def test_cached_vectors_are_the_encoders_and_each_text_is_embedded_once(encoder):
    counting = Counting(encoder)
    cache = SpanVectors(counting)
    texts = ["聘请12位院士担任产业顾问", "建成4个智算中心", "聘请12位院士担任产业顾问"]
    first = cache.encode_documents(texts)
    again = cache.encode_documents(texts[::-1])
    assert counting.documents == texts[:2]  # the repeat inside the call and the second call: cached
    np.testing.assert_allclose(first, encoder.encode_documents(texts), atol=1e-5)
    np.testing.assert_array_equal(again, first[::-1])
    assert cache.encode_documents([]).shape == (0, encoder.dim)


def test_least_recently_used_quotes_are_dropped_past_the_limit(encoder):
    counting = Counting(encoder)
    cache = SpanVectors(counting, max_items=2)
    cache.encode_documents(["甲乙丙丁", "戊己庚辛"])
    cache.encode_documents(["甲乙丙丁"])  # used again: now the most recent
    cache.encode_documents(["壬癸子丑"])  # evicts 戊己庚辛
    assert len(cache) == 2
    cache.encode_documents(["甲乙丙丁", "戊己庚辛"])
    assert counting.documents == ["甲乙丙丁", "戊己庚辛", "壬癸子丑", "戊己庚辛"]


def test_warming_embeds_each_chunks_candidate_quotes_up_to_the_limit(default_kb, encoder):
    chunks = default_kb.chunks()[:3]
    quotes = {s.text for c in chunks for s in candidate_spans([Hit(chunk=c, score=0.0, rank=1)])}
    counting = Counting(encoder)
    cache = SpanVectors(counting)
    assert cache.warm(chunks, limit=5) == 5 and len(cache) == 5
    assert cache.warm(chunks) == len(quotes) - 5  # the rest; nothing twice
    assert set(counting.documents) == quotes and len(counting.documents) == len(quotes)
    assert cache.warm(chunks) == 0
    assert cache.warm(default_kb.chunks(), stop=lambda: True) == 0


def test_an_answer_asked_twice_embeds_no_quote_the_second_time(default_kb, encoder):
    question = "梁溪建成了几个智算中心？"
    counting = Counting(encoder)
    kb_quotes, default_kb._quotes = default_kb._quotes, SpanVectors(counting)
    try:
        first = default_kb.ask(question)
        embedded = len(counting.documents)
        second = default_kb.ask(question)
    finally:
        default_kb._quotes = kb_quotes
    assert embedded > 0 and len(counting.documents) == embedded
    assert first.answer == second.answer and "4个智算中心" in first.answer


def test_warming_calls_its_wait_hook_before_every_batch_and_can_be_stopped(default_kb, encoder):
    from rag.span_vectors import WARM_BATCH

    calls, chunks = [], default_kb.chunks()[:3]
    cache = SpanVectors(encoder)
    done = cache.warm(chunks, limit=2 * WARM_BATCH + 1, wait=lambda: calls.append(len(cache)))
    assert done == 2 * WARM_BATCH + 1 and calls == [0, WARM_BATCH, 2 * WARM_BATCH]
    stopped = SpanVectors(encoder)
    assert stopped.warm(chunks, stop=lambda: len(stopped) >= WARM_BATCH) == WARM_BATCH


def test_a_build_keeps_its_quotes_vectors_so_a_fresh_process_embeds_only_the_question(
    tmp_path, encoder, settings, bundled_page
):
    # A fresh knowledge base over the page (as `rag build` or the app's first start makes it), then
    # opened again as a new process would: asking embeds no quote, whatever the question.
    from rag.kb import QUOTE_VECTORS, KnowledgeBase

    opts = {"index_dir": tmp_path, "chunk_size": settings.chunk_size, "chunk_overlap": settings.chunk_overlap}
    built = KnowledgeBase.open("page", encoder=encoder, **opts)
    built.add([bundled_page])
    quotes = {s.text for c in built.chunks() for s in candidate_spans([Hit(chunk=c, score=0.0, rank=1)])}
    assert (tmp_path / "page" / QUOTE_VECTORS).is_file() and len(built._quotes) == len(quotes)
    counting = Counting(encoder)
    fresh = KnowledgeBase.open("page", encoder=counting, **opts)
    questions = ("梁溪建成了几个智算中心？", "江阴空气质量优良天数比率是多少？", "Who wrote about food?")
    assert all(fresh.ask(q).grounded for q in questions)
    assert counting.documents == []
    built.add([bundled_page])  # nothing new: nothing embedded again
    assert len(built._quotes) == len(quotes)
