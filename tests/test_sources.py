"""Tests of the load stage: formats, encodings, hostile files and event discovery.

Every fixture file is written into tmp_path by the test that needs it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from factcheck.config import Settings
from factcheck.errors import SourceError
from factcheck.models import Problem
from factcheck.sources import SUPPORTED_SUFFIXES, find_events, load_article, load_event

BODY = "The U.S. will withdraw about 600 troops, leaving fewer than 1,000 in Syria."


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def reason_of(path: Path, settings: Settings | None = None) -> str:
    with pytest.raises(SourceError) as info:
        load_article(path, settings or Settings())
    assert info.value.path == str(path)
    return info.value.reason


# --- .md / .txt ------------------------------------------------------------------------

def test_markdown_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path, "ap.md", (
        "---\n"
        'title: "US to pull 600 troops"\n'
        "outlet: Associated Press\n"
        "published: 2025-04-17T20:45:00Z\n"
        "url: 'https://apnews.com/x'\n"
        "author: Jane Doe\n"
        "tags: ignored\n"
        "---\n"
        "\n  \n"
        f"{BODY}\n\nSecond paragraph.\n\n\n"
    ))
    [article] = load_article(path)
    assert article.id == "ap"
    assert article.path == str(path)
    assert article.title == "US to pull 600 troops"
    assert article.outlet == "Associated Press"
    assert article.published == dt.datetime(2025, 4, 17, 20, 45, tzinfo=dt.UTC)
    assert article.url == "https://apnews.com/x"
    assert article.author == "Jane Doe"
    assert article.body == f"{BODY}\n\nSecond paragraph."


def test_text_without_front_matter_falls_back_to_id_and_first_line(tmp_path: Path) -> None:
    headline = "Headline " * 30
    path = write(tmp_path, "levant-post.txt", f"\n{headline}\n\n{BODY}\n")
    [article] = load_article(path)
    assert article.outlet == "levant-post"
    assert article.title == headline[:120].rstrip()
    assert article.published is None
    assert article.body.startswith("Headline")


def test_markdown_heading_becomes_title(tmp_path: Path) -> None:
    [article] = load_article(write(tmp_path, "x.md", f"# Troops leave Syria\n\n{BODY}"))
    assert article.title == "Troops leave Syria"


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-04-17", dt.datetime(2025, 4, 17)),
    ("2025-04-18 01:09", dt.datetime(2025, 4, 18, 1, 9)),
    ("2025-04-18T01:09:00Z", dt.datetime(2025, 4, 18, 1, 9, tzinfo=dt.UTC)),
    ("2025-04-18T01:09:00-04:00", dt.datetime(2025, 4, 18, 1, 9,
                                              tzinfo=dt.timezone(dt.timedelta(hours=-4)))),
    ('"2025-04-17"', dt.datetime(2025, 4, 17)),
    ("unknown", None),
    ("", None),
    ("next Tuesday", None),
    ("2025-13-45", None),
])
def test_published_values(tmp_path: Path, value: str, expected: dt.datetime | None) -> None:
    path = write(tmp_path, "a.md", f"---\npublished: {value}\n---\n{BODY}")
    [article] = load_article(path)
    assert article.published == expected


def test_front_matter_never_closed(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", f"---\ntitle: x\n{BODY}\n")
    assert reason_of(path) == "front matter opened with --- is never closed"


def test_front_matter_without_body(tmp_path: Path) -> None:
    assert reason_of(write(tmp_path, "a.md", "---\ntitle: x\n---\n\n  \n")) == "no article text"


# --- .json / .jsonl --------------------------------------------------------------------

def test_json_single_object(tmp_path: Path) -> None:
    path = write(tmp_path, "afp.json", json.dumps({
        "title": "Pentagon says", "outlet": "AFP", "published": "2025-04-18T19:32:00Z",
        "url": "https://afp.com/x", "text": BODY}))
    [article] = load_article(path)
    assert (article.id, article.outlet, article.title, article.url) == \
        ("afp", "AFP", "Pentagon says", "https://afp.com/x")
    assert article.published == dt.datetime(2025, 4, 18, 19, 32, tzinfo=dt.UTC)
    assert article.body == BODY


def test_json_list_gives_numbered_ids(tmp_path: Path) -> None:
    path = write(tmp_path, "wire.json", json.dumps([
        {"source": "Reuters", "date": "2025-04-17", "body": BODY},
        {"source": "AP", "content": BODY + " Two."}]))
    articles = load_article(path)
    assert [(a.id, a.outlet) for a in articles] == [("wire-1", "Reuters"), ("wire-2", "AP")]
    assert articles[0].published == dt.datetime(2025, 4, 17)


def test_json_newsapi_shape(tmp_path: Path) -> None:
    path = write(tmp_path, "newsapi.json", json.dumps({
        "status": "ok", "totalResults": 1,
        "articles": [{"source": {"id": "bbc-news", "name": "BBC News"}, "author": "BBC",
                      "title": "Troops", "publishedAt": "2025-04-17T10:00:00Z",
                      "url": "https://bbc.co.uk/x", "content": BODY}]}))
    [article] = load_article(path)
    assert (article.id, article.outlet, article.author) == ("newsapi", "BBC News", "BBC")
    assert article.published == dt.datetime(2025, 4, 17, 10, tzinfo=dt.UTC)


def test_json_record_without_text_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "feed.json", json.dumps([{"text": BODY}, {"title": "no text"}]))
    assert [a.id for a in load_article(path)] == ["feed-1"]
    articles, problems = load_event(tmp_path)
    assert [a.id for a in articles] == ["feed-1"]
    assert problems == [Problem(str(path), "record 2: no article text (no text, body or content field)")]


def test_json_without_any_text_raises(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", json.dumps({"title": "t", "text": "  "}))
    assert reason_of(path).startswith("no article text")


def test_jsonl_bad_line_keeps_the_others(tmp_path: Path) -> None:
    lines = [json.dumps({"outlet": "A", "text": BODY}), json.dumps({"outlet": "B", "text": BODY}),
             '{"outlet": "C", "text": ', "", json.dumps({"outlet": "D", "text": BODY})]
    path = write(tmp_path, "wire.jsonl", "\n".join(lines) + "\n")
    articles, problems = load_event(tmp_path)
    assert [(a.id, a.outlet) for a in articles] == [("wire-1", "A"), ("wire-2", "B"), ("wire-4", "D")]
    [problem] = problems
    assert problem.path == str(path)
    assert problem.reason.startswith("line 3: invalid JSON")


def test_jsonl_single_bad_line_raises(tmp_path: Path) -> None:
    assert reason_of(write(tmp_path, "a.jsonl", "{nope}\n")).startswith("invalid JSON")


@pytest.mark.parametrize(("content", "expected"), [
    ('["a", "b"]', "expected a list of JSON objects, got a list of strings"),
    ("42", "expected a JSON object or a list of objects, got number"),
    ('"text"', "expected a JSON object or a list of objects, got string"),
    ("{not json", "invalid JSON (Expecting property name enclosed in double quotes at line 1 column 2)"),
    ("[" * 100_000 + "]" * 100_000, "invalid JSON (nested too deeply)"),
    ("[]", "no articles in the file"),
])
def test_json_of_the_wrong_shape(tmp_path: Path, content: str, expected: str) -> None:
    assert reason_of(write(tmp_path, "a.json", content)) == expected


# --- .html -----------------------------------------------------------------------------

SAVED_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Pentagon shrinks force in Syria - The Daily Planet</title>
<meta property="og:site_name" content="The Daily Planet">
<meta property="og:title" content="Pentagon shrinks force in Syria">
<meta property="article:published_time" content="2025-04-17T19:56:00Z">
<script>window.tracking = {"id": 12345};</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news menu</a></li>
<li><a href="/subscribe">Subscribe today</a></li></ul></nav>
<main><article>
<h1>Pentagon shrinks force in Syria</h1>
<p>The Pentagon said on Thursday that it would withdraw about 600 troops from Syria,
leaving fewer than 1,000 American service members in the country.</p>
<p>Officials said the consolidation would take several months and that three bases
would be closed or handed over to partner forces in the northeast.</p>
<p>The decision follows months of review inside the administration, officials said,
and reflects a judgment that the Islamic State no longer holds territory there.</p>
</article>
<section class="comments" id="comments"><h2>Comments</h2>
<div class="comment"><p>Reader comment: this is a terrible idea, 5,000 should stay.</p></div>
</section>
<aside class="related"><h2>Related articles</h2><ul>
<li><a href="/a">Related story about 42 helicopters</a></li></ul></aside>
</main>
<footer><p>Copyright 2025 The Daily Planet. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def test_html_saved_page(tmp_path: Path) -> None:
    [article] = load_article(write(tmp_path, "planet.html", SAVED_PAGE))
    assert "withdraw about 600 troops" in article.body
    assert "three bases" in article.body
    for boilerplate in ("Subscribe", "World news menu", "Copyright", "Privacy", "Reader comment",
                        "42 helicopters", "tracking"):
        assert boilerplate not in article.body
    assert article.title == "Pentagon shrinks force in Syria"
    assert article.outlet == "The Daily Planet"
    assert article.published == dt.datetime(2025, 4, 17, 19, 56, tzinfo=dt.UTC)


def test_html_in_cp1252_with_declared_charset(tmp_path: Path) -> None:
    page = SAVED_PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "The Pentagon said", "The Pentagon\u2019s spokesman said")
    [article] = load_article(write(tmp_path, "planet.htm", page.encode("cp1252")))
    assert "Pentagon\u2019s spokesman" in article.body


@pytest.mark.parametrize("page", [
    "<html><body>" + "<div>" * 10_000 + "deep " * 50 + "</div>" * 10_000 + "</body></html>",
    "<html><body>" + "<div><p>" * 10_000 + "</body></html>",
    ("<html><head><script>var a = 1;</script></head><body><script>alert(1)</script>"
     "<style>p {}</style></body></html>"),
    "<html></html>",
])
def test_html_without_article_text(tmp_path: Path, page: str) -> None:
    assert reason_of(write(tmp_path, "bad.html", page)) == "no article text found in HTML"


# --- encodings -------------------------------------------------------------------------

CURLY = "\u201cWe will leave,\u201d the minister said \u2014 about 600 troops. It\u2019s final."
FRENCH = "Le caf\xe9 de la r\xe9publique a ferm\xe9 apr\xe8s 40 ans."
RUSSIAN = ("\u041f\u0440\u0435\u0437\u0438\u0434\u0435\u043d\u0442 \u0437\u0430\u044f\u0432\u0438"
           "\u043b, \u0447\u0442\u043e 600 \u0441\u043e\u043b\u0434\u0430\u0442 \u043f\u043e\u043a"
           "\u0438\u043d\u0443\u0442 \u0421\u0438\u0440\u0438\u044e.")


@pytest.mark.parametrize(("data", "expected"), [
    pytest.param(b"\xef\xbb\xbf" + CURLY.encode(), CURLY, id="utf-8-bom"),
    pytest.param(CURLY.encode("utf-16"), CURLY, id="utf-16-bom"),
    pytest.param(CURLY.encode("utf-16-le"), CURLY, id="utf-16-le"),
    pytest.param(CURLY.encode("utf-16-be"), CURLY, id="utf-16-be"),
    pytest.param(CURLY.encode("cp1252"), CURLY, id="cp1252"),
    pytest.param("caf\xe9".encode("latin-1"), "caf\xe9", id="latin-1-short"),
    pytest.param(FRENCH.encode("latin-1"), FRENCH, id="latin-1"),
    pytest.param((RUSSIAN + " ") * 5 + "\n", ((RUSSIAN + " ") * 5).strip(), id="utf-8-cyrillic"),
    pytest.param(((RUSSIAN + " ") * 5).encode("cp1251"), ((RUSSIAN + " ") * 5).strip(), id="cp1251"),
    pytest.param(CURLY.encode() + " 600 \u00e9".encode()[:-1], CURLY + " 600", id="truncated-utf-8"),
    pytest.param("caf\xe9 ".encode() + "caf\xe9 x".encode("latin-1"), "caf\xe9 caf\xe9 x",
                 id="utf-8-with-stray-cp1252"),
    pytest.param(b"line one\r\nline two\rline three", "line one\nline two\nline three", id="newlines"),
])
def test_encodings(tmp_path: Path, data: bytes | str, expected: str) -> None:
    [article] = load_article(write(tmp_path, "a.txt", data))
    assert article.body == expected


def test_truncated_odd_length_utf16(tmp_path: Path) -> None:
    [article] = load_article(write(tmp_path, "a.txt", CURLY.encode("utf-16-le")[:-1]))
    assert article.body == CURLY[:-1]


@pytest.mark.parametrize(("data", "expected"), [
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "binary file (PNG image), not an article"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file (PDF document), not an article"),
    (b"PK\x03\x04\x14\x00\x00\x00", "binary file (ZIP archive), not an article"),
    (b"GIF89a\x01\x00\x01\x00", "binary file (GIF image), not an article"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file (JPEG image), not an article"),
    (b"Some text\x00with a NUL byte", "binary file (contains NUL bytes), not an article"),
    (random.Random(1).randbytes(4096), "binary file (contains NUL bytes), not an article"),
    (b"", "empty file"),
])
def test_binary_and_empty_files(tmp_path: Path, data: bytes, expected: str) -> None:
    assert reason_of(write(tmp_path, "a.txt", data)) == expected


@pytest.mark.parametrize("data", [
    bytes(b for b in random.Random(2).randbytes(4096) if b),
    bytes(range(1, 32)) * 50,
    "\ufffd".encode() * 100,
])
def test_garbage_is_refused(tmp_path: Path, data: bytes) -> None:
    reason = reason_of(write(tmp_path, "a.txt", data))
    assert reason.startswith(("not text", "cannot decode"))


@hypothesis_settings(max_examples=150, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=0, max_size=600))
def test_any_bytes_load_or_raise_source_error(tmp_path: Path, data: bytes) -> None:
    for name in ("a.txt", "a.json", "a.jsonl", "a.html"):
        path = write(tmp_path, name, data)
        try:
            for article in load_article(path):
                assert article.body and article.body == article.body.strip("\n")
        except SourceError as exc:
            assert exc.reason


# --- limits ----------------------------------------------------------------------------

def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", BODY * 20)
    reason = reason_of(path, Settings(max_file_bytes=100))
    assert reason == f"file is {len(BODY) * 20:,} bytes, over the limit of 100 bytes (max_file_bytes)"


def test_huge_sparse_file_is_refused_without_reading(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(200_000_000)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_open)
    started = time.perf_counter()
    reason = reason_of(path)
    assert time.perf_counter() - started < 1
    assert reason == "file is 200.0 MB, over the limit of 20.0 MB (max_file_bytes)"


def test_article_over_the_character_limit(tmp_path: Path) -> None:
    reason = reason_of(write(tmp_path, "a.txt", BODY), Settings(max_article_chars=10))
    assert reason == f"article text is {len(BODY)} characters, over the limit of 10 (max_article_chars)"


# --- the file system -------------------------------------------------------------------

@pytest.mark.parametrize("name", ["with spaces.md", "Z\u00fcrich \u65e5\u672c.md", "-rf.md", "a.b.MD"])
def test_awkward_file_names(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, BODY)
    [article] = load_article(path)
    assert article.id == Path(name).stem
    assert [a.id for a in load_event(tmp_path)[0]] == [Path(name).stem]


def test_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "loop.md").symlink_to(tmp_path / "other.md")
    (tmp_path / "other.md").symlink_to(tmp_path / "loop.md")
    assert reason_of(tmp_path / "loop.md") == "too many levels of symbolic links"
    articles, problems = load_event(tmp_path)
    assert articles == []
    assert [p.reason for p in problems] == ["too many levels of symbolic links"] * 2


def test_broken_symlink(tmp_path: Path) -> None:
    (tmp_path / "gone.md").symlink_to(tmp_path / "missing.md")
    assert reason_of(tmp_path / "gone.md") == "no such file or directory"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.md", BODY)
    path.chmod(0)
    try:
        assert reason_of(path) == "permission denied"
    finally:
        path.chmod(0o644)


def test_directory_and_fifo_are_not_articles(tmp_path: Path) -> None:
    (tmp_path / "folder.md").mkdir()
    assert reason_of(tmp_path / "folder.md") == "is a directory"
    os.mkfifo(tmp_path / "pipe.txt")
    assert reason_of(tmp_path / "pipe.txt") == "not a regular file"


def test_unsupported_file_type(tmp_path: Path) -> None:
    assert reason_of(write(tmp_path, "photo.png", b"\x89PNG\r\n\x1a\n")).startswith(
        "unsupported file type .png")
    assert reason_of(write(tmp_path, "README", BODY)).startswith("unsupported file type (no extension)")


# --- events ----------------------------------------------------------------------------

@pytest.fixture
def event(tmp_path: Path) -> Path:
    folder = tmp_path / "event"
    write(folder, "nyt.html", SAVED_PAGE)
    write(folder, "ap.md", f"---\noutlet: AP\n---\n{BODY}")
    write(folder, "afp.json", json.dumps({"source": {"name": "AFP"}, "text": BODY}))
    write(folder, "wire.jsonl", json.dumps({"text": BODY}) + "\nbroken\n")
    write(folder, "gold.json", json.dumps({"event": "x", "conflicts": []}))
    write(folder, ".hidden.md", BODY)
    write(folder, "notes.pdf", b"%PDF-1.4")
    write(folder, "empty.txt", b"")
    write(folder, "sub/inner.md", BODY)
    return folder


def test_load_event(event: Path) -> None:
    articles, problems = load_event(event)
    assert [a.id for a in articles] == ["afp", "ap", "nyt", "wire-1"]
    assert [(Path(p.path).name, p.reason.split(" (")[0].split(",")[0]) for p in problems] == [
        ("empty.txt", "empty file"),
        ("notes.pdf", "unsupported file type .pdf"),
        ("wire.jsonl", "line 2: invalid JSON"),
    ]


def test_loading_leaves_sources_unchanged(event: Path) -> None:
    def snapshot() -> dict[Path, tuple[bytes, int]]:
        return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in event.rglob("*") if p.is_file()}

    before, listing = snapshot(), sorted(event.rglob("*"))
    load_event(event)
    for path in before:
        if path.is_file() and path.suffix in SUPPORTED_SUFFIXES:
            with contextlib.suppress(SourceError):
                load_article(path)
    assert snapshot() == before
    assert sorted(event.rglob("*")) == listing  # nothing created, e.g. no cache or lock files


def test_duplicate_ids_are_a_problem(tmp_path: Path) -> None:
    write(tmp_path, "ap.md", BODY)
    write(tmp_path, "ap.txt", BODY)
    articles, problems = load_event(tmp_path)
    assert [a.path for a in articles] == [str(tmp_path / "ap.md")]
    assert problems == [Problem(str(tmp_path / "ap.txt"), "duplicate article id 'ap' (already used by ap.md)")]


@pytest.mark.parametrize(("make", "reason"), [
    (lambda p: p / "missing", "no such file or directory"),
    (lambda p: write(p, "a.md", BODY), "not a directory"),
])
def test_load_event_on_a_non_folder(tmp_path: Path, make: object, reason: str) -> None:
    assert callable(make)
    with pytest.raises(SourceError) as info:
        load_event(make(tmp_path))
    assert info.value.reason == reason


def test_find_events_single_folder(event: Path) -> None:
    assert find_events(event) == [event]


def test_find_events_nested(tmp_path: Path) -> None:
    write(tmp_path, "b-event/x.md", BODY)
    write(tmp_path, "a-event/y.json", "{}")
    write(tmp_path, "only-gold/gold.json", "{}")
    write(tmp_path, "pictures/a.png", b"\x89PNG")
    write(tmp_path, ".hidden/z.md", BODY)
    (tmp_path / "empty").mkdir()
    write(tmp_path, "readme", BODY)
    assert find_events(tmp_path) == [tmp_path / "a-event", tmp_path / "b-event"]


@pytest.mark.parametrize("layout", [[], ["gold.json"], ["sub/notes.pdf"], ["sub/deeper/x.md"]])
def test_find_events_without_articles(tmp_path: Path, layout: list[str]) -> None:
    for name in layout:
        write(tmp_path, name, "{}")
    with pytest.raises(SourceError) as info:
        find_events(tmp_path)
    assert info.value.reason == "no article files (.txt .md .html .htm .json .jsonl)"
