"""Optional LLM generator (off by default): an answer written by a model, checked against the passages.

Two backends: an OpenAI-compatible chat endpoint (Ollama, vLLM, llama.cpp server, hosted APIs) and a
local transformers causal LM. Passages are fenced as data in the prompt; the output's [n] markers
must point to given passages (bad ones are removed and flagged), sentences without a marker are
flagged, and on any error or timeout the extractive answer is returned with a note.
"""

from __future__ import annotations

import json
import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Protocol

from rag.answer import make_citation
from rag.errors import RagError
from rag.records import Answer, Citation, Hit
from rag.strings import PROMPT_PASSAGE, PROMPT_SYSTEM, PROMPT_USER, t
from rag.text import clean_text, split_sentences

Messages = list[dict[str, str]]
MAX_NEW_TOKENS = 400
_MARKER = re.compile(r"\s?\[(\d+)\]")
_FENCE = re.compile(r"<\s*/?\s*passage", re.I)
_REFUSAL = re.compile(r"资料中没有找到|do(es)? not say", re.I)


class GeneratorError(RagError):
    """The generator backend failed (HTTP error, timeout, bad response)."""


class Backend(Protocol):
    """A chat model: the whole reply, or the reply as text deltas."""

    def complete(self, messages: Messages) -> str: ...

    def stream(self, messages: Messages) -> Iterator[str]: ...


def make_backend(*, base_url: str = "", model: str = "", api_key: str = "", timeout: float = 60.0,
                 path: str = "") -> Backend | None:
    """The configured backend (HTTP endpoint first, then a local model folder), or None when off."""
    if base_url:
        return OpenAIChat(base_url, model, api_key=api_key, timeout=timeout)
    if path:
        return LocalLM(path)
    return None


def build_messages(question: str, hits: Sequence[Hit], lang: str) -> Messages:
    """System + user messages: numbered passages fenced as data, then the question."""
    passages = "\n".join(
        PROMPT_PASSAGE.format(n=i, title=_attr(_title(h)), author=_attr(h.chunk.author or ""),
                              role=_attr(h.chunk.role or ""), text=_fenced(h.chunk.text))
        for i, h in enumerate(hits, 1)
    )
    user = PROMPT_USER.get(lang, PROMPT_USER["zh"]).format(passages=passages, question=_fenced(question))
    return [{"role": "system", "content": PROMPT_SYSTEM.get(lang, PROMPT_SYSTEM["zh"])},
            {"role": "user", "content": user}]


def generate_answer(question: str, hits: Sequence[Hit], backend: Backend, *, fallback: Answer) -> Answer:
    """The model's checked answer, or ``fallback`` (the extractive answer) with a note on failure."""
    try:
        text = backend.complete(build_messages(question, hits, fallback.lang))
    except GeneratorError as exc:
        return _fallen_back(fallback, "generator_failed", reason=str(exc))
    return check_output(text, hits, fallback=fallback)


def stream_answer(question: str, hits: Sequence[Hit], backend: Backend, *, fallback: Answer) -> AnswerStream:
    """Iterate for the growing answer text; ``.answer`` holds the checked Answer afterwards."""
    return AnswerStream(question, hits, backend, fallback)


class AnswerStream:
    """Yields the partial answer text as the backend streams it; then ``answer`` is set."""

    def __init__(self, question: str, hits: Sequence[Hit], backend: Backend, fallback: Answer) -> None:
        self._args = (question, tuple(hits), backend)
        self._fallback = fallback
        self.answer: Answer | None = None

    def __iter__(self) -> Iterator[str]:
        question, hits, backend = self._args
        text = ""
        try:
            for delta in backend.stream(build_messages(question, hits, self._fallback.lang)):
                text += delta
                yield text
        except GeneratorError as exc:
            self.answer = _fallen_back(self._fallback, "generator_failed", reason=str(exc))
            yield self.answer.answer
            return
        self.answer = check_output(text, hits, fallback=self._fallback)
        if self.answer.answer != text:
            yield self.answer.answer  # markers renumbered or removed, or fell back


def check_output(text: str, hits: Sequence[Hit], *, fallback: Answer) -> Answer:
    """Keep markers that point to given passages (renumbered 1..N), flag the rest and uncited sentences."""
    text = clean_text(text).strip()
    lang = fallback.lang
    bad = sorted({int(m.group(1)) for m in _MARKER.finditer(text) if not 1 <= int(m.group(1)) <= len(hits)})
    numbers: dict[int, int] = {}
    citations: list[Citation] = []

    def renumber(m: re.Match[str]) -> str:
        given = int(m.group(1))
        if not 1 <= given <= len(hits):
            return ""
        if given not in numbers:
            numbers[given] = len(numbers) + 1
            claim = _sentence_around(text, m.start())
            chunk = hits[given - 1].chunk
            citations.append(make_citation(numbers[given], chunk, _best_quote(chunk.text, claim)))
        return f"[{numbers[given]}]"

    answer = _MARKER.sub(renumber, text).strip()
    if not citations:
        if _REFUSAL.search(answer):
            return replace(fallback, answer=answer, grounded=False, citations=(), related=fallback.hits[:3])
        return _fallen_back(fallback, "generator_no_citation")
    notes = [t("generator_bad_markers", lang, markers=", ".join(f"[{n}]" for n in bad))] if bad else []
    uncited = [s for s in split_sentences(answer) if not _MARKER.search(s) and len(s.strip("。.！!？? ")) > 3]
    if uncited:
        notes.append(t("generator_unsupported", lang, sentences=" / ".join(uncited)))
    note = " ".join(filter(None, [fallback.note, *notes])) or None
    return Answer(fallback.question, answer, True, tuple(citations), (), fallback.hits, lang, note,
                  provenance=fallback.provenance)


