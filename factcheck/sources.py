"""The load stage: an event folder or article file -> :class:`Article` values.

Owns file formats (.txt/.md with front matter, .html/.htm, .json/.jsonl), encodings and the
guards against files that are not articles. Files are only ever opened for reading.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import json
import re
import stat
from pathlib import Path
from typing import Any

import charset_normalizer
from lxml.etree import LxmlError  # type: ignore[import-untyped]

from factcheck.config import Settings
from factcheck.errors import SourceError
from factcheck.models import Article, Problem

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
IGNORED_NAMES = frozenset({"gold.json"})
FRONT_MATTER_KEYS = frozenset({"title", "outlet", "published", "url", "author"})
TITLE_CHARS = 120
DEFAULT_SETTINGS = Settings()

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# tab, newline, carriage return, vertical tab and form feed are the only controls real text has
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_ASCII = bytes(range(128))
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t\f\v]*\n)+")
_CP1252_BYTES = "factcheck-cp1252"


def _stem(path: Path) -> str:
    """The article id: the file name without its extension, made printable."""
    return _printable(path.stem)


def _printable(name: str) -> str:
    """A name from the file system as text reports can hold ("caf\udce9" -> "caf\ufffd")."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def find_events(path: Path) -> list[Path]:
    """``path`` itself when it holds articles, else its subfolders that do (a batch of events).

    A batch folder may keep a README beside its event folders: one loose file does not make
    it an event (an event needs two articles), so then its subfolders are the events.
    """
    entries = _entries(path)
    own = sum(1 for p in entries if _is_article_file(p))
    events = [p for p in entries if p.is_dir() and any(_is_article_file(q) for q in _entries(p))]
    if events and own < 2:
        return events
    if own:
        return [path]
    raise SourceError(path, f"no article files ({' '.join(SUPPORTED_SUFFIXES)})")


def load_event(folder: Path, settings: Settings = DEFAULT_SETTINGS) -> tuple[list[Article], list[Problem]]:
    """Every article of an event folder, and a :class:`Problem` for each file or record that failed."""
    articles: list[Article] = []
    problems: list[Problem] = []
    first_file: dict[str, str] = {}
    for path in _entries(folder):
        if path.name in IGNORED_NAMES or path.is_dir():
            continue
        try:
            found, failed = _read_file(path, settings)
        except SourceError as exc:
            problems.append(Problem(str(path), exc.reason))
            continue
        problems.extend(Problem(str(path), reason) for reason in failed)
        for article in found:
            # claim ids are built from article ids, so a second "ap" would make them ambiguous
            if article.id in first_file:
                problems.append(Problem(str(path), f"duplicate article id {article.id!r} "
                                                   f"(already used by {first_file[article.id]})"))
                continue
            first_file[article.id] = path.name
            articles.append(article)
    return articles, problems


def load_article(path: Path, settings: Settings = DEFAULT_SETTINGS) -> list[Article]:
    """The articles of one file (several for .json/.jsonl); records that fail are dropped.

    Raises :class:`SourceError` when the file gives no article at all.
    """
    articles, failed = _read_file(path, settings)
    if not articles:
        reason = failed[0] if len(failed) == 1 else f"no usable article ({'; '.join(failed[:3])})"
        raise SourceError(path, reason)
    return articles


def _entries(folder: Path) -> list[Path]:
    """The folder's non-hidden entries, sorted by name so every run reads them in one order."""
    try:
        names = sorted(entry.name for entry in folder.iterdir())
    except OSError as exc:
        raise SourceError(folder, _os_reason(exc)) from None
    return [folder / name for name in names if not name.startswith(".")]


