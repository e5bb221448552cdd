"""The LLM drafter: the core group first, then the five other groups at once; assembly onto the
offline draft; schema and rule checks; and targeted repair of the groups that fail.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
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
    Usage,
    build_cache,
    remember_method,
    remembered_method,
)
from storygen.drafting.llm.groups import CORE, GROUPS, LATER, Group, group_of_pointer
from storygen.drafting.llm.options import ModelDraft, ModelOptions
from storygen.drafting.llm.outcome import RunState, finish
from storygen.drafting.llm.prompts import Prompts, fence, load_prompts
from storygen.drafting.llm.provider import build_chat_model
from storygen.drafting.llm.structured import Caller, MethodChooser, Reply, format_hint
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
            "notes": fence(str(getattr(self.notes, "text", self.notes)), "notes"),
            "facts": fence(_fact_sheet(self.facts), "facts"),
            "words_per_minute": str(rate), "budgets": budgets, "story": "",
            "variant_principles": ", ".join(v["principle"] for v in offline["principle_variants"]),
            "variant_levels": ", ".join(str(v["level"]) for v in offline["level_variants"]),
        }

    def opening(self, group: Group, method: str, schema: dict[str, Any]) -> list[Any]:
        from langchain_core.messages import HumanMessage, SystemMessage

        values = {**self.values, "format": format_hint(method, schema)}
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
        if len(jobs) <= 1:
            return {name: job() for name, job in jobs.items()}
        pool = ThreadPoolExecutor(max_workers=len(jobs), thread_name_prefix="storygen-llm")
        try:
            futures = {name: pool.submit(job) for name, job in jobs.items()}
            return {name: future.result() for name, future in futures.items()}
        finally:
            pool.shutdown(wait=False, cancel_futures=True)

    # -- the run -------------------------------------------------------------------------
    def first_draft(self) -> None:
        self.values = self.base_values()
        self.states[CORE.name] = self.ask_group(CORE) or self.fallback(CORE)
        self.flush()
        self.values["story"] = "\n" + fence(_star_text(self.assemble()), "story") + "\n"
        done = self.in_parallel({g.name: partial(self.ask_group, g) for g in LATER})
        for group in LATER:
            self.states[group.name] = done[group.name] or self.fallback(group)
        self.flush()

    def run_state(self) -> RunState:
        """The assembled story and the run's account, for ``outcome.finish``."""
        offline = [g.name for g in GROUPS if self.states[g.name].from_offline]
        return RunState(self.assemble(), self.options.model, self.prompts.sha256, offline,
                        self.messages, self.repairs, self.rounds)

    def assemble(self) -> dict[str, Any]:
        story = copy.deepcopy(self.offline)
        for group in GROUPS:
            state = self.states.get(group.name)
            if state is not None:
                story.update(group.to_story(copy.deepcopy(state.reply), self.offline))
        return story

    def check(self, story: dict[str, Any]) -> list[Finding]:
        return check_data(story, notes_text=getattr(self.notes, "text", None),
                          settings=self.options.settings)

    def repair_loop(self, findings: list[Finding]) -> list[Finding]:
        for round_no in range(1, self.options.max_repairs + 1):
            failing = errors_by_group(findings)
            if not failing:
                if _errors(findings):
                    self.messages.append("no repair asked: the remaining errors are in fields "
                                         "that storygen sets itself")
                return findings
            before = _keys(findings)
            self.rounds = round_no
            self.messages.append(f"repair round {round_no}: re-asking " + ", ".join(
                f"{name} ({len(fs)} finding{'s' if len(fs) != 1 else ''})"
                for name, fs in failing.items()))
            self.repairs += len(failing)
            done = self.in_parallel({name: partial(self.ask_group, GROUPS_BY_NAME[name], fs)
                                     for name, fs in failing.items()})
            self.flush()
            for name, state in done.items():
                if state is not None:
                    self.states[name] = state
            findings = self.check(self.assemble())
            if _keys(findings) == before:
                self.messages.append(f"repair stopped after round {round_no}: it left the same "
                                     "findings as before (no progress)")
                return findings
        if self.rounds and errors_by_group(findings):
            count = len(_errors(findings))
            self.messages.append(f"{count} error finding{'s' if count != 1 else ''} remain "
                                 f"after {self.rounds} repair round"
                                 f"{'s' if self.rounds != 1 else ''} (--max-repairs)")
        return findings


GROUPS_BY_NAME = {group.name: group for group in GROUPS}


def errors_by_group(findings: Sequence[Finding]) -> dict[str, list[Finding]]:
    """Error findings grouped by the section group that writes their field, in group order."""
    found: dict[str, list[Finding]] = {}
    for finding in _errors(findings):
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
    server = f"{options.model}@{options.base_url or ''}"
    if cache is not None:
        chooser.preferred = remembered_method(cache.folder_path, server)
    if chat_model is None:
        chat_model = build_chat_model(options, cache)
    else:
        chat_model.cache = cache if cache is not None else False
    budget = Budget(options.budget_tokens) if options.budget_tokens is not None else None
    usage = Usage()
    caller = Caller(chat_model, options, chooser, usage, budget)
    drafter = Drafter(notes, facts, offline_data, options, caller, prompts)
    drafter.first_draft()
    findings = drafter.repair_loop(drafter.check(drafter.assemble()))
    if cache is not None and chooser.settled:
        remember_method(cache.folder_path, server, chooser.settled)
    return finish(drafter.run_state(), findings, usage, chooser)
