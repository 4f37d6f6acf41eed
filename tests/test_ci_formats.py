"""The CI formats: SARIF (against the official 2.1.0 schema), JUnit XML, GitHub annotations, Markdown.

Reports are built by hand over article files written into ``tmp_path``, so these tests
pin the renderers, not the extraction: every claim's offsets are those of its quote.
"""

from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from factcheck.models import Article, Claim, Discrepancy, Problem, Report
from factcheck.report import FORMATS
from factcheck.report.github import render_github
from factcheck.report.junit import render_junit, render_junit_batch
from factcheck.report.locations import Locator
from factcheck.report.markdown import escape, render_markdown, render_markdown_batch
from factcheck.report.sarif import render_sarif, render_sarif_batch

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
URI_REFERENCE = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-F]{2})+")  # RFC 3986

FRONT = "---\ntitle: {title}\noutlet: {outlet}\npublished: 2024-03-05\n---\n\n"
# hostile text on purpose: markup, table pipes, HTML, a form feed, workflow-command characters
AP_BODY = ("Bus crash | <script>alert(1)</script> *kills* [many](http://x.test)\n\n"
           "The bus \u2014 a 1990s model \u2014 killed 12 people, police said: 100%\x0c sure.\n"
           "Rescuers worked through the night.")
REUTERS_BODY = "Officials said on Tuesday that the crash killed 20 people.\nThe driver survived."
HTML_TEXT = "The crash killed twenty people, the mayor said."
HTML_FILE = ("<html><head><title>Crash</title></head><body><p>The <b>crash</b> killed <i>twenty</i> "
             "people, the mayor said.</p></body></html>")


def _claim(article: Article, n: int, quote: str, kind: str = "quantity", value: float = 0) -> Claim:
    start = article.body.index(quote)
    line_start = article.body.rfind("\n", 0, start) + 1
    line_end = article.body.find("\n", start)
    sentence = article.body[line_start:line_end if line_end >= 0 else None]
    return Claim(id=f"{article.id}:{n}", article=article.id, kind=kind,  # type: ignore[arg-type]
                 quote=quote, sentence=sentence, start=start, end=start + len(quote),
                 low=value, high=value, unit="people", subject="people killed", value=value,
                 sentence_start=line_start)


def _article(folder: Path, name: str, outlet: str, body: str, file_text: str | None = None,
             newline: str = "\n", bom: bool = False) -> Article:
    path = folder / name
    text = file_text if file_text is not None else FRONT.format(title=f"{outlet} story", outlet=outlet) + body
    data = text.replace("\n", newline).encode("utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + data if bom else data)
    return Article(id=path.stem, path=str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd())
                   else str(path), outlet=outlet, title=f"{outlet} story", body=body)


