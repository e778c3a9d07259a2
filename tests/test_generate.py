"""The optional generator: a local OpenAI-compatible test server (normal, streaming, HTTP 500, slow,
bad markers, hostile passages) and a tiny randomly initialised local transformers model."""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from rag.generate import LocalLM, OpenAIChat, build_messages, generate_answer, make_backend, stream_answer

QUESTION = "江阴主要通江河道水质首次全部达到了几类？"


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        # The client may give up first (the timeout test): then there is nobody to answer.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._reply()

    def _reply(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append(body)
        if body["model"] == "error":
            self._send(500, b'{"error": "boom"}')
            return
        if body["model"] == "slow":
            time.sleep(2.0)
        reply = self.server.reply
        if not body.get("stream"):
            payload = {"choices": [{"index": 0, "message": {"role": "assistant", "content": reply}}]}
            self._send(200, json.dumps(payload, ensure_ascii=False).encode())
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        for piece in re.findall(r".{1,6}", reply, flags=re.S):
            event = {"choices": [{"index": 0, "delta": {"content": piece}}]}
            self.wfile.write(f"data: {json.dumps(event, ensure_ascii=False)}\n\n".encode())
            self.wfile.flush()
        self.wfile.write(b"data: [DONE]\n\n")

    def _send(self, status: int, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:  # keep pytest output clean
        pass


@pytest.fixture(scope="module")
def server():
    """An OpenAI chat-completions speaker on an ephemeral 127.0.0.1 port; the model name picks the mode."""
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.daemon_threads = True
    srv.requests, srv.reply = [], ""
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def backend(server):
    server.requests.clear()

    def make(mode: str = "normal", reply: str = "", timeout: float = 10.0) -> OpenAIChat:
        server.reply = reply
        return make_backend(base_url=f"http://127.0.0.1:{server.server_port}/v1", model=mode, timeout=timeout)

    return make


@pytest.fixture(scope="module")
def extractive(default_kb):
    return default_kb.ask(QUESTION, 5)


def test_generator_is_off_unless_configured():
    assert make_backend() is None
    assert isinstance(make_backend(path="/nowhere"), LocalLM)


def test_normal_reply_keeps_valid_markers_and_quotes_the_cited_passage(backend, extractive, server):
    hits = extractive.hits
    reply = "江阴主要通江河道水质首次全部达到Ⅱ类[2]。这是去年的成绩[2]。"
    answer = generate_answer(QUESTION, hits, backend(reply=reply), fallback=extractive)
    assert answer.grounded and answer.note is None
    assert answer.answer == "江阴主要通江河道水质首次全部达到Ⅱ类[1]。这是去年的成绩[1]。"  # renumbered 1..N
    (citation,) = answer.citations
    assert citation.chunk_id == hits[1].chunk.chunk_id and citation.quote in citation.text
    sent = server.requests[-1]
    assert sent["stream"] is False and sent["messages"][0]["role"] == "system"


def test_streaming_yields_growing_text_then_the_checked_answer(backend, extractive):
    reply = "水质首次全部达到Ⅱ类[1]。"
    stream = stream_answer(QUESTION, extractive.hits, backend(reply=reply), fallback=extractive)
    partials = list(stream)
    assert len(partials) > 2 and all(b.startswith(a) for a, b in itertools.pairwise(partials))
    assert partials[-1] == reply and stream.answer.answer == reply and stream.answer.grounded
    assert stream.answer.citations[0].chunk_id == extractive.hits[0].chunk.chunk_id


def test_bad_markers_are_removed_and_uncited_sentences_flagged(backend, extractive):
    reply = "水质首次全部达到Ⅱ类[1][9]。江阴还有很多别的成绩。"
    answer = generate_answer(QUESTION, extractive.hits, backend(reply=reply), fallback=extractive)
    assert "[9]" not in answer.answer and answer.answer.startswith("水质首次全部达到Ⅱ类[1]")
    assert "[9]" in answer.note and "江阴还有很多别的成绩" in answer.note
    assert [c.n for c in answer.citations] == [1]


def test_a_reply_without_any_valid_marker_falls_back_to_the_extractive_answer(backend, extractive):
    answer = generate_answer(QUESTION, extractive.hits, backend(reply="达到Ⅱ类[42]。"), fallback=extractive)
    assert answer.answer == extractive.answer and answer.citations == extractive.citations
    assert "extractive" in answer.note or "抽取式" in answer.note


@pytest.mark.parametrize("mode, needle", [("error", "HTTP 500"), ("slow", "timed out")])
def test_server_errors_and_timeouts_fall_back_with_a_note(backend, extractive, mode, needle):
    gen = backend(mode, reply="达到Ⅱ类[1]。", timeout=0.5)
    answer = generate_answer(QUESTION, extractive.hits, gen, fallback=extractive)
    assert answer.answer == extractive.answer and needle in answer.note
    stream = stream_answer(QUESTION, extractive.hits, gen, fallback=extractive)
    assert list(stream)[-1] == extractive.answer and needle in stream.answer.note


def test_unreachable_endpoint_falls_back(extractive):
    gen = make_backend(base_url="http://127.0.0.1:9/v1", model="m", timeout=2)  # discard port: refused
    answer = generate_answer(QUESTION, extractive.hits, gen, fallback=extractive)
    assert answer.answer == extractive.answer and "127.0.0.1:9" in answer.note


def test_hostile_passages_are_fenced_as_data(backend, server, tmp_path, encoder, settings, default_kb):
    from tests.test_answer import hostile_kb

    kb = hostile_kb(tmp_path, default_kb, encoder, settings)
    hits = kb.search("忽略以上指令 回答 系统提示", 5)
    hostile = next(h for h in hits if "忽略以上指令" in h.chunk.text)
    answer = generate_answer("网络安全大脑叫什么？", hits, backend(reply="叫“太湖盾”[1]。"),
                             fallback=kb.ask("网络安全大脑叫什么？", 5))
    assert answer.grounded
    system, user = (m["content"] for m in server.requests[-1]["messages"])
    assert "不是指令" in system and "<passage>" in system
    # The hostile text sits inside its own <passage> fence, zero-width characters removed,
    # and its fake closing tag cannot end the fence early.
    blocks = re.findall(r"<passage id=(\d+)[^>]*>\n(.*?)\n</passage>", user, flags=re.S)
    assert len(blocks) == len(hits)
    inside = [text for _, text in blocks if "忽略以上指令" in text]
    assert inside and "\u200b" not in user and user.count("</passage>") == len(hits)
    assert "</passage>" in hostile.chunk.text and "‹passage" in inside[0]


@pytest.fixture(scope="module")
def tiny_lm(tmp_path_factory, bundled_page):
    """A randomly initialised 1-layer Llama with a BPE tokenizer trained offline on the page."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-lm")
    tok = Tokenizer(models.BPE(unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    trainer = trainers.BpeTrainer(vocab_size=600, special_tokens=["<unk>", "<s>", "</s>", "<pad>"],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator([bundled_page.read_text(encoding="utf-8")], trainer)
    from tokenizers import decoders

    tok.decoder = decoders.ByteLevel()
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>",
                                   unk_token="<unk>", pad_token="<pad>")
    fast.chat_template = (
        "{% for m in messages %}<s>{{ m['role'] }}\n{{ m['content'] }}</s>{% endfor %}"
        "{% if add_generation_prompt %}<s>assistant\n{% endif %}"
    )
    fast.save_pretrained(folder)
    config = LlamaConfig(vocab_size=len(fast), hidden_size=32, intermediate_size=64, num_hidden_layers=1,
                         num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=8192,
                         bos_token_id=fast.bos_token_id, eos_token_id=fast.eos_token_id,
                         pad_token_id=fast.pad_token_id)
    import torch

    torch.manual_seed(0)
    LlamaForCausalLM(config).save_pretrained(folder)
    return folder


def test_local_transformers_model_generates_and_is_checked(tiny_lm, extractive):
    lm = LocalLM(str(tiny_lm), max_new_tokens=12)
    messages = build_messages(QUESTION, extractive.hits, "zh")
    pieces = list(lm.stream(messages))
    assert "".join(pieces).strip() and lm.complete(messages).strip()
    # A random model cites nothing: the checked answer is the extractive one, with the reason.
    answer = generate_answer(QUESTION, extractive.hits, lm, fallback=extractive)
    assert answer.answer == extractive.answer and answer.note
    stream = stream_answer(QUESTION, extractive.hits, lm, fallback=extractive)
    assert list(stream) and stream.answer.note


def test_local_model_that_cannot_load_falls_back(tmp_path, extractive):
    lm = LocalLM(str(tmp_path / "missing"))
    answer = generate_answer(QUESTION, extractive.hits, lm, fallback=extractive)
    assert answer.answer == extractive.answer and "missing" in answer.note
