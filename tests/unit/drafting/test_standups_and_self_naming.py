"""Stand-up logs with each person's part after their name and a dash, the writer who names
themself before switching to "I", who did a step named in brackets, adjectives that look like
past verbs, and the level a note states or shows through its reach."""

from __future__ import annotations

from storygen.drafting.extract.phrasing import clauses

from .facts_helpers import facts, holding
from .facts_helpers import said_as_mine as mine

STANDUP = "\n".join([
    "standup notes, payments team (week of Jun 10)",
    "",
    "Mon: me - picked up the duplicate-charge ticket from support, 37 customers charged twice. "
    "Ana - finishing the refund export.",
    "Tue: me - pulled gateway logs for all 37 cases; every duplicate had a retry within 2-3 "
    "seconds. Ana - refunds issued manually. Marco - on-call, nothing major.",
    "Wed Apr 10: me - wrote a 1-page risk doc. Proposed moving cutover to Apr 20. Jun - "
    "countered that the extension costs ~$12K.",
    "Thu: me - fix deployed behind a flag to 10% of traffic. Karen + Jun - want to keep the date.",
    "Fri: me - 100%, launched on the campaign date.",
    ""])


def test_the_writer_s_parts_of_a_standup_are_their_steps_and_the_others_stay_theirs() -> None:
    found = facts(STANDUP)
    assert mine(found, "pulled gateway logs for all 37 cases")
    assert mine(found, "wrote a 1-page risk doc")
    # the others' parts stay on their names, never the writer's
    for theirs in ("refunds issued manually", "finishing the refund export",
                   "countered that the extension", "want to keep the date"):
        assert not mine(found, theirs), theirs
    # a name that is also a month is never a date label that hands the deed to the writer
    assert holding(found, "countered that the extension").text.startswith("Jun ")
    # a day label with a month date is no part of the sentence
    assert not any("Wed Apr 10" in s.text for s in found.sentences)


def test_a_standup_part_that_is_no_step_is_never_given_an_i() -> None:
    found = facts(STANDUP)
    # "fix deployed behind a flag": a thing and what happened to it; "100%": where it stood
    assert not any(s.text.startswith("I fixed deployed") for s in found.sentences)
    assert not any("I did this part: 100%" in s.text for s in found.sentences)
    assert not mine(found, "launched on the campaign date")


def test_standup_parts_that_open_each_line_end_their_sentences() -> None:
    found = facts("notes\n\nME - got asked to take a look, nobody expected much\n"
                  "me - pulled 3 months of recon runs\nMe - fix was small\n")
    assert mine(found, "pulled 3 months of recon runs")
    assert not any("much I pulled" in s.text for s in found.sentences)
    assert not any("I fixed was" in s.text for s in found.sentences)


def test_a_dash_after_a_name_with_no_part_of_the_writer_s_changes_nothing() -> None:
    found = facts("notes\n\nRedis - the cache in front of the API. Postgres - the store.\n"
                  "I moved the sessions to Redis.\n")
    assert holding(found, "the cache in front of the API").text.startswith("Redis - ")


def test_the_writer_who_names_themself_is_told_as_i() -> None:
    found = facts("Upload failures\n\nAnna (me) was the owner of the upload flow. Anna picked up "
                  "a support ticket trend nobody had triaged.\n\nI read through ~60 tickets.\n")
    assert mine(found, "was the owner of the upload flow")
    assert mine(found, "picked up a support ticket trend")
    assert not any("Anna" in s.text for s in found.sentences)


def test_a_bracket_that_names_a_group_says_who_did_the_step() -> None:
    assert clauses("rotated that cred same day (sec team); but how many more?")[0] \
        == "The sec team rotated that cred same day."
    assert clauses("rotated the keys (security).") == ["Security rotated the keys."]
    # a bracket that says who was reached, or describes a person, is no doer
    for kept in ("paged the on-call (infra team).", "asked 5 sellers on calls with the PM (Deepa).",
                 "fixed the bug (me)."):
        assert clauses(kept) == [kept], kept


def test_someone_else_s_deed_in_brackets_inside_the_writer_s_sentence_is_their_own() -> None:
    found = facts("notes\n\n- called 3 of the users who had written in (support set it up) to "
                  "check the fix before rollout\n")
    assert mine(found, "called 3 of the users")
    assert not mine(found, "support set it up")
    assert holding(found, "support set it up").text == "Support set it up."


def test_the_rest_of_the_team_and_its_deed_are_never_the_writer_s() -> None:
    found = facts("notes\n\n- I took the ugliest alerts myself and rewrote them; the rest of the "
                  "team split the remainder during a fix-it sprint.\n- I pushed her to run the "
                  "rollout herself\n- the rest of the team (Chris, Mei) covered some of my "
                  "review load\n")
    assert not mine(found, "split the remainder")
    assert not mine(found, "covered some of my review load")


def test_an_adjective_that_looks_like_a_past_verb_is_no_step() -> None:
    found = facts("Options\n\n- bored people leave\n- migrated tables need a reindex\n"
                  "- fixed the parser\n")
    assert not mine(found, "people leave")
    assert not mine(found, "tables need a reindex")
    assert mine(found, "fixed the parser")


def test_the_junior_on_the_team_who_says_it_is_them_is_sde1() -> None:
    found = facts("Config migration\n\nThe night of the config migration, the junior on the "
                  "team (me) pushed a change that broke checkout. I rolled it back.\n")
    assert found.level == "SDE1"


