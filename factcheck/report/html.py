"""HTML: a Report -> one self-contained page (inline CSS, JS and SVG; it fetches nothing).

Article text is hostile. It reaches the page only as text through Jinja2's autoescaping:
highlights are built here as (text, claim) segments and the template escapes each piece.
The page reads fully without JavaScript; the script (allowed by hash in the page's
Content-Security-Policy, like the stylesheet) only sorts and filters the claims table.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from factcheck.compare import interval
from factcheck.models import SEVERITIES, Article, Claim, Discrepancy, Report
from factcheck.report import safe_name

# canonical units of factcheck.extract.units, the ones interval() converts to
_CANONICAL = {"length": "km", "speed": "km/h", "area": "km²", "duration": "seconds", "mass": "kg",
              "volume": "litres", "power": "MW"}
_SIDE_COLOURS = 6  # .side-0 .. .side-5 in the stylesheet
_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)

# range plot and timeline geometry (SVG user units)
_WIDTH, _LABEL_W, _RIGHT, _ROW, _TOP, _AXIS = 640.0, 180.0, 24.0, 26.0, 8.0, 34.0


# --- view models: everything the templates need, already computed ---------------------------

@dataclass(frozen=True)
class ClaimView:
    claim: Claim
    anchor: str  # id of its <mark> in the article text
    outlet: str
    article_anchor: str
    interval_text: str
    low_text: str
    high_text: str
    low_sort: str
    high_sort: str
    places: tuple[tuple[str, str, int], ...]  # (discrepancy anchor, discrepancy id, side number)


@dataclass(frozen=True)
class Segment:
    text: str
    claim: ClaimView | None = None


@dataclass(frozen=True)
class SideClaim:
    view: ClaimView
    sentence: tuple[Segment, ...]
    copy_of: str  # outlet of the original when this article is a syndicated copy
    published: str


@dataclass(frozen=True)
class Side:
    number: int
    colour: int
    outlets: tuple[str, ...]
    claims: tuple[SideClaim, ...]


@dataclass(frozen=True)
class Row:
    """One claim's interval drawn as a bar (or a dot) on a plot's axis."""

    y: float
    colour: int
    label: str
    full_label: str
    x1: float
    x2: float
    open_left: bool
    open_right: bool
    point: bool
    hollow: bool = False  # timeline: a date without a time of day


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Plot:
    width: float
    height: float
    left: float
    right: float
    axis_y: float
    rows: tuple[Row, ...]
    ticks: tuple[Tick, ...]
    axis_label: str
    description: str


@dataclass(frozen=True)
class DiscrepancyView:
    anchor: str
    id: str
    severity: str
    kind: str
    topic: str
    explanation: str
    changed_over_time: bool
    relative_difference: str
    sides: tuple[Side, ...]
    plot: Plot
    syndicated: tuple[str, ...]
    compatible: tuple[SideClaim, ...] = ()  # claims that fit more than one side


@dataclass(frozen=True)
class ArticleView:
    article: Article
    anchor: str
    href: str | None
    published: str
    published_attr: str
    copy_of: str
    body: tuple[Segment, ...]
    claim_count: int


# --- rendering ------------------------------------------------------------------------------

def render_html(report: Report) -> str:
    """The report as one HTML page."""
    claims = _claim_views(report)
    articles = _article_views(report, claims)
    discrepancies = [_discrepancy_view(i, d, report, claims, articles)
                     for i, d in enumerate(report.discrepancies, 1)]
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report, counts=report.counts(), severities=SEVERITIES, articles=articles.values(),
        claims=list(claims.values()), discrepancies=discrepancies, timeline=_timeline(report.articles),
        undated=[a.outlet for a in report.articles if a.published is None],
        kinds=sorted({c.kind for c in report.claims}), **_assets(with_script=True),
    )


def render_index(reports: list[Report]) -> str:
    """An index page linking each event's report (``<event>.html`` in the same folder)."""
    rows = [{"report": r, "counts": r.counts(), "href": f"{safe_name(r.event)}.html"} for r in reports]
    template = _environment().get_template("index.html.j2")
    return template.render(rows=rows, severities=SEVERITIES, **_assets(with_script=False))


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("factcheck.report", "templates"),
        autoescape=True,  # always: every string from an article is hostile
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )


@lru_cache(maxsize=2)
def _assets(with_script: bool) -> dict[str, object]:
    """Our own stylesheet and script, and a CSP that allows exactly them and nothing else."""
    folder = resources.files("factcheck.report") / "templates"
    style = (folder / "_report.css").read_text(encoding="utf-8")
    script = (folder / "_report.js").read_text(encoding="utf-8") if with_script else ""
    csp = ["default-src 'none'", f"style-src '{_sha256(style)}'", "img-src data:",
           "base-uri 'none'", "form-action 'none'"]
    if script:
        csp.append(f"script-src '{_sha256(script)}'")
    # the files are ours, not article text: Markup keeps autoescaping from mangling '<' and '&'
    return {"style": Markup(style), "script": Markup(script), "csp": "; ".join(csp)}


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


# --- claims and articles --------------------------------------------------------------------

def _claim_views(report: Report) -> dict[str, ClaimView]:
    places: dict[str, list[tuple[str, str, int]]] = {}
    for i, d in enumerate(report.discrepancies, 1):
        for number, side in enumerate(d.sides, 1):
            for cid in side:
                places.setdefault(cid, []).append((f"discrepancy-{i}", d.id, number))
    articles = {a.id: (i, a) for i, a in enumerate(report.articles, 1)}
    views: dict[str, ClaimView] = {}
    for i, c in enumerate(report.claims, 1):
        index, article = articles.get(c.article, (0, None))
        views[c.id] = ClaimView(
            claim=c, anchor=f"claim-{i}", outlet=article.outlet if article else c.article,
            article_anchor=f"article-{index}" if article else "", interval_text=describe(c),
            low_text="—" if c.low is None else _value(c.low),
            high_text="—" if c.high is None else _value(c.high),
            low_sort=_sort_key(c.low), high_sort=_sort_key(c.high), places=tuple(places.get(c.id, ())),
        )
    return views


def _article_views(report: Report, claims: dict[str, ClaimView]) -> dict[str, ArticleView]:
    outlets = {a.id: a.outlet for a in report.articles}
    copies = dict(report.syndication)
    views: dict[str, ArticleView] = {}
    for i, a in enumerate(report.articles, 1):
        own = [v for v in claims.values() if v.claim.article == a.id]
        views[a.id] = ArticleView(
            article=a, anchor=f"article-{i}", href=safe_href(a.url), published=_when_text(a),
            published_attr=a.published_iso() or "",
            copy_of=outlets.get(copies[a.id], copies[a.id]) if a.id in copies else "",
            body=tuple(highlight(a.body, [(v.claim.start, v.claim.end, v) for v in own])),
            claim_count=len(own),
        )
    return views