def _is_article_file(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES and path.name not in IGNORED_NAMES \
        and not path.is_dir()


def _read_file(path: Path, settings: Settings) -> tuple[list[Article], list[str]]:
    """The file's articles and the reasons its unusable records failed."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise SourceError(path, f"unsupported file type {suffix or '(no extension)'}, "
                                f"expected one of {' '.join(SUPPORTED_SUFFIXES)}")
    data = _read_bytes(path, settings)
    if suffix in (".json", ".jsonl"):
        return _json_articles(path, _decode(path, data), settings)
    if suffix in (".html", ".htm"):
        declared = _DECLARED_CHARSET.search(data[:4096])
        html = _decode(path, data, declared[1].decode() if declared else None)
        return [_html_article(path, html, settings)], []
    return [_text_article(path, _decode(path, data), settings)], []


def _read_bytes(path: Path, settings: Settings) -> bytes:
    limit = settings.max_file_bytes
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise SourceError(path, "is a directory")
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            raise SourceError(path, "not a regular file")
        if info.st_size > limit:
            raise SourceError(path, _too_big(info.st_size, limit))
        with path.open("rb") as file:
            data = file.read(limit + 1)  # the file may have grown since stat
    except OSError as exc:
        raise SourceError(path, _os_reason(exc)) from None
    if len(data) > limit:
        raise SourceError(path, _too_big(len(data), limit))
    if not data:
        raise SourceError(path, "empty file")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise SourceError(path, f"binary file ({kind}), not an article")
    return data


def _too_big(size: int, limit: int) -> str:
    return f"file is {_size(size)}, over the limit of {_size(limit)} (max_file_bytes)"


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def _os_reason(exc: OSError) -> str:
    return exc.strerror.lower() if exc.strerror else str(exc)


# --- encodings -------------------------------------------------------------------------

def _decode(path: Path, data: bytes, declared: str | None = None) -> str:
    """Text from bytes in any common encoding, newlines as ``\\n``; binary or garbage is refused."""
    text = _decode_bytes(path, data, declared).replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise SourceError(path, "binary file (contains NUL bytes), not an article")
    bad = len(_CONTROL.findall(text))
    if bad * 50 > len(text):
        raise SourceError(path, f"not text ({bad / len(text):.0%} control or undecodable characters)")
    return text


def _decode_bytes(path: Path, data: bytes, declared: str | None) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _even(data, codec).decode(codec)
            except UnicodeDecodeError:
                raise SourceError(path, f"invalid {codec.upper()} text") from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return _even(data, utf16).decode(utf16)
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: the NUL bytes will mark it binary
    if b"\x00" in data:
        raise SourceError(path, "binary file (contains NUL bytes), not an article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a UTF-8 file cut in the middle of its last character
        if exc.reason == "unexpected end of data" and not data[:exc.start].isascii():
            return data[:exc.start].decode("utf-8")
    return _decode_legacy(path, data, declared)


def _even(data: bytes, codec: str) -> bytes:
    return data[:len(data) - len(data) % 2] if codec.startswith("utf-16") else data


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 of mostly Latin text has a NUL in every other byte, always on the same side."""
    sample = data[:4096]
    pairs = len(sample) // 2
    even_nuls = sample[0:pairs * 2:2].count(0)
    odd_nuls = sample[1:pairs * 2:2].count(0)
    if odd_nuls >= pairs * 0.3 and even_nuls * 10 <= odd_nuls:
        return "utf-16-le"
    if even_nuls >= pairs * 0.3 and odd_nuls * 10 <= even_nuls:
        return "utf-16-be"
    return None


def _cp1252_byte(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start:exc.start + 1].decode("cp1252", errors="replace"), exc.start + 1


# a byte that is not UTF-8 in mostly-UTF-8 or mostly-ASCII text is almost always cp1252
codecs.register_error(_CP1252_BYTES, _cp1252_byte)


def _decode_legacy(path: Path, data: bytes, declared: str | None) -> str:
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall back to detection
    # on a few stray bytes in English text, charset detection guesses wildly (café -> Urdu)
    non_ascii = len(data.translate(None, _ASCII))
    if non_ascii < 8 or non_ascii * 20 <= len(data):
        return data.decode("utf-8", errors=_CP1252_BYTES)
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        return str(best)
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise SourceError(path, "cannot decode the text: not UTF-8 and no other encoding fits") from None


# --- formats ---------------------------------------------------------------------------

def _text_article(path: Path, text: str, settings: Settings) -> Article:
    meta, body = _split_front_matter(path, text)
    return _article(path, _stem(path), body, settings, title=meta.get("title", ""),
                    outlet=meta.get("outlet", ""), published=_parse_published(meta.get("published")),
                    url=meta.get("url", ""), author=meta.get("author", ""))


def _split_front_matter(path: Path, text: str) -> tuple[dict[str, str], str]:
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        raise SourceError(path, "front matter opened with --- is never closed")
    meta: dict[str, str] = {}
    for line in lines[1:end]:
        key, colon, value = line.partition(":")
        key = key.strip().lower()
        if colon and key in FRONT_MATTER_KEYS:
            meta[key] = _unquote(value.strip())
    return meta, "\n".join(lines[end + 1:])


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value


def _html_article(path: Path, html: str, settings: Settings) -> Article:
    # trafilatura takes a tenth of a second to import: only runs with HTML pay for it
    import trafilatura
    from trafilatura.settings import Document, set_date_params

    try:
        tree = trafilatura.load_html(html)
        if tree is None:
            raise SourceError(path, "no article text found in HTML")
        # read the head before extraction, which prunes the tree it is given
        head_title = _head_text(tree, "//title/text()", "//meta[@property='og:title']/@content")
        head_site = _head_text(tree, "//meta[@property='og:site_name']/@content")
        head_published = _head_text(tree, "//meta[@property='article:published_time']/@content")
        # extensive date search reads dates out of the body text: a guess, not the publication date
        doc = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False,
                                          date_extraction_params=set_date_params(extensive=False))
    except (RecursionError, LxmlError, ValueError) as exc:
        raise SourceError(path, f"cannot parse HTML ({type(exc).__name__}: {exc})") from None
    if not isinstance(doc, Document) or not (doc.text or "").strip():
        raise SourceError(path, "no article text found in HTML")
    return _article(path, _stem(path), doc.text or "", settings, title=doc.title or head_title,
                    outlet=doc.sitename or head_site,
                    published=_parse_published(head_published) or _parse_published(doc.date),
                    url=doc.url or "", author=doc.author or "")


