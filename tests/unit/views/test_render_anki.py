"""`storygen export --format anki`: one note per card, stable ids, so a re-import updates cards."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from storygen.checks.stories import load_story
from storygen.views.anki import DEFAULT_DECK, MODEL_ID, stable_id

from ...conftest import FIXTURES, REFERENCE
from .test_render_markdown import hostile_story

BANK = FIXTURES / "bank"


def read_deck(apkg: Path, tmp_path: Path) -> dict:
    """The notes (id, guid, fields, tags), models and decks inside an .apkg."""
    with zipfile.ZipFile(apkg) as archive:
        assert "collection.anki2" in archive.namelist()
        db_path = tmp_path / f"{apkg.stem}.anki2"
        db_path.write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(db_path) as db:
        notes = db.execute("SELECT id, guid, flds, tags, mid FROM notes ORDER BY id").fetchall()
        cards = db.execute("SELECT id, nid, did FROM cards ORDER BY id").fetchall()
        models, decks = db.execute("SELECT models, decks FROM col").fetchone()
    return {"notes": notes, "cards": cards, "models": json.loads(models),
            "decks": json.loads(decks)}


def expected_parts(path: Path) -> list[str]:
    story = load_story(path).story
    return ([f"/sections/{name}" for name in ("situation", "task", "action", "result",
                                              "reflection")]
            + [f"/probes/{i}" for i in range(len(story.probes))]
            + [f"/quizzes/{i}" for i in range(len(story.quizzes))])


def test_deck_holds_one_note_per_section_probe_and_quiz(cli, tmp_path: Path) -> None:
    import genanki

    out = tmp_path / "deck.apkg"
    result = cli("export", REFERENCE, "--format", "anki", "-o", out)
    assert result.exit_code == 0, result.stderr
    deck = read_deck(out, tmp_path)
    parts = expected_parts(REFERENCE)
    assert len(deck["notes"]) == len(parts) == 12
    assert {n[1] for n in deck["notes"]} == {genanki.guid_for("webhook-dlq-alerting", p)
                                             for p in parts}
    assert len(deck["cards"]) == len(parts)
    assert str(MODEL_ID) in deck["models"]
    assert str(stable_id("deck", DEFAULT_DECK)) in deck["decks"]
    assert {c[2] for c in deck["cards"]} == {stable_id("deck", DEFAULT_DECK)}


def test_cards_show_the_prompt_then_the_strong_answer(cli, tmp_path: Path) -> None:
    out = tmp_path / "deck.apkg"
    cli("export", REFERENCE, "-o", out)
    by_part = {}
    for _, _, fields, tags, _ in read_deck(out, tmp_path)["notes"]:
        front, back, _, part = fields.split("\x1f")
        by_part[part] = (front, back, tags.split())
    front, back, tags = by_part["/probes/2"]
    assert "How did you quantify the $8,000 weekly revenue impact?" in front
    assert "came to $8,000 recovered weekly" in back and "A data-driven calculation" in back
    assert {"webhook-dlq-alerting", "Invent_and_Simplify", "probe"} <= set(tags)
    front, back, _ = by_part["/quizzes/0"]
    assert "A. We figured out the root cause together." in front
    assert "<b>B. I traced the failure" in back
    front, back, _ = by_part["/sections/action"]
    assert "Action: say it in 90 seconds" in front
    assert "I pulled the webhook delivery logs" in back and "<li>“I submitted”</li>" in back


def test_exporting_again_keeps_every_note_and_card_id(cli, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    first, second = tmp_path / "first.apkg", tmp_path / "second.apkg"
    assert cli("export", BANK, "-o", first).exit_code == 0
    later = time.time() + 3600
    monkeypatch.setattr(time, "time", lambda: later)
    assert cli("export", BANK, "-o", second).exit_code == 0
    a, b = read_deck(first, tmp_path), read_deck(second, tmp_path)
    assert len(a["notes"]) == 4 * 12
    assert [(n[0], n[1]) for n in a["notes"]] == [(n[0], n[1]) for n in b["notes"]]
    assert [c[:2] for c in a["cards"]] == [c[:2] for c in b["cards"]]
    assert len({n[0] for n in a["notes"]}) == len(a["notes"])


def test_story_text_is_escaped_in_cards(cli, tmp_path: Path) -> None:
    out = tmp_path / "deck.apkg"
    assert cli("export", hostile_story(tmp_path), "-o", out).exit_code == 0
    fields = " ".join(n[2] for n in read_deck(out, tmp_path)["notes"])
    assert "<script" not in fields and "<img" not in fields
    assert "&lt;script&gt;" in fields


def test_export_writes_nothing_when_a_story_is_broken(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.story.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    out = tmp_path / "deck.apkg"
    result = cli("export", REFERENCE, bad, "-o", out)
    assert result.exit_code == 2
    assert "bad.story.yaml" in result.stderr and not out.exists()
    assert cli("export", REFERENCE, "-f", "csv", "-o", out).exit_code == 2


def test_export_refuses_two_files_with_one_story_id(cli, tmp_path: Path) -> None:
    copy = tmp_path / "copy.story.yaml"
    copy.write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "deck.apkg"
    result = cli("export", REFERENCE, copy, "-o", out)
    assert result.exit_code == 2
    assert "'webhook-dlq-alerting' is also used by" in result.stderr and not out.exists()


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_deck_file_follows_the_umask_like_every_other_output(cli, tmp_path: Path,
                                                              umask: int) -> None:
    import os

    out = tmp_path / "deck.apkg"
    old = os.umask(umask)
    try:
        assert cli("export", REFERENCE, "-o", out).exit_code == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == ["deck.apkg"], "no temporary file is left"
    out.chmod(0o640)  # a re-export keeps the permissions the user gave the deck
    assert cli("export", REFERENCE, "-o", out).exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o640
