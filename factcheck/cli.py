"""The command line: parse arguments, call the library, print, choose the exit code.

Exit codes (CONTRACT.md): 0 nothing at or above --fail-on; 1 discrepancies at or above
--fail-on; 2 could not run (bad arguments, unreadable input, no articles).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from factcheck import __version__
from factcheck.baseline import apply_baseline, baseline_text, load_baseline
from factcheck.config import FAIL_ON, Settings, load_settings
from factcheck.errors import FactcheckError, OutputError, SourceError
from factcheck.models import Report
from factcheck.report import EXTENSIONS, FORMATS, INDEXES, render, safe_name, write_atomic
from factcheck.runner import EXECUTORS, run_events
from factcheck.sources import find_events

log = logging.getLogger("factcheck")
EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One line, exit 2, as for every other error."""
        self.exit(EXIT_ERROR, f"factcheck: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="factcheck", description="Find where news articles on one event disagree "
                     "on numbers and dates.")
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("path", nargs="?", type=Path,
                       help="event folder, or folder of event folders (default: the configured "
                            "source folder, ./sources)")
        p.add_argument("--config", type=Path, help="TOML file with a [tool.factcheck] table "
                       "(default: the nearest pyproject.toml)")
        p.add_argument("-j", "--jobs", type=int, help="processes to run events (and one big event's "
                       "articles) in parallel")
        p.add_argument("--executor", choices=EXECUTORS, default="local",
                       help="run events on local processes or on a dask cluster (pip install "
                            "'factcheck[dask]')")
        p.add_argument("--scheduler", metavar="ADDRESS",
                       help="dask scheduler to use, e.g. tcp://host:8786 (default: a local cluster "
                            "of --jobs workers)")
        p.add_argument("--cache", metavar="DIR", help="keep extracted claims in DIR and reuse them "
                       "for unchanged articles (delete the folder to clear it)")
        p.add_argument("-q", "--quiet", action="store_true", help="only errors on stderr")
        p.add_argument("-v", "--verbose", action="count", default=0, help="more log lines (-vv: debug)")

    compare = sub.add_parser("compare", help="compare the articles of one or more events")
    common(compare)
    compare.add_argument("-f", "--format", action="append", dest="formats", metavar="FORMAT",
                         help=f"output format, repeatable or comma-separated: {', '.join(sorted(FORMATS))} "
                              "(default: text)")
    compare.add_argument("-o", "--output", action="append", dest="outputs", metavar="PATH",
                         help="file for the report ('-' for stdout), one per --format; or a folder "
                              "(several events or formats)")
    compare.add_argument("--fail-on", choices=FAIL_ON, help="lowest severity that makes the exit "
                         "code 1 (default: major)")
    compare.add_argument("--exit-zero", action="store_true", help="exit 0 even when discrepancies are found")
    compare.add_argument("--baseline", type=Path, help="report only discrepancies not in this baseline file")

    baseline = sub.add_parser("baseline", help="record today's discrepancies as accepted")
    common(baseline)
    baseline.add_argument("-o", "--output", type=Path, default=Path("factcheck-baseline.json"),
                          help="baseline file to write (default: factcheck-baseline.json)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in ("compare", "baseline", "-h", "--help", "--version"):
        argv.insert(0, "compare")  # "factcheck" and "factcheck FOLDER" mean compare
    args = parser.parse_args(argv)
    _setup_logging(args.quiet, args.verbose)
    try:
        settings = load_settings(args.config).replace(jobs=args.jobs, cache_dir=args.cache)
        if args.jobs is not None and args.jobs < 1:
            raise OutputError("--jobs must be 1 or more")
        if args.command == "baseline":
            return _baseline(args, settings)
        return _compare(args, settings)
    except FactcheckError as exc:
        print(f"factcheck: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # the reader went away ("factcheck ... | head"): not an error of ours
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silences the flush at exit
        return EXIT_OK
    except KeyboardInterrupt:
        print("factcheck: interrupted; earlier reports left as they were", file=sys.stderr)
        return 130


def _setup_logging(quiet: bool, verbose: int) -> None:
    level = logging.ERROR if quiet else (logging.DEBUG if verbose > 1 else
                                         logging.INFO if verbose else logging.WARNING)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("factcheck: %(levelname)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(level)
    log.propagate = False
    # libraries (trafilatura, htmldate) log about pages we already report on in our own words
    logging.getLogger().addHandler(logging.NullHandler())
    for name in ("trafilatura", "htmldate", "charset_normalizer", "quantulum3"):
        logging.getLogger(name).setLevel(logging.DEBUG if verbose > 1 else logging.CRITICAL)


def _source(args: argparse.Namespace, settings: Settings) -> tuple[Path, bool]:
    if args.path is not None:
        return args.path, False
    return Path(settings.source_dir), True


def _run(args: argparse.Namespace, settings: Settings) -> tuple[list[Report], bool, bool]:
    """The reports of the events at the path, whether some event failed, and whether it is a batch."""
    path, default = _source(args, settings)
    if not path.exists():
        raise SourceError(path, "no such file or folder")
    events = find_events(path)
    reports = run_events(events, settings, progress=not args.quiet, executor=args.executor,
                         scheduler=args.scheduler)
    if len(reports) == 1 and reports[0].error:
        raise FactcheckError(reports[0].error)
    usable = []
    for report in reports:
        if report.error:
            log.error("%s (no report for this event)", report.error)
            continue
        for problem in report.problems:
            log.warning("skipped %s", problem)
        usable.append(report)
    if not usable:
        raise FactcheckError(f"{path}: no event could be checked")
    return usable, len(usable) < len(reports), default or len(events) > 1 or path != events[0]


def _baseline(args: argparse.Namespace, settings: Settings) -> int:
    reports, failed, _ = _run(args, settings)
    write_atomic(args.output, baseline_text(reports))
    total = sum(len(r.discrepancies) for r in reports)
    if not args.quiet:
        print(f"baseline of {total} discrepancies written to {args.output}", file=sys.stderr)
    return EXIT_ERROR if failed or any(r.problems for r in reports) else EXIT_OK


def _compare(args: argparse.Namespace, settings: Settings) -> int:
    if args.fail_on:
        settings = settings.replace(fail_on=args.fail_on)
    formats = _formats(args.formats)
    if args.path is None and not args.formats and not args.outputs:
        formats = ["text", "json", "html"]  # the everyday run: read on screen, files to share
    accepted = load_baseline(args.baseline) if args.baseline else None
    reports, failed, batch = _run(args, settings)
    if accepted is not None:
        filtered = []
        for report in reports:
            report, gone = apply_baseline(report, accepted)
            for entry in gone:
                log.warning("no longer found (baseline %s): %s", entry["fingerprint"], entry.get("topic", ""))
            filtered.append(report)
        reports = filtered
    _write(reports, formats, args.outputs or [], batch, settings)
    if failed or any(r.problems for r in reports):
        return EXIT_ERROR
    if args.exit_zero or settings.fail_on == "none":
        return EXIT_OK
    levels = ("major",) if settings.fail_on == "major" else ("major", "minor")
    failing = any(d.severity in levels for r in reports for d in r.discrepancies)
    return EXIT_FOUND if failing else EXIT_OK


def _formats(raw: list[str] | None) -> list[str]:
    formats = [f.strip() for item in (raw or ["text"]) for f in item.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise OutputError(f"unknown format {unknown[0]!r} (choose from {', '.join(sorted(FORMATS))})")
    return list(dict.fromkeys(formats))


def _write(reports: list[Report], formats: list[str], outputs: list[str], batch: bool,
           settings: Settings) -> None:
    """Put each report in each format where the user asked (see --output's help).

    No --output: text goes to stdout; file formats of a batch (or the default run over the
    source folder) and HTML go to the report folder as ``<event>.<ext>``.
    """
    if outputs and len(outputs) not in (1, len(formats)):
        raise OutputError(f"{len(outputs)} --output paths for {len(formats)} formats: "
                          "give one per format, or one folder")
    shared_folder = len(outputs) == 1 and (len(reports) > 1 or len(formats) > 1)
    to_stdout = False
    for i, fmt in enumerate(formats):
        target = outputs[i] if len(outputs) == len(formats) else (outputs[0] if outputs else None)
        if target == "-" or (target is None and (fmt == "text" or not (batch or fmt == "html"))):
            to_stdout = True
            for report in reports:
                sys.stdout.write(render(report, fmt))
        elif target is None:
            _to_folder(reports, fmt, Path(settings.report_dir))
        elif shared_folder or batch or len(reports) > 1 or Path(target).is_dir():
            _to_folder(reports, fmt, Path(target))
        else:
            write_atomic(Path(target), render(reports[0], fmt))
    if not to_stdout:
        for report in reports:
            counts = report.counts()
            print(f"{report.event}: {len(report.articles)} articles, {len(report.discrepancies)} "
                  f"discrepancies ({counts['major']} major, {counts['minor']} minor)")


def _to_folder(reports: list[Report], fmt: str, folder: Path) -> None:
    for report in reports:
        path = folder / f"{safe_name(report.event)}.{EXTENSIONS[fmt]}"
        write_atomic(path, render(report, fmt))
        log.info("wrote %s", path)
    index = INDEXES.get(fmt)
    if index is not None and len(reports) > 1:
        write_atomic(folder / f"index.{EXTENSIONS[fmt]}", index(reports))


def run() -> None:
    """Console-script entry point."""
    # SIGTERM unwinds like Ctrl-C, so a report being written is cleaned up, never left half-done
    signal.signal(signal.SIGTERM, _terminated)
    code = main()
    # the work is done: a signal arriving while Python shuts down must not print a traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    sys.exit(code)


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)
