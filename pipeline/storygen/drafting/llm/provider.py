"""Chat models by name (``provider:model``) through LangChain's ``init_chat_model``, and the
translation of provider failures into one-line errors.

API keys are read by each provider package from its usual environment variable; storygen never
reads, stores or prints them.
"""

from __future__ import annotations

import importlib.util
import os
import re
from dataclasses import dataclass
from typing import Any

from storygen import DISTRIBUTION
from storygen.core.errors import ProviderError, UsageError
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

    def model_kwargs(self, options: ModelOptions) -> dict[str, Any]:
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
            kwargs["max_tokens"] = options.max_tokens
        if options.base_url:
            kwargs["base_url"] = options.base_url
            if self.key_env and not os.environ.get(self.key_env):
                kwargs["api_key"] = LOCAL_SERVER_KEY
            if self.name == "openai" and options.max_tokens:
                # ChatOpenAI sends max_completion_tokens, which llama.cpp, vLLM and older
                # OpenAI-compatible servers ignore; they read max_tokens.
                kwargs["extra_body"] = {"max_tokens": options.max_tokens}
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


def build_chat_model(options: ModelOptions, cache: Any = None) -> Any:
    """A LangChain chat model for ``options.model``; a missing package or key is a usage error."""
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

    kwargs = provider.model_kwargs(options)
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


REJECTED_STATUS = frozenset({400, 404, 405, 415, 422, 501})


def status_code(exc: BaseException) -> int | None:
    """The HTTP status of a provider error, when it has one."""
    code = getattr(exc, "status_code", None)
    if code is None:
        code = getattr(getattr(exc, "response", None), "status_code", None)
    return code if isinstance(code, int) else None


_REJECTION_MARKERS = ("response_format", "json_schema", "json_object", "tool_choice", "tools",
                      "not supported", "unsupported")


def is_rejection(exc: BaseException) -> bool:
    """True when the server refused the request's form (so another method may work).

    Most servers answer 400/422 for a response format or tool setting they do not know;
    llama-cpp-python's server answers 500 with its validation error about ``response_format``,
    so a 5xx whose message names the structured-output setting counts as a refusal too.
    """
    if isinstance(exc, NotImplementedError):
        return True
    code = status_code(exc)
    if code in REJECTED_STATUS:
        return True
    if code is not None and code >= 500:
        text = str(exc).lower()
        return any(marker in text for marker in _REJECTION_MARKERS)
    return False


def is_cut_off(exc: BaseException) -> bool:
    """The reply stopped at the token limit (or a content filter) before it could be parsed."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    return bool(names & {"LengthFinishReasonError", "ContentFilterFinishReasonError"})


def describe(exc: BaseException) -> str:
    """A short, one-line cause: ``HTTP 500: ...``, ``timed out``, ``connection failed``."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    if names & {"APITimeoutError", "ModelTimeoutError", "TimeoutException", "TimeoutError",
                "ReadTimeout"}:
        return "timed out (raise --timeout, or check the server)"
    if names & {"APIConnectionError", "ModelConnectionError", "ConnectError", "ConnectionError"}:
        cause = exc.__cause__ or exc.__context__
        detail = f" ({_first_line(cause)})" if cause is not None else ""
        return "connection failed" + detail
    code = status_code(exc)
    message = str(getattr(exc, "message", None) or _first_line(exc))
    message = re.sub(r"^Error code: \d+ - ", "", message)
    if code == 200 or names & {"JSONDecodeError", "APIResponseValidationError"}:
        return clip(f"the server's response was malformed ({message})", 200, marker="...")
    text = f"HTTP {code}: {message}" if code else f"{type(exc).__name__}: {message}"
    return clip(text, 200, marker="...")


def provider_error(options: ModelOptions, exc: BaseException, what: str = "") -> ProviderError:
    """The one-line error for a provider that kept failing."""
    where = f" at {_without_userinfo(options.base_url)}" if options.base_url else ""
    doing = f" while drafting {what}" if what else ""
    return ProviderError(f"model {options.model}{where} failed{doing}: {describe(exc)}; "
                         "nothing was written")


def _without_userinfo(url: str) -> str:
    """A URL fit for a message: any ``user:password@`` part is dropped."""
    return re.sub(r"//[^/@]*@", "//", url)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


