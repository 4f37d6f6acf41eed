"""Settings: defaults, ``[tool.factcheck]`` in pyproject.toml (or ``--config``), CLI flags.

One :class:`Settings` object carries every knob; library functions take it, the CLI
builds it. Unknown keys are an error that names them.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.errors import ConfigError

FAIL_ON = ("major", "minor", "none")


@dataclass(frozen=True)
class Settings:
    """Every tunable of a run, with the defaults a newsroom would start from."""

    # extraction: the half-width of "about 600" as a fraction of the value
    approx_tolerance: float = 0.1
    # comparison: exact figures within this relative difference agree (rounding, conversion)
    rounding_tolerance: float = 0.02
    # alignment: minimum similarity (0-100) for two claims to speak of the same fact
    align_threshold: float = 62.0
    # comparison: how sure (0-100) alignment must be that disagreeing claims state one fact:
    # the best similarity across sides, plus a bonus for each further article that joins in
    min_confidence: float = 52.0
    # syndication: body similarity (0-100) above which two articles are copies
    syndication_threshold: float = 90.0
    # severity: relative difference at or above which a quantity conflict is major
    major_difference: float = 0.15
    fail_on: str = "major"
    ignore_topics: tuple[str, ...] = ()
    ignore_outlets: tuple[str, ...] = ()
    source_dir: str = "sources"
    report_dir: str = "reports"
    max_file_bytes: int = 20_000_000
    max_article_chars: int = 2_000_000
    cache_dir: str = ""
    jobs: int = 1

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}


def _coerce(key: str, value: Any, origin: str, written: str) -> Any:
    default = _FIELDS[key].default
    if isinstance(default, tuple):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{origin}: {written} must be a list of strings")
        return tuple(value)
    if isinstance(value, bool) != isinstance(default, bool) or not isinstance(value, type(default)):
        # TOML's true/false are Python ints too: a number setting must not take them
        if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        kind = {"float": "a number", "int": "a whole number", "str": "a string"}.get(
            type(default).__name__, type(default).__name__)
        raise ConfigError(f"{origin}: {written} must be {kind}, got {value!r}")
    return value


def settings_from_mapping(table: dict[str, Any], origin: str = "[tool.factcheck]") -> Settings:
    """Settings from a config table with dashed or underscored keys; unknown keys are an error."""
    values: dict[str, Any] = {}
    unknown = []
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key not in _FIELDS:
            unknown.append(raw_key)
            continue
        values[key] = _coerce(key, value, origin, raw_key)
    if unknown:
        raise ConfigError(f"{origin}: unknown key(s): {', '.join(sorted(unknown))}")
    if values.get("fail_on", "major") not in FAIL_ON:
        raise ConfigError(f"{origin}: fail-on must be one of {', '.join(FAIL_ON)}")
    return Settings(**values)


def load_settings(config: Path | None = None, start: Path | None = None) -> Settings:
    """Read ``config`` (a TOML file) or the nearest pyproject.toml's ``[tool.factcheck]``."""
    if config is not None:
        path = config
        if not path.is_file():
            raise ConfigError(f"{path}: config file not found")
    else:
        found = _find_pyproject(start or Path.cwd())
        if found is None:
            return Settings()
        path = found
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    table = data.get("tool", {}).get("factcheck") if path.name == "pyproject.toml" else \
        data.get("tool", {}).get("factcheck", data)
    if table is None:
        return Settings()
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.factcheck] must be a table")
    return settings_from_mapping(table, origin=f"{path} [tool.factcheck]")


def _find_pyproject(start: Path) -> Path | None:
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


__all__ = ["FAIL_ON", "Settings", "load_settings", "settings_from_mapping"]
