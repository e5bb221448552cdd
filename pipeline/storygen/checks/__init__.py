"""Checking stories: configuration, the rule engine, validation and its reporters."""
