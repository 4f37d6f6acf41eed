"""The HTML report in a real browser: headless Debian Chromium driven by Playwright.

Articles are written into tmp_path as an event folder, checked with the library and the
page opened from a file:// URL. Skipped when Chromium is missing, except in CI (env CI set).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from factcheck.pipeline import check_event
from factcheck.report import render

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "reports" / "screenshots"

ARTICLES = {
    "wire.md": """---
title: Earthquake on Iranian island kills at least 12
outlet: Wire Service
published: 2005-11-27T12:05:00Z
url: https://wire.example/2005/11/27/quake
---
An earthquake struck the island of Qeshm on Sunday, November 27, 2005, killing 12 people, officials said.

About 5,000 people were left homeless. The quake hit at 13:52 local time and destroyed seven villages.
""",
    "courier.md": """---
title: Quake flattens villages on Qeshm
outlet: The Daily Courier
published: 2005-11-28T09:00:00Z
url: https://courier.example/world/quake
---
"""
    "Rescuers on Qeshm dug through rubble on Monday after Sunday's earthquake, which local officials "
    "said killed 10 people.\n\n"
    "Around 2,000 residents lost their homes, and four villages were badly damaged, the provincial "
    "governor told reporters.\n",
    "radio.md": """---
title: Deadly quake on Qeshm island
outlet: Radio News
published: 2005-11-28
url: https://radio.example/quake
---
An earthquake on Qeshm on Saturday, November 26, 2005, killed more than 20 people, officials said.

About 5,000 people were left homeless after the tremor.
""",
}
HOSTILE = """---
title: "<script>alert('title')</script> Quake"
outlet: "<img src=x onerror=alert('outlet')>"
published: 2005-11-28T10:00:00Z
url: "javascript:alert('url')"
---
An earthquake killed 30 people </script><script>alert('body')</script> on Qeshm, officials said.

