"""The 16 Leadership Principles and the levels: one list each, with loose-name mapping."""

from __future__ import annotations

import re
from enum import StrEnum

PRINCIPLES: tuple[str, ...] = (
    "Customer Obsession",
    "Ownership",
    "Invent and Simplify",
    "Are Right, A Lot",
    "Learn and Be Curious",
    "Hire and Develop the Best",
    "Insist on the Highest Standards",
    "Think Big",
    "Bias for Action",
    "Frugality",
    "Earn Trust",
    "Dive Deep",
    "Have Backbone; Disagree and Commit",
    "Deliver Results",
    "Strive to be Earth's Best Employer",
    "Success and Scale Bring Broad Responsibility",
)


class Level(StrEnum):
    """Interview levels a story can be pitched at."""

    SDE1 = "SDE1"
    SDE2 = "SDE2"
    SENIOR = "Senior SDE"
    PRINCIPAL = "Principal SDE"


class UnknownNameError(ValueError):
    """A principle or level name that maps to none of the known ones."""


def _fold(name: str) -> str:
    name = name.replace("’", "'").lower().replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", " ", name).strip()


def _aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    for canonical in PRINCIPLES:
        table[_fold(canonical)] = canonical
    extra = {
        "are right a lot": "Are Right, A Lot",
        "right a lot": "Are Right, A Lot",
        "have backbone": "Have Backbone; Disagree and Commit",
        "disagree and commit": "Have Backbone; Disagree and Commit",
        "backbone": "Have Backbone; Disagree and Commit",
        "earths best employer": "Strive to be Earth's Best Employer",
        "earth s best employer": "Strive to be Earth's Best Employer",
        "best employer": "Strive to be Earth's Best Employer",
        "success and scale": "Success and Scale Bring Broad Responsibility",
        "broad responsibility": "Success and Scale Bring Broad Responsibility",
        "highest standards": "Insist on the Highest Standards",
        "insist on highest standards": "Insist on the Highest Standards",
        "hire and develop": "Hire and Develop the Best",
        "learn and be curious": "Learn and Be Curious",
        "invent simplify": "Invent and Simplify",
        "customer obsessed": "Customer Obsession",
        "bias to action": "Bias for Action",
    }
    table.update(extra)
    return table


_PRINCIPLE_ALIASES = _aliases()


def principle_aliases() -> dict[str, str]:
    """Every accepted spelling of a principle (lower case, words only) -> its canonical name."""
    return dict(_PRINCIPLE_ALIASES)


def canonical_principle(name: str) -> str:
    """Map a loosely written principle name to its canonical spelling.

    >>> canonical_principle("have backbone")
    'Have Backbone; Disagree and Commit'
    """
    folded = _fold(name)
    if folded in _PRINCIPLE_ALIASES:
        return _PRINCIPLE_ALIASES[folded]
    raise UnknownNameError(
        f"unknown Leadership Principle {name!r}; use one of: " + ", ".join(PRINCIPLES)
    )


def canonical_level(name: str) -> Level:
    """Map a loosely written level ("senior", "sde 2") to a Level."""
    folded = _fold(name).replace(" ", "")
    table = {
        "sde1": Level.SDE1, "sdei": Level.SDE1, "junior": Level.SDE1, "l4": Level.SDE1,
        "sde2": Level.SDE2, "sdeii": Level.SDE2, "l5": Level.SDE2, "mid": Level.SDE2,
        "seniorsde": Level.SENIOR, "senior": Level.SENIOR, "sde3": Level.SENIOR,
        "l6": Level.SENIOR, "seniorsoftwareengineer": Level.SENIOR,
        "principalsde": Level.PRINCIPAL, "principal": Level.PRINCIPAL, "l7": Level.PRINCIPAL,
    }
    if folded in table:
        return table[folded]
    raise UnknownNameError(
        f"unknown level {name!r}; use one of: " + ", ".join(level.value for level in Level)
    )
