"""jieba, started in milliseconds: its word cutter and its part-of-speech tagger with their tables
read from one packed cache file.

A fresh process (every ``rag ask``) paid 1.2 s for jieba's tables before cutting one question:
0.4 s unmarshalling the prefix dictionary (498,113 words -> frequency; jieba's own loader took
1.0 s) and 0.7 s for ``import jieba.posseg`` parsing dict.txt into a 349,045-entry word -> tag
dict. Building those dicts is the cost, whatever the file format, while a question needs a few
hundred lookups. So both tables are kept as one sorted UTF-8 byte string with parallel arrays
(``Lexicon``) that loads at once and answers by bisection; a process that goes on to cut many
texts (a build, the app) swaps in a real dict after ``PROMOTE_AFTER`` lookups. jieba's own code
does the cutting and tagging, so the words and tags are jieba's; tests/test_segment.py compares
them with stock jieba on the page, the laws and every question we have.
"""

from __future__ import annotations

import contextlib
import io
import logging
import marshal
import os
import sys
import tempfile
import threading
from array import array
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

CACHE_FILE = "rag-jieba-lexicon.marshal"
FORMAT = "rag-jieba-lexicon/1"
PROMOTE_AFTER = 50_000  # bisection lookups (~3 us each) before a real dict pays for itself
_NO_TAG = 255

_lock = threading.Lock()


class Lexicon:
    """jieba's prefix dictionary (word -> frequency, 0 for prefixes that are not words) and
    dict.txt's part-of-speech tags, as sorted UTF-8 words (byte order is code-point order) with
    their end offsets, frequencies and tag codes."""

    __slots__ = ("_ends", "_freqs", "_names", "_tags", "_words", "total")

    def __init__(self, words: bytes, ends: bytes, freqs: bytes, tags: bytes, names: list[str], total: int):
        self._words, self._tags, self._names, self.total = words, tags, tuple(names), total
        self._ends, self._freqs = memoryview(ends).cast("I"), memoryview(freqs).cast("q")

    @classmethod
    def build(cls, freq: Mapping[str, int], total: int, dictionary: Iterable[bytes]) -> Lexicon:
        """From jieba's prefix dictionary and the lines of its dictionary file (``word freq tag``;
        the last line of a word wins, as in jieba's loader). ValueError on a line of another shape."""
        tags: dict[str, str] = {}
        for line in dictionary:
            line = line.strip()
            if line:
                word, _, tag = line.decode("utf-8").split(" ")
                tags[word] = tag
        if not set(tags) <= set(freq):
            raise ValueError("a tagged word is missing from the prefix dictionary")
        names = sorted(set(tags.values()))
        if len(names) >= _NO_TAG:
            raise ValueError("too many part-of-speech tags")
        code = {name: i for i, name in enumerate(names)}
        ordered = sorted((w.encode("utf-8"), w) for w in freq)
        ends, at = array("I"), 0
        for raw, _ in ordered:
            at += len(raw)
            ends.append(at)
        return cls(
            b"".join(raw for raw, _ in ordered),
            ends.tobytes(),
            array("q", (freq[w] for _, w in ordered)).tobytes(),
            bytes(code[tags[w]] if w in tags else _NO_TAG for _, w in ordered),
            names,
            total,
        )

    def dump(self) -> tuple:
        ends, freqs = self._ends.tobytes(), self._freqs.tobytes()
        return (self._words, ends, freqs, self._tags, list(self._names), self.total)

    def find(self, word: str) -> int:
        """The row of ``word``, or -1."""
        key, ends, lo, hi = word.encode("utf-8"), self._ends, 0, len(self._ends)
        while lo < hi:
            mid = (lo + hi) // 2
            found = self._words[ends[mid - 1] if mid else 0 : ends[mid]]
            if found < key:
                lo = mid + 1
            elif found > key:
                hi = mid
            else:
                return mid
        return -1

    def freq(self, row: int) -> int:
        return self._freqs[row]

    def tag(self, row: int) -> str | None:
        code = self._tags[row]
        return None if code == _NO_TAG else self._names[code]

    def freq_dict(self) -> dict[str, int]:
        words, ends = self._words, self._ends
        starts = [0, *ends[:-1]]
        return {words[a:b].decode("utf-8"): f for a, b, f in zip(starts, ends, self._freqs, strict=True)}

    def tag_dict(self) -> dict[str, str]:
        words, ends, names = self._words, self._ends, self._names
        starts = [0, *ends[:-1]]
        return {
            words[a:b].decode("utf-8"): names[c]
            for a, b, c in zip(starts, ends, self._tags, strict=True)
            if c != _NO_TAG
        }


class _Promoting:
    """A lookup table over a Lexicon column that hands its owner a real dict once it has been
    asked ``PROMOTE_AFTER`` times (or written to). jieba reads ``tokenizer.FREQ`` and the
    tagger's ``word_tag_tab`` afresh on every cut, so the swap takes effect at the next lookup."""

    def __init__(self, lexicon: Lexicon, owner: object, attribute: str) -> None:
        self._lexicon, self._owner, self._attribute, self._asked = lexicon, owner, attribute, 0

    def _value(self, row: int):
        raise NotImplementedError

    def _dict(self) -> dict:
        raise NotImplementedError

    def _promote(self) -> dict:
        table = self._dict()
        setattr(self._owner, self._attribute, table)
        return table

    def get(self, word: str, default=None):
        self._asked += 1
        if self._asked > PROMOTE_AFTER:
            return self._promote().get(word, default)
        row = self._lexicon.find(word)
        value = self._value(row) if row >= 0 else None
        return default if value is None else value

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __getitem__(self, word: str):
        value = self.get(word)
        if value is None:
            raise KeyError(word)
        return value

    def __setitem__(self, word: str, value) -> None:
        self._promote()[word] = value

    def update(self, other: Mapping) -> None:
        self._promote().update(other)


