"""The LLM drafter: drafts a story with any LangChain chat model, checks it with the schema and
the rules, and repairs only the section groups that fail.

Importing these modules does not import LangChain; ``drafter.draft_with_model`` does, when called.
"""
