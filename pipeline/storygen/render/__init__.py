"""Views of stories for reading and reviewing: markdown and HTML walkthroughs, a static site,
structural diffs, the principle coverage bank and Anki decks.

Each module imports its heavy dependencies (Jinja2, genanki) inside the functions that need them.
"""
