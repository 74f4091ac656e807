"""How close an offer's expertise is to what a request asks for, in words.

The request's title, gap and objectives (WM 15.ii) and the offer's title and expertise (FS 3)
become TF-IDF vectors and the similarity is their cosine, from 0 (no word in common) to 1.

- Words are runs of two or more letters (scikit-learn's default token pattern, numbers left
  out), case and accents folded; English stop words (the `stop-words` package's list) are
  dropped and each word is reduced to its Snowball stem (the `snowballstemmer` package), so
  that "training" meets "train" and "appeals" meets "appeal".
- Term frequency is sublinear (1 + log count); a word's weight is `log((n + 1) / df)` for a
  corpus of n documents of which df contain it, so a word found nearly everywhere ("asylum")
  weighs almost nothing.
- The corpus is every request and offer of the registry, so a pair's similarity does not
  depend on which requests are being ranked.

scikit-learn's `TfidfVectorizer` computes the same kind of vectors, but importing it costs
about 1.5 s a run (as long as `acsg validate` takes on 3,000 records); the arithmetic here is
a few sparse-matrix operations in scipy.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING, Any

from acsg_cli.models import Offer, Request

if TYPE_CHECKING:
    import numpy as np

WORD = re.compile(r"(?u)\b[^\W\d_][^\W\d_]+\b")
"""scikit-learn's default token pattern (`\\b\\w\\w+\\b`) without digits and underscores."""


def request_text(request: Request) -> str:
    return " ".join([request.title, request.gap or "", *request.objectives])


def offer_text(offer: Offer) -> str:
    return " ".join([offer.title, offer.expertise or ""])


def _fold(text: str) -> str:
    text = text.casefold()
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


class TextSimilarity:
    """TF-IDF vectors of every request (rows) and offer (columns), in the index's order."""

    def __init__(self, requests: list[Request], offers: list[Offer]) -> None:
        import numpy as np
        import snowballstemmer
        from scipy import sparse
        from stop_words import get_stop_words

        stemmer = snowballstemmer.stemmer("english")
        ignored = frozenset(_fold(w) for w in get_stop_words("en"))
        stems: dict[str, int] = {}  # word -> term number
        roots: dict[str, int] = {}  # stem -> term number
        spellings: list[Counter[str]] = []  # term number -> the words that led to it
        documents = [request_text(r) for r in requests] + [offer_text(o) for o in offers]
        rows, cols, counts = [], [], []
        for d, text in enumerate(documents):
            found: Counter[int] = Counter()
            for word in WORD.findall(_fold(text)):
                if word in ignored:
                    continue
                term = stems.get(word)
                if term is None:
                    term = stems[word] = roots.setdefault(stemmer.stemWord(word), len(roots))
                found[term] += 1
                while len(spellings) <= term:
                    spellings.append(Counter())
                spellings[term][word] += 1
            for term, count in found.items():
                rows.append(d)
                cols.append(term)
                counts.append(1.0 + math.log(count))
        n_terms = max(len(spellings), 1)
        matrix = sparse.csr_matrix(
            (np.array(counts, dtype=np.float32), (rows, cols)), shape=(len(documents), n_terms)
        )
        df = np.bincount(np.array(cols, dtype=np.intp), minlength=n_terms)
        self.idf = np.log((len(documents) + 1) / np.maximum(df, 1)).astype(np.float32)
        matrix = matrix @ sparse.diags(self.idf)
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        matrix = sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)).astype(np.float32) @ matrix
        matrix = sparse.csr_matrix(matrix, dtype=np.float32)
        self.terms = [min(s.items(), key=lambda kv: (-kv[1], kv[0]))[0] for s in spellings] or [""]
        self.requests = matrix[: len(requests)]
        self.offers = matrix[len(requests) :]
        self._offers_t = self.offers.T.tocsc()

    def columns(self, cols: np.ndarray) -> Any:
        """The offers at `cols` as `block` takes them."""
        return self._offers_t[:, cols]

    def block(self, rows: np.ndarray, offers: Any = None) -> np.ndarray:
        """Cosine similarity of the requests at `rows` with every offer (or with the `offers`
        from `columns`): (len(rows), offers)."""
        import numpy as np

        right = self._offers_t if offers is None else offers
        return np.asarray((self.requests[rows] @ right).toarray(), dtype=np.float32)

    def pair_cosines(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Cosine similarity of each pair (rows[k], cols[k])."""
        import numpy as np

        products = self.requests[rows].multiply(self.offers[cols])
        return np.asarray(products.sum(axis=1), dtype=np.float32).ravel()

    def shared_terms(self, rows: np.ndarray, cols: np.ndarray, n: int = 3) -> list[list[str]]:
        """For each pair (rows[k], cols[k]), the `n` words contributing most to its similarity,
        each in its most frequent spelling. Words found in more than half the documents are
        left out: they carry little of the similarity and say nothing about the pair."""
        import numpy as np

        products = self.requests[rows].multiply(self.offers[cols]).tocsr()
        telling = self.idf > np.float32(np.log(2.0))
        out: list[list[str]] = []
        for k in range(products.shape[0]):
            start, end = products.indptr[k], products.indptr[k + 1]
            weights = products.data[start:end].tolist()
            terms = products.indices[start:end].tolist()
            ranked = sorted(
                (-w, self.terms[t])
                for w, t in zip(weights, terms, strict=True)
                if w > 0 and telling[t]
            )
            out.append([word for _, word in ranked[:n]])
        return out
