"""Views of stories for reading: markdown and HTML walkthroughs, a static site,
the principle coverage bank and Anki decks.

Each module imports its heavy dependencies (Jinja2, genanki) inside the functions that need them.
"""
