"""Chat models by name (``provider:model``) through LangChain's ``init_chat_model``, and the
translation of provider failures into one-line errors.

API keys are read by each provider package from its usual environment variable; storygen never
stores or prints them (``core.secrets.redact`` masks their values in every message).

The reply length limit goes out as one parameter, the one the provider reads: OpenAI's API takes
``max_completion_tokens``; OpenAI-compatible servers (``--base-url``: llama.cpp, vLLM, LM Studio)
read ``max_tokens``, and when such a server answers HTTP 400 naming the parameter sent, the call is
made once more with the other name.
"""

from __future__ import annotations

import importlib.util
import os
import re
from dataclasses import dataclass
from typing import Any

from storygen import DISTRIBUTION
from storygen.core.errors import ProviderError, UsageError
from storygen.core.secrets import redact, without_userinfo
from storygen.core.text import clip
from storygen.drafting.llm.options import ModelOptions

LOCAL_SERVER_KEY = "not-needed"  # OpenAI-compatible local servers ignore the key


@dataclass(frozen=True, slots=True)
class Provider:
    """How storygen passes its options to one LangChain provider package."""

    name: str
    module: str
    package: str
    extra: str | None = None
    key_env: str | None = None

    def install_hint(self) -> str:
        if self.extra:
            return f"pip install '{DISTRIBUTION}[{self.extra}]'"
        return f"pip install {self.package}"

    def model_kwargs(self, options: ModelOptions,
                     token_param: str | None = None) -> dict[str, Any]:
        """Keyword arguments for ``init_chat_model``; ``token_param`` names the one parameter
        that carries ``--max-tokens`` (default: ``first_token_param``)."""
        kwargs: dict[str, Any] = {}
        if self.name == "ollama":
            if options.timeout:
                kwargs["client_kwargs"] = {"timeout": options.timeout}
            if options.max_tokens:
                kwargs["num_predict"] = options.max_tokens
            if options.base_url:
                kwargs["base_url"] = options.base_url
            return kwargs
        kwargs["max_retries"] = options.max_retries
        if options.timeout:
            kwargs["timeout"] = options.timeout
        if options.max_tokens:
            param = token_param or first_token_param(self, options)
            if self.name == "openai" and param == "max_tokens":
                # ChatOpenAI turns its own max_tokens into max_completion_tokens; llama.cpp,
                # vLLM and older OpenAI-compatible servers read max_tokens, so it goes in the
                # body as it is, and ChatOpenAI's field stays unset (one parameter, not two).
                kwargs["extra_body"] = {"max_tokens": options.max_tokens}
            else:
                kwargs["max_tokens"] = options.max_tokens
        if options.base_url:
            kwargs["base_url"] = options.base_url
            if self.key_env and not os.environ.get(self.key_env):
                kwargs["api_key"] = LOCAL_SERVER_KEY
        return kwargs


PROVIDERS: dict[str, Provider] = {
    "openai": Provider("openai", "langchain_openai", "langchain-openai", "openai", "OPENAI_API_KEY"),
    "anthropic": Provider("anthropic", "langchain_anthropic", "langchain-anthropic", "anthropic",
                          "ANTHROPIC_API_KEY"),
    "ollama": Provider("ollama", "langchain_ollama", "langchain-ollama", "ollama"),
}


def split_model(name: str) -> tuple[str, str]:
    """``"openai:gpt-4.1-mini"`` -> ``("openai", "gpt-4.1-mini")``; the provider is required."""
    provider, sep, model = name.partition(":")
    if not sep or not provider or not model:
        raise UsageError(f"--model {name!r}: name the provider and the model, as in "
                         "openai:gpt-4.1-mini, anthropic:claude-sonnet-4-5 or ollama:llama3.2")
    return provider.strip().lower().replace("-", "_"), model.strip()


def provider_for(name: str) -> Provider:
    """The table entry for a provider name; unknown providers get a generic entry."""
    if name in PROVIDERS:
        return PROVIDERS[name]
    package = f"langchain-{name.replace('_', '-')}"
    return Provider(name, package.replace("-", "_"), package)