def test_leading_work_across_three_teams_reads_as_senior() -> None:
    note = ("Storage bill\n\nThe storage bill had doubled and nobody owned it; finance flagged it "
            "to my manager. I volunteered to lead it across the three teams writing to those "
            "buckets. I wrote a short doc with a per-team cost breakdown and shared it with all "
            "three leads.\n")
    assert facts(note).level == "Senior SDE"


RETRO = """# Retro: nightly-invoices cron

## What went well
- I backfilled the 9 missed days in ~4 hours.

## Action items
- [x] Me: make the job fail loudly on missing config, add a dead-man's-switch alert
- [ ] Me: sweep the other 31 migrated jobs for the same pattern; 11 checked so far
- Me: walk the partner leads through the corrected results live
- Ranking team: rerun their A/B plan against the corrected baseline
"""


def test_a_retro_s_action_items_are_the_writer_s_to_do_and_never_said_as_done() -> None:
    found = facts(RETRO)
    # a ticked item of the writer's is done: their step, every verb in it in the past
    assert holding(found, "fail loudly").text.startswith(
        "I made the job fail loudly on missing config, added a dead-man's-switch alert")
    # an open one, and one under "Action items", is still to do
    assert not any(s.text.startswith("I swept") or s.text.startswith("I walked")
                   for s in found.sentences)
    assert holding(found, "walk the partner leads").text.startswith(
        "I took the action item to walk the partner leads")
    assert holding(found, "sweep the other 31").text.lower().startswith("still open")
    # each item is its own: another team's item never rides on the writer's
    assert not mine(found, "rerun their A/B plan")
    assert not mine(found, "11 checked so far")


SLACK = """From #infra-oncall, Sat Nov 16

**Chen Wei** 06:44
looking. TLS handshake failures from the mobile clients
:eyes: 1

**me** 06:49
I've got the renewed cert from the Vault path. Pushing to 1 edge node first.
:+1: 4

**Greta (Eng Mgr)** 08:30
thanks all. let's talk Monday about why this wasn't auto-rotated
"""


def test_a_chat_export_gives_each_message_to_its_author_and_drops_reactions() -> None:
    found = facts(SLACK)
    assert holding(found, "TLS handshake failures").text.startswith('Chen Wei said: "')
    assert holding(found, "auto-rotated").text.startswith('Greta (Eng Mgr) said: "')
    assert holding(found, "renewed cert from the Vault path").text.startswith("I've got")
    texts = " ".join(s.text for s in found.sentences)
    assert ":+1:" not in texts and ":eyes:" not in texts and "06:44" not in texts


def test_a_day_and_a_dash_opening_a_calendar_line_is_its_label() -> None:
    found = facts("Leaked key review\n\nMon - security flagged an API key in a public repo\n"
                  "Tue - wrote a 4-page proposal: short-lived tokens in all samples\n"
                  "Thu - devrel team rewrote 60+ samples\n")
    assert mine(found, "wrote a 4-page proposal")
    assert not mine(found, "devrel team rewrote")
    assert not any(s.text.startswith(("Mon -", "Tue -")) for s in found.sentences)


def test_a_mistakes_heading_holds_the_reflection() -> None:
    found = facts("Crash\n\nWhat I did\n- wrote the fix and a test\n\nMistakes I made\n"
                  "- I had only tested on the emulator\n")
    assert holding(found, "only tested on the emulator").section == "reflection"


def test_the_deed_in_a_who_clause_is_the_person_s_it_follows() -> None:
    assert clauses("Brought the fraud team's lead, who shared the concern.") == [
        "Brought the fraud team's lead", "The fraud team's lead shared the concern."]
    # what follows the clause is the writer's again
    assert clauses("I asked Raj, who wrote the original code, to review.")[0] \
        == "I asked Raj to review."


def test_a_group_s_deed_told_in_the_present_is_never_the_writer_s_finding() -> None:
    found = facts("notes\n\nI insist we don't break partners, so I require a migration path. "
                  "Partner engineering builds the SDK updates and runs the outreach.\n")
    assert not mine(found, "builds the SDK updates")


def test_the_writer_s_quoted_words_are_said_as_theirs_and_quoted_once() -> None:
    found = facts('notes\n\nmy comments on the doc:\n- me: "later never comes once producers '
                  'ship; can we at least require a schema id?"\n- analytics reviewer (Sun-hee):'
                  ' "agree, we\'re still cleaning up"\n')
    said = holding(found, "later never comes").text
    assert said == 'I said: "later never comes once producers ship; can we at least require ' \
        'a schema id?"'
    assert '""' not in holding(found, "still cleaning up").text


def test_a_step_after_when_and_where_it_happened_keeps_its_i() -> None:
    found = facts("notes\n\n- asked for a dedicated meeting\n- in the meeting, said I'd commit "
                  "to whatever we decided\n")
    assert holding(found, "commit to whatever").text.startswith("In the meeting, I said")


def test_notes_to_oneself_in_the_second_person_say_me_for_you() -> None:
    found = facts("For you, next time\n\nYou almost made the usual mistake. Instead you gave "
                  "him a real piece of the project.\nYou paired with him every Tuesday.\n"
                  "You reviewed his PRs within the same day.\nThat was hard for you.\n"
                  "Olu swapped two shifts with you.\n")
    assert holding(found, "gave him a real piece").text.startswith("Instead I gave him")
    assert holding(found, "was hard for").text == "That was hard for me."
    assert holding(found, "swapped two shifts").text == "Olu swapped two shifts with me."


def test_how_the_team_s_things_stood_does_not_hand_the_next_step_to_the_team() -> None:
    found = facts("notes\n\nI offered an alt: 2-hr delivery in the 3 zones where we had courier "
                  "surplus. Wrote a 2-page doc that night with the numbers.\n")
    assert mine(found, "wrote a 2-page doc")
