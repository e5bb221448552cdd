"""Note shapes met on fresh notes: a timeline kept from the first page ("T+5m"), a writer who
corrects a figure in the next breath, help credited inside the writer's step, a quotation with
who said it, labels that say a line is the writer's own, and a reviewer's title that is not the
writer's level."""

from __future__ import annotations

from storygen.core.text import split_sentences
from storygen.story.judge import level_scores, stated_level

from .facts_helpers import facts, holding
from .facts_helpers import said_as_mine as mine


def _texts(text: str) -> list[str]:
    return [s.text for s in facts(text).sentences]


def test_a_timeline_from_the_first_page_is_one_entry_a_line_without_its_offsets() -> None:
    found = facts("T+0 (02:40) paged: pods restarting with OOMKilled, 6 of 9 pods down\n"
                  "T+5m I bumped heap limit from 2GB to 3GB as a stopgap\n"
                  "T+1h10m Eclipse MAT: ~1.4GB retained by a single map\n"
                  "T+2h I shipped a hotfix that keys on SKU + region only\n")
    texts = [s.text for s in found.sentences]
    assert not any("T+" in t for t in texts), texts
    assert holding(found, "bumped heap limit").text.startswith("I bumped")
    assert "pods down" not in holding(found, "bumped heap limit").text  # not two lines as one
    assert holding(found, "shipped a hotfix").text.startswith("I shipped a hotfix")


def test_someone_elses_aside_hands_no_step_on_to_them() -> None:
    found = facts("Q: what did I do?\nA: Asked the release team to pause the rollout at 5% "
                  "(Hyun paused it quickly). Got 3 bricked units from support. Changed resume "
                  "to verify a checksum before continuing.\n")
    assert mine(found, "got 3 bricked units") and mine(found, "changed resume")
    assert holding(found, "Hyun paused").person == "other"


def test_help_with_the_writers_step_is_said_as_the_helpers() -> None:
    found = facts("## What I did\nI hooked a unit to a JTAG debugger with help from Lena on the "
                  "hardware team, and confirmed the offset mismatch.\nChanged resume to verify a "
                  "checksum.\n")
    assert mine(found, "hooked a unit") and not mine(found, "Lena")
    assert holding(found, "Lena on the hardware team helped").person == "other"
    assert mine(found, "changed resume")  # her help is not the subject of what follows


def test_a_quotation_with_who_said_it_is_theirs_whatever_person_it_speaks_in() -> None:
    found = facts('Context: the rotation was rough.\n\n> "I haven\'t slept through a night on '
                  'call in months" (Joy, in her skip-level)\n\nI pulled the pager data.\n')
    quoted = holding(found, "slept through a night")
    assert quoted.person == "other" and quoted.section == "situation"
    assert holding(found, "pulled the pager data").person == "I"


def test_a_figure_corrected_in_the_next_breath_is_said_as_corrected() -> None:
    texts = _texts("Result: checkout crash-free sessions back to 99.6%. No wait, 99.5%, the 99.6 "
                   "was the week after.\n\n## What I did\nReproduced it on a device from the "
                   "test lab, took 2 days. Actually 3 days, I spent the first day on the wrong "
                   "emulator image.\n")
    said = " ".join(texts)
    assert "99.5%" in said and "back to 99.6%" not in said and "no wait" not in said.lower()
    assert "took 3 days" in said and "took 2 days" not in said
    assert "I spent the first day on the wrong emulator image." in texts


def test_actually_before_a_new_figure_is_no_correction() -> None:
    texts = _texts("Errors were at 5%. Actually 40% of them were retries.\n")
    assert any("5%" in t for t in texts) and any("40% of them were retries" in t for t in texts)


def test_labels_that_say_a_line_is_the_writers_own_put_it_in_the_action() -> None:
    found = facts("- Before: ~140 pages/week\n"
                  "- My proposal doc: pages only for customer-facing symptoms\n"
                  "- My change: deletion of 94 rules, 31 downgraded to tickets\n"
                  "- Also mine: runbook link mandatory on every remaining alert\n"
                  "- After: ~25 pages/week\n")
    for words in ("customer-facing symptoms", "deletion of 94 rules", "runbook link mandatory"):
        assert holding(found, words).section == "action", words
    assert holding(found, "deletion of 94 rules").text.startswith("My change: ")


def test_my_call_before_an_order_is_what_the_writer_decided() -> None:
    found = facts("- 23:10 paged\n- my call: flip the notifier to SMS fallback for all "
                  "reassignment msgs.\n")
    assert holding(found, "flip the notifier").text.startswith("I decided: flip the notifier")


def test_a_greeting_and_why_the_note_was_written_are_no_part_of_the_story() -> None:
    texts = _texts("hey Sam, writing down what happened Friday night before I forget\n\n"
                   "around 9pm I noticed the promo banner was linking to an ended sale.\n")
    assert not any("Sam" in t or "writing down" in t.lower() for t in texts), texts


