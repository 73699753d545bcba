"""The environment helpers fail loudly on a typo instead of silently falling back to a default (STYLE.md §12)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from samenveilig.lib.env import env_bool, env_choice, env_int, env_list, env_str


@pytest.mark.parametrize("value", ["1", "true", "True", "YES", "on", " true "])
def test_usual_spellings_of_true_are_true(value):
    assert env_bool("X", default=False, environ={"X": value}) is True


@pytest.mark.parametrize("value", ["0", "false", "FALSE", "no", "off", ""])
def test_usual_spellings_of_false_are_false(value):
    assert env_bool("X", default=True, environ={"X": value}) is False


@pytest.mark.parametrize("value", ["ture", "yes please", "2", "enabled", "y"])
def test_typo_in_a_boolean_fails_loudly(value):
    with pytest.raises(ImproperlyConfigured) as error:
        env_bool("SAMENVEILIG_DEBUG", default=False, environ={"SAMENVEILIG_DEBUG": value})
    # The message names the variable and the wrong value, so the operator knows what to fix.
    assert "SAMENVEILIG_DEBUG" in str(error.value)
    assert repr(value) in str(error.value)


def test_missing_boolean_takes_the_default():
    assert env_bool("X", default=True, environ={}) is True
    assert env_bool("X", default=False, environ={}) is False


def test_whole_number_is_read():
    assert env_int("X", 5, environ={"X": "30"}) == 30


def test_missing_or_empty_number_takes_the_default():
    assert env_int("X", 5, environ={}) == 5
    assert env_int("X", 5, environ={"X": " "}) == 5


@pytest.mark.parametrize("value", ["30m", "thirty", "1.5"])
def test_typo_in_a_number_fails_loudly(value):
    with pytest.raises(ImproperlyConfigured, match="SAMENVEILIG_SESSION_MINUTES"):
        env_int("SAMENVEILIG_SESSION_MINUTES", 30, environ={"SAMENVEILIG_SESSION_MINUTES": value})


def test_list_is_split_on_commas_and_trimmed():
    assert env_list("X", environ={"X": " a.example , b.example,,"}) == ["a.example", "b.example"]


def test_missing_list_takes_a_copy_of_the_default():
    default = ["localhost"]
    value = env_list("X", default, environ={})
    assert value == ["localhost"]
    assert value is not default


def test_choice_outside_the_list_fails_loudly():
    with pytest.raises(ImproperlyConfigured, match="SAMENVEILIG_ENV"):
        env_choice("SAMENVEILIG_ENV", ("development", "production"), "development", environ={"SAMENVEILIG_ENV": "prod"})


def test_choice_is_case_insensitive():
    assert env_choice("X", ("development", "production"), "development", environ={"X": "Production"}) == "production"


def test_string_takes_the_default_only_when_missing():
    assert env_str("X", "fallback", environ={}) == "fallback"
    assert env_str("X", "fallback", environ={"X": "set"}) == "set"


def test_every_environment_variable_is_documented():
    """Every variable settings.py reads has a row in docs/configuration.md (STYLE.md §12)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    source = (root / "samenveilig" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|list|choice)\(\s*"([A-Z0-9_]+)"', source))
    assert {"SAMENVEILIG_ENV", "DATABASE_URL", "DEMO_PASSWORD"} <= read
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", (root / "docs" / "configuration.md").read_text(), re.M))
    assert read - documented == set(), "undocumented in docs/configuration.md"
    assert documented - read == set(), "documented but no longer read in settings.py"
