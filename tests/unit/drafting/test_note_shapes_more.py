"""Notes written as "key: value" lines, who-did-what lists with the writer's own sub-list, a
teammate's step told without a subject, lessons in the writer's own words, and steps told with
what they found."""

from __future__ import annotations

from storygen.drafting.extract.facts import extract_facts
from storygen.story.notes import parse_notes

from .facts_helpers import facts, holding
from .facts_helpers import said_as_mine as mine

KEYED = """project: checkout web perf budget (React, bundler migration going on at the same time)
me: senior FE eng, tech lead for 3 ppl on the payments web squad, ~7 yrs total
problem: LCP on mobile web was 4.1s p75, product kept shipping features. nobody was watching it
why i cared: conversion on slow android phones was noticeably worse and we kept saying it was fine
my part:
- wrote a perf budget doc + got Dana (EM) to agree to a hard limit: 350kb gz
- added size-limit to CI, PRs over budget fail
others: Tomasz rewrote the icon pipeline to SVG sprites
outcome: bundle 540kb -> 290kb gz, LCP p75 4.1s -> 2.3s
would do diff: should've set the budget up before the migration not during
"""


def test_each_key_line_is_its_own_block_however_long_the_line_before() -> None:
    blocks = parse_notes(KEYED).blocks
    cared = [b for b in blocks if "conversion on slow android" in b.text]
    assert len(cared) == 1 and "nobody was watching it" not in cared[0].text


def test_a_key_line_after_a_list_is_no_longer_part_of_the_last_item() -> None:
    blocks = parse_notes(KEYED).blocks
    outcome = next(b for b in blocks if "540kb -> 290kb" in b.text)
    assert outcome.section == "result" and outcome.kind == "paragraph"
    assert outcome.line == 9  # the line it has in the file, not the line Markdown saw
    others = next(b for b in blocks if "Tomasz rewrote" in b.text)
    assert others.section != "action" and others.line == 8
    found = facts(KEYED)
    assert holding(found, "from 540kb to 290kb").section == "result"
    assert holding(found, "before the migration").section == "reflection"
    assert holding(found, "Tomasz rewrote").person != "I"


WHO_DID_WHAT = """what happened
- our team shipped a checkout event schema change in Jan
- fraud lead (Nadia) was, fairly, furious. escalated to Colm. after that everything stalled
- Colm asked me to be the point person to fix the relationship

who did what
- me:
  - set up a 30-min call with Nadia, just listened
  - wrote the incident doc from their side
- Bogdan + Yusuf: built the registry + CI check, ~2 sprints
- Nadia's team: contract tests on their consumer side
"""


def test_the_writers_own_sub_list_is_placed_by_what_it_says_and_ends_with_its_item() -> None:
    found = facts(WHO_DID_WHAT)
    assert holding(found, "set up a 30-min call").section == "action"
    assert holding(found, "wrote the incident doc").section == "action"
    # the heading "me" holds its own sub-list only: the items after it are not the writer's
    blocks = parse_notes(WHO_DID_WHAT).blocks
    bogdan = next(b for b in blocks if "Bogdan + Yusuf" in b.text)
    assert bogdan.heading == "who did what"
    assert not mine(found, "built the registry")


def test_a_step_without_a_subject_after_someone_elses_sentence_stays_theirs() -> None:
    found = facts(WHO_DID_WHAT)
    assert not mine(found, "escalated")  # Nadia escalated, the notes never say the writer did
    # after an answer, the writer goes on: "he said yes. built a prototype"
    answered = facts("- asked my lead (Tom) if I could spend a day on it. he said yes. built a "
                     "prototype the same afternoon\n")
    assert mine(answered, "built a prototype")
    # a first-person word keeps the step the writer's
    mine_after = facts("- the PM pushed back. escalated to my director\n")
    assert mine(mine_after, "escalated")


def test_a_capitalised_first_word_is_a_name_only_when_it_is_no_common_word() -> None:
    found = facts("- Deliberately did NOT build an approval workflow. wrote the diff tool instead\n")
    assert mine(found, "wrote the diff tool")


