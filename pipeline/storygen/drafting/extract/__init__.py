"""Notes -> facts: reading sentences and figures out of parsed notes, and the fact sheet a model sees."""
