"""Note shapes met on fresh notes: a line's label that only marks where it sits, a title said
with a dash, a list named by a few words over it, arrows that open lines or pair two figures, a
ticket thread whose writer signs with their name, a letter to one's future self, and "our"
said in the writer's words."""

from __future__ import annotations

from storygen.drafting.compose.offline import _leans_back, draft_offline
from storygen.drafting.compose.sections import own
from storygen.drafting.extract.facts import extract_facts
from storygen.drafting.extract.phrasing import said_whole
from storygen.story.notes import parse_notes

from .facts_helpers import facts, holding
from .facts_helpers import said_as_mine as mine


def _texts(text: str) -> list[str]:
    return [s.text for s in facts(text).sentences]


def test_lines_that_open_on_an_arrow_are_steps_of_their_own_after_a_quoted_block() -> None:
    found = facts("SDK location default\n\n"
                  "> our SDK ships inside ~3,800 apps\n"
                  "> I considered it my job: nobody else sat across both orgs\n"
                  "-> I wrote a position memo: default to coarse location\n"
                  "-> did the revenue analysis myself with the ads data science team\n"
                  "-> I'd push earlier next time\n")
    texts = [s.text for s in found.sentences]
    assert not any("->" in t for t in texts), texts
    assert mine(found, "wrote a position memo") and mine(found, "did the revenue analysis")
    assert "I'd push earlier next time." in texts  # never "This led to I'd push ..."


def test_a_label_that_only_marks_where_a_line_sits_is_not_said() -> None:
    texts = _texts("Refund bug\n\nThe gateway timed out on refunds.\n"
                   "What Payments did: Joel's team added an idempotency check.\n"
                   "Step: I rotated prod certs for all 11 consumers over 2 evenings.\n"
                   "Still open: Owen is reviewing the backfill plan for prod.\n"
                   "Where it is, 14 months in: the old login systems retired.\n"
                   "Others -> SDK team built and shipped the change over 2 releases.\n")
    assert "Joel's team added an idempotency check." in texts
    assert "I rotated prod certs for all 11 consumers over 2 evenings." in texts
    assert "Owen is reviewing the backfill plan for prod." in texts
    assert "14 months in, the old login systems retired." in texts
    assert "SDK team built and shipped the change over 2 releases." in texts


def test_a_label_that_says_something_stays_when_what_follows_is_no_clause() -> None:
    texts = _texts("Cert expiry\n\nI was debugging something unrelated.\n"
                   "blast_radius: payouts for ~1.2M sellers would have stopped\n"
                   "Where it landed, 18 months in: ~85% of services on the new path\n")
    assert any(t.startswith("Blast radius: payouts") for t in texts), texts  # a field, in words
    assert any(t.startswith("Where it landed, 18 months in: ~85%") for t in texts), texts


def test_a_ticket_thread_signed_by_name_keeps_the_others_comments_theirs() -> None:
    found = facts("Flaky tests in the checkout pipeline\n\n"
                  "Comment — Dana Okafor — 2024-04-02\n"
                  "Main has been red 11 of the last 30 runs. Assigning to myself since I own "
                  "checkout CI.\n\n"
                  "Comment — Marcus Lee — 2024-04-04\n"
                  "Can we just turn on retries and move on?\n\n"
                  "Comment — Dana Okafor — 2024-04-05\n"
                  "I'd rather not. I added a per-test schema and wrote a lint rule.\n\n"
                  "Comment — Priya Raman — 2024-04-09\n"
                  "Payments tests migrated. Reviewed Dana's fixture PR, merged.\n")
    texts = [s.text for s in found.sentences]
    assert not any(t.startswith("Comment") for t in texts), texts  # the headers are no facts
    assert not mine(found, "fixture PR")  # Priya's review, never the writer's
    assert "Priya" in holding(found, "fixture PR").text
    assert mine(found, "per-test schema")
    # signed "me", the writer's comments are theirs and the others' stay the others'
    found = facts("Flaky tests\n\nComment — me — 2024-04-02\nMain has been red 11 of the last "
                  "30 runs. Assigning to myself.\n\nComment — Priya Raman — 2024-04-09\n"
                  "Reviewed the fixture PR, merged.\n")
    assert not mine(found, "fixture PR") and "Priya" in holding(found, "fixture PR").text


def test_a_letter_to_the_future_self_is_the_writers_own_story() -> None:
    texts = _texts("Dear future me,\n\n"
                   "This spring the rotation was 5 people covering ~60 pages a week. You (I) "
                   "were the senior on the team.\n\n"
                   "What you actually did, so you remember it worked:\n"
                   "- You stopped arguing in standup and pulled 8 weeks of PagerDuty data "
                   "yourself.\n"
                   "- You told your manager after, with the data.\n")
    assert "I stopped arguing in standup and pulled 8 weeks of PagerDuty data myself." in texts
    assert "I told my manager after, with the data." in texts
    assert any(t.startswith("I was the senior on the team") for t in texts), texts
    assert not any(t.startswith("What you actually did") for t in texts)  # the list's heading


def test_our_is_said_in_the_writers_words_without_changing_whose_it_was() -> None:
    assert own("I picked OIDC over building our own token format.") == \
        "I picked OIDC over building an in-house token format."
    assert own("I stopped building our own tools.") == "I stopped building in-house tools."
    assert own("I tested on our own team's jobs first.") == "I tested on my own team's jobs first."
    assert own("I let Wei present it at our team review.") == \
        "I let Wei present it at my team's review."
    assert own("I added an alarm on our side.") == "I added an alarm on my team's side."
    assert own("I told our team lead.") == "I told my team lead."