@pytest.fixture(name="report")
def report_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    """An event of three articles (Markdown with CRLF, Markdown with a BOM, HTML), two discrepancies."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "bus-crash"
    folder.mkdir()
    ap = _article(folder, "ap.md", "Associated Press", AP_BODY, newline="\r\n")
    reuters = _article(folder, "reuters.md", "Reuters, Ltd: wire", REUTERS_BODY, bom=True)
    nyt = _article(folder, "nyt.html", "The Times", HTML_TEXT, file_text=HTML_FILE)
    claims = (_claim(ap, 1, "12", value=12), _claim(reuters, 1, "20", value=20),
              _claim(nyt, 1, "twenty", value=20), _claim(reuters, 2, "Tuesday", kind="date"),
              _claim(ap, 2, "1990s", kind="date"))
    discrepancies = (
        Discrepancy(id="d1", kind="quantity", severity="major", topic="people killed: toll, final",
                    sides=(("ap:1",), ("reuters:1", "nyt:1")), fingerprint="aaaa1111bbbb2222",
                    explanation="Associated Press says 12; Reuters and The Times say 20 (100% off)\nreally"),
        Discrepancy(id="d2", kind="date", severity="minor", topic="date | of <crash>",
                    sides=(("reuters:2",), ("ap:2",)), fingerprint="cccc3333dddd4444",
                    explanation="Reuters says Tuesday; Associated Press says the 1990s"),
    )
    return Report(event="bus-crash", articles=(ap, reuters, nyt), claims=claims,
                  discrepancies=discrepancies, source_dir="bus-crash", generated="2024-03-06T10:00:00+00:00")


def _file_lines(path: str) -> list[str]:
    return Path(path).read_bytes().decode("utf-8-sig").replace("\r\n", "\n").split("\n")


def _quote_at(path: str, line: int, col: int, end_col: int) -> str:
    """The text of a file between 1-based columns [col, end_col) of one line."""
    return _file_lines(path)[line - 1][col - 1:end_col - 1]


# --- locations -------------------------------------------------------------------------

def test_locator_counts_front_matter_crlf_bom_and_characters(report: Report) -> None:
    locator = Locator(report.articles)
    for claim in report.claims:
        region = locator.region(claim)
        article = report.article(claim.article)
        if article.path.endswith(".html"):
            assert region is None  # "twenty" is split by markup: not verbatim in the file
            continue
        assert region is not None, claim.id
        assert region.start_line == region.end_line
        quote = _quote_at(article.path, region.start_line, region.start_column, region.end_column)
        assert quote == claim.quote
    ap_12 = locator.region(report.claim("ap:1"))
    assert ap_12 is not None
    # 6 lines before the body; each em dash is one column
    assert (ap_12.start_line, ap_12.start_column) == (9, 34)


def test_locator_finds_a_verbatim_snippet_in_markup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    body = "The crash killed twenty people, the mayor said on Monday."
    html = f"<html><body>\n<article>\n  <p>{body}</p>\n</article></body></html>"
    article = _article(tmp_path, "page.html", "Page", body, file_text=html)
    region = Locator([article]).region(_claim(article, 1, "twenty"))
    assert region is not None
    assert region.start_line == 3
    assert _quote_at(article.path, 3, region.start_column, region.end_column) == "twenty"


def test_locator_survives_a_missing_file(report: Report) -> None:
    Path(report.article("ap").path).unlink()
    assert Locator(report.articles).region(report.claim("ap:1")) is None
    assert render_github(report).count("\n") == 5


# --- SARIF -----------------------------------------------------------------------------

def _validate_sarif(text: str) -> dict[str, Any]:
    log = json.loads(text)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    # jsonschema checks "uri-reference" only with an optional package: check the characters here
    for uri in re.findall(r'"uri": "([^"]*)"', text):
        assert URI_REFERENCE.fullmatch(uri), uri
    return log


def test_vendored_schema_is_the_official_sarif_2_1_0() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator.check_schema(schema)


def test_sarif_is_valid_and_complete(report: Report) -> None:
    log = _validate_sarif(render_sarif(report))
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "factcheck"
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert {"FC-QUANTITY", "FC-DATE", "FC-TIME"} <= set(rule_ids)
    assert len(rule_ids) == len(set(rule_ids))
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["FC-QUANTITY", "FC-DATE"]
    assert [r["level"] for r in results] == ["error", "warning"]
    for result in results:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
    assert results[0]["message"]["text"] == report.discrepancies[0].explanation
    assert results[0]["partialFingerprints"] == {"factcheck/v1": "aaaa1111bbbb2222"}
    assert run["invocations"][0]["executionSuccessful"] is True


def test_sarif_locations_point_at_each_quote(report: Report) -> None:
    (run,) = _validate_sarif(render_sarif(report))["runs"]
    locations = run["results"][0]["locations"]
    assert len(locations) == 3  # one a claim, every side
    physical = [loc["physicalLocation"] for loc in locations]
    by_uri = {p["artifactLocation"]["uri"]: p for p in physical}
    assert set(by_uri) == {"bus-crash/ap.md", "bus-crash/reuters.md", "bus-crash/nyt.html"}
    for uri, place in by_uri.items():
        assert place["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        region = place["region"]
        if uri.endswith(".html"):
            assert region == {"startLine": 1}
            continue
        assert _quote_at(uri, region["startLine"], region["startColumn"], region["endColumn"]) \
            == region["snippet"]["text"]
    assert by_uri["bus-crash/ap.md"]["region"]["startLine"] == 9


def test_sarif_uri_of_a_file_outside_the_working_folder(report: Report, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    absolute = tuple(dataclasses.replace(a, path=str(tmp_path / a.path)) for a in report.articles)
    monkeypatch.chdir(elsewhere)
    moved = Report(event=report.event, articles=absolute, claims=report.claims,
                   discrepancies=report.discrepancies)
    (run,) = _validate_sarif(render_sarif(moved))["runs"]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"].startswith("file:///")
    assert "uriBaseId" not in location


def test_sarif_uri_is_percent_encoded(report: Report) -> None:
    body = "Le bilan: 12 morts."
    article = _article(Path("bus-crash"), "le monde é.md", "Le Monde", body)
    claim = _claim(article, 1, "12", value=12)
    d = dataclasses.replace(report.discrepancies[0], sides=(("ap:1",), (claim.id,)))
    french = dataclasses.replace(report, articles=(*report.articles, article), claims=(*report.claims, claim),
                                 discrepancies=(d,))
    (run,) = _validate_sarif(render_sarif(french))["runs"]
    uris = [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in run["results"][0]["locations"]]
    assert uris == ["bus-crash/ap.md", "bus-crash/le%20monde%20%C3%A9.md"]


def test_sarif_batch_is_one_run_and_reports_skipped_files(report: Report) -> None:
    other = Report(event="other", articles=report.articles, claims=report.claims,
                   discrepancies=report.discrepancies[:1],
                   problems=(Problem("bus-crash/photo.md", "binary file (PNG image), not an article"),))
    log = _validate_sarif(render_sarif_batch([report, other]))
    (run,) = log["runs"]
    assert [r["properties"]["event"] for r in run["results"]] == ["bus-crash", "bus-crash", "other"]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert "binary file" in note["message"]["text"]


def test_sarif_without_discrepancies_is_valid(report: Report) -> None:
    empty = Report(event="quiet", articles=report.articles, claims=report.claims, discrepancies=())
    (run,) = _validate_sarif(FORMATS["sarif"](empty))["runs"]
    assert run["results"] == []


# --- JUnit -----------------------------------------------------------------------------

def test_junit_a_testcase_per_discrepancy(report: Report) -> None:
    root = ET.fromstring(render_junit(report))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "bus-crash"
    cases = suite.findall("testcase")
    assert len(cases) == 2
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "2", "0")
    assert (root.get("tests"), root.get("failures")) == ("2", "2")
    for case, d in zip(cases, report.discrepancies, strict=True):
        assert d.fingerprint in (case.get("name") or "")
        (failure,) = case.findall("failure")
        assert failure.get("type") == d.severity
        assert failure.get("message") == d.explanation
        assert "bus-crash/ap.md:" in (failure.text or "")
    # the form feed in the article is not XML: it must not break the document
    assert "\x0c" not in (cases[0].find("failure").text or "")  # type: ignore[union-attr]


def test_junit_clean_event_passes_and_skipped_files_are_errors(report: Report) -> None:
    clean = Report(event="quiet", articles=report.articles, claims=report.claims, discrepancies=(),
                   problems=(Problem("quiet/photo.md", "binary file"),))
    root = ET.fromstring(render_junit_batch([clean, report]))
    quiet, noisy = root.findall("testsuite")
    names = [c.get("name") for c in quiet.findall("testcase")]
    assert names == ["read quiet/photo.md", "event checked"]
    assert quiet.find("testcase[@name='event checked']/failure") is None
    assert quiet.find("testcase/error") is not None
    assert (quiet.get("tests"), quiet.get("failures"), quiet.get("errors")) == ("2", "0", "1")
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "2", "1")
    assert noisy.get("name") == "bus-crash"


# --- GitHub annotations ----------------------------------------------------------------

ANNOTATION = re.compile(
    r"^::(?P<level>error|warning) file=(?P<file>[^,:]+),line=(?P<line>\d+)"
    r"(?:,endLine=(?P<end_line>\d+))?(?:,col=(?P<col>\d+),endColumn=(?P<end_col>\d+))?"
    r",title=(?P<title>[^,:]*)::(?P<message>[^\r\n]*)$")


def _unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def test_github_one_annotation_per_claim(report: Report) -> None:
    lines = render_github(report).splitlines()
    assert len(lines) == 5  # d1: three claims, d2: two
    matches = [ANNOTATION.match(line) for line in lines]
    assert all(matches), [line for line, m in zip(lines, matches, strict=True) if not m]
    levels = [m["level"] for m in matches if m]
    assert levels == ["error"] * 3 + ["warning"] * 2
    for m in matches:
        assert m is not None
        if m["file"].endswith(".html"):
            assert (m["line"], m["col"]) == ("1", None)
            continue
        # GitHub's endColumn is the last character's column
        quote = _quote_at(m["file"], int(m["line"]), int(m["col"]), int(m["end_col"]) + 1)
        assert quote in {"12", "20", "Tuesday", "1990s"}


def test_github_escapes_properties_and_messages(report: Report) -> None:
    first = ANNOTATION.match(render_github(report).splitlines()[0])
    assert first is not None
    assert _unescape(first["title"]) == "factcheck: major quantity discrepancy: people killed: toll, final"
    message = _unescape(first["message"])
    assert "(100% off)\nreally" in message
    assert "%25" in first["message"] and "%0A" in first["message"]


def test_github_names_skipped_files(report: Report) -> None:
    skipped = Report(event="e", articles=report.articles, claims=report.claims, discrepancies=(),
                     problems=(Problem("e/photo,1.md", "binary file"),))
    (line,) = render_github(skipped).splitlines()
    assert line == "::warning file=e/photo%2C1.md,title=factcheck%3A file skipped::binary file"


# --- Markdown --------------------------------------------------------------------------

def _cells(row: str) -> list[str]:
    """A GFM table row split on its unescaped pipes."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def test_markdown_summary_shape(report: Report) -> None:
    text = render_markdown(report)
    lines = text.splitlines()
    assert lines[0] == "## factcheck: bus-crash"
    assert "**3** articles, **5** claims, **2** discrepancies (1 major, 1 minor)" in text
    header = next(i for i, line in enumerate(lines) if line.startswith("| # |"))
    assert _cells(lines[header]) == ["#", "Severity", "Kind", "Topic", "Who says what"]
    assert set(_cells(lines[header + 1])) == {"---"}
    rows = lines[header + 2:header + 4]
    assert all(len(_cells(row)) == 5 for row in rows)
    assert "major" in _cells(rows[0])[1] and "minor" in _cells(rows[1])[1]
    assert "**Reuters, Ltd: wire, The Times**" in _cells(rows[0])[4]


