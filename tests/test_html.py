"""Tests of the HTML report: the page is parsed and asserted on structure, not matched as text.

Articles are built in the tests; the hostile ones carry markup, quotes and javascript: URLs
in every field a page shows.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re

import lxml.html
import pytest

from factcheck.models import Article, Problem, Report
from factcheck.pipeline import analyse
from factcheck.report import FORMATS, safe_name
from factcheck.report.html import Segment, highlight, render_html, render_index, safe_href

UTC = dt.UTC
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</script>",
    "\"'><svg onload=alert(1)>",
    "</textarea></style></title>",
]


def article(id: str, outlet: str, body: str, published: dt.datetime | None, url: str = "",
            title: str = "") -> Article:
    return Article(id=id, path=f"{id}.md", outlet=outlet, title=title or f"{outlet} on the quake",
                   body=body, published=published, url=url)


def quake_articles() -> list[Article]:
    return [
        article("wire", "Wire Service",
                "An earthquake struck the island of Qeshm on Sunday, November 27, 2005, killing 12 people, "
                "officials said.\n\nAbout 5,000 people were left homeless. The quake hit at 13:52 local "
                "time and destroyed seven villages.",
                dt.datetime(2005, 11, 27, 12, 5, tzinfo=UTC), "https://wire.example/quake"),
        article("daily", "Daily Courier",
                "An earthquake struck the island of Qeshm on Sunday, November 27, 2005, killing 10 people, "
                "officials said.\n\nAbout 2,000 people were left homeless. The quake hit at 13:52 local "
                "time and destroyed four villages.",
                dt.datetime(2005, 11, 28, 9, 0, tzinfo=UTC), "https://daily.example/quake"),
        article("radio", "Radio News",
                "An earthquake struck the island of Qeshm on Saturday, November 26, 2005, killing more "
                "than 20 people, officials said.\n\nAbout 5,000 people were left homeless.",
                dt.datetime(2005, 11, 28), "ftp://radio.example/quake"),
    ]


@pytest.fixture(scope="module")
def report() -> Report:
    found = analyse("2005-11 quake", quake_articles(), problems=(Problem("broken.json", "not JSON"),))
    assert len(found.discrepancies) >= 2, "the fixture articles should disagree"
    return found


@pytest.fixture(scope="module")
def page(report: Report) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(render_html(report))


def text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_registered_as_the_html_format(report: Report) -> None:
    assert FORMATS["html"](report) == render_html(report)


def test_page_basics(page: lxml.html.HtmlElement, report: Report) -> None:
    assert page.get("lang") == "en"
    assert text(page.xpath("//h1")[0]) == report.event
    assert len(page.xpath("//h1")) == 1
    assert page.xpath("//meta[@charset]")[0].get("charset") == "utf-8"
    counts = report.counts()
    for severity in ("major", "minor"):
        li = page.xpath(f"//ul[@class='counts']/li[contains(@class, 'count-{severity}')]")[0]
        assert li.xpath(".//*[@class='count-number']")[0].text == str(counts[severity])
        assert severity.capitalize() in text(li)  # a text label, not colour alone


def test_one_section_per_discrepancy_with_its_sides(page: lxml.html.HtmlElement, report: Report) -> None:
    sections = page.xpath("//section[contains(@class, 'discrepancy')]")
    assert len(sections) == len(report.discrepancies)
    for section, d in zip(sections, report.discrepancies, strict=True):
        assert d.topic in text(section.xpath(".//h3")[0])
        badge = section.xpath(".//*[contains(@class, 'badge-major') or contains(@class, 'badge-minor')]")[0]
        assert badge.get("class").endswith(d.severity) and text(badge) == d.severity.capitalize()
        assert text(section.xpath(".//p[@class='explanation']")[0]) == " ".join(d.explanation.split())
        sides = section.xpath(".//article[contains(@class, 'side')]")
        assert len(sides) == len(d.sides)
        for side_el, side in zip(sides, d.sides, strict=True):
            items = side_el.xpath(".//ul[@class='side-claims']/li")
            assert len(items) == len(side)
            for item, cid in zip(items, side, strict=True):
                claim = report.claim(cid)
                assert text(item.xpath(".//q")[0]) == claim.quote
                assert [m.text for m in item.xpath(".//blockquote//mark")] == [claim.quote]
                assert text(item.xpath(".//blockquote")[0]) == " ".join(claim.sentence.split())
        assert bool(section.xpath(".//*[contains(@class, 'badge-changed')]")) == d.changed_over_time


def test_range_plot_draws_every_claim_of_every_side(page: lxml.html.HtmlElement, report: Report) -> None:
    for section, d in zip(page.xpath("//section[contains(@class, 'discrepancy')]"), report.discrepancies,
                          strict=True):
        svgs = section.xpath(".//svg[contains(@class, 'range-plot')]")
        assert len(svgs) == 1
        svg = svgs[0]
        assert svg.get("role") == "img" and svg.xpath("./title") and svg.xpath("./desc")
        rows = svg.xpath("./g[contains(@class, 'row')]")
        assert len(rows) == sum(len(side) for side in d.sides)
        for row in rows:
            assert row.xpath("./line[contains(@class, 'bar')] | ./circle[contains(@class, 'dot')]")
        assert svg.xpath("./g[@class='axis']/text")  # tick labels


def test_open_ended_interval_is_drawn_with_an_arrow(page: lxml.html.HtmlElement, report: Report) -> None:
    open_claims = [c for d in report.discrepancies for side in d.sides for c in map(report.claim, side)
                   if c.high is None]
    assert open_claims, "the fixture says 'more than 20'"
    arrows = page.xpath("//svg[contains(@class, 'range-plot')]//path[@class='arrow']")
    assert len(arrows) >= len(open_claims)


def test_syndicated_copies_are_marked(page: lxml.html.HtmlElement, report: Report) -> None:
    assert report.syndication, "daily is a near copy of wire"
    marked = page.xpath("//section[contains(@class, 'discrepancy')]//*[contains(@class, 'badge-syndicated')]")
    assert marked
    assert any("Wire Service" in text(m) for m in marked)


def test_claims_table_has_a_row_per_claim_and_sortable_headers(page: lxml.html.HtmlElement,
                                                               report: Report) -> None:
    table = page.xpath("//table[@id='claims-table']")[0]
    headers = table.xpath("./thead/tr/th")
    assert [text(th) for th in headers] == ["Article", "Kind", "Quote", "Low", "High", "Unit", "Subject",
                                            "Discrepancy"]
    for th in headers:
        assert th.get("scope") == "col"
        assert th.get("aria-sort") == "none"
        assert th.xpath("./button[@type='button']")
    rows = table.xpath("./tbody/tr")
    assert len(rows) == len(report.claims)
    for row, claim in zip(rows, report.claims, strict=True):
        assert row.get("data-kind") == claim.kind
        assert row.xpath("./th")[0].get("scope") == "row"
        assert len(row.xpath("./th | ./td")) == len(headers)
        assert text(row.xpath("./td")[1]) == claim.quote
    in_discrepancies = {cid for d in report.discrepancies for side in d.sides for cid in side}
    linked = [row for row in rows if row.xpath("./td[last()]/a[starts-with(@href, '#discrepancy-')]")]
    assert len(linked) == len(in_discrepancies)


def test_filter_controls_are_labelled_and_hidden_until_the_script_runs(page: lxml.html.HtmlElement,
                                                                       report: Report) -> None:
    controls = page.xpath("//*[@id='claims-controls']")[0]
    assert controls.get("hidden") is not None  # without JS the controls would do nothing
    for control in ("claims-filter", "claims-kind"):
        assert page.xpath(f"//label[@for='{control}']")
    options = [o.get("value") for o in page.xpath("//select[@id='claims-kind']/option")]
    assert options == ["", *sorted({c.kind for c in report.claims})]


def test_articles_table_and_links(page: lxml.html.HtmlElement, report: Report) -> None:
    rows = page.xpath("//table[@class='articles']/tbody/tr")
    assert len(rows) == len(report.articles)
    by_outlet = {text(row.xpath("./th/a")[0]): row for row in rows}
    wire = by_outlet["Wire Service"].xpath("./td[@class='url']/a")[0]
    assert wire.get("href") == "https://wire.example/quake"
    assert wire.get("rel") == "noopener noreferrer"
    radio = by_outlet["Radio News"].xpath("./td[@class='url']")[0]
    assert not radio.xpath(".//a") and "ftp://radio.example/quake" in text(radio)
    assert "date only" in text(by_outlet["Radio News"])
    assert by_outlet["Wire Service"].xpath(".//time")[0].get("datetime") == "2005-11-27T12:05:00+00:00"


def test_publication_timeline(page: lxml.html.HtmlElement, report: Report) -> None:
    svg = page.xpath("//svg[contains(@class, 'timeline-plot')]")[0]
    dots = svg.xpath(".//circle")
    assert len(dots) == len([a for a in report.articles if a.published])
    assert len(svg.xpath(".//circle[contains(@class, 'hollow')]")) == 1  # radio: a date only


def test_article_texts_keep_the_body_and_mark_every_claim(page: lxml.html.HtmlElement,
                                                          report: Report) -> None:
    details = page.xpath("//details[contains(@class, 'article')]")
    assert len(details) == len(report.articles)
    for element, a in zip(details, report.articles, strict=True):
        body = element.xpath(".//div[@class='body']")[0]
        assert body.text_content() == a.body  # nothing added, nothing lost
        marks = body.xpath("./mark")
        claims = [c for c in report.claims if c.article == a.id]
        assert [m.text for m in marks] == [c.quote for c in sorted(claims, key=lambda c: c.start)]
        for mark in marks:
            assert mark.get("tabindex") == "0"
            assert mark.get("title") and mark.get("data-tip") and mark.get("data-kind")
        assert a.outlet in text(element.xpath("./summary")[0])


def test_in_page_links_point_at_existing_ids(page: lxml.html.HtmlElement) -> None:
    ids = set(page.xpath("//@id"))
    assert len(ids) == len(page.xpath("//@id")), "ids are unique"
    for href in page.xpath("//a/@href"):
        if href.startswith("#"):
            assert href[1:] in ids, href
    for labelled in page.xpath("//@aria-labelledby"):
        assert all(part in ids for part in labelled.split())


def test_problems_are_listed(page: lxml.html.HtmlElement) -> None:
    section = page.xpath("//section[@id='problems']")[0]
    assert "broken.json" in text(section) and "not JSON" in text(section)


def test_nothing_is_fetched(page: lxml.html.HtmlElement) -> None:
    assert not page.xpath("//link | //img | //iframe | //object | //embed | //video | //audio | //source")
    assert not page.xpath("//*[@src]") and not page.xpath("//*[@srcset]")
    for script in page.xpath("//script"):
        assert script.get("src") is None
    for style in page.xpath("//style"):
        assert "@import" not in style.text and not re.search(r"url\(", style.text)
    external = [h for h in page.xpath("//@href") if not h.startswith("#")]
    assert all(e.startswith("https://") for e in external)  # the articles' own addresses
    assert all(a.xpath("ancestor::td[@class='url']") for a in page.xpath("//a[not(starts-with(@href, '#'))]"))
    policy = page.xpath("//meta[@http-equiv='Content-Security-Policy']")[0].get("content")
    assert "default-src 'none'" in policy


def test_csp_allows_exactly_the_inline_script_and_style(page: lxml.html.HtmlElement) -> None:
    policy = page.xpath("//meta[@http-equiv='Content-Security-Policy']")[0].get("content")

    def digest(source: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"
    scripts, styles = page.xpath("//script"), page.xpath("//style")
    assert len(scripts) == 1 and len(styles) == 1
    assert f"script-src {digest(scripts[0].text)}" in policy
    assert f"style-src {digest(styles[0].text)}" in policy
    assert "unsafe-inline" not in policy


def test_no_discrepancies() -> None:
    same = [article(name, name.title(), "The bridge is 120 metres long.", dt.datetime(2024, 1, 1, tzinfo=UTC))
            for name in ("one", "two")]
    page = lxml.html.fromstring(render_html(analyse("bridge", same)))
    assert not page.xpath("//section[contains(@class, 'discrepancy')]")
    assert "No discrepancies" in text(page.xpath("//section[@id='discrepancies']")[0])
    assert not page.xpath("//section[@id='problems']")


def test_index_links_each_report(report: Report) -> None:
    other = analyse("a/../b <i>", quake_articles()[:2])
    page = lxml.html.fromstring(render_index([report, other]))
    links = page.xpath("//table[@class='index']/tbody/tr/th/a")
    assert [a.get("href") for a in links] == [f"{safe_name(r.event)}.html" for r in (report, other)]
    assert text(links[1]) == "a/../b <i>"
    assert not page.xpath("//i") and not page.xpath("//script")


# --- hostile input ------------------------------------------------------------------------------

def hostile_report() -> Report:
    payload = " ".join(HOSTILE)
    articles = [
        article("evil", f"Evil {payload}",
                f"Officials said 12 people were killed {payload} on November 27, 2005. "
                f"About 5,000 people were left homeless \"quoted\" 'single' {payload}",
                dt.datetime(2005, 11, 27, 12, tzinfo=UTC), "javascript:alert(1)", title=f"Title {payload}"),
        article("\"><script>alert(2)</script>", "Plain <b>Outlet</b>",
                "Officials said 30 people were killed on November 28, 2005. About 9,000 people were left "
                "homeless.", dt.datetime(2005, 11, 28, 8, tzinfo=UTC), " JaVaScRiPt:alert(3)"),
        article("tab", "Tabbed",
                "Officials said 50 people were killed. About 1,000 people were left homeless.", None,
                "java\tscript:alert(4)", title="</title><script>alert(5)</script>"),
    ]
    return analyse("evil <script>alert(6)</script>", articles,
                   problems=(Problem("<img src=x onerror=alert(7)>.json", "</script>bad"),))


@pytest.fixture(scope="module")
def hostile() -> tuple[Report, str]:
    report = hostile_report()
    assert report.discrepancies, "hostile text should still reach the discrepancy cards"
    return report, render_html(report)


def test_hostile_text_cannot_become_markup(hostile: tuple[Report, str]) -> None:
    report, html = hostile
    page = lxml.html.fromstring(html)
    assert len(page.xpath("//script")) == 1  # ours
    assert html.lower().count("</script") == 1
    assert not page.xpath("//img | //b | //svg[not(contains(@class, 'plot'))] | //textarea")
    for element in page.iter():
        for name in element.attrib:
            assert not name.lower().startswith("on"), (element.tag, name)
    for href in page.xpath("//@href"):
        assert re.sub(r"[\s\x00-\x1f]", "", href).lower().startswith(("#", "https:", "http:")), href
    assert [t.text for t in page.xpath("/html/head/title")] == [f"factcheck: {report.event}"]


def test_hostile_text_is_shown_as_text(hostile: tuple[Report, str]) -> None:
    report, html = hostile
    page = lxml.html.fromstring(html)
    content = page.text_content()
    for payload in HOSTILE:
        assert payload in content
    assert text(page.xpath("//h1")[0]) == report.event
    assert "javascript:alert(1)" in text(page.xpath("//table[@class='articles']")[0])
    evil = page.xpath("//details[contains(@class, 'article')]")[0]
    assert evil.xpath(".//div[@class='body']")[0].text_content() == report.articles[0].body
    assert "\"quoted\" 'single'" in content
    assert "<img src=x onerror=alert(7)>.json" in text(page.xpath("//section[@id='problems']")[0])


# --- the pieces ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.com/a?b=1&c=2", "https://example.com/a?b=1&c=2"),
    ("HTTP://EXAMPLE.COM", "HTTP://EXAMPLE.COM"),
    ("  https://example.com/x  ", "https://example.com/x"),
    ("javascript:alert(1)", None),
    (" JavaScript:alert(1)", None),
    ("java\tscript:alert(1)", None),
    ("https://exa mple.com", None),
    ("https:///no-host", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("//example.com/x", None),
    ("ftp://example.com/x", None),
    ("", None),
])
def test_safe_href(url: str, expected: str | None) -> None:
    assert safe_href(url) == expected


def test_highlight_slices_without_losing_text() -> None:
    body = "a <b> 12 and 5,000 <i>"
    parts = highlight(body, [(6, 8, None), (13, 18, None), (7, 15, None), (40, 41, None)])
    assert "".join(p.text for p in parts) == body
    assert [p.text for p in parts] == ["a <b> ", "12", " and ", "5,000", " <i>"]
    assert highlight("", []) == [Segment("")]


def test_a_claim_compatible_with_two_sides_is_shown_apart_from_them() -> None:
    from factcheck.report.text import render_text

    quake = "The earthquake struck the coast of the island on Sunday, the agency said."
    published = dt.datetime(2005, 11, 28, tzinfo=UTC)
    found = analyse("quake", [
        article("a", "Alpha", quake + " It had a magnitude of 5.9, the national seismology centre said.", published),
        article("b", "Beta", quake + " It had a magnitude of 6.1, the US Geological Survey said.", published),
        article("c", "Gamma", quake + " It had a magnitude of at least 5.9, seismologists said.", published),
    ])
    page = lxml.html.fromstring(render_html(found))
    (note,) = page.xpath('//p[@class="compatible"]')
    assert "Gamma" in text(note) and "at least 5.9" in text(note)
    sides = page.xpath('//article[contains(@class, "side ")]')
    assert sides and all("at least 5.9" not in text(side) for side in sides)
    assert 'also Gamma: "at least 5.9"' in render_text(found)