TOKEN_PARAMS = ("max_tokens", "max_completion_tokens")


def first_token_param(provider: Provider, options: ModelOptions) -> str:
    """The name the reply length limit is sent under first: ``max_completion_tokens`` for
    OpenAI's own API, ``max_tokens`` for an OpenAI-compatible server and the other providers
    (Ollama's ``num_predict`` is set apart, in ``model_kwargs``)."""
    if provider.name == "ollama":
        return "num_predict"
    if provider.name == "openai" and not options.base_url:
        return "max_completion_tokens"
    return "max_tokens"


def switchable_token_param(options: ModelOptions) -> str | None:
    """The parameter to start with when a refusal of it may be retried under the other name
    (an OpenAI-compatible ``--base-url`` with ``--max-tokens``); else None."""
    if not options.max_tokens or not options.base_url:
        return None
    provider = provider_for(split_model(options.model)[0])
    return first_token_param(provider, options) if provider.name == "openai" else None


def other_token_param(name: str) -> str:
    return TOKEN_PARAMS[1] if name == TOKEN_PARAMS[0] else TOKEN_PARAMS[0]


def names_token_param(exc: BaseException, name: str) -> bool:
    """True for an HTTP 400 whose body names the token limit parameter ``name``."""
    if status_code(exc) != 400:
        return False
    text = _error_text(exc)
    return re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text) is not None


def build_chat_model(options: ModelOptions, cache: Any = None, *,
                     token_param: str | None = None) -> Any:
    """A LangChain chat model for ``options.model``; a missing package or key is a usage error.
    ``token_param`` overrides the name the ``--max-tokens`` limit is sent under."""
    provider_name, model = split_model(options.model)
    provider = provider_for(provider_name)
    if importlib.util.find_spec(provider.module) is None:
        raise UsageError(f"--model {options.model}: the {provider_name} provider needs the "
                         f"{provider.package} package; install it with: {provider.install_hint()}")
    if provider.key_env and not options.base_url and not os.environ.get(provider.key_env):
        raise UsageError(f"--model {options.model}: set {provider.key_env} in the environment "
                         "(storygen reads no key from files), or pass --base-url for a local "
                         "OpenAI-compatible server")
    from langchain.chat_models import init_chat_model

    kwargs = provider.model_kwargs(options, token_param)
    if cache is not None:
        kwargs["cache"] = cache
    else:
        kwargs["cache"] = False
    try:
        return init_chat_model(model, model_provider=provider_name, **kwargs)
    except ImportError as exc:
        raise UsageError(f"--model {options.model}: {exc}; install it with: "
                         f"{provider.install_hint()}") from None
    except (ValueError, TypeError) as exc:
        raise UsageError(f"--model {options.model}: {_first_line(exc)}") from None


REJECTED_STATUS = frozenset({405, 415, 501})
"""Statuses that refuse the form of a request whatever its body says."""


def status_code(exc: BaseException) -> int | None:
    """The HTTP status of a provider error, when it has one."""
    code = getattr(exc, "status_code", None)
    if code is None:
        code = getattr(getattr(exc, "response", None), "status_code", None)
    return code if isinstance(code, int) else None


_METHOD_WORDS = re.compile(
    r"response_format|response format|json_schema|json schema|json_object|json mode|"
    r"tool_choice|\btools?\b|function.?call|structured output|grammar", re.IGNORECASE)
_GENERIC_REFUSAL = re.compile(r"not supported|unsupported|does not support|not implemented",
                              re.IGNORECASE)
_NOT_THE_METHOD = re.compile(
    r"max_tokens|max_completion_tokens|api.?key|unauthori[sz]ed|authenticat|permission|"
    r"quota|billing|rate.?limit|context length|maximum context|"
    r"\bmodel\b[^.]{0,80}?\b(not found|does not exist|doesn't exist|unknown|invalid|"
    r"not available|no access|not loaded)", re.IGNORECASE)


