"""factcheck's exceptions: the CLI turns these into a one-line error and exit code 2.

    FactcheckError
     +-- SourceError      an article file or event folder cannot be read
     +-- ConfigError      bad settings (unknown key, wrong type, bad value)
     +-- OutputError      a report cannot be written where asked

Anything else escaping the library is a bug and keeps its traceback.
"""

from __future__ import annotations


class FactcheckError(Exception):
    """Base of every error factcheck reports to its user."""


class SourceError(FactcheckError):
    """An input file or folder cannot be used; ``path`` names it, the message says why."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason

    def __reduce__(self) -> tuple[type[SourceError], tuple[str, str]]:
        # rebuilt whole when it crosses a process boundary (--jobs, dask)
        return type(self), (self.path, self.reason)


class ConfigError(FactcheckError):
    """Settings that cannot be used."""


class OutputError(FactcheckError):
    """A report cannot be written."""