def test_markdown_escapes_article_text(report: Report, tmp_path: Path) -> None:
    quoted = dataclasses.replace(report.claim("ap:1"), quote="12 | <b>x</b> *y* [z](u)")
    hostile = Report(event="e<1>", articles=report.articles, claims=(quoted, *report.claims[1:]),
                     discrepancies=report.discrepancies)
    text = render_markdown(hostile)
    assert "<b>" not in text and "<1>" not in text and "<crash>" not in text
    assert "&lt;b&gt;x&lt;/b&gt;" in text
    assert r"\*y\*" in text and r"\[z\]" in text
    row = next(line for line in text.splitlines() if line.startswith("| d2"))
    assert len(_cells(row)) == 5  # the | in the topic stays inside its cell


def test_markdown_escape() -> None:
    assert escape("a|b") == r"a\|b"
    assert escape("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert escape("line\nbreak\x0c") == "line break"
    assert escape("see https://example.test") == r"see https\://example.test"
    assert escape("5:30 p.m.") == "5:30 p.m."


def test_markdown_without_discrepancies_and_batch(report: Report) -> None:
    quiet = Report(event="quiet", articles=report.articles, claims=(), discrepancies=(),
                   problems=(Problem("quiet/x.md", "empty file"),))
    text = render_markdown(quiet)
    assert "No discrepancies found." in text
    assert "> [!WARNING]" in text and "`quiet/x.md`" in text
    batch = render_markdown_batch([quiet, report])
    overview = [line for line in batch.splitlines() if line.startswith("| ")]
    assert _cells(overview[2]) == ["quiet", "3", "0", "0", "1"]
    assert batch.count("### factcheck: ") == 2


@pytest.mark.parametrize("fmt", ["markdown", "junit", "sarif", "github"])
def test_registered_in_formats(report: Report, fmt: str) -> None:
    assert FORMATS[fmt](report).endswith("\n")
