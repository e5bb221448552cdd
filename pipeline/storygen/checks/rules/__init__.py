"""The rule engine: the checks that turn interview coaching into findings, without a model.

``engine.check_story`` runs them on a story, ``text`` on free text, ``explain`` describes them;
``registry`` is the table, one module per rule family holds the rules.
"""
