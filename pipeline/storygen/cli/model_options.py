"""The model options that ``draft`` and ``eval`` share, declared once, and how they become
``ModelOptions`` (command line first, then the configuration, then the defaults)."""

from __future__ import annotations

from typing import Annotated

import typer

from storygen.checks.settings import Settings
from storygen.cli.app import choice_metavar, choices
from storygen.drafting.llm.options import STRUCTURED_OUTPUT_CHOICES, ModelOptions

StructuredOutput = choices("StructuredOutput", STRUCTURED_OUTPUT_CHOICES)

Model = Annotated[str | None, typer.Option(
    "--model", envvar="STORYGEN_MODEL", metavar="PROVIDER:MODEL", help="Draft with this "
    "model; offline when unset [env STORYGEN_MODEL, config 'model'].")]
BaseUrl = Annotated[str | None, typer.Option(
    "--base-url", metavar="URL", help="Endpoint of an OpenAI-compatible server.")]
Structured = Annotated[StructuredOutput | None, typer.Option(  # type: ignore[valid-type]
    "--structured-output", metavar=choice_metavar(StructuredOutput),
    help="How the model returns JSON [default: from config, else auto].")]
MaxRepairs = Annotated[int | None, typer.Option(
    "--max-repairs", min=0, metavar="N",
    help="Repair rounds after the first draft [default: 2].")]
NoCache = Annotated[bool, typer.Option(
    "--no-cache", help="Do not reuse cached model replies.")]
BudgetTokens = Annotated[int | None, typer.Option(
    "--budget-tokens", min=1, metavar="N",
    help="Stop before the model run spends more tokens.")]
Timeout = Annotated[float | None, typer.Option(
    "--timeout", metavar="SECONDS", help="Seconds to wait for one model reply.")]
MaxRetries = Annotated[int | None, typer.Option(
    "--max-retries", min=0, metavar="N", help="Retries of a failed model call.")]
MaxTokens = Annotated[int | None, typer.Option(
    "--max-tokens", min=1, metavar="N", help="Longest reply, in tokens, of one model call "
    "[default: the provider's].")]


def model_options(settings: Settings, *, model: str | None, base_url: str | None,
                  structured_output: object | None, max_repairs: int | None, no_cache: bool,
                  budget_tokens: int | None, timeout: float | None, max_retries: int | None,
                  max_tokens: int | None) -> ModelOptions | None:
    """The ModelOptions of a run, or None when no model is named (offline drafting)."""
    return ModelOptions.from_settings(
        settings, model=model, base_url=base_url,
        structured_output=str(structured_output) if structured_output else None,
        max_repairs=max_repairs, cache=False if no_cache else None, budget_tokens=budget_tokens,
        timeout=timeout, max_retries=max_retries, max_tokens=max_tokens)
