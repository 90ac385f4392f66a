"""The model client: openai + instructor, schema-constrained decoding, retries, usage across all attempts.

Two retry layers, each with its own job:
- transport (tenacity): timeouts, connection errors, 429 and 5xx, with backoff that honours Retry-After;
- validation (instructor): a schema-invalid answer is re-asked with the error, a small bounded number of times.
A truncated answer (finish_reason == "length") is not re-asked: it fails with a message naming max_tokens.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel
from tenacity import AsyncRetrying, RetryCallState, Retrying, retry_if_exception, stop_after_attempt
from tenacity.wait import wait_exponential_jitter

from extractor.config import ResponseFormat, Settings
from extractor.errors import EndpointError, ExtractionFailed

Model = TypeVar("Model", bound=BaseModel)
PLACEHOLDER_KEY = "not-needed"  # local servers ignore the key, but the openai client insists on one
MAX_RETRY_AFTER_SECONDS = 60.0


@dataclass
class Usage:
    """Cumulative cost of one extraction, over every request including re-asks and transport retries.

    A call answered from the response cache adds the cost it had when it was made, and counts in `cached`.
    """

    calls: int = 0
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    cached: int = 0
    raw_responses: list[dict[str, Any]] = field(default_factory=list, repr=False)

    def add(self, other: Usage) -> None:
        self.calls += other.calls
        self.requests += other.requests
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.seconds += other.seconds
        self.raw_responses.extend(other.raw_responses)

    def to_dict(self) -> dict[str, Any]:
        return {
            "calls": self.calls,
            "requests": self.requests,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "seconds": self.seconds,
            "raw_responses": self.raw_responses,
        }

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def record_request(self, **_: Any) -> None:
        self.requests += 1

    def record_response(self, response: Any) -> None:
        usage = getattr(response, "usage", None)
        if usage is not None:
            self.prompt_tokens += usage.prompt_tokens or 0
            self.completion_tokens += usage.completion_tokens or 0
        choice = response.choices[0] if getattr(response, "choices", None) else None
        self.raw_responses.append(
            {
                "content": choice.message.content if choice else None,
                "finish_reason": choice.finish_reason if choice else None,
                "usage": usage.model_dump() if usage is not None else None,
            }
        )


def response_format_body(kind: ResponseFormat, schema: dict[str, Any]) -> dict[str, Any] | None:
    """The request's `response_format` for a server dialect; None lets instructor send its own."""
    if kind == "json_object_schema":  # llama.cpp: grammar-constrained JSON from the schema
        return {"type": "json_object", "schema": every_key_required(schema)}
    return None