class _Frequencies(_Promoting):
    def _value(self, row: int) -> int:
        return self._lexicon.freq(row)

    def _dict(self) -> dict[str, int]:
        return self._lexicon.freq_dict()


class _Tags(_Promoting):
    def _value(self, row: int) -> str | None:
        return self._lexicon.tag(row)

    def _dict(self) -> dict[str, str]:
        return self._lexicon.tag_dict()


def _cache_key(tokenizer) -> list | None:
    import jieba

    if tokenizer.dictionary != jieba.DEFAULT_DICT:
        return None  # another dictionary: jieba loads it its own way
    try:
        source = Path(tokenizer.get_dict_file().name)
        stat = source.stat()
    except (OSError, AttributeError):
        return None
    return [FORMAT, str(source), stat.st_size, stat.st_mtime_ns, getattr(jieba, "__version__", "")]


def _cache_path(tokenizer) -> Path:
    return Path(tokenizer.tmp_dir or tempfile.gettempdir()) / CACHE_FILE


def _load_lexicon(tokenizer, key: list) -> Lexicon | None:
    try:
        stored = marshal.loads(_cache_path(tokenizer).read_bytes())
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key:
            return Lexicon(*stored[1])
    except (OSError, ValueError, EOFError, TypeError):
        pass
    return None


def _save_lexicon(tokenizer, key: list) -> None:
    """Write the cache from the tokenizer's loaded dictionary (atomically; a read-only temp folder
    only means the next process builds it again)."""
    try:
        with open(tokenizer.get_dict_file().name, "rb") as lines:
            lexicon = Lexicon.build(tokenizer.FREQ, tokenizer.total, lines)
    except (OSError, ValueError, UnicodeDecodeError, AttributeError):
        return
    path, partial = _cache_path(tokenizer), None
    try:
        handle, partial = tempfile.mkstemp(dir=path.parent, prefix=".rag-lexicon-")
        with os.fdopen(handle, "wb") as out:
            out.write(marshal.dumps((key, lexicon.dump())))
        os.replace(partial, path)
    except OSError:
        if partial:
            with contextlib.suppress(OSError):
                os.unlink(partial)


def from_jieba_cache(tokenizer) -> bool:
    """Fill ``tokenizer`` from jieba's own cache file, read in one go: jieba's ``marshal.load`` on
    the open file took 1.0 s here, ``marshal.loads`` of the file's bytes 0.4 s. The same file and
    the same dictionary, so the same cuts."""
    import jieba

    if tokenizer.dictionary != jieba.DEFAULT_DICT or tokenizer.cache_file:
        return False
    path = Path(tokenizer.tmp_dir or tempfile.gettempdir()) / "jieba.cache"
    try:
        freq, total = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return False
    if not isinstance(freq, dict) or not freq:
        return False
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
    return True


@lru_cache(maxsize=1)
def _lexicon_and_tokenizer():
    """jieba's default tokenizer (its log silenced), initialised once, and the Lexicon it was
    filled from (None when it loaded its own way). rag/question.py's tagger uses this tokenizer
    too: a second Tokenizer() held a second copy of the dictionary (~68 MB resident)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tokenizer = jieba.dt
    with _lock:
        if tokenizer.initialized:
            return None, tokenizer
        key = _cache_key(tokenizer)
        lexicon = _load_lexicon(tokenizer, key) if key else None
        if lexicon is not None:
            tokenizer.FREQ, tokenizer.total = _Frequencies(lexicon, tokenizer, "FREQ"), lexicon.total
            tokenizer.initialized = True
            return lexicon, tokenizer
        if not from_jieba_cache(tokenizer):
            tokenizer.initialize()  # builds the prefix dictionary and jieba's cache file
        if key:
            _save_lexicon(tokenizer, key)
        return None, tokenizer


def tokenizer():
    """jieba's default tokenizer, ready to cut."""
    return _lexicon_and_tokenizer()[1]


@lru_cache(maxsize=1)
def _tagger():
    """jieba's part-of-speech tagger (jieba.posseg's default, on the default tokenizer). Importing
    jieba.posseg builds that tagger by parsing the dictionary file, so when the Lexicon has the
    tags the import is handed an empty file and the Lexicon's tags go in after."""
    lexicon, cutter = _lexicon_and_tokenizer()
    with _lock:
        if lexicon is not None and "jieba.posseg" not in sys.modules:
            cutter.get_dict_file = io.BytesIO  # an instance attribute, removed right after the import
            try:
                import jieba.posseg
            finally:
                del cutter.get_dict_file
            jieba.posseg.dt.word_tag_tab = _Tags(lexicon, jieba.posseg.dt, "word_tag_tab")
        import jieba.posseg
    return jieba.posseg.dt


def words(text: str) -> list[str]:
    """``text`` cut into words by jieba (precise mode): where a word may start and end."""
    return tokenizer().lcut(text)


def in_dictionary(word: str) -> bool:
    """Whether ``word`` is one of jieba's dictionary words (not one its model made up: 「能罚」)."""
    return bool(tokenizer().FREQ.get(word))


@lru_cache(maxsize=2048)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """``text`` cut into words by jieba's part-of-speech tagger, each with its tag (n, ns, v, ...).
    Kept per text: one question is read by several checks (its terms, the measure it asks, the
    places it names), each of which tagged it again."""
    return tuple((w.word, w.flag) for w in _tagger().lcut(text))
