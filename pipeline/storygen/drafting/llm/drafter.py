"""The LLM drafter: the core group first, checked and repaired on its own; then the five other
groups at once, from the repaired core; assembly onto the offline draft; schema, rule and guard
checks; and targeted repair of the groups that fail.

A fatal error in one call (the provider keeps failing, the budget is spent) stops the run at once:
no further request is sent and calls still in flight are abandoned, not waited for. When the
budget runs out while repairing a complete draft, the draft with the fewest error findings so far
is kept.
"""

from __future__ import annotations

import copy
import json
import queue
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from pydantic import ValidationError

from storygen.checks.validate import check_data
from storygen.core.findings import Finding, Severity
from storygen.core.text import clip
from storygen.drafting.extract.facts import Facts
from storygen.drafting.extract.factsheet import fact_sheet
from storygen.drafting.llm.accounting import (
    Budget,
    BudgetError,
    Usage,
    build_cache,
    method_key,
    remember_method,
    remembered_method,
)
from storygen.drafting.llm.groups import (
    CODE_OWNED_LEAVES,
    CORE,
    GROUPS,
    LATER,
    Group,
    group_of_pointer,
    naming_findings,
)
from storygen.drafting.llm.guard import (
    GUARD_CODE,
    NAME_CODE,
    Guard,
    guard_findings,
    notes_for_model,
    strings_of,
)
from storygen.drafting.llm.options import ModelDraft, ModelOptions
from storygen.drafting.llm.outcome import RunState, finish
from storygen.drafting.llm.prompts import Prompts, fence, load_prompts
from storygen.drafting.llm.provider import build_chat_model, server_address, switchable_token_param
from storygen.drafting.llm.structured import Caller, MethodChooser, Reply, TokenParam, format_hint
from storygen.story.model import SECTION_NAMES, WORDS_PER_MINUTE


@dataclass
class GroupState:
    """A group's current reply (model-written or taken from the offline draft)."""

    group: Group
    reply: dict[str, Any]
    from_offline: bool


