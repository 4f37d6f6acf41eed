"""Shared fixtures: event folders written by the tests, and the CLI run as a subprocess.

Every file a test needs is generated into ``tmp_path``; the CLI always runs with ``tmp_path``
as its working directory, so a default ``reports/`` folder or a ``pyproject.toml`` of the
checkout can never be touched or read by accident.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI_TIMEOUT = 60.0

Files = Mapping[str, str | bytes]


def write_event(folder: Path, files: Files) -> Path:
    """Create ``folder`` holding ``files`` (name -> text or bytes; text is written as UTF-8)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return folder


def cli_env(**extra: str) -> dict[str, str]:
    """The environment of a CLI subprocess: this checkout importable, UTF-8 on stdio."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("PYTHONHASHSEED", None)
    env.update(extra)
    return env


def cli_command(*args: str | os.PathLike[str]) -> list[str]:
    return [sys.executable, "-m", "factcheck", *(str(arg) for arg in args)]


def run_cli(*args: str | os.PathLike[str], cwd: Path, timeout: float = CLI_TIMEOUT,
            env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m factcheck ARGS`` in ``cwd``; fails the test (not hangs) after ``timeout`` s."""
    try:
        return subprocess.run(cli_command(*args), cwd=cwd, env=cli_env(**(env or {})),
                              capture_output=True, text=True, encoding="utf-8", errors="replace",
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"factcheck {' '.join(str(arg) for arg in args)} ran over {timeout:.0f} s")


@pytest.fixture(name="write_event")
def write_event_fixture() -> Callable[[Path, Files], Path]:
    return write_event


@pytest.fixture(name="run_cli")
def run_cli_fixture(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """``run_cli(*args, cwd=tmp_path, timeout=60, env=None)``."""
    def run(*args: str | os.PathLike[str], cwd: Path | None = None, timeout: float = CLI_TIMEOUT,
            env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, cwd=cwd or tmp_path, timeout=timeout, env=env)
    return run


@pytest.fixture(name="start_cli")
def start_cli_fixture(tmp_path: Path):  # type: ignore[no-untyped-def]
    """``start_cli(*args, cwd=tmp_path, env=None)``: the CLI as a running :class:`subprocess.Popen`
    (killed at teardown if still running)."""
    started: list[subprocess.Popen[str]] = []

    def start(*args: str | os.PathLike[str], cwd: Path | None = None,
              env: Mapping[str, str] | None = None) -> subprocess.Popen[str]:
        process = subprocess.Popen(cli_command(*args), cwd=cwd or tmp_path, env=cli_env(**(env or {})),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   encoding="utf-8", errors="replace")
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.communicate()