def _head_text(tree: Any, *xpaths: str) -> str:
    for xpath in xpaths:
        for value in tree.xpath(xpath):
            if str(value).strip():
                return " ".join(str(value).split())
    return ""


def _json_articles(path: Path, text: str, settings: Settings) -> tuple[list[Article], list[str]]:
    records = _jsonl_records(text) if path.suffix.lower() == ".jsonl" else _json_records(path, text)
    if not records:
        raise SourceError(path, "no articles in the file")
    articles: list[Article] = []
    failed: list[str] = []
    for i, (where, value, error) in enumerate(records):
        article_id = _stem(path) if len(records) == 1 else f"{_stem(path)}-{i + 1}"
        if error is None:
            try:
                articles.append(_json_article(path, article_id, value, settings))
                continue
            except SourceError as exc:
                error = exc.reason
        failed.append(error if len(records) == 1 else f"{where}: {error}")
    return articles, failed


# (where in the file, parsed value, why it could not be parsed)
_Record = tuple[str, Any, str | None]


def _json_records(path: Path, text: str) -> list[_Record]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(path, f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    except RecursionError:
        raise SourceError(path, "invalid JSON (nested too deeply)") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]  # the NewsAPI response shape
    if isinstance(data, dict):
        return [("record 1", data, None)]
    if not isinstance(data, list):
        raise SourceError(path, f"expected a JSON object or a list of objects, got {_json_type(data)}")
    if data and not any(isinstance(item, dict) for item in data):
        raise SourceError(path, f"expected a list of JSON objects, got a list of {_json_type(data[0])}s")
    return [(f"record {i}", item, None) for i, item in enumerate(data, 1)]


def _jsonl_records(text: str) -> list[_Record]:
    records: list[_Record] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            records.append((f"line {number}", json.loads(line), None))
        except json.JSONDecodeError as exc:
            records.append((f"line {number}", None, f"invalid JSON ({exc.msg} at column {exc.colno})"))
        except RecursionError:
            records.append((f"line {number}", None, "invalid JSON (nested too deeply)"))
    return records


def _json_type(value: object) -> str:
    names = {dict: "object", list: "list", str: "string", bool: "boolean", int: "number",
             float: "number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _json_article(path: Path, article_id: str, record: Any, settings: Settings) -> Article:
    if not isinstance(record, dict):
        raise SourceError(path, f"expected a JSON object, got {_json_type(record)}")

    def first(*keys: str) -> Any:
        return next((record[k] for k in keys if record.get(k) not in (None, "")), None)

    body = first("text", "body", "content")
    if not isinstance(body, str) or not body.strip():
        raise SourceError(path, "no article text (no text, body or content field)")
    return _article(path, article_id, body, settings, title=_field_text(record.get("title")),
                    outlet=_field_text(first("outlet", "source")),
                    published=_parse_published(first("published", "publishedAt", "date")),
                    url=_field_text(record.get("url")), author=_field_text(record.get("author")))


def _field_text(value: Any) -> str:
    """A metadata field as text: a string, a {"name": ...} object, or a list of those."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict):
        return _field_text(value.get("name") or value.get("id"))
    if isinstance(value, list):
        return ", ".join(filter(None, map(_field_text, value)))
    return ""


# --- shared ----------------------------------------------------------------------------

def _article(path: Path, article_id: str, body: str, settings: Settings, *, title: str = "",
             outlet: str = "", published: dt.datetime | None = None, url: str = "",
             author: str = "") -> Article:
    # claim offsets point into this exact string, so it is cleaned here once and only here
    body = _LEADING_BLANK_LINES.sub("", body.replace("\r\n", "\n").replace("\r", "\n")).rstrip()
    if not body:
        raise SourceError(path, "no article text")
    if len(body) > settings.max_article_chars:
        raise SourceError(path, f"article text is {len(body):,} characters, over the limit of "
                                f"{settings.max_article_chars:,} (max_article_chars)")
    return Article(id=article_id, path=_printable(str(path)), outlet=outlet or article_id,
                   title=title or _first_line(body) or article_id, body=body,
                   published=published, url=url, author=author)


def _first_line(body: str) -> str:
    return body.split("\n", 1)[0].lstrip("#").strip()[:TITLE_CHARS].rstrip()


def _parse_published(value: object) -> dt.datetime | None:
    """An ISO date or date-time (or an RSS-style date); anything else is no date, not an error."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


__all__ = ["SUPPORTED_SUFFIXES", "find_events", "load_article", "load_event"]