About 9,000 people <img src=x onerror=alert('img')> were left homeless. <svg onload=alert('svg')>
"""


def chromium_path() -> str | None:
    found = shutil.which("chromium") or "/usr/bin/chromium"
    return found if os.path.exists(found) else None


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed, and CI needs the browser tests to run")
        pytest.skip("Chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Watch:
    """What a page did that a report must never do."""

    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.dialogs == []
        assert self.errors == []
        assert self.requests == [self.url]


def report_file(folder: Path, articles: dict[str, str]) -> Path:
    event = folder / "2005-11-qeshm-quake"
    event.mkdir(parents=True)
    for name, content in articles.items():
        (event / name).write_text(content, encoding="utf-8")
    out = folder / "report.html"
    out.write_text(render(check_event(event), "html"), encoding="utf-8")
    return out


def open_page(browser, path: Path, **context_options):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1200, "height": 900}, **context_options)
    page = context.new_page()
    watch = Watch(path.resolve().as_uri())
    page.on("request", lambda request: watch.requests.append(request.url))
    page.on("console", lambda message: message.type in ("error", "warning") and
            watch.errors.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: watch.errors.append(f"pageerror: {error}"))

    def dialog(d) -> None:  # type: ignore[no-untyped-def]
        watch.dialogs.append(d.message)
        d.dismiss()
    page.on("dialog", dialog)
    page.goto(watch.url)
    page.wait_for_load_state("load")
    return page, watch


@pytest.fixture
def report_path(tmp_path: Path) -> Path:
    return report_file(tmp_path, ARTICLES)


def assert_labels_inside(page) -> None:  # type: ignore[no-untyped-def]
    """No plot label runs off its drawing (long outlet names are shortened)."""
    outside = page.eval_on_selector_all("svg.plot text", """texts => texts.filter(t => {
        const box = t.getBBox(), view = t.ownerSVGElement.viewBox.baseVal;
        return box.x < 0 || box.x + box.width > view.width;
    }).map(t => t.textContent)""")
    assert outside == []


def column(page, index: int) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all(
        "#claims-table tbody tr:not([hidden])",
        f"rows => rows.map(r => r.cells[{index}].getAttribute('data-sort') "
        f"?? r.cells[{index}].textContent.trim())")


def test_report_renders(browser, report_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, watch = open_page(browser, report_path)
    sections = page.locator("section.discrepancy")
    assert sections.count() >= 2
    for i in range(sections.count()):
        section = sections.nth(i)
        assert section.is_visible()
        assert section.locator("article.side").count() >= 2
        box = section.locator("svg.range-plot").bounding_box()
        assert box and box["width"] > 200 and box["height"] > 40
    # side cards sit side by side on a wide screen
    first, second = (sections.first.locator("article.side").nth(i).bounding_box() for i in (0, 1))
    assert first and second and abs(first["y"] - second["y"]) < 1 and second["x"] > first["x"]
    assert page.locator("svg.timeline-plot circle").count() == 3
    assert_labels_inside(page)
    assert page.locator("#claims-controls").is_visible()  # the script ran and showed the filters
    total = page.locator("#claims-table tbody tr").count()
    assert page.locator("#claims-status").text_content() == f"{total} claims"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for target in (SCREENSHOTS / "report.png", tmp_path / "report.png"):
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
    watch.assert_clean()


def test_header_click_sorts_the_claims_table(browser, report_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, watch = open_page(browser, report_path)
    low = page.locator("#claims-table thead th").nth(3)
    before = column(page, 3)
    low.locator("button").click()
    assert low.get_attribute("aria-sort") == "ascending"
    ascending = column(page, 3)
    assert ascending != before and sorted(ascending) == sorted(before)
    numbers = [float(v) for v in ascending if v and v[0].isdigit() and "-" not in v]
    assert numbers == sorted(numbers)
    assert ascending[-1] == "" or "" not in ascending  # open ends go last
    low.locator("button").click()
    assert low.get_attribute("aria-sort") == "descending"
    descending = [v for v in column(page, 3) if v and v[0].isdigit() and "-" not in v]
    assert [float(v) for v in descending] == sorted(numbers, reverse=True)
    # one sorted column at a time, and the keyboard works too
    article = page.locator("#claims-table thead th").nth(0)
    article.locator("button").focus()
    page.keyboard.press("Enter")
    assert article.get_attribute("aria-sort") == "ascending" and low.get_attribute("aria-sort") == "none"
    outlets = column(page, 0)
    assert outlets == sorted(outlets, key=str.lower)
    watch.assert_clean()


def test_filter_hides_rows(browser, report_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, watch = open_page(browser, report_path)
    rows = page.locator("#claims-table tbody tr")
    total = rows.count()
    page.fill("#claims-filter", "courier")
    visible = page.locator("#claims-table tbody tr:not([hidden])")
    assert 0 < visible.count() < total
    assert all("courier" in t.lower() for t in visible.all_text_contents())
    assert page.locator("#claims-status").text_content() == f"{visible.count()} of {total} claims shown"
    page.fill("#claims-filter", "")
    page.select_option("#claims-kind", "date")
    kinds = page.eval_on_selector_all("#claims-table tbody tr:not([hidden])",
                                      "rows => rows.map(r => r.dataset.kind)")
    assert kinds and set(kinds) == {"date"} and len(kinds) < total
    page.select_option("#claims-kind", "")
    assert visible.count() == total
    watch.assert_clean()


def test_focused_claim_shows_its_interval(browser, report_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, watch = open_page(browser, report_path)
    page.locator("details.article summary").first.click()
    mark = page.locator("details.article mark.claim").first
    mark.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
    tip = mark.evaluate("m => getComputedStyle(m, '::after').content")
    assert mark.get_attribute("data-tip") in tip
    watch.assert_clean()


def test_print_hides_controls_and_shows_article_texts(browser, report_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, watch = open_page(browser, report_path)
    page.emulate_media(media="print")
    assert not page.locator("#claims-controls").is_visible()
    assert page.locator("details.article .body").first.is_visible()
    watch.assert_clean()


def test_readable_without_javascript(browser, report_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, watch = open_page(browser, report_path, java_script_enabled=False)
    assert page.locator("section.discrepancy").first.is_visible()
    rows = page.locator("#claims-table tbody tr")
    assert rows.count() > 0 and rows.last.is_visible()
    assert not page.locator("#claims-controls").is_visible()  # nothing that would not work
    watch.assert_clean()


def test_hostile_article_runs_nothing(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = report_file(tmp_path, {**ARTICLES, "hostile.md": HOSTILE})
    page, watch = open_page(browser, path)
    page.locator("details.article summary").evaluate_all("items => items.forEach(s => s.click())")
    page.locator("#claims-table thead th button").first.click()
    page.wait_for_timeout(200)
    assert page.evaluate("document.scripts.length") == 1
    assert page.locator("img").count() == 0
    assert page.locator("text=<img src=x onerror=alert('outlet')>").count() >= 1
    assert page.locator("a[href^='javascript' i]").count() == 0
    assert_labels_inside(page)
    page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)
    watch.assert_clean()