def test_a_yes_that_opens_the_writers_own_message_is_not_a_quotation() -> None:
    found = facts("**Dana** 10:16\nthat's the PR that was stuck for like 2 weeks right?\n\n"
                  "**me** 10:18\nyeah. I'm his mentor for the summer so I'll own that. I "
                  "changed how I was doing our weekly syncs.\n")
    assert not any(s.text.startswith("I wrote:") for s in found.sentences)
    assert mine(found, "changed how I was doing our weekly syncs")


def test_a_participle_before_a_noun_names_things_not_a_step() -> None:
    found = facts("09:10  queued backlog of ~18K webhooks fully processed, no data lost\n"
                  "09:30  I posted a status update in #incidents\n")
    assert not mine(found, "queued backlog")


def test_whose_work_it_was_is_said_apart_from_the_writers_part() -> None:
    found = facts("Last piece: the 3 teams moved their queries onto the new tables. Their work, "
                  "I just wrote the migration guide and held office hours twice a week.\n")
    assert holding(found, "their work").text == "It was their work."
    assert mine(found, "wrote the migration guide")
    assert holding(found, "migration guide").section == "action"


def test_a_name_keeps_its_capital_when_the_idea_was_theirs() -> None:
    texts = _texts("- spent two Saturdays at the Eastside desk. Deb's idea, I almost said no.\n")
    assert any("Deb's idea" in t for t in texts) and not any("deb's" in t for t in texts)


def test_a_reviewers_title_after_their_quotation_is_not_the_writers_level() -> None:
    said = ('Feedback from peers:\n> "He owned the adapter for us, which is why we didn\'t '
            'fight it." - SDE2, Fulfilment\n')
    assert stated_level(said) is None
    assert stated_level("I'm an SDE2 on the fulfilment team.") == "SDE2"


def test_a_question_on_the_table_keeps_its_label_before_an_order() -> None:
    found = facts("Question on the table: replace the DynamoDB session store with Redis to cut "
                  "latency.\n\nI pulled traces for 10K checkouts.\n")
    assert holding(found, "replace the DynamoDB").text.startswith("Question on the table: ")


def test_an_ellipsis_closing_a_quotation_does_not_end_the_sentence() -> None:
    spans = split_sentences('wrote the decision doc with explicit "we\'d be wrong if..." '
                            "conditions and a date to revisit", lower=True)
    assert len(spans) == 1


def test_the_writers_words_in_brackets_are_said_without_them() -> None:
    found = facts("2024-05-06  New model at 50% of traffic. (I own ranking serving; the ramp "
                  "call was mine and the PM's.)\n")
    said = holding(found, "own ranking serving")
    assert said.text == "I own ranking serving; the ramp call was mine and the PM's."


def test_a_one_word_answer_says_nothing_of_its_own() -> None:
    texts = _texts("Q: was it my bug?\nA: partly. My resume code trusted the byte offset.\n")
    assert "Partly." not in texts and any("trusted the byte offset" in t for t in texts)


def test_what_happened_once_it_shipped_is_not_what_the_step_found() -> None:
    found = facts("Q: what was the thing?\nA: I wrote the download-resume logic. After it went "
                  "to the 5% canary, support started getting tickets.\n")
    assert "support started" not in holding(found, "download-resume").text


def test_when_nobody_in_particular_acted_the_writers_sentence_stays_whole() -> None:
    found = facts("## What I did\nI let her present alone and only spoke when someone asked me "
                  "directly.\n")
    assert mine(found, "only spoke when someone asked me directly")


def test_joining_this_year_reads_as_early_career() -> None:
    text = ("kiosk failures. I'm on the device software team (joined this year) and didn't know "
            "much about flash storage. I read the datasheet and wrote a script. I moved the logs "
            "to tmpfs. Replacements went down to ~3 a month.\n")
    assert level_scores(text)["SDE1"] >= 3


def test_a_letters_signature_and_postscript_mark_are_no_sentences() -> None:
    texts = _texts("Hi Priya,\n\nQuick summary of the outage for your review. On Tuesday the "
                   "cache cluster fell over. I rolled back the config.\n\nThanks,\nSam\n\n"
                   "P.S. I still owe you the postmortem.\n")
    assert "Sam." not in texts and "P.S." not in " ".join(texts)
    assert "I still owe you the postmortem." in texts
    assert not any("for your review" in t for t in texts)


def test_what_was_done_to_a_thing_gets_the_was_it_left_out() -> None:
    from storygen.drafting.extract.phrasing import said_whole
    assert said_whole("Old host decommissioned Jun 28.") == "Old host was decommissioned Jun 28."
    assert said_whole("Historical logs purged.") == "Historical logs were purged."
    for kept in ("Mei rotated the cert.", "Ken reviewed.", "Everything was fixed.",
                 "The flag got removed.", "Notifications team reviewed and merged within 3 days."):
        assert said_whole(kept) == kept
