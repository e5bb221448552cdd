"""The end of a model run: the story's provenance, the run's messages and usage line, and the
ModelDraft handed back to the ``draft`` command."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from storygen.drafting.llm.accounting import Usage
from storygen.drafting.llm.groups import GROUPS
from storygen.drafting.llm.options import ModelDraft
from storygen.drafting.llm.structured import MethodChooser
from storygen.findings import Finding

if TYPE_CHECKING:
    from storygen.drafting.llm.drafter import Drafter


def finish(drafter: Drafter, findings: list[Finding], usage: Usage,
           chooser: MethodChooser) -> ModelDraft:
    """The ModelDraft: assembled story with provenance, and the account of the run."""
    options = drafter.options
    story = drafter.assemble()
    offline_parts = [g.name for g in GROUPS if drafter.states[g.name].from_offline]
    set_provenance(story, options.model, drafter.prompts.sha256, offline_parts)
    messages = chooser.notes() + drafter.messages
    if chooser.settled:
        how = " (remembered from an earlier run)" if chooser.settled == chooser.preferred else ""
        messages.insert(0, f"structured output: {chooser.settled}{how}")
    if offline_parts:
        messages.append("parts taken from the offline draft: " + ", ".join(offline_parts))
    messages.append(usage_line(usage))
    return ModelDraft(
        data=story, drafter=options.model, prompts_sha256=drafter.prompts.sha256,
        offline_parts=offline_parts, usage=usage.per_model, calls=usage.calls,
        repairs=drafter.repairs, messages=messages, findings=findings,
        structured_output=chooser.settled, cache_hits=usage.cache_hits,
        repair_rounds=drafter.rounds)


def usage_line(usage: Usage) -> str:
    """``usage: openai:x 1200 input + 340 output tokens; 7 requests, 0 replies from the cache``."""
    spent = "; ".join(f"{model} {t['input_tokens']} input + {t['output_tokens']} output tokens"
                      for model, t in sorted(usage.per_model.items())) or "no tokens spent"
    return (f"usage: {spent}; {usage.calls} request{'s' if usage.calls != 1 else ''}, "
            f"{usage.cache_hits} repl{'ies' if usage.cache_hits != 1 else 'y'} from the cache")


def set_provenance(story: dict[str, Any], drafter: str, prompts_sha256: str,
                   offline_parts: list[str]) -> None:
    """Record the model, the prompts' hash and the offline parts in the story's provenance."""
    from storygen.canonical import content_sha256

    provenance = story.get("provenance")
    if not isinstance(provenance, dict):
        return
    provenance["drafter"] = drafter
    provenance["prompts_sha256"] = prompts_sha256
    if offline_parts:
        provenance["offline_parts"] = list(offline_parts)
    else:
        provenance.pop("offline_parts", None)
    if "output_sha256" in provenance:
        provenance["output_sha256"] = content_sha256(story)
