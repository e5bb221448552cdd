"""Which value a model draft runs with: the command line's, else the configuration's, else the default."""

from __future__ import annotations

import pytest

from storygen.checks.settings import Settings
from storygen.core.errors import UsageError
from storygen.drafting.llm.options import ModelOptions


def test_the_command_line_wins_over_the_configuration() -> None:
    settings = Settings(model="openai:cfg", base_url="http://cfg", max_repairs=5, timeout=9.0)
    options = ModelOptions.from_settings(settings, model="openai:cli", max_repairs=1)
    assert options is not None
    assert options.model == "openai:cli" and options.max_repairs == 1
    assert options.base_url == "http://cfg" and options.timeout == 9.0
    assert options.settings is settings


def test_unset_everywhere_keeps_the_defaults() -> None:
    options = ModelOptions.from_settings(None, model="openai:m", timeout=None, max_retries=None)
    assert options == ModelOptions(model="openai:m")


def test_the_configured_model_is_used_and_no_model_means_offline() -> None:
    configured = ModelOptions.from_settings(Settings(model="openai:cfg"), model=None)
    assert configured is not None and configured.model == "openai:cfg"
    assert ModelOptions.from_settings(Settings(), model=None, max_repairs=3) is None
    assert ModelOptions.from_settings(None, model=None) is None


def test_no_cache_on_the_command_line_beats_cache_in_the_configuration() -> None:
    settings = Settings(model="openai:m", cache=True)
    assert ModelOptions.from_settings(settings, cache=False).cache is False  # type: ignore[union-attr]
    assert ModelOptions.from_settings(settings, cache=None).cache is True  # type: ignore[union-attr]


def test_a_configured_structured_output_outside_the_choices_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="auto, json_schema, function_calling, json_mode"):
        ModelOptions.from_settings(Settings(model="openai:m", structured_output="xml"))


def test_an_unknown_option_name_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match="no field colour"):
        ModelOptions.from_settings(None, model="openai:m", colour="red")
