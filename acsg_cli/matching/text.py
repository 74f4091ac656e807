"""How close an offer's expertise is to what a request asks for, in words.

The request's title, gap and objectives (WM 15.ii) and the offer's title and expertise (FS 3)
become TF-IDF vectors (scikit-learn's `TfidfVectorizer`: English stop words dropped, accents
folded, sublinear term frequency, numbers ignored), with words reduced to their Snowball stem
so that "training" meets "train" and "appeals" meets "appeal". The vectors are fitted on every
request and offer of the registry, so a pair's similarity does not depend on which requests
are being ranked. The similarity is the cosine of the two vectors, from 0 (no word in common)
to 1; the words that contribute most are kept to explain it, each shown in its most frequent
spelling.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from acsg_cli.models import Offer, Request

if TYPE_CHECKING:
    import numpy as np

TOKEN_PATTERN = r"(?u)\b[^\W\d_][^\W\d_]+\b"
"""Words of two letters or more; numbers (years, article numbers) carry no topic."""


def request_text(request: Request) -> str:
    return " ".join([request.title, request.gap or "", *request.objectives])


def offer_text(offer: Offer) -> str:
    return " ".join([offer.title, offer.expertise or ""])


def _analyzer(surface: dict[str, Counter[str]]) -> Callable[[str], list[str]]:
    """Tokens as scikit-learn finds them, stemmed; records each stem's spellings in `surface`."""
    from functools import cache

    import snowballstemmer
    from sklearn.feature_extraction.text import TfidfVectorizer

    words = TfidfVectorizer(stop_words="english", strip_accents="unicode",
                            token_pattern=TOKEN_PATTERN).build_analyzer()
    stem = cache(snowballstemmer.stemmer("english").stemWord)

    def analyze(text: str) -> list[str]:
        out = []
        for word in words(text):
            root = stem(word)
            surface[root][word] += 1
            out.append(root)
        return out
    return analyze


class TextSimilarity:
    """TF-IDF vectors of every request (rows) and offer (columns), in the index's order."""

    def __init__(self, requests: list[Request], offers: list[Offer]) -> None:
        import numpy as np
        from scipy import sparse
        from sklearn.feature_extraction.text import TfidfVectorizer

        surface: dict[str, Counter[str]] = defaultdict(Counter)
        vectorizer = TfidfVectorizer(analyzer=_analyzer(surface), sublinear_tf=True, dtype=np.float32)
        texts = [request_text(r) for r in requests] + [offer_text(o) for o in offers]
        try:
            matrix = vectorizer.fit_transform(texts).tocsr()
            stems = vectorizer.get_feature_names_out()
        except ValueError:  # no words at all (an empty registry, or only stop words)
            matrix = sparse.csr_matrix((len(texts), 1), dtype=np.float32)
            stems = np.array([""], dtype=object)
        self.terms = [min(surface[s].items(), key=lambda kv: (-kv[1], kv[0]))[0] if surface.get(s) else s
                      for s in stems]
        self.requests = matrix[: len(requests)]
        self.offers = matrix[len(requests):]
        self._offers_t = self.offers.T.tocsc()

    def block(self, rows: "np.ndarray") -> "np.ndarray":
        """Cosine similarity of the requests at `rows` with every offer: (len(rows), offers)."""
        import numpy as np

        return np.asarray((self.requests[rows] @ self._offers_t).toarray(), dtype=np.float32)

    def shared_terms(self, rows: "np.ndarray", cols: "np.ndarray", n: int = 3) -> list[list[str]]:
        """For each pair (rows[k], cols[k]), the `n` words contributing most to its similarity."""
        products = self.requests[rows].multiply(self.offers[cols]).tocsr()
        out: list[list[str]] = []
        for k in range(products.shape[0]):
            start, end = products.indptr[k], products.indptr[k + 1]
            weights = products.data[start:end]
            terms = products.indices[start:end]
            order = sorted(range(len(terms)), key=lambda t: (-weights[t], self.terms[terms[t]]))[:n]
            out.append([self.terms[terms[t]] for t in order if weights[t] > 0])
        return out
