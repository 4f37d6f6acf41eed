"""Report: Report -> text in a format (json, csv, text, html, ...), and atomic writes.

Each format is a function ``render(report) -> str`` registered in :data:`FORMATS`;
:func:`write_atomic` puts the text in place by writing a temporary file and renaming it,
so an interrupted run never leaves a half-written report.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from factcheck.errors import OutputError
from factcheck.models import Report
from factcheck.report.json import render_json, report_to_dict
from factcheck.report.text import render_text

Renderer = Callable[[Report], str]



def _lazy(module: str, function: str) -> Renderer:
    """A renderer imported on first use, so a JSON run never loads Jinja2 or the SARIF code."""
    def renderer(report: Report) -> str:
        from importlib import import_module
        return str(getattr(import_module(f"factcheck.report.{module}"), function)(report))
    renderer.__name__ = f"{module}.{function}"
    return renderer


FORMATS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "csv": _lazy("csv", "render_csv"),
    "html": _lazy("html", "render_html"),
    "markdown": _lazy("markdown", "render_markdown"),
    "junit": _lazy("junit", "render_junit"),
    "sarif": _lazy("sarif", "render_sarif"),
    "github": _lazy("github", "render_github"),
}
EXTENSIONS = {"text": "txt", "json": "json", "csv": "csv", "html": "html", "markdown": "md",
              "junit": "xml", "sarif": "sarif", "github": "txt"}
# renderers of several reports at once (an index page, one SARIF run for a batch)
def _lazy_index(module: str, function: str) -> Callable[[list[Report]], str]:
    def renderer(reports: list[Report]) -> str:
        from importlib import import_module
        return str(getattr(import_module(f"factcheck.report.{module}"), function)(reports))
    return renderer


INDEXES: dict[str, Callable[[list[Report]], str]] = {
    "html": _lazy_index("html", "render_index"),
    "sarif": _lazy_index("sarif", "render_sarif_batch"),
    "junit": _lazy_index("junit", "render_junit_batch"),
    "markdown": _lazy_index("markdown", "render_markdown_batch"),
}


def render(report: Report, fmt: str) -> str:
    if fmt not in FORMATS:
        raise OutputError(f"unknown format {fmt!r} (choose from {', '.join(sorted(FORMATS))})")
    return FORMATS[fmt](report)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write report: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report is an ordinary file
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write report: {exc.strerror or exc}") from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def safe_name(name: str) -> str:
    """A file name that cannot leave its folder ("../x" -> "x", "a/b" -> "a_b")."""
    cleaned = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name).lstrip(".")
    if cleaned != name:
        # two events that clean to the same name ("a b", "a?b") must not share a report
        digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:6]
        cleaned = f"{cleaned or 'event'}-{digest}"
    return cleaned


__all__ = ["EXTENSIONS", "FORMATS", "INDEXES", "render", "report_to_dict", "safe_name", "write_atomic"]