def is_rejection(exc: BaseException) -> bool:
    """True when the server refused the request's structured-output form (so another method
    may work); False for every other error, which stops the run.

    A 400/404 counts only when its message names the structured-output setting (a 404 for a
    wrong model name, a 400 about another parameter, a 401 are not refusals). A 422 counts
    unless it names something else. llama-cpp-python's server answers 500 with its validation
    error about ``response_format``, so a 5xx whose message names the setting counts too.
    """
    if isinstance(exc, NotImplementedError):
        return True
    code = status_code(exc)
    if code is None:
        return False
    if code in REJECTED_STATUS:
        return True
    text = _error_text(exc)
    if _NOT_THE_METHOD.search(text):
        return False
    if code == 422:
        return True
    if code in (400, 404):
        return _METHOD_WORDS.search(text) is not None
    if code >= 500:
        return bool(_METHOD_WORDS.search(text) or _GENERIC_REFUSAL.search(text))
    return False


def _error_text(exc: BaseException) -> str:
    """The error's message and its response body, as one string."""
    body = getattr(exc, "body", None)
    return f"{exc} {body if body is not None else ''}"


def is_cut_off(exc: BaseException) -> bool:
    """The reply stopped at the token limit (or a content filter) before it could be parsed."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    return bool(names & {"LengthFinishReasonError", "ContentFilterFinishReasonError"})


def describe(exc: BaseException) -> str:
    """A short, one-line cause: ``HTTP 500: ...``, ``timed out``, ``connection failed``; with
    secrets (an echoed key, a URL's userinfo) masked."""
    return redact(_describe(exc))


def _describe(exc: BaseException) -> str:
    names = {cls.__name__ for cls in type(exc).__mro__}
    if names & {"APITimeoutError", "ModelTimeoutError", "TimeoutException", "TimeoutError",
                "ReadTimeout"}:
        return "timed out (raise --timeout, or check the server)"
    if names & {"APIConnectionError", "ModelConnectionError", "ConnectError", "ConnectionError"}:
        cause = exc.__cause__ or exc.__context__
        detail = f" ({_first_line(cause)})" if cause is not None else ""
        return "connection failed" + detail
    code = status_code(exc)
    message = _body_message(exc) or str(getattr(exc, "message", None) or _first_line(exc))
    message = redact(re.sub(r"^Error code: \d+ - ", "", message))
    if code == 200 or names & {"JSONDecodeError", "APIResponseValidationError"}:
        return clip(f"the server's response was malformed ({message})", 200, marker="...")
    text = f"HTTP {code}: {message}" if code else f"{type(exc).__name__}: {message}"
    return clip(text, 200, marker="...")


def provider_error(options: ModelOptions, exc: BaseException, what: str = "",
                   address: str | None = None) -> ProviderError:
    """The one-line error for a provider that failed: model, server address (no userinfo),
    what was being drafted and the cause."""
    where = address or options.base_url
    at = f" at {without_userinfo(where)}" if where else ""
    doing = f" while drafting {what}" if what else ""
    return ProviderError(redact(f"model {options.model}{at} failed{doing}: {describe(exc)}; "
                                "nothing was written"))


def server_address(options: ModelOptions, model: Any = None) -> str:
    """Where the requests go: ``--base-url``, else the chat model's own endpoint when it says
    (OpenAI's, Anthropic's, Ollama's); userinfo and secrets removed."""
    if options.base_url:
        return without_userinfo(options.base_url)
    for attribute in ("openai_api_base", "anthropic_api_url", "base_url"):
        value = getattr(model, attribute, None)
        if isinstance(value, str) and value:
            return without_userinfo(value)
    client = getattr(model, "root_client", None) or getattr(model, "client", None)
    value = getattr(client, "base_url", None)
    return without_userinfo(str(value)).rstrip("/") if value else ""


def _body_message(exc: BaseException) -> str:
    """``error.message`` of an OpenAI-style JSON error body, when there is one."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        message = inner.get("message") if isinstance(inner, dict) else inner
        if isinstance(message, str) and message.strip():
            return message
    return ""


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


