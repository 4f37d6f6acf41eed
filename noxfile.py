"""Developer sessions: tests, lint, demo (the main job), eval (quality gate), bench."""

from __future__ import annotations

from pathlib import Path

import nox

nox.options.sessions = ["tests", "lint"]
nox.options.reuse_existing_virtualenvs = True
nox.options.default_venv_backend = "uv|virtualenv"

HERE = Path(__file__).parent
SHARED = HERE.parent / "shared"
PYPROJECT = nox.project.load_toml("pyproject.toml")
# the quality gate: evaluation scores may not fall below these floors (raise them as scores rise)
MIN_RECALL = 0.80
MIN_PRECISION = 0.80
MAX_VIOLATIONS = 2
MIN_EXTRACTION = 0.95


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (installs the package and the test group)."""
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "test"))
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff and mypy over the package."""
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "check", "factcheck", "tests", "noxfile.py")
    session.run("mypy", *session.posargs)


@nox.session
def demo(session: nox.Session) -> None:
    """Install factcheck and check the bundled sources/ (reports land in reports/)."""
    session.install("-e", ".")
    session.run("factcheck", "compare", "--format", "text,json,html", *session.posargs,
                success_codes=[0, 1])
    session.log("reports written to %s", HERE / "reports")


@nox.session
def heldout(session: nox.Session) -> None:
    """Score the held-out events in tests/data/heldout with ../shared's evaluators (no floors)."""
    if not (SHARED / "eval").is_dir():
        session.skip(f"no evaluators at {SHARED}")
    session.install("-e", ".")
    data = HERE / "tests" / "data" / "heldout"
    session.run("python", str(SHARED / "eval" / "evaluate.py"), str(data / "events"), "--batch", "-v",
                external=True)
    session.run("python", str(SHARED / "eval" / "extraction.py"), str(data / "extraction-cases.jsonl"),
                external=True)


@nox.session
def eval(session: nox.Session) -> None:
    """Score against ../shared (recall, precision, extraction) and fail below the floors."""
    if not (SHARED / "eval").is_dir():
        session.skip(f"no evaluation material at {SHARED}")
    session.install("-e", ".")
    session.run("python", str(SHARED / "eval" / "evaluate.py"), str(SHARED / "corpus"), "--batch", "-v",
                "--min-recall", str(MIN_RECALL), "--min-precision", str(MIN_PRECISION),
                "--max-violations", str(MAX_VIOLATIONS), external=True)
    session.run("python", str(SHARED / "eval" / "extraction.py"), str(SHARED / "eval" / "extraction.jsonl"),
                "-v", "--min-score", str(MIN_EXTRACTION), "--max-rejects", "0", external=True)


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmark speed and memory on a synthetic corpus (see benchmarks/README)."""
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "bench"))
    session.run("python", "benchmarks/bench.py", *session.posargs, env={"PYTHONHASHSEED": "0"})


