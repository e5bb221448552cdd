"""Drafting stories from notes: the offline drafter, its knowledge base, and the safe writer."""
