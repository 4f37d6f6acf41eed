"""Where a claim sits in its article's file: body offsets -> 1-based lines and columns.

A claim's ``start``/``end`` index the body as factcheck read it, but editors, GitHub and
SARIF viewers count in the file, which may hold front matter (or markup) before the body.
:class:`Locator` finds the body in the file once per article and converts offsets.
"""

from __future__ import annotations

import bisect
import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote as url_quote

from factcheck.models import Article, Claim, Discrepancy

# .md/.txt bodies are the file's text minus front matter and leading blank lines; other
# formats (.html, .json) hold the text in markup, where only a verbatim snippet can be found
_TEXT_SUFFIXES = (".md", ".txt")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# characters of context either side of a quote when searching markup for it
_SNIPPET_CONTEXT = 30
_MIN_ANCHOR = 12


@dataclass(frozen=True)
class Region:
    """A span of a file, 1-based; ``end_column`` is the column just past the last character.

    Columns count characters (Unicode code points), as in SARIF's ``unicodeCodePoints``.
    """

    start_line: int
    start_column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class _Anchor:
    """Where the body begins in the file: the line before it and the column of its first character."""

    lines_before: int
    first_column: int


class _Lines:
    """Offset -> (line, column) in one text, by bisecting its newlines (articles can be long)."""

    def __init__(self, text: str) -> None:
        self._breaks = [m.start() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        before = bisect.bisect_left(self._breaks, offset)
        line_start = self._breaks[before - 1] + 1 if before else 0
        return before + 1, offset - line_start + 1


class Locator:
    """Claim -> :class:`Region` in its article's file, reading each file at most once.

    Not a cache that outlives a render: files are read when a report is rendered, so the
    positions match the files as they are then (normally the run that made the report).
    """

    def __init__(self, articles: tuple[Article, ...] | list[Article]) -> None:
        self._articles = {a.id: a for a in articles}
        self._texts: dict[str, str | None] = {}
        self._anchors: dict[str, _Anchor | None] = {}
        self._lines: dict[str, _Lines] = {}  # by article id (the body) and by path (the file)

    def region(self, claim: Claim) -> Region | None:
        """The claim's quote in its file, or None when the file or the quote cannot be found."""
        article = self._articles.get(claim.article)
        if article is None:
            return None
        text = self._text(article.path)
        if text is None:
            return None
        if article.id not in self._anchors:
            self._anchors[article.id] = _body_anchor(article, text)
        anchor = self._anchors[article.id]
        if anchor is not None:
            body = self._index(article.id, article.body)
            return Region(*_in_file(body, anchor, claim.start), *_in_file(body, anchor, claim.end))
        found = _snippet_offset(article.body, claim.start, claim.end, text)
        if found is None:
            return None
        lines = self._index(article.path, text)
        return Region(*lines.position(found), *lines.position(found + claim.end - claim.start))

    def _index(self, key: str, text: str) -> _Lines:
        if key not in self._lines:
            self._lines[key] = _Lines(text)
        return self._lines[key]

    def _text(self, path: str) -> str | None:
        if path not in self._texts:
            self._texts[path] = read_text(Path(path))
        return self._texts[path]


def side_claims(d: Discrepancy, claims: dict[str, Claim],
                articles: dict[str, Article]) -> Iterator[tuple[int, Claim, Article]]:
    """(side number, claim, its article) for every claim of a discrepancy the report holds."""
    for number, side in enumerate(d.sides, 1):
        for claim_id in side:
            claim = claims.get(claim_id)
            article = articles.get(claim.article) if claim else None
            if claim is not None and article is not None:
                yield number, claim, article


def read_text(path: Path) -> str | None:
    """The file as text with ``\\n`` newlines (as the loader normalises them), None if unreadable."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    codec = next((c for bom, c in _BOMS if data.startswith(bom)), "utf-8")
    # a byte that is not UTF-8 becomes one replacement character, as it is one character
    # (cp1252) in the loader's text: columns after it stay right
    text = data.decode(codec, errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def display_path(path: str) -> str:
    """The article's path as CI tools want it: relative to the working folder, with ``/``."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_posix()
    return p.as_posix()


def artifact_uri(path: str) -> tuple[str, bool]:
    """(URI, relative?) for SARIF: a relative URI to resolve against ``%SRCROOT%``, else a file: URI."""
    shown = display_path(path)
    if Path(shown).is_absolute():
        return Path(shown).as_uri(), False
    return url_quote(shown, safe="/"), True


def _body_anchor(article: Article, text: str) -> _Anchor | None:
    """Where a text file's body starts: found whole, or by its first line when bytes decoded differently."""
    if not article.path.lower().endswith(_TEXT_SUFFIXES):
        return None
    # the body is the end of the file, after a front matter that may repeat its first words
    start = text.rfind(article.body)
    if start < 0:
        first_line = article.body.split("\n", 1)[0]
        if len(first_line.strip()) < _MIN_ANCHOR or text.count(first_line) != 1:
            return None
        start = text.find(first_line)
    line_start = text.rfind("\n", 0, start) + 1
    return _Anchor(text.count("\n", 0, start), start - line_start)


def _in_file(body: _Lines, anchor: _Anchor, offset: int) -> tuple[int, int]:
    """(line, column) in the file of a body offset: the body's own lines after the anchor's."""
    line, column = body.position(offset)
    return anchor.lines_before + line, column + (anchor.first_column if line == 1 else 0)


def _snippet_offset(body: str, start: int, end: int, text: str) -> int | None:
    """The file offset of body[start:end], found by a verbatim snippet around it that occurs once."""
    line_start = body.rfind("\n", 0, start) + 1
    line_end = body.find("\n", end)
    line_end = len(body) if line_end < 0 else line_end
    for context in (_SNIPPET_CONTEXT, _SNIPPET_CONTEXT // 3):
        lo, hi = max(line_start, start - context), min(line_end, end + context)
        snippet = body[lo:hi]
        if len(snippet.strip()) < _MIN_ANCHOR:
            continue
        found = text.find(snippet)
        if found >= 0 and text.find(snippet, found + 1) < 0:
            return found + start - lo
    return None


__all__ = ["Locator", "Region", "artifact_uri", "display_path", "read_text"]