def every_key_required(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of the schema where objects must write every key, in order.

    A grammar built from it makes the model fill the fields in the schema's order (nulls and empty lists
    included) instead of skipping optional ones; Pydantic's defaults still accept records without them.
    """
    if isinstance(schema, dict):
        copied = {key: every_key_required(value) for key, value in schema.items()}
        if copied.get("type") == "object" and "properties" in copied:
            copied["required"] = list(copied["properties"])
        return copied
    if isinstance(schema, list):
        return [every_key_required(item) for item in schema]
    return schema


def instructor_mode(kind: ResponseFormat) -> instructor.Mode:
    # JSON mode pastes the whole schema into the prompt; only the schema-less dialect needs that.
    return instructor.Mode.JSON if kind == "json_object" else instructor.Mode.JSON_SCHEMA


def probe_response_format(base_url: str, api_key: str | None, model: str) -> ResponseFormat:
    """Ask the endpoint which structured-output dialect it accepts, most precise first."""
    client = openai.OpenAI(base_url=base_url, api_key=api_key or PLACEHOLDER_KEY, max_retries=0, timeout=120)
    schema = {"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]}
    candidates: list[tuple[ResponseFormat, dict[str, Any]]] = [
        ("json_schema", {"type": "json_schema", "json_schema": {"name": "probe", "schema": schema}}),
        ("json_object_schema", {"type": "json_object", "schema": schema}),
    ]
    for kind, body in candidates:
        try:
            client.chat.completions.create(
                model=model,
                messages=[{"role": "user", "content": 'Answer {"ok": true}'}],
                max_tokens=8,
                extra_body={"response_format": body},
            )
            return kind
        except openai.APIStatusError as error:
            if error.status_code in (401, 403, 404):
                raise EndpointError(f"{base_url}: {error.status_code} {_short(error)}") from None
        except openai.APIConnectionError as error:
            raise EndpointError(f"cannot reach {base_url}: {_short(error)}") from None
    return "json_object"


def is_transient(error: BaseException) -> bool:
    error = _root_cause(error)
    if isinstance(error, (openai.APIConnectionError, openai.RateLimitError)):
        return True
    return isinstance(error, openai.APIStatusError) and error.status_code >= 500


def wait_for_retry(state: RetryCallState) -> float:
    """Retry-After when the server sends one (429/503), else exponential backoff with jitter."""
    error = _root_cause(state.outcome.exception()) if state.outcome else None
    response = getattr(error, "response", None)
    retry_after = response.headers.get("retry-after") if response is not None else None
    try:
        return min(float(retry_after), MAX_RETRY_AFTER_SECONDS)
    except (TypeError, ValueError):
        return wait_exponential_jitter(initial=1, max=20)(state)


def _root_cause(error: BaseException | None) -> BaseException | None:
    while isinstance(error, InstructorRetryException) and error.__cause__ is not None:
        error = error.__cause__
    return error


def _short(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text[:300]


class CallCache:
    """Validated answers on disk, keyed by everything sent to the model (model, settings, messages, schema).

    Only successful calls are stored; a changed prompt, schema or setting is a different key.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    @staticmethod
    def key(request: dict[str, Any], base_url: str | None) -> str:
        sent = {k: v for k, v in request.items() if k != "response_model"}
        sent["schema"] = request["response_model"].model_json_schema()
        sent["base_url"] = base_url
        canonical = json.dumps(sent, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(canonical.encode()).hexdigest()

    def get(self, key: str, response_model: type[Model]) -> tuple[Model, Usage] | None:
        try:
            stored = json.loads((self.root / key[:2] / f"{key}.json").read_text(encoding="utf-8"))
            answer = response_model.model_validate(stored["answer"])
        except (OSError, ValueError, KeyError):
            return None
        return answer, Usage(**stored["usage"])

    def put(self, key: str, answer: BaseModel, usage: Usage) -> None:
        path = self.root / key[:2] / f"{key}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"answer": answer.model_dump(mode="json"), "usage": usage.to_dict()}))
        os.replace(tmp, path)


class StructuredClient:
    """One endpoint and model; `create` returns a validated Pydantic object and adds to a Usage."""

    def __init__(
        self, settings: Settings, base_url: str, response_format: ResponseFormat, cache: CallCache | None = None
    ) -> None:
        self.settings = settings
        self.cache = cache
        self.base_url = base_url
        self.response_format = response_format
        self._secret = settings.api_key
        common = {
            "base_url": base_url,
            "api_key": settings.api_key or PLACEHOLDER_KEY,
            "max_retries": 0,  # tenacity owns transport retries
            "timeout": settings.timeout,
        }
        mode = instructor_mode(response_format)
        self._sync = instructor.from_openai(openai.OpenAI(**common), mode=mode)
        self._async = instructor.from_openai(openai.AsyncOpenAI(**common), mode=mode)

    def _request(self, messages: list[dict[str, str]], response_model: type[Model]) -> dict[str, Any]:
        request: dict[str, Any] = {
            "model": self.settings.model,
            "messages": messages,
            "response_model": response_model,
            "max_retries": self.settings.reasks,
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
        }
        if self.settings.seed is not None:
            request["seed"] = self.settings.seed
        body = response_format_body(self.response_format, response_model.model_json_schema())
        if body is not None:
            # instructor writes OpenAI's json_schema form; extra_body replaces it with this server's dialect.
            request["extra_body"] = {"response_format": body}
        return request

    def _retrying_kwargs(self) -> dict[str, Any]:
        return {
            "retry": retry_if_exception(is_transient),
            "stop": stop_after_attempt(self.settings.retries + 1),
            "wait": wait_for_retry,
            "reraise": True,
        }

    def _hooked(self, client: instructor.Instructor | instructor.AsyncInstructor, usage: Usage) -> Callable[[], None]:
        client.on("completion:kwargs", usage.record_request)
        client.on("completion:response", usage.record_response)

        def unhook() -> None:
            client.off("completion:kwargs", usage.record_request)
            client.off("completion:response", usage.record_response)

        return unhook

    def create(self, messages: list[dict[str, str]], response_model: type[Model], usage: Usage) -> Model:
        request = self._request(messages, response_model)
        key, hit = self._lookup(request, response_model, usage)
        if hit is not None:
            return hit
        call = Usage()
        unhook = self._hooked(self._sync, call)
        started = time.perf_counter()
        try:
            for attempt in Retrying(**self._retrying_kwargs()):
                with attempt:
                    answer = self._sync.chat.completions.create(**request)
        except Exception as error:  # every failure becomes one clear ExtractorError
            raise self._explain(error) from None
        finally:
            unhook()
            self._account(call, started, usage)
        self._store(key, answer, call)
        return answer

    async def acreate(self, messages: list[dict[str, str]], response_model: type[Model], usage: Usage) -> Model:
        request = self._request(messages, response_model)
        key, hit = self._lookup(request, response_model, usage)
        if hit is not None:
            return hit
        call = Usage()
        unhook = self._hooked(self._async, call)
        started = time.perf_counter()
        try:
            async for attempt in AsyncRetrying(**self._retrying_kwargs()):
                with attempt:
                    answer = await self._async.chat.completions.create(**request)
        except Exception as error:
            raise self._explain(error) from None
        finally:
            unhook()
            self._account(call, started, usage)
        self._store(key, answer, call)
        return answer

    def _lookup(
        self, request: dict[str, Any], response_model: type[Model], usage: Usage
    ) -> tuple[str | None, Model | None]:
        """(cache key, cached answer or None); a hit adds the cost the call had when it was made."""
        if self.cache is None:
            return None, None
        key = CallCache.key(request, None if self.settings.uses_embedded_model else self.base_url)
        hit = self.cache.get(key, response_model)
        if hit is None:
            return key, None
        answer, cost = hit
        usage.add(cost)
        usage.cached += 1
        return key, answer

    @staticmethod
    def _account(call: Usage, started: float, usage: Usage) -> None:
        call.calls += 1
        call.seconds += time.perf_counter() - started
        usage.add(call)

    def _store(self, key: str | None, answer: BaseModel, call: Usage) -> None:
        if self.cache is not None and key is not None:
            self.cache.put(key, answer, call)

    def _explain(self, error: BaseException) -> Exception:
        """Turn any failure into a one-line ExtractorError that never carries the API key."""
        root = _root_cause(error)
        if isinstance(root, IncompleteOutputException) or isinstance(error, IncompleteOutputException):
            message = f"the model's output was cut off at max_tokens={self.settings.max_tokens}; raise --max-tokens"
            return ExtractionFailed(message)
        if isinstance(root, openai.APITimeoutError):
            return EndpointError(self._scrub(f"{self.base_url} timed out after {self.settings.timeout:g} s"))
        if isinstance(root, openai.APIConnectionError):
            return EndpointError(self._scrub(f"cannot reach {self.base_url}: {_short(root)}"))
        if isinstance(root, openai.APIStatusError):
            return EndpointError(self._scrub(f"{self.base_url} answered {root.status_code}: {_short(root)}"))
        if isinstance(error, InstructorRetryException):
            attempts = getattr(error, "n_attempts", "?")
            return ExtractionFailed(self._scrub(f"no valid record after {attempts} attempts: {_short(root or error)}"))
        return ExtractionFailed(self._scrub(f"{type(root).__name__}: {_short(root or error)}"))

    def _scrub(self, message: str) -> str:
        return message.replace(self._secret, "***") if self._secret else message
