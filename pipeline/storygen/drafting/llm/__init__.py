"""The LLM drafter: drafts a story with any LangChain chat model, checks it with the schema and
the rules, and repairs only the section groups that fail.

Importing this package does not import LangChain; ``draft_with_model`` does, when called.
"""

from __future__ import annotations

from typing import Any

from storygen.drafting.llm.options import STRUCTURED_OUTPUT_METHODS, ModelDraft, ModelOptions

__all__ = ["STRUCTURED_OUTPUT_METHODS", "ModelDraft", "ModelOptions", "draft_with_model"]


def draft_with_model(notes: Any, facts: Any, offline_data: dict[str, Any], options: ModelOptions,
                     **kwargs: Any) -> ModelDraft:
    """Draft a story with the model named in ``options``; see ``storygen.drafting.llm.drafter``."""
    from storygen.drafting.llm.drafter import draft_with_model as run

    return run(notes, facts, offline_data, options, **kwargs)
