"""Reviewing stories: structural and word-level diffs, as text, JSON, or for git."""
