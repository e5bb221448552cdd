"""The knowledge base: every YAML file matches its model, and it names what the code knows."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml
from pydantic import ValidationError

from storygen.checks.rules.registry import RULE_BY_CODE
from storygen.checks.rules.text import check_text
from storygen.story import kb
from storygen.story.kb_models import LexiconKB, SectionsKB, WeakKB
from storygen.story.model import SECTION_NAMES
from storygen.story.principles import PRINCIPLES, Level


def _kb_files() -> set[str]:
    folder = resources.files("storygen").joinpath("data", "kb")
    return {entry.name.removesuffix(".yaml") for entry in folder.iterdir()
            if entry.name.endswith(".yaml")}


def _raw(name: str) -> dict[str, object]:
    text = resources.files("storygen").joinpath("data", "kb", f"{name}.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def test_every_kb_file_has_a_model_and_loads_through_it() -> None:
    assert _kb_files() == set(kb.FILES)
    for name, load in kb.FILES.items():
        assert load() is load(), f"{name} is loaded once"


@pytest.mark.parametrize(("name", "model"), [("weak", WeakKB), ("sections", SectionsKB),
                                             ("lexicon", LexiconKB)])
def test_a_misspelt_or_missing_key_fails_to_load(name: str, model: type[WeakKB]) -> None:
    data = _raw(name)
    first = next(iter(data))
    with pytest.raises(ValidationError, match="Extra inputs"):
        model.model_validate({**data, first + "s": data[first]})
    with pytest.raises(ValidationError, match="Field required"):
        model.model_validate({k: v for k, v in data.items() if k != first})


def test_models_are_frozen() -> None:
    with pytest.raises(ValidationError):
        kb.weak().handoff = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        kb.levels()["SDE2"] = kb.levels()["SDE1"]  # type: ignore[index]


def test_the_principles_are_the_sixteen_of_the_code_in_order() -> None:
    assert tuple(kb.principles()) == PRINCIPLES
    probes = kb.probes()
    for name, entry in kb.principles().items():
        assert entry.cues, name
        for probe in entry.probes:
            assert probes.template(probe), (name, probe)


def test_the_levels_are_the_four_of_the_code_with_consistent_times() -> None:
    assert tuple(kb.levels()) == tuple(level.value for level in Level)
    for name, entry in kb.levels().items():
        assert entry.time_limit.min <= entry.time_limit.max, name
        assert sum(entry.targets.as_dict().values()) <= entry.time_limit.max, name
        assert tuple(entry.targets.as_dict()) == SECTION_NAMES
    assert kb.systemic_levels() == (Level.SENIOR.value, Level.PRINCIPAL.value)


def test_cross_references_name_things_that_exist() -> None:
    probes = kb.probes()
    for name in probes.order:
        assert probes.template(name).needs
    with pytest.raises(KeyError):
        probes.template("order")
    for topic, gap in kb.gaps().items():
        assert gap.section in (*SECTION_NAMES, None), topic
        assert set(gap.codes) <= set(RULE_BY_CODE), topic
    assert set(kb.weak().critique_by_code) <= set(RULE_BY_CODE)
    for name in SECTION_NAMES:
        assert kb.sections().section(name).headings
        assert kb.sections().missing.for_section(name).startswith("[")


@pytest.mark.parametrize("text", [
    "I learned a lot, and communication is important.",
    "Things got better and the team was happy.",
    "Next time I would communicate more with the team.",
    "Teamwork makes the dream work.",
    "I learned to reproduce intermittent network failures locally before fixing them.",
    "The root cause was the lack of shared SLOs across teams.",
    "It was a great experience.",
])
def test_the_drafter_skips_exactly_the_reflections_ref001_reports(text: str) -> None:
    reported = bool(check_text("REF001", text, "reflection"))
    assert kb.is_generic_reflection(text) == reported
