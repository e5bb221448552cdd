"""A fake chat model behind the same interface as the real ones, for tests and benchmarks.

Replies are queued per section group (``{"core": [reply, ...]}``); each call takes the next one,
or the group's default when its queue is empty. A reply is a dict (sent as the structured data),
a string (sent as raw text, e.g. malformed JSON), an exception (raised, like a provider error) or
a callable taking the messages. The model keeps its call history, sleeps ``latency`` seconds per
call (``delays`` sets it per group), counts the peak number of calls in flight, records the calls
that finished (``completed``), and can refuse structured-output methods the way a server does
(HTTP 400). Importing this module imports LangChain.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.output_parsers import JsonOutputKeyToolsParser, JsonOutputParser
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable, RunnableMap, RunnablePassthrough
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import Field, PrivateAttr

from storygen.drafting.llm.groups import GROUPS


class FakeRejection(Exception):
    """What the fake raises for a refused method: an HTTP 400 like a real server's."""

    status_code = 400


@dataclass(frozen=True, slots=True)
class FakeCall:
    group: str
    method: str
    messages: list[BaseMessage]

    @property
    def text(self) -> str:
        return "\n".join(str(m.content) for m in self.messages)


class FakeChatModel(BaseChatModel):
    """Replies queued per group, call history kept, latency settable, peak concurrency counted."""

    replies: dict[str, list[Any]] = Field(default_factory=dict)
    defaults: dict[str, Any] = Field(default_factory=dict)
    latency: float = 0.0
    delays: dict[str, float] = Field(default_factory=dict)
    rejects: list[str] = Field(default_factory=list)
    history: list[FakeCall] = Field(default_factory=list)
    completed: list[str] = Field(default_factory=list)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)
    _active: int = PrivateAttr(default=0)
    _peak: int = PrivateAttr(default=0)

    @property
    def _llm_type(self) -> str:
        return "fake-story-model"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_name": "fake-story-model"}

    @property
    def peak_concurrency(self) -> int:
        return self._peak

    def calls_for(self, group: str) -> list[FakeCall]:
        return [call for call in self.history if call.group == group]

    def queue(self, group: str, *replies: Any) -> None:
        self.replies.setdefault(group, []).extend(replies)

    # -- the chat model interface --------------------------------------------------------
    def bind_tools(self, tools: Sequence[Any], *, tool_choice: Any = None,
                   **kwargs: Any) -> Runnable[Any, Any]:
        formatted = [convert_to_openai_tool(tool) for tool in tools]
        return self.bind(tools=formatted, tool_choice=tool_choice, **kwargs)

    def with_structured_output(self, schema: Any, *, include_raw: bool = False,
                               **kwargs: Any) -> Runnable[Any, Any]:
        method = kwargs.pop("method", "json_schema")
        name = convert_to_openai_tool(schema)["function"]["name"]
        parser: Runnable[Any, Any]
        if method == "function_calling":
            llm = self.bind_tools([schema], tool_choice=name)
            parser = JsonOutputKeyToolsParser(key_name=name, first_tool_only=True)
        elif method == "json_mode":
            llm = self.bind(response_format={"type": "json_object"}, fake_group=name)
            parser = JsonOutputParser()
        elif method == "json_schema":
            llm = self.bind(response_format={"type": "json_schema",
                                             "json_schema": {"name": name, "schema": schema}})
            parser = JsonOutputParser()
        else:
            raise ValueError(f"unknown method {method!r}")
        if not include_raw:
            return llm | parser
        assign = RunnablePassthrough.assign(parsed=itemgetter("raw") | parser,
                                            parsing_error=lambda _: None)
        none = RunnablePassthrough.assign(parsed=lambda _: None)
        return RunnableMap(raw=llm) | assign.with_fallbacks([none], exception_key="parsing_error")

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None,
                  **kwargs: Any) -> ChatResult:
        group, method = _route(kwargs)
        if method in self.rejects:
            raise FakeRejection(f"Error code: 400 - response format {method} is not supported")
        with self._lock:
            self._active += 1
            self._peak = max(self._peak, self._active)
            self.history.append(FakeCall(group, method, list(messages)))
            queue = self.replies.get(group) or []
            reply = queue.pop(0) if queue else self.defaults.get(group)
        try:
            delay = self.delays.get(group, self.latency)
            if delay:
                time.sleep(delay)
        finally:
            with self._lock:
                self._active -= 1
                self.completed.append(group)
        if callable(reply) and not isinstance(reply, type):
            reply = reply(messages)
        if isinstance(reply, BaseException):
            raise reply
        if reply is None:
            raise LookupError(f"the fake model has no reply queued for group {group!r}")
        return ChatResult(generations=[ChatGeneration(message=_message(reply, group, method,
                                                                       messages))])


def _route(kwargs: dict[str, Any]) -> tuple[str, str]:
    if kwargs.get("tools"):
        return kwargs["tools"][0]["function"]["name"], "function_calling"
    response_format = kwargs.get("response_format") or {}
    if response_format.get("type") == "json_schema":
        return response_format["json_schema"]["name"], "json_schema"
    if response_format.get("type") == "json_object":
        return str(kwargs.get("fake_group", "")), "json_mode"
    return "", "text"


def _message(reply: Any, group: str, method: str, messages: list[BaseMessage]) -> AIMessage:
    text = reply if isinstance(reply, str) else json.dumps(reply, ensure_ascii=False)
    usage = {"input_tokens": sum(len(str(m.content)) for m in messages) // 4 + 1,
             "output_tokens": len(text) // 4 + 1}
    usage["total_tokens"] = usage["input_tokens"] + usage["output_tokens"]
    if method == "function_calling" and not isinstance(reply, str):
        return AIMessage(content="", usage_metadata=usage,  # type: ignore[arg-type]
                         tool_calls=[{"name": group, "args": reply, "id": "call_1",
                                      "type": "tool_call"}])
    return AIMessage(content=text, usage_metadata=usage)  # type: ignore[arg-type]


def replies_from_story(story: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A good reply for every group, taken from a complete story (e.g. the offline draft)."""
    return {group.name: group.from_story(story) for group in GROUPS}