def safe_href(url: str) -> str | None:
    """``url`` when it is a plain http(s) address a link may point to, else None (shown as text)."""
    url = url.strip()
    if not _URL.fullmatch(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def highlight(text: str, spans: Iterable[tuple[int, int, ClaimView | None]]) -> list[Segment]:
    """``text`` cut into plain and marked pieces; a span overlapping an earlier one stays unmarked."""
    segments: list[Segment] = []
    position = 0
    for start, end, view in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < position or not 0 <= start < end <= len(text):
            continue
        if start > position:
            segments.append(Segment(text[position:start]))
        segments.append(Segment(text[start:end], view))
        position = end
    if position < len(text) or not segments:
        segments.append(Segment(text[position:]))
    return segments


def sentence_segments(view: ClaimView) -> list[Segment]:
    """The claim's sentence with its quote marked (located by offset, else by search)."""
    c = view.claim
    offset = c.start - c.sentence_start
    if c.sentence[offset:offset + len(c.quote)] != c.quote:
        offset = c.sentence.find(c.quote) if c.quote else -1
    if offset < 0:
        return [Segment(c.sentence)]
    return highlight(c.sentence, [(offset, offset + len(c.quote), view)])


def describe(c: Claim) -> str:
    """The parsed interval in words: "540 – 660 troops", "≥ 41 people", "2024-01-01 – 2024-01-31"."""
    unit = "" if c.kind != "quantity" or not c.unit else f" {c.unit}"
    if c.low is None and c.high is None:
        return "unresolved"
    if c.low is None:
        return f"≤ {_value(c.high)}{unit}"
    if c.high is None:
        return f"≥ {_value(c.low)}{unit}"
    if c.low == c.high:
        return f"{_value(c.low)}{unit}"
    return f"{_value(c.low)} – {_value(c.high)}{unit}"


def _value(v: object) -> str:
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return _number(float(v))
    return str(v).replace("T", " ")


def _number(x: float) -> str:
    x = float(x)
    if math.isfinite(x) and x.is_integer() and abs(x) < 1e15:
        return f"{int(x):,}"
    if abs(x) >= 1e15 or (x and abs(x) < 1e-3):
        return f"{x:.3g}"
    return f"{x:,.3f}".rstrip("0").rstrip(".")


def _sort_key(v: object) -> str:
    """What the table sorts a low/high cell by: a number as digits, a date/time as ISO text."""
    if v is None:
        return ""
    if isinstance(v, (int, float)):
        return repr(float(v))
    return str(v)


def _when_text(a: Article) -> str:
    if a.published is None:
        return "no date"
    iso = a.published_iso() or ""
    if "T" not in iso:
        return iso + " (date only)"
    p = a.published
    zone = ""
    if p.utcoffset() is not None:
        offset = p.utcoffset() or dt.timedelta()
        zone = " UTC" if not offset else " " + p.strftime("%z")[:3] + ":" + p.strftime("%z")[3:]
    return p.strftime("%Y-%m-%d %H:%M") + zone


# --- discrepancies and their range plots -----------------------------------------------------

def _discrepancy_view(i: int, d: Discrepancy, report: Report, claims: dict[str, ClaimView],
                      articles: dict[str, ArticleView]) -> DiscrepancyView:
    copies = dict(report.syndication)

    def members(ids: Sequence[str]) -> tuple[SideClaim, ...]:
        out = []
        for cid in ids:
            view = claims.get(cid)
            if view is None:
                continue
            article = articles.get(view.claim.article)
            copy_of = (article.copy_of if article else "") or copies.get(view.claim.article, "")
            out.append(SideClaim(view, tuple(sentence_segments(view)), copy_of,
                                 article.published if article else ""))
        return tuple(out)

    sides: list[Side] = []
    for number, side in enumerate(d.sides, 1):
        side_claims = members(side)
        outlets = tuple(dict.fromkeys(m.view.outlet for m in side_claims))
        sides.append(Side(number, (number - 1) % _SIDE_COLOURS, outlets, side_claims))
    relative = "" if d.relative_difference is None else f"{d.relative_difference:.0%}"
    outlet_of = {a.id: a.outlet for a in report.articles}
    return DiscrepancyView(
        anchor=f"discrepancy-{i}", id=d.id, severity=d.severity, kind=d.kind, topic=d.topic,
        explanation=d.explanation, changed_over_time=d.changed_over_time, relative_difference=relative,
        sides=tuple(sides), plot=_range_plot(sides),
        syndicated=tuple(outlet_of.get(a, a) for a in d.syndicated), compatible=members(d.compatible),
    )


def _range_plot(sides: Sequence[Side]) -> Plot:
    """Each side's claims as intervals on one axis; an open end runs to the edge as an arrow."""
    entries = [(side, m.view) for side in sides for m in side.claims]
    bounds = [interval(v.claim) for _, v in entries]
    finite = [x for pair in bounds for x in pair if math.isfinite(x)]
    kind = entries[0][1].claim.kind if entries else "quantity"
    lo, hi = (min(finite), max(finite)) if finite else (0.0, 1.0)
    pad = (hi - lo) * 0.08 if hi > lo else max(abs(lo) * 0.1, 1.0)
    # an open end gets room to run on before its arrow
    lo -= pad * (4 if any(not math.isfinite(a) for a, _ in bounds) else 1)
    hi += pad * (4 if any(not math.isfinite(b) for _, b in bounds) else 1)
    if kind == "quantity" and lo < 0 <= min(finite, default=0.0):
        lo = 0.0  # counts and sizes do not go below zero: do not draw an axis that does
    left, right = _LABEL_W, _WIDTH - _RIGHT

    def x(value: float) -> float:
        return round(left + (value - lo) / (hi - lo) * (right - left), 2)

    rows = []
    for n, ((side, view), (a, b)) in enumerate(zip(entries, bounds, strict=True)):
        label = f"{side.number} · {view.outlet}"
        rows.append(Row(
            y=_TOP + n * _ROW + _ROW / 2, colour=side.colour, label=_shorten(label, 23), full_label=label,
            x1=x(a) if math.isfinite(a) else left, x2=x(b) if math.isfinite(b) else right,
            open_left=not math.isfinite(a), open_right=not math.isfinite(b), point=a == b,
        ))
    axis_y = _TOP + len(rows) * _ROW + 4
    ticks = tuple(Tick(x(v), text) for v, text in _ticks(kind, lo, hi))
    described = "; ".join(f"side {side.number}, {view.outlet}: {view.interval_text}"
                          for side, view in entries)
    return Plot(_WIDTH, axis_y + _AXIS, left, right, axis_y, tuple(rows), ticks,
                _axis_label(kind, [v.claim for _, v in entries]), described)


def _axis_label(kind: str, claims: Sequence[Claim]) -> str:
    if kind == "date":
        return "date"
    if kind == "time":
        return "time of day (UTC where the text gives a zone)"
    dimension = claims[0].dimension if claims else ""
    if dimension in _CANONICAL:
        return _CANONICAL[dimension]
    units = {c.unit for c in claims}
    return units.pop() if len(units) == 1 else (dimension or "value")


def _ticks(kind: str, lo: float, hi: float) -> list[tuple[float, str]]:
    if kind == "date":
        step = _pick(hi - lo, (1, 2, 7, 14, 30.4375, 91.3125, 182.625, 365.25, 730.5, 1826.25, 3652.5))
        fmt = "%Y-%m-%d" if step < 30 else ("%b %Y" if step < 365 else "%Y")
        return [(v, dt.date.fromordinal(int(v)).strftime(fmt)) for v in _steps(lo, hi, step)
                if 1 <= v < dt.date.max.toordinal()]
    if kind == "time":
        step = _pick(hi - lo, (1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720))
        return [(v, f"{int(v) // 60 % 24:02d}:{int(v) % 60:02d}") for v in _steps(lo, hi, step)]
    span = hi - lo
    magnitude = 10 ** math.floor(math.log10(span / 4)) if span > 0 else 1.0
    step = _pick(span, tuple(magnitude * m for m in (1, 2, 2.5, 5, 10)))
    return [(v, _number(round(v, 10))) for v in _steps(lo, hi, step)]


def _pick(span: float, steps: Sequence[float]) -> float:
    """The smallest step giving at most five ticks over ``span``."""
    return next((s for s in steps if span / s <= 5), steps[-1] * math.ceil(span / steps[-1] / 5))


def _steps(lo: float, hi: float, step: float) -> list[float]:
    first = math.ceil(lo / step) * step
    count = int((hi - first) // step) + 1
    return [first + k * step for k in range(max(count, 0))]


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- timeline of publication --------------------------------------------------------------------

def _timeline(articles: Sequence[Article]) -> Plot | None:
    """Publication moments on one axis (UTC; a date without a time sits at midnight, hollow)."""
    dated = sorted(((_utc(a.published), a) for a in articles if a.published is not None),
                   key=lambda pair: pair[0])
    if not dated:
        return None
    epoch = dated[0][0]
    minutes = [(moment - epoch).total_seconds() / 60 for moment, _ in dated]
    lo, hi = min(minutes), max(minutes)
    pad = (hi - lo) * 0.06 if hi > lo else 60.0
    lo, hi = lo - pad, hi + pad
    left, right = _LABEL_W, _WIDTH - _RIGHT

    def x(value: float) -> float:
        return round(left + (value - lo) / (hi - lo) * (right - left), 2)

    rows = []
    for n, ((_moment, a), m) in enumerate(zip(dated, minutes, strict=True)):
        date_only = "T" not in (a.published_iso() or "")
        rows.append(Row(y=_TOP + n * _ROW + _ROW / 2, colour=0, label=_shorten(a.outlet, 23),
                        full_label=f"{a.outlet}: {_when_text(a)}", x1=x(m), x2=x(m),
                        open_left=False, open_right=False, point=True, hollow=date_only))
    step = _pick(hi - lo, (15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080, 43200))
    base = epoch.replace(hour=0, minute=0, second=0, microsecond=0)
    offset = (epoch - base).total_seconds() / 60
    ticks = []
    for v in _steps(lo + offset, hi + offset, step):
        moment = base + dt.timedelta(minutes=v)
        text = moment.strftime("%b %d") if step >= 1440 else moment.strftime("%b %d %H:%M")
        ticks.append(Tick(x(v - offset), text))
    axis_y = _TOP + len(rows) * _ROW + 4
    described = "; ".join(r.full_label for r in rows)
    return Plot(_WIDTH, axis_y + _AXIS, left, right, axis_y, tuple(rows), tuple(ticks),
                "publication time (UTC)", described)


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        return moment  # no zone given: taken as written
    return moment.astimezone(dt.UTC).replace(tzinfo=None)