@dataclass
class Drafter:
    """One ``draft --model`` run; holds everything the group threads share."""

    notes: Any
    facts: Any
    offline: dict[str, Any]
    options: ModelOptions
    caller: Caller
    prompts: Prompts
    messages: list[str] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    states: dict[str, GroupState] = field(default_factory=dict)
    repairs: int = 0
    rounds: int = 0
    pending: dict[str, str] = field(default_factory=dict)
    best: tuple[int, dict[str, GroupState], list[Finding]] | None = None
    budget_stopped: bool = False
    guard: Guard | None = None

    def note(self, group: Group, text: str) -> None:
        """A message about one group; flushed in group order, whatever order threads finish in."""
        self.pending[group.name] = f"{group.name}: {text}"

    def flush(self) -> None:
        self.messages.extend(self.pending[g.name] for g in GROUPS if g.name in self.pending)
        self.pending.clear()

    # -- prompts -------------------------------------------------------------------------
    def base_values(self) -> dict[str, str]:
        offline = self.offline
        settings = self.options.settings
        rate = int(settings.speaking_rate_wpm if settings is not None else WORDS_PER_MINUTE)
        budgets = ", ".join(
            f"{name} {offline['sections'][name]['target_seconds']} s (about "
            f"{offline['sections'][name]['target_seconds'] * rate // 60} words)"
            for name in SECTION_NAMES)
        return {
            "principle": str(offline.get("principle", "")), "level": str(offline.get("level", "")),
            "role": str(offline.get("role", "")), "question": str(offline.get("question", "")),
            "title": str(offline.get("title", "")), "company": str(offline.get("company", "")),
            "notes": fence(notes_for_model(self.notes, self.facts), "notes"),
            "facts": fence(_fact_sheet(self.facts), "facts"),
            "words_per_minute": str(rate), "budgets": budgets, "story": "",
            "variant_principles": ", ".join(v["principle"] for v in offline["principle_variants"]),
            "variant_levels": ", ".join(str(v["level"]) for v in offline["level_variants"]),
        }

    def story_value(self) -> str:
        """The ``{story}`` prompt value: the current (repaired) core's STAR text."""
        return "\n" + fence(_star_text(self.assemble()), "story") + "\n"

    def opening(self, group: Group, method: str, schema: dict[str, Any]) -> list[Any]:
        from langchain_core.messages import HumanMessage, SystemMessage

        values = {**self.values, "format": format_hint(method, schema)}
        if group is CORE:
            values["story"] = ""  # the core is the story; its own reply is in the conversation
        return [SystemMessage(self.prompts.render("system", values)),
                HumanMessage(self.prompts.render(group.name, values))]

    def follow_up(self, name: str, method: str, schema: dict[str, Any], previous: str,
                  extra: dict[str, str]) -> list[Any]:
        from langchain_core.messages import AIMessage, HumanMessage

        values = {**self.values, **extra, "format": format_hint(method, schema)}
        return [AIMessage(previous or "(no reply)"),
                HumanMessage(self.prompts.render(name, values))]

    # -- one group -----------------------------------------------------------------------
    def ask_group(self, group: Group, findings: Sequence[Finding] = ()) -> GroupState | None:
        """Draft (or, with findings, repair) one group; None when no usable reply came back."""
        schema = group.schema(self.offline)
        previous = self.states.get(group.name)

        def messages_for(method: str, retry: tuple[str, str] | None) -> list[Any]:
            convo = self.opening(group, method, schema)
            if findings and previous is not None:
                listed = "\n".join(f"- {f.pointer}: {f.message} ({f.code})" for f in findings)
                convo += self.follow_up("repair", method, schema, _json(previous.reply),
                                        {"findings": listed})
            if retry is not None:
                convo += self.follow_up("retry", method, schema, retry[0], {"error": retry[1]})
            return convo

        retry: tuple[str, str] | None = None
        last_error = ""
        for _attempt in range(1 + max(self.options.parse_retries, 0)):
            reply = self.caller.ask(group.name, schema,
                                    lambda method, r=retry: messages_for(method, r),
                                    _json(group.from_story(self.offline)))
            parsed, error = self.validate(group, reply)
            if parsed is not None:
                return GroupState(group, parsed, from_offline=False)
            last_error = error or "unusable reply"
            retry = (reply.raw_text, last_error)
        attempts = 1 + max(self.options.parse_retries, 0)
        what = "repair reply" if findings else "reply"
        after = "kept the previous version" if findings else "this part comes from the offline draft"
        error = clip(last_error, 200, marker="...")
        self.note(group, f"the model's {what} could not be used after {attempts} "
                         f"attempt{'s' if attempts != 1 else ''} ({error}); {after}")
        return None

    def validate(self, group: Group, reply: Reply) -> tuple[dict[str, Any] | None, str | None]:
        if reply.parsed is None:
            return None, reply.error
        data = reply.parsed.model_dump() if hasattr(reply.parsed, "model_dump") else reply.parsed
        try:
            model = group.model(self.offline).model_validate(data)
        except ValidationError as exc:
            problems = "; ".join(
                f"/{'/'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors())
            return None, clip(problems, 200, marker="...")
        return model.model_dump(mode="json"), None

    def fallback(self, group: Group) -> GroupState:
        return GroupState(group, group.from_story(self.offline), from_offline=True)

    def in_parallel(self, jobs: dict[str, Callable[[], GroupState | None]]
                    ) -> dict[str, GroupState | None]:
        """Run the jobs at once. The first job that raises stops the run at once: no further
        request is sent, and the calls still in flight are abandoned (their threads are daemon
        threads, so neither this function nor the process waits for them)."""
        if len(jobs) <= 1:
            return {name: job() for name, job in jobs.items()}
        done: queue.Queue[tuple[str, bool, Any]] = queue.Queue()

        def work(name: str, job: Callable[[], GroupState | None]) -> None:
            try:
                done.put((name, True, job()))
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
                done.put((name, False, exc))

        for name, job in jobs.items():
            threading.Thread(target=work, args=(name, job), daemon=True,
                             name=f"storygen-llm-{name}").start()
        results: dict[str, GroupState | None] = {}
        while len(results) < len(jobs):
            name, ok, value = done.get()
            if not ok:
                self.caller.cancel()
                raise value
            results[name] = value
        return results

    # -- the run -------------------------------------------------------------------------
    def draft(self) -> list[Finding]:
        """The whole run: the core drafted, checked and repaired; then the five later groups
        from the repaired core, checked and repaired. Returns the final findings."""
        self.values = self.base_values()
        self.guard = Guard([item.text for item in getattr(self.facts, "dropped", ())],
                           self.prompts.templates.values(),
                           notes_for_model(self.notes, self.facts), strings_of(self.offline))
        self.states[CORE.name] = self.ask_group(CORE) or self.fallback(CORE)
        self.flush()
        findings = self.repair_loop(self.check(self.assemble()), (CORE,))
        findings = self.drop_guarded(findings, (CORE,))
        self.values["story"] = self.story_value()
        done = self.in_parallel({g.name: partial(self.ask_group, g) for g in LATER})
        for group in LATER:
            self.states[group.name] = done[group.name] or self.fallback(group)
        self.flush()
        findings = self.check(self.assemble(), full=True)
        try:
            findings = self.repair_loop(findings, LATER)
        except BudgetError as exc:
            findings = self.stop_for_budget(exc)
        findings = self.drop_guarded(findings, LATER)
        unowned = [f for f in _errors(findings) if group_of_pointer(f.pointer) is None]
        if unowned and not self.budget_stopped:
            self.messages.append("no repair asked for some errors: they are in fields that "
                                 "storygen sets itself")
        return findings

    def run_state(self) -> RunState:
        """The assembled story and the run's account, for ``outcome.finish``."""
        offline = [g.name for g in GROUPS if self.states[g.name].from_offline]
        return RunState(self.assemble(), self.options.model, self.prompts.sha256, offline,
                        self.messages + self.caller.notes, self.repairs, self.rounds,
                        self.budget_stopped)

    def assemble(self) -> dict[str, Any]:
        story = copy.deepcopy(self.offline)
        for group in GROUPS:
            state = self.states.get(group.name)
            if state is not None:
                story.update(group.to_story(copy.deepcopy(state.reply), self.offline))
        return story

    def check(self, story: dict[str, Any], *, full: bool = False) -> list[Finding]:
        """Schema and rule findings, plus the drafter's own: GRD003 (instruction or prompt text
        in a part the model wrote) and DRF001 (a variant named wrongly). ``full``: the story
        is a complete draft, a candidate for the best one so far."""
        findings = check_data(story, notes_text=getattr(self.notes, "text", None),
                              settings=self.options.settings)
        written = [state for state in self.states.values() if not state.from_offline]
        if self.guard is not None:
            keys = [key for state in written for key in state.group.keys]
            findings += guard_findings(story, keys, self.guard,
                                       skip_leaves=(*CODE_OWNED_LEAVES, "principle", "level"))
        for state in written:
            findings += naming_findings(state.group, state.reply, self.offline)
        if full:
            count = len(_errors(findings))
            if self.best is None or count < self.best[0]:
                self.best = (count, dict(self.states), list(findings))
        return findings

    def repair_loop(self, findings: list[Finding], groups: Sequence[Group]) -> list[Finding]:
        """Up to ``max_repairs`` rounds re-asking the ``groups`` that have error findings."""
        names = {group.name for group in groups}
        full = groups is LATER
        for _round in range(self.options.max_repairs):
            failing = {name: fs for name, fs in errors_by_group(findings).items() if name in names}
            if not failing:
                return findings
            before = _keys(findings)
            self.rounds += 1
            self.messages.append(f"repair round {self.rounds}: re-asking " + ", ".join(
                f"{name} ({len(fs)} finding{'s' if len(fs) != 1 else ''})"
                for name, fs in failing.items()))
            self.repairs += len(failing)
            try:
                done = self.in_parallel({name: partial(self.ask_group, GROUPS_BY_NAME[name], fs)
                                         for name, fs in failing.items()})
            finally:
                self.flush()
            for name, state in done.items():
                if state is not None:
                    self.states[name] = state
            findings = self.check(self.assemble(), full=full)
            if _keys(findings) == before:
                self.messages.append(f"repair stopped after round {self.rounds}: it left the "
                                     "same findings as before (no progress)")
                return findings
        left = [f for name, fs in errors_by_group(findings).items() if name in names for f in fs
                if f.severity == Severity.ERROR]
        if left and self.options.max_repairs:
            count = len(left)
            self.messages.append(f"{count} error finding{'s' if count != 1 else ''} remain in "
                                 f"{', '.join(n for n in GROUPS_BY_NAME if n in names)} after "
                                 f"{self.options.max_repairs} repair round"
                                 f"{'s' if self.options.max_repairs != 1 else ''} (--max-repairs)")
        return findings

    def stop_for_budget(self, exc: BudgetError) -> list[Finding]:
        """The budget ran out while repairing a complete draft: keep the best draft so far."""
        assert self.best is not None
        count, states, findings = self.best
        self.states = dict(states)
        self.budget_stopped = True
        limit = getattr(self.caller.budget, "limit", None)
        used = getattr(self.caller.budget, "used", None)
        self.messages.append(
            f"--budget-tokens {limit} stopped repair in round {self.rounds} ({used} tokens used); "
            f"kept the draft with the fewest error findings so far ({count})")
        return findings

    def drop_guarded(self, findings: list[Finding], groups: Sequence[Group]) -> list[Finding]:
        """Groups that still hold instruction or prompt text (GRD003) or a wrongly named
        variant (DRF001) after repair come from the offline draft instead."""
        names = {group.name for group in groups}
        bad: dict[str, list[Finding]] = {}
        for finding in findings:
            group = group_of_pointer(finding.pointer)
            if finding.code in (GUARD_CODE, NAME_CODE) and group is not None \
                    and group.name in names and not self.states[group.name].from_offline:
                bad.setdefault(group.name, []).append(finding)
        if not bad:
            return findings
        for name, found in bad.items():
            codes = ", ".join(sorted({f.code for f in found}))
            self.states[name] = self.fallback(GROUPS_BY_NAME[name])
            self.note(GROUPS_BY_NAME[name], f"the model's reply still had {codes} errors "
                      f"({clip(found[0].message, 120, marker='...')}) after repair; this part comes from "
                      "the offline draft")
        self.flush()
        return self.check(self.assemble())


GROUPS_BY_NAME = {group.name: group for group in GROUPS}


REPAIR_WARNINGS = frozenset({"GRD004"})
"""Warnings that still drive repair: a name the notes never mention is the model's invention."""


def errors_by_group(findings: Sequence[Finding]) -> dict[str, list[Finding]]:
    """Error findings (and the warnings in ``REPAIR_WARNINGS``) grouped by the section group
    that writes their field, in group order."""
    found: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.severity != Severity.ERROR and finding.code not in REPAIR_WARNINGS:
            continue
        group = group_of_pointer(finding.pointer)
        if group is not None:
            found.setdefault(group.name, []).append(finding)
    return {g.name: found[g.name] for g in GROUPS if g.name in found}


def _errors(findings: Sequence[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == Severity.ERROR]


def _keys(findings: Sequence[Finding]) -> set[tuple[str, str]]:
    return {(f.code, f.pointer) for f in _errors(findings)}


def _fact_sheet(facts: Facts) -> str:
    return fact_sheet(facts)


def _star_text(story: dict[str, Any]) -> str:
    lines = [f"{name.capitalize()}: {story['sections'][name]['strong_example']}"
             for name in SECTION_NAMES]
    return "\n".join(lines)


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)




def draft_with_model(notes: Any, facts: Any, offline_data: dict[str, Any], options: ModelOptions,
                     *, chat_model: Any = None, prompts: Prompts | None = None) -> ModelDraft:
    """Draft a story with a chat model; see the module docstring. ``chat_model`` replaces the
    model named by ``options.model`` (tests and benchmarks pass a fake)."""
    prompts = prompts or load_prompts()
    chooser = MethodChooser(options.structured_output)
    cache = build_cache() if options.cache else None
    server = method_key(options.model, options.base_url)
    if cache is not None:
        chooser.preferred = remembered_method(cache.folder_path, server)
    tokens: TokenParam | None = None
    if chat_model is None:
        chat_model = build_chat_model(options, cache)
        first = switchable_token_param(options)
        if first is not None:
            tokens = TokenParam(first, partial(_rebuild, options, cache))
    else:
        chat_model.cache = cache if cache is not None else False
    budget = Budget(options.budget_tokens) if options.budget_tokens is not None else None
    usage = Usage()
    caller = Caller(chat_model, options, chooser, usage, budget,
                    address=server_address(options, chat_model), tokens=tokens)
    drafter = Drafter(notes, facts, offline_data, options, caller, prompts)
    try:
        findings = drafter.draft()
    finally:
        caller.cancel()  # nothing more is sent, whatever happened
    if cache is not None and chooser.settled:
        remember_method(cache.folder_path, server, chooser.settled)
    return finish(drafter.run_state(), findings, usage, chooser)


def _rebuild(options: ModelOptions, cache: Any, token_param: str) -> Any:
    return build_chat_model(options, cache, token_param=token_param)
