"""Tests of settings: defaults, ``[tool.factcheck]`` in the nearest pyproject.toml or a
``--config`` file, key spelling, and the errors that name what is wrong."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from factcheck.config import FAIL_ON, Settings, load_settings, settings_from_mapping
from factcheck.errors import ConfigError, FactcheckError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_are_those_the_readme_documents() -> None:
    s = Settings()
    assert s.fail_on == "major"
    assert s.approx_tolerance == 0.1
    assert s.rounding_tolerance == 0.02
    assert s.major_difference == 0.15
    assert s.min_confidence == 52.0
    assert s.ignore_topics == () and s.ignore_outlets == ()
    assert s.source_dir == "sources" and s.report_dir == "reports"
    assert s.max_file_bytes == 20_000_000
    assert FAIL_ON == ("major", "minor", "none")


def test_settings_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().fail_on = "minor"  # type: ignore[misc]


def test_replace_ignores_none() -> None:
    base = Settings(fail_on="minor", ignore_outlets=("Wire",))
    changed = base.replace(fail_on=None, ignore_outlets=None, min_confidence=70.0)
    assert changed.fail_on == "minor" and changed.ignore_outlets == ("Wire",)
    assert changed.min_confidence == 70.0
    assert base.min_confidence == 52.0  # a new object; the original is unchanged
    assert base.replace() == base
    assert base.replace(fail_on="none").fail_on == "none"


# --- pyproject.toml ------------------------------------------------------------------------

def test_tool_table_of_the_nearest_pyproject_from_a_start_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.factcheck]\n'
                                       'fail-on = "minor"\nignore-outlets = ["Wire Service"]\n'
                                       'min-confidence = 70\n')
    start = tmp_path / "sources" / "event"
    start.mkdir(parents=True)
    s = load_settings(start=start)
    assert s.fail_on == "minor"
    assert s.ignore_outlets == ("Wire Service",)
    assert s.min_confidence == 70.0 and isinstance(s.min_confidence, float)
    assert s.report_dir == "reports"  # what the file leaves out keeps its default


def test_the_nearest_pyproject_wins(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.factcheck]\nfail-on = "none"\n')
    write(tmp_path / "inner" / "pyproject.toml", '[tool.factcheck]\nfail-on = "minor"\n')
    assert load_settings(start=tmp_path / "inner").fail_on == "minor"
    assert load_settings(start=tmp_path).fail_on == "none"


def test_a_pyproject_without_the_table_gives_defaults(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.ruff]\nline-length = 100\n')
    assert load_settings(start=tmp_path) == Settings()


def test_tool_factcheck_must_be_a_table(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", '[tool]\nfactcheck = "major"\n')
    with pytest.raises(ConfigError, match="must be a table"):
        load_settings(start=tmp_path)
    with pytest.raises(ConfigError, match="must be a table"):
        load_settings(config=path)


def test_invalid_toml_is_a_config_error(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.factcheck\nfail-on = \n")
    with pytest.raises(ConfigError, match="cannot read config") as raised:
        load_settings(start=tmp_path)
    assert str(path) in str(raised.value)


# --- --config ------------------------------------------------------------------------------

def test_config_file_with_a_tool_table(tmp_path: Path) -> None:
    path = write(tmp_path / "factcheck.toml", '[tool.factcheck]\nreport-dir = "out"\n')
    write(tmp_path / "pyproject.toml", '[tool.factcheck]\nreport-dir = "ignored"\n')
    assert load_settings(config=path, start=tmp_path).report_dir == "out"


def test_config_file_with_top_level_keys(tmp_path: Path) -> None:
    path = write(tmp_path / "factcheck.toml", 'fail-on = "none"\nignore-topics = ["date"]\n')
    s = load_settings(config=path)
    assert s.fail_on == "none" and s.ignore_topics == ("date",)


def test_a_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(config=tmp_path / "nope.toml")


def test_config_error_is_a_factcheck_error() -> None:
    assert issubclass(ConfigError, FactcheckError)


# --- keys and values -----------------------------------------------------------------------

def test_dashed_and_underscored_keys_mean_the_same() -> None:
    dashed = settings_from_mapping({"fail-on": "minor", "max-file-bytes": 1000, "approx-tolerance": 0.2})
    underscored = settings_from_mapping({"fail_on": "minor", "max_file_bytes": 1000, "approx_tolerance": 0.2})
    assert dashed == underscored == Settings(fail_on="minor", max_file_bytes=1000, approx_tolerance=0.2)


def test_unknown_keys_are_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        settings_from_mapping({"fail-on": "major", "colour": "red", "max-bytes": 3})
    assert "colour" in str(raised.value) and "max-bytes" in str(raised.value)
    assert "fail-on" not in str(raised.value)
    path = write(tmp_path / "pyproject.toml", '[tool.factcheck]\nfail_onn = "major"\n')
    with pytest.raises(ConfigError, match="fail_onn") as raised:
        load_settings(start=tmp_path)
    assert str(path) in str(raised.value)


@pytest.mark.parametrize(("key", "value"), [
    ("approx-tolerance", "high"),
    ("min-confidence", True),
    ("max-file-bytes", 1.5),
    ("max-file-bytes", "20MB"),
    pytest.param("max-file-bytes", False),
    pytest.param("jobs", True),
    ("fail-on", 1),
    ("source-dir", ["a", "b"]),
    ("ignore-topics", [1, 2]),
    ("ignore-outlets", {"name": "Wire"}),
])
def test_wrong_types_are_config_errors(key: str, value: object) -> None:
    # the message names the key as the user wrote it
    with pytest.raises(ConfigError, match=re.escape(key)):
        settings_from_mapping({key: value})


@pytest.mark.parametrize(("key", "value", "expected"), [
    ("approx-tolerance", 0, 0.0),  # an int where a float is wanted
    ("ignore-topics", "date", ("date",)),  # one string where a list is wanted
    ("ignore-outlets", ["A", "B"], ("A", "B")),
    ("jobs", 4, 4),
])
def test_values_are_coerced_to_their_setting_type(key: str, value: object, expected: object) -> None:
    got = getattr(settings_from_mapping({key: value}), key.replace("-", "_"))
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize("value", FAIL_ON)
def test_fail_on_values(value: str) -> None:
    assert settings_from_mapping({"fail-on": value}).fail_on == value


@pytest.mark.parametrize("value", ["critical", "MAJOR", ""])
def test_bad_fail_on_is_an_error(value: str) -> None:
    with pytest.raises(ConfigError, match="fail-on must be one of major, minor, none"):
        settings_from_mapping({"fail-on": value})
