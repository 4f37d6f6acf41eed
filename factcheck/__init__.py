"""factcheck: find where news articles on one event disagree on numbers and dates.

The pipeline, one stage a module: load (``sources``) -> extract (``extract``) -> align
(``align``) -> compare (``compare``) -> report (``report``); ``pipeline`` runs them in order.
"""

from __future__ import annotations

import logging

from factcheck.config import Settings, load_settings
from factcheck.errors import ConfigError, FactcheckError, OutputError, SourceError
from factcheck.models import Article, Claim, ClaimGroup, Discrepancy, Problem, Report

__version__ = "0.1.0"

logging.getLogger("factcheck").addHandler(logging.NullHandler())


def __getattr__(name: str) -> object:
    # the pipeline pulls in pandas, rapidfuzz and trafilatura: import them only when used
    if name in ("analyse", "check", "check_event"):
        from factcheck import pipeline
        return getattr(pipeline, name)
    if name == "extract_claims":
        from factcheck.extract import extract_claims
        return extract_claims
    raise AttributeError(name)


__all__ = [
    "Article", "Claim", "ClaimGroup", "ConfigError", "Discrepancy", "FactcheckError",
    "OutputError", "Problem", "Report", "Settings", "SourceError", "__version__", "analyse",
    "check", "check_event", "extract_claims", "load_settings",
]
