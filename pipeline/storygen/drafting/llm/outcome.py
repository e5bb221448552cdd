"""The end of a model run: the story's provenance, the run's messages, and the ModelDraft
handed back to the ``draft`` command (which reports the calls and tokens used)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storygen.core.findings import Finding
from storygen.core.secrets import redact
from storygen.drafting.llm.accounting import Usage
from storygen.drafting.llm.options import ModelDraft
from storygen.drafting.llm.structured import MethodChooser


@dataclass(frozen=True, slots=True)
class RunState:
    """What the drafter hands over at the end of a run."""

    story: dict[str, Any]
    model: str
    prompts_sha256: str
    offline_parts: list[str]
    messages: list[str]
    repairs: int
    rounds: int
    budget_stopped: bool = False


def finish(run: RunState, findings: list[Finding], usage: Usage,
           chooser: MethodChooser) -> ModelDraft:
    """The ModelDraft: the assembled story and the account of the run."""
    offline_parts = run.offline_parts
    messages = chooser.notes() + run.messages
    if chooser.settled:
        how = " (remembered from an earlier run)" if chooser.settled == chooser.preferred else ""
        messages.insert(0, f"structured output: {chooser.settled}{how}")
    if offline_parts:
        messages.append("parts taken from the offline draft: " + ", ".join(offline_parts))
    messages = [redact(message) for message in messages]
    return ModelDraft(
        data=run.story, drafter=run.model, prompts_sha256=run.prompts_sha256,
        offline_parts=offline_parts, usage=usage.per_model, calls=usage.calls,
        repairs=run.repairs, messages=messages, findings=findings,
        structured_output=chooser.settled, cache_hits=usage.cache_hits,
        repair_rounds=run.rounds, budget_stopped=run.budget_stopped)