LESSONS = """I led the accessibility guild for a year.

Probably would've picked three people not two for the first cohort.

what i'd tell myself: the deadline tradeoff was hers to make. my job was to make the risk visible.

open questions to self:
- did I just move the pain to Manila? their numbers look fine but I'm hearing it secondhand
"""


def test_lessons_in_the_writers_own_words_are_the_reflection() -> None:
    # the rules read each as a lesson; the placement model weighs them against the corpus
    # (storygen eval measures where it puts them), and a line whose own label names the
    # lesson stays where its label puts it
    ruled = extract_facts(parse_notes(LESSONS), learned=False)
    for words in ("picked three people not two", "make the risk visible", "move the pain to Manila"):
        assert holding(ruled, words).section == "reflection", words
    assert holding(facts(LESSONS), "make the risk visible").section == "reflection"


def test_a_step_label_keeps_what_it_found_or_made_with_it() -> None:
    found = facts("partners saw duplicate orders from our webhook, ~2% of them.\n\n"
                  "so I:\n- traced it: receiver was acking the webhook before writing to the db\n"
                  "- fixed both sides: idempotent write-then-ack in their service\n")
    traced = holding(found, "acking the webhook")
    assert traced.text.startswith("I traced it:") and traced.section == "action"
    fixed = holding(found, "idempotent write-then-ack")
    assert fixed.text.startswith("I fixed both sides:") and fixed.section == "action"


def test_a_setting_the_writer_set_under_an_aftermath_heading_is_their_step() -> None:
    found = facts("aftermath\n- set idle_in_transaction_session_timeout = 15s on the refunds role "
                  "only\n- ~2.5k card auths failed during the ~38 min\n")
    assert holding(found, "idle_in_transaction").text.startswith("I set ")
    assert holding(found, "idle_in_transaction").section == "action"


def test_a_note_after_an_arrow_is_said_as_written_not_as_a_consequence() -> None:
    found = facts("a41f9c2 add consumer lag metrics per partition\n"
                  "  -> the slow ones were all one carrier. their events embed PDFs\n")
    assert not any("led to the slow ones" in s.text for s in found.sentences)
    assert holding(found, "The slow ones were all one carrier")


def test_what_an_aside_says_of_the_writer_does_not_make_the_context_a_task() -> None:
    found = facts("## Context\n~2.5 yrs in on the iOS team (SDE2, I own the checkout module), and "
                  "the crash-free rate on the shopping app kept slipping after the 4.12 release.\n"
                  "\n## What I did\nI fixed the dSYM upload step.\n")
    assert holding(found, "crash-free rate").section == "situation"


def test_if_pitched_so_it_would_have_died_is_no_step_of_the_writers() -> None:
    found = facts("thinking big only worked bc phase 1 was small. pitched as one giant 3-year "
                  "project it would've died in budget review.\n")
    assert not mine(found, "pitched as one giant")


def test_a_scope_boundary_in_the_writers_words_is_the_task() -> None:
    found = facts("- Okonkwo handed it to me 5 weeks before the deadline. ask was just \"make it "
                  "finish\". changing the file format was explicitly NOT mine, compliance owns "
                  "that\n- I rewrote the dedup step\n")
    assert holding(found, "explicitly NOT mine").section == "task"
    assert holding(found, "make it finish").section == "task"


def test_a_performance_budget_is_no_sign_of_frugality() -> None:
    from storygen.story.judge import guess_principle
    best, scores = guess_principle("wrote a perf budget doc, then a size budget check in CI: PRs "
                                   "over the perf budget fail. LCP p75 4.1s -> 2.3s.")
    assert best != "Frugality" and scores.get("Frugality", 0) < 2


def test_time_with_the_people_who_call_in_is_customer_obsession() -> None:
    from storygen.story.judge import guess_principle
    best, _ = guess_principle("I did a shadowing day at the call center and a third of the calls "
                              "were people stuck on identity verification. I fixed the upload.")
    assert best == "Customer Obsession"


