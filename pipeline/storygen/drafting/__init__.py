"""Drafting: notes -> facts (extract/), facts -> story (compose/), the model drafter (llm/),
and the run that writes stories."""