def test_a_thing_and_what_it_does_is_never_the_writers_step() -> None:
    texts = _texts("DNS stalls\n\nour pods saw 5s stalls on DNS lookups.\n"
                   "root cause: musl in our alpine image fires the A and AAAA queries in "
                   "parallel\n")
    assert not any(t.startswith("I musl") for t in texts), texts
    assert any(t.startswith("Musl in our alpine image fires") for t in texts), texts


def test_a_title_said_with_a_dash_or_as_a_thing_is_not_a_sentence_of_the_story() -> None:
    for title in ("Security patch - XML parser CVE, notes for my review packet",
                  "Holiday capacity call - why I pushed back on the forecast",
                  "flaky test thing"):
        texts = _texts(f"{title}\nthe advisory dropped on Tuesday\nI patched the parser\n")
        assert not any(title.split()[0].lower() in t.lower() for t in texts), (title, texts)
        assert "I patched the parser." in texts
    # a dash that goes on to say what happened is part of the story
    texts = _texts("Black Friday overspend - pacing wasn't my service, fixed it anyway\n\n"
                   "I capped the budget.\n")
    assert any("pacing wasn't my service" in t for t in texts), texts


def test_a_few_words_over_a_list_name_it_unless_their_aside_tells_what_happened() -> None:
    texts = _texts("I joined the incident bridge.\n\nTimeline (all times PT, Tue Oct 8)\n"
                   "- 14:02 @oncall-payments paged: error rate jumped from ~0.3% to 11%\n"
                   "- 14:40 @marco found the bug\n\nMy follow-ups\n"
                   "- I added an auto-rollback alarm\n")
    assert not any(t.startswith(("Timeline", "My follow-ups")) for t in texts), texts
    assert "At 14:40 @marco found the bug." in texts  # a log line with its time, said as one
    texts = _texts("Seller reports timeout fix (shipped Apr 19, ahead of the May 1 deadline)\n"
                   "- I paged through the slow query log\n")
    assert any("shipped Apr 19" in t for t in texts), texts


def test_a_before_after_pair_of_one_measure_is_said_in_words() -> None:
    assert said_whole("P99 dropped 1.9s -> 240ms.") == "P99 dropped from 1.9s to 240ms."
    assert said_whole("Monthly S3 cost ~$51k -> ~$4k.") == "Monthly S3 cost went from ~$51k to ~$4k."
    assert said_whole("Monthly storage cost: before ~$9.4K, after ~$2.1K.") == \
        "Monthly storage cost was ~$9.4K before and ~$2.1K after."
    # a cause and its cost are no measure's move: the arrow stays
    assert said_whole("Infra wanted 2.5x -> ~$340K extra capacity.") == \
        "Infra wanted 2.5x -> ~$340K extra capacity."
    assert said_whole("Total spend ~$4K (cables, SSDs, a few spare PSUs).") == \
        "Total spend was ~$4K (cables, SSDs, a few spare PSUs)."
    assert said_whole("At 23:58 backlog under 1K.") == "At 23:58 backlog was under 1K."
    # a labelled row with more than its value is left as the notes wrote it
    row = "Alarm: p99 850ms (SLO 300ms), p50 fine ~90ms -> tail problem."
    assert said_whole(row) == row


def test_words_to_the_reader_of_a_mail_are_no_part_of_the_story() -> None:
    texts = _texts("Subject: recap\n\n"
                   "Hi Dana, you asked for a short recap for the promo packet, so here it is.\n\n"
                   "I led the rewrite across two teams.\n\n"
                   "Would you be open to using this as the anchor example? Happy to draft the doc.\n")
    assert texts == ["I led the rewrite across two teams."]


def test_a_release_told_with_no_doer_is_not_the_writers_alone() -> None:
    found = facts("App crash\n\n- users saw a crash on checkout\n"
                  "- I found the null pointer in the image cache\n"
                  "- shipped in the next app release two weeks later\n"
                  "- crash rate went from 2% to 0.1%\n")
    assert holding(found, "next app release").text == \
        "We shipped in the next app release two weeks later."
    assert mine(found, "null pointer")


def test_someone_named_by_their_role_is_not_what_the_writers_step_found() -> None:
    found = facts("Coupon bug\n\n- I had shipped the stackable-coupons change 2 days before\n"
                  "- ~1.2% of checkouts with an expired coupon were throwing 500s\n"
                  "- my mentor (Dana) was on vacation, primary on-call was handling a "
                  "separate DB alarm\n- I rolled back the change.\n")
    assert not mine(found, "primary on-call")


def test_a_joining_word_is_dropped_where_its_first_half_is_not_said_before_it() -> None:
    notes = parse_notes("Log bucket\n\n## Task\nI own the log pipeline, so I took it.\n")
    task = draft_offline(notes, extract_facts(notes))["sections"]["task"]["strong_example"]
    assert task == "I own the log pipeline. So I took it."  # told right after its first half
    notes = parse_notes("Log bucket\n\nI set a lifecycle rule on the debug-log bucket.\n"
                        "The bucket held 1.2 PB of debug logs and cost ~$31K/mo.\n"
                        "So I got finance to sign off on 90 days of retention.\n")
    action = draft_offline(notes, extract_facts(notes))["sections"]["action"]["strong_example"]
    assert "I got finance to sign off" in action and "So I got" not in action


def test_the_summary_skips_a_sentence_that_points_at_a_thing_it_never_named() -> None:
    assert _leans_back("I checked with the 2 teams who read from it.")
    assert _leans_back("Product teams migrated themselves, ~40 of 45 are on it now.")
    assert _leans_back("I posted that in the incident channel within ~40 min.")
    assert not _leans_back("I found that the cache was off.")
    assert not _leans_back("I rolled back the deploy.")