SLASHED = """MetroLink rider app / me: ~2.5 yrs in, mid-level on the mobile team / complaint: app shows bus \
"arriving 2 min" then it vanishes / vendor said "working as designed"

my part / built a small replay harness w/ a week of recorded feed / fixed the cache bug myself / \
Ravi on backend did the server side merge

outcome / ghost reports ~120/wk -> ~15/wk / rating 2.9 -> 3.8 over about 4 months

next time / should have flagged my own cache bug in standup the day I found it
"""


def test_fragments_between_spaced_slashes_are_lines_and_a_leading_word_their_heading() -> None:
    found = facts(SLASHED)
    assert holding(found, "replay harness").text.startswith("I built")
    assert holding(found, "replay harness").section == "action"
    assert holding(found, "fixed the cache bug myself").section == "action"
    assert holding(found, "Ravi on backend").person != "I"
    assert holding(found, "rating went from 2.9 to 3.8").section == "result"
    assert holding(found, "flagged my own cache bug").section == "reflection"


def test_what_a_measure_is_called_holds_no_figure_of_the_pair_before_it() -> None:
    from storygen.core.figures import find_deltas
    deltas = find_deltas("ghost reports ~120/wk -> ~15/wk / rating 2.9 -> 3.8 over 4 months")
    assert [d.metric for d in deltas if d.text == "2.9 -> 3.8"] == ["rating"]
    assert [d.metric for d in find_deltas("After the rollout the p99 went 850ms -> 210ms")] == ["p99"]


BOLD = """**Setup.** It's my 7th month as a junior backend dev. Every 5 minutes p99 spikes.

**Digging.** I grab a `go tool trace` during a spike. Turns out we resolve the DB hostname on \
every new connection, and our pool has:

    db.SetConnMaxLifetime(5 * time.Minute)

**What sticks.** "Exactly periodic" = something configured, not something organic.
"""


def test_a_bold_label_in_the_writers_words_names_the_card() -> None:
    found = facts(BOLD)
    assert holding(found, "go tool trace").section == "action"
    assert holding(found, "Exactly periodic").section == "reflection"


def test_a_line_handing_over_to_code_ends_where_its_own_words_end() -> None:
    found = facts(BOLD)
    said = holding(found, "resolve the DB hostname").text
    assert said.endswith("on every new connection.") and "pool has" not in said


def test_a_question_to_someone_is_never_told_as_a_step() -> None:
    found = facts("hey Marcus, got a sec to sanity check a story for my loop next week?\n\n"
                  "- I paired with him 2x a week\n")
    assert not mine(found, "got a sec")


def test_a_plan_under_its_heading_is_the_task_and_a_redo_label_the_reflection() -> None:
    found = facts("plan as I wrote it in March (copying from my own doc):\n"
                  "- will ship a role templates thing instead of the permission editor\n"
                  "- will NOT build the full policy language, too big\n\n"
                  "what actually happened:\n- did ship role templates\n\n"
                  "If redoing it: I only looked at appeals in english.\n")
    assert holding(found, "role templates thing").section == "task"
    assert holding(found, "only looked at appeals in english").section == "reflection"


def test_levels_said_the_short_way_are_the_writers() -> None:
    from storygen.story.judge import stated_level
    assert stated_level("l10n launch. jr eng, 1st yr, on the i18n infra team") == "SDE1"
    assert stated_level("I've been principal on network automation for 3 years.") \
        == "Principal SDE"
    assert stated_level("data lake cost thing, FY23. principal on the data platform, I set "
                        "direction for 3 teams") == "Principal SDE"
    assert stated_level("archive search, I'm ~1 yr in, first dev job, on the tools team") == "SDE1"
    assert stated_level("who I am here: principal eng, ~14 yrs in the industry") == "Principal SDE"
    assert stated_level("I mentored her through her first job out of college.") is None


def test_lines_numbered_in_brackets_are_steps_of_their_own() -> None:
    found = facts("(4) wrote the write-up: what's sent, to whom, since when, and a proposed fix\n"
                  "(5) privacy officer wanted it gone completely, not rounded. fine by me\n"
                  "(6) I made the change + added a lint rule in our analytics wrapper\n")
    assert holding(found, "wrote the write-up").text.startswith("I wrote")
    assert holding(found, "lint rule").text.startswith("I made the change")
    assert "privacy officer" not in holding(found, "lint rule").text.lower()


