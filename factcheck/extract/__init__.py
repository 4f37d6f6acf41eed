"""Extract: Article -> Claims (quantities, dates, clock times), each pinned to its span."""

from __future__ import annotations

from factcheck.config import Settings
from factcheck.extract.dates import find_dates
from factcheck.extract.found import Found
from factcheck.extract.quantities import find_quantities
from factcheck.extract.text import SentenceIndex, context_words, entities
from factcheck.models import Article, Claim

__all__ = ["extract_claims", "find_dates", "find_quantities"]


def extract_claims(article: Article, settings: Settings | None = None) -> list[Claim]:
    """Every claim in ``article.body``, in text order, with ids ``<article>:<n>``."""
    settings = settings or Settings()
    body = article.body
    dates = find_dates(body, article.published_date)
    quantities = find_quantities(body, dates, settings.approx_tolerance)
    index = SentenceIndex(body)
    claims = []
    for n, found in enumerate(sorted(dates + quantities, key=lambda f: (f.start, f.end)), 1):
        sentence = index.at(found.start)
        claims.append(_claim(article, n, found, sentence.text, sentence.start,
                             context_words(sentence, found.start, found.end),
                             entities(sentence.text)))
    return claims


def _claim(article: Article, n: int, f: Found, sentence: str, sentence_start: int,
           context: tuple[str, ...], names: tuple[str, ...]) -> Claim:
    subject = " ".join(w for w in (f.noun, *context[:3]) if w) if f.kind == "quantity" \
        else " ".join(context[:3])
    return Claim(
        id=f"{article.id}:{n}", article=article.id, kind=f.kind,  # type: ignore[arg-type]
        quote=article.body[f.start:f.end], sentence=sentence, start=f.start, end=f.end,
        low=_tidy(f.low), high=_tidy(f.high), unit=f.unit, subject=subject, value=_tidy(f.value),
        qualifier=f.qualifier, stated_unit=f.stated_unit, granularity=f.granularity,
        dimension=f.dimension, context=context, entities=names, sentence_start=sentence_start,
        noun=f.noun,
    )


def _tidy(x: float | str | None) -> float | str | None:
    """Whole floats as ints in reports (600, not 600.0); others rounded to drop float noise."""
    if isinstance(x, float):
        return int(x) if x.is_integer() and abs(x) < 2**53 else round(x, 6)
    return x
