"""The extraction cache: each article's claims kept on disk, keyed by everything extraction reads.

Off unless ``Settings.cache_dir`` is set (CLI ``--cache DIR``). An entry is the JSON of one
article's claims at ``<cache_dir>/claims-v1/<ab>/<sha256>.json``. It is written to a temporary
file and renamed into place, so runs sharing the folder never read half an entry. A changed
body, publication time, article id, factcheck version, extraction setting or extraction source
file gives a new key: stale entries are never read, only left behind (delete the folder to
reclaim the space).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import os
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from factcheck import __version__
from factcheck.config import Settings
from factcheck.extract import extract_claims
from factcheck.models import Article, Claim

log = logging.getLogger(__name__)

FORMAT = "claims-v1"
# Settings that cannot change what extraction finds in one article's body. Every other
# setting is part of the key, so a new setting invalidates the cache until it is listed here.
NOT_EXTRACTION = frozenset({
    "align_threshold", "rounding_tolerance", "syndication_threshold", "major_difference", "fail_on",
    "ignore_topics", "ignore_outlets", "source_dir", "report_dir", "max_file_bytes",
    "max_article_chars", "cache_dir", "jobs",
})
_CLAIM_FIELDS = tuple(f.name for f in dataclasses.fields(Claim))


def cached_extract(article: Article, settings: Settings) -> list[Claim]:
    """``extract_claims(article, settings)``, read from the cache when an entry exists."""
    if not settings.cache_dir:
        return extract_claims(article, settings)
    path = entry_path(Path(settings.cache_dir), cache_key(article, settings))
    claims = _read(path)
    if claims is None:
        claims = extract_claims(article, settings)
        _write(path, claims)
    return claims


def cache_key(article: Article, settings: Settings) -> str:
    """sha256 over the article's body, publication time and id, and what shapes extraction."""
    material = {
        "format": FORMAT,
        "factcheck": __version__,
        "code": _extraction_code(),
        "claim_fields": _CLAIM_FIELDS,
        "settings": {k: v for k, v in dataclasses.asdict(settings).items() if k not in NOT_EXTRACTION},
        # claim ids are "<article id>:<n>", so the id is part of what is cached
        "article": article.id,
        "published": article.published.isoformat() if article.published else None,
        "body": article.body,
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def entry_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / FORMAT / key[:2] / f"{key}.json"


@lru_cache(maxsize=1)
def _extraction_code() -> str:
    """A hash of the extraction sources, so an edited extractor never reads old entries
    (developers change it without bumping the version)."""
    digest = hashlib.sha256()
    package = resources.files("factcheck")
    for item in sorted((*package.joinpath("extract").iterdir(), package.joinpath("models.py")),
                       key=lambda t: t.name):
        if item.name.endswith(".py"):
            digest.update(item.name.encode() + b"\0" + item.read_bytes())
    return digest.hexdigest()


def _read(path: Path) -> list[Claim] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [Claim(**{k: _tuples(v) for k, v in record.items()}) for record in data["claims"]]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        # a damaged or foreign entry is a miss; it is overwritten below
        log.debug("ignoring cache entry %s: %s", path, exc)
        return None


def _tuples(value: Any) -> Any:
    """JSON has lists only; claims hold tuples (context words, entities, anchors)."""
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def _write(path: Path, claims: list[Claim]) -> None:
    text = json.dumps({"format": FORMAT, "claims": [dataclasses.asdict(c) for c in claims]},
                      ensure_ascii=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem[:16]}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, path)  # atomic: another writer's identical entry may win, never a torn one
        except BaseException:
            _unlink(tmp)
            raise
    except OSError as exc:
        # a cache that cannot be written slows the run down but does not change its result
        _warn_once(f"cannot write to the extraction cache {path.parent.parent.parent}: {exc.strerror or exc}")


def _unlink(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


@lru_cache(maxsize=8)
def _warn_once(message: str) -> None:
    log.warning(message)


__all__ = ["cache_key", "cached_extract", "entry_path"]
