"""The story and its inputs: the model and schema, the safe reader, the canonical form, notes,
principles and the knowledge base."""
