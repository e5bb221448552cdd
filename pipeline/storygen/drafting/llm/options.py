"""What the LLM drafter is asked to do (ModelOptions) and what it hands back (ModelDraft)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from storygen.checks.settings import Settings
from storygen.core.errors import UsageError
from storygen.core.findings import Finding

STRUCTURED_OUTPUT_METHODS: tuple[str, ...] = ("json_schema", "function_calling", "json_mode")
"""The methods tried in order when ``structured_output`` is ``auto``."""
STRUCTURED_OUTPUT_CHOICES: tuple[str, ...] = ("auto", *STRUCTURED_OUTPUT_METHODS)
"""The values ``structured_output`` takes: ``auto`` or one method."""


@dataclass(slots=True)
class ModelOptions:
    """Options of ``storygen draft --model`` that reach the LLM drafter."""

    model: str
    base_url: str | None = None
    structured_output: str = "auto"
    max_repairs: int = 2
    cache: bool = True
    budget_tokens: int | None = None
    timeout: float | None = 120.0
    max_retries: int = 2
    max_tokens: int | None = None
    parse_retries: int = 1
    settings: Settings | None = None

    @classmethod
    def from_settings(cls, settings: Settings | None, **cli_values: Any) -> ModelOptions | None:
        """Options from the command line and the configuration: for each field the command-line
        value if given (not None), else the configuration's, else the default.

        None when neither names a model (the offline drafter runs then).
        """
        names = {spec.name for spec in fields(cls)} - {"settings"}
        unknown = sorted(set(cli_values) - names)
        if unknown:
            raise TypeError(f"ModelOptions has no field {', '.join(unknown)}")
        values: dict[str, Any] = {}
        for name in names:
            value = cli_values.get(name)
            if value is None and settings is not None:
                value = getattr(settings, name, None)
            if value is not None:
                values[name] = value
        if not values.get("model"):
            return None
        method = values.get("structured_output", "auto")
        if method not in STRUCTURED_OUTPUT_CHOICES:
            raise UsageError(f"structured_output must be one of: "
                             f"{', '.join(STRUCTURED_OUTPUT_CHOICES)} (got {method!r})")
        return cls(settings=settings, **values)


@dataclass(slots=True)
class ModelDraft:
    """A drafted story and an account of how it was made."""

    data: dict[str, Any]
    drafter: str
    prompts_sha256: str
    offline_parts: list[str] = field(default_factory=list)
    usage: dict[str, dict[str, int]] = field(default_factory=dict)
    calls: int = 0
    repairs: int = 0
    messages: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    structured_output: str | None = None
    cache_hits: int = 0
    repair_rounds: int = 0
    budget_stopped: bool = False
    """--budget-tokens ran out while repairing; the best complete draft so far was kept."""

    def report(self) -> dict[str, Any]:
        """The JSON-ready account of the run (for ``--report json``)."""
        return {
            "drafter": self.drafter,
            "prompts_sha256": self.prompts_sha256,
            "structured_output": self.structured_output,
            "calls": self.calls,
            "cache_hits": self.cache_hits,
            "repairs": self.repairs,
            "repair_rounds": self.repair_rounds,
            "budget_stopped": self.budget_stopped,
            "usage": self.usage,
            "offline_parts": list(self.offline_parts),
            "messages": list(self.messages),
        }
