"""The fitted answer model: which quote answers (per candidate) and whether any does (per question).

Two logistic regressions, stacked: ``quote`` scores each candidate row (rag.answer.features.FEATURES);
``answerable`` reads the question's best candidate and what was retrieved
(``QUESTION_FEATURES``) and gives P(the documents answer the question); the product refuses below
``threshold``. Weights, scaling and threshold are data (``model.json`` beside this file), fit by
``scripts/fit_answerer.py``, which also writes the report of how (``FIT.md``: data, splits,
operating point, metrics). Scoring is plain numpy, so answering imports no learning library.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from rag.answer.features import FEATURES, QUESTION_FEATURES, question_features

MODEL_FILE = Path(__file__).with_name("model.json")


@dataclass(frozen=True)
class Linear:
    """A logistic regression over standardised features."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def logits(self, rows: np.ndarray) -> np.ndarray:
        """The log-odds of each row (columns in ``features`` order)."""
        rows = np.asarray(rows, np.float64).reshape(-1, len(self.features))
        return ((rows - self.mean) / self.scale) @ self.coef + self.intercept

    def to_dict(self) -> dict:
        """JSON form."""
        return {"features": list(self.features), "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "coef": self.coef.tolist(), "intercept": self.intercept}  # fmt: skip

    @classmethod
    def from_dict(cls, d: dict) -> Linear:
        """Inverse of ``to_dict``."""
        arrays = (np.asarray(d[k], np.float64) for k in ("mean", "scale", "coef"))
        return cls(tuple(d["features"]), *arrays, float(d["intercept"]))


@dataclass(frozen=True)
class Selector:
    """The quote model, the answerability model and the lowest P(answerable) the product answers at."""

    quote: Linear
    answerable: Linear
    threshold: float
    confident: float = 1.0  # answers under this P(answerable) carry a note asking to check the source
    runner_up: float = 0.0  # the second-best quote is shown too when its log-odds are this close

    def quote_logits(self, rows: np.ndarray) -> np.ndarray:
        """How strongly each candidate row looks like the answer (higher is better)."""
        return self.quote.logits(rows) if len(rows) else np.zeros(0)

    def p_answerable(self, rows: np.ndarray, logits: np.ndarray) -> float:
        """P(the question is answered by the best candidate's documents)."""
        z = float(self.answerable.logits(question_features(rows, logits))[0])
        return 1.0 / (1.0 + np.exp(-z))

    def to_dict(self, **extra: object) -> dict:
        """The JSON form written by the fitting script."""
        return {"quote": self.quote.to_dict(), "answerable": self.answerable.to_dict(),
                "threshold": self.threshold, "confident": self.confident, "runner_up": self.runner_up,
                **extra}  # fmt: skip


def load_selector(path: Path = MODEL_FILE) -> Selector:
    """The model in ``path``; raises ``ValueError`` when it was fit on other features."""
    return _load(str(path))


@lru_cache(maxsize=4)
def _load(path: str) -> Selector:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    quote, answerable = Linear.from_dict(data["quote"]), Linear.from_dict(data["answerable"])
    if quote.features != FEATURES or answerable.features != QUESTION_FEATURES:
        raise ValueError(f"{path} was fit on other features: re-run scripts/fit_answerer.py")
    return Selector(quote, answerable, float(data["threshold"]), float(data.get("confident", 1.0)),
                    float(data.get("runner_up", 0.0)))