class OpenAIChat:
    """An OpenAI-compatible ``/chat/completions`` endpoint over plain urllib."""

    def __init__(self, base_url: str, model: str, *, api_key: str = "", timeout: float = 60.0) -> None:
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model, self.api_key, self.timeout = model, api_key, timeout

    def complete(self, messages: Messages) -> str:
        """The whole reply."""
        try:
            with self._post(messages, stream=False) as resp:
                body = _read_json(resp.read())
        except TimeoutError as exc:
            raise GeneratorError(f"timed out after {self.timeout:g} s") from exc
        try:
            return str(body["choices"][0]["message"]["content"] or "")
        except (KeyError, IndexError, TypeError) as exc:
            raise GeneratorError(f"unexpected response: {str(body)[:200]}") from exc

    def stream(self, messages: Messages) -> Iterator[str]:
        """Text deltas from the server-sent events of a ``stream: true`` request."""
        with self._post(messages, stream=True) as resp:
            try:
                for raw in resp:
                    line = raw.decode("utf-8", "replace").strip()
                    if not line.startswith("data:"):
                        continue
                    data = line[5:].strip()
                    if data == "[DONE]":
                        return
                    delta = (_read_json(data.encode()).get("choices") or [{}])[0].get("delta") or {}
                    if delta.get("content"):
                        yield delta["content"]
            except (TimeoutError, OSError) as exc:
                raise GeneratorError(f"stream broken: {exc}") from exc

    def _post(self, messages: Messages, *, stream: bool):
        payload = {"model": self.model, "messages": messages, "stream": stream, "temperature": 0}
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(self.url, json.dumps(payload).encode(), headers, method="POST")
        try:
            return urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            raise GeneratorError(f"HTTP {exc.code} from {self.url}") from exc
        except TimeoutError as exc:
            raise GeneratorError(f"timed out after {self.timeout:g} s") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise GeneratorError(f"cannot reach {self.url}: {getattr(exc, 'reason', exc)}") from exc


class LocalLM:
    """A local transformers causal LM folder, prompted through its chat template."""

    def __init__(self, path: str, *, max_new_tokens: int = MAX_NEW_TOKENS) -> None:
        self.path, self.max_new_tokens = path, max_new_tokens
        self._loaded: tuple | None = None
        self._lock = threading.Lock()

    def complete(self, messages: Messages) -> str:
        """The whole reply (greedy decoding)."""
        return "".join(self.stream(messages))

    def stream(self, messages: Messages) -> Iterator[str]:
        """Text pieces as ``generate`` produces them (a background thread feeds a streamer)."""
        from transformers import TextIteratorStreamer

        tokenizer, model = self._load()
        try:
            inputs = tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt",
                                                   return_dict=True)
        except Exception as exc:  # a folder without a chat template, or a broken one
            raise GeneratorError(f"chat template of {self.path}: {exc}") from exc
        streamer = TextIteratorStreamer(tokenizer, skip_prompt=True, skip_special_tokens=True)
        kwargs = dict(**inputs, streamer=streamer, max_new_tokens=self.max_new_tokens, do_sample=False,
                      pad_token_id=tokenizer.pad_token_id or tokenizer.eos_token_id)
        worker = threading.Thread(target=model.generate, kwargs=kwargs, daemon=True)
        worker.start()
        yield from streamer
        worker.join()

    def _load(self) -> tuple:
        with self._lock:
            if self._loaded is None:
                try:
                    from transformers import AutoModelForCausalLM, AutoTokenizer

                    tokenizer = AutoTokenizer.from_pretrained(self.path)
                    model = AutoModelForCausalLM.from_pretrained(self.path)
                except (OSError, ValueError) as exc:
                    raise GeneratorError(f"cannot load {self.path}: {exc}") from exc
                self._loaded = (tokenizer, model.eval())
            return self._loaded


def _fallen_back(fallback: Answer, key: str, **kwargs: object) -> Answer:
    note = " ".join(filter(None, [fallback.note, t(key, fallback.lang, **kwargs)]))
    return replace(fallback, note=note)


def _read_json(raw: bytes) -> dict:
    try:
        body = json.loads(raw)
    except ValueError as exc:
        raise GeneratorError(f"response is not JSON: {raw[:120]!r}") from exc
    if not isinstance(body, dict):
        raise GeneratorError(f"unexpected response: {raw[:120]!r}")
    return body


def _title(hit: Hit) -> str:
    return " ".join(x for x in (hit.chunk.title, hit.chunk.subtitle) if x)


def _fenced(text: str) -> str:
    # Hidden characters are dropped and a passage cannot close its own fence or open another.
    return _FENCE.sub("‹passage", clean_text(text))


def _attr(text: str) -> str:
    return _fenced(text).replace('"', "'").replace("\n", " ")


def _sentence_around(text: str, pos: int) -> str:
    start = max(text.rfind(ch, 0, pos) + len(ch) for ch in ("。", "！", "？", "!", "?", "\n", ". "))
    return _MARKER.sub("", text[start:pos]).strip()


def _best_quote(passage: str, claim: str) -> str:
    """The passage sentence sharing the most characters with ``claim`` (an exact substring)."""
    sentences = split_sentences(passage) or [passage]
    grams = {claim[i : i + 2] for i in range(len(claim) - 1)}

    def shared(s: str) -> float:
        return sum(s[i : i + 2] in grams for i in range(len(s) - 1)) / (len(s) ** 0.5 + 1)

    return max(sentences, key=shared)