def test_a_found_label_then_a_step_is_the_step_and_a_list_after_its_intro_is_split() -> None:
    found = facts("the real cause: read about Windows USB selective suspend bc a forum thread "
                  "mentioned thermal printers.\n\nfix, two parts, we split it: (a) I changed the "
                  "print call to async w/ a timeout (b) desktop eng team (Anjali) pushed a GPO\n")
    assert not any("cause was to" in s.text for s in found.sentences)
    assert holding(found, "selective suspend").text.startswith("I read about")
    assert holding(found, "print call to async").text.startswith("I changed")
    assert holding(found, "pushed a GPO").person != "I"


def test_a_label_with_lesson_words_is_the_reflection() -> None:
    found = facts("I pulled the logs and fixed it.\n\nStuck with me: when your app is used by a "
                  "big chunk of a city, small data choices aren't small.\n")
    assert holding(found, "small data choices").section == "reflection"


EXCHANGE = """I thought we needed a proper load test first (the last one was months ago). pasted \
from slack, trimmed a bit:

> me: I don't think we should cut over thursday. we haven't load tested the new cluster
> Farah: I hear you. what's the risk concretely?
> me: fair. can we at least do partial, like 20%?
> Farah: no. decision is full cutover thurs. I'll own it with product
> me: ok. I disagree but I'm in. I'll make it safe

- wrote a runbook for the fallback, did a dry run w/ Luis wed night
"""


def test_a_pasted_exchange_keeps_each_line_its_speakers() -> None:
    found = facts(EXCHANGE)
    assert not [s.text for s in found.sentences if s.text.startswith("I'll own it")]
    assert "I'll own it with product" in holding(found, "own it with product").text
    assert holding(found, "own it with product").text.startswith("Farah said")
    assert holding(found, "wrote a runbook").text.startswith("I wrote")


def test_someone_elses_way_and_a_step_done_himself_are_never_the_writers() -> None:
    found = facts("Gareth's way: took the design back, rewrote the core himself over ~3 weeks, "
                  "Chris implemented it.\n\nMine:\n- kept Nadia as the owner\n")
    assert not mine(found, "took the design back")
    assert holding(found, "took the design back").text.startswith("Gareth's way: took")
    assert mine(found, "kept Nadia as the owner")
    alone = facts("- rewrote the core himself over a weekend\n- wrote the tests myself\n")
    assert not mine(alone, "rewrote the core himself") and mine(alone, "wrote the tests myself")


def test_a_described_thing_that_did_get_built_is_no_step_of_the_writers() -> None:
    found = facts("failure rate went 9% -> 2.1%. Chunked uploads did get built after the freeze, "
                  "by Priyanka, and my retry code got deleted.\n")
    assert not mine(found, "chunked uploads")


def test_an_faq_after_the_story_does_not_turn_my_part_into_the_task() -> None:
    found = facts("my part:\n- tagged every env w/ PR number + owner, pulled a week of usage\n"
                  "- added a TTL: env dies 48h after last push\n\nFAQ (prob questions)\n"
                  "Q: did anything break?\nA: shared Postgres had a noisy-neighbour incident.\n")
    assert holding(found, "tagged every env").section == "action"
    assert holding(found, "added a TTL").section == "action"


def test_a_verb_made_of_a_tools_name_is_a_step_and_a_share_cut_the_outcome() -> None:
    found = facts("Strace'd a failing sim on a test box during the window.\n\n"
                  "Cut reruns by roughly 70%, a month after the fix.\n")
    assert holding(found, "failing sim").text.startswith("I strace'd")
    assert holding(found, "reruns by roughly 70%").section == "result"


def test_someone_elses_quoted_words_keep_their_you_in_notes_told_as_you() -> None:
    found = facts("You're four months into your first job. You check the job logs and your "
                  "change reset the cursor.\n\nYou write the incident doc. You add a multi-batch "
                  "test and a daily send cap.\n\nA few weeks later the marketing lead asks for you "
                  "by name, \"because you were straight with us\".\n")
    assert "because you were straight with us" in holding(found, "straight with us").text
    assert holding(found, "check the job logs").text.startswith("I check")
