"""The model client: openai + instructor, schema-constrained decoding, retries, usage across all attempts.

Two retry layers, each with its own job:
- transport (tenacity): timeouts, connection errors, 429 and 5xx, with backoff that honours Retry-After;
- validation (instructor): a schema-invalid answer is re-asked with the error, a small bounded number of times.
A truncated answer (finish_reason == "length") is not re-asked: it fails with a message naming max_tokens.
"""

from __future__ import annotations

import datetime
import email.utils
import hashlib
import json
import logging
import math
import re
import time
from collections.abc import Callable
from http import HTTPStatus
from pathlib import Path
from typing import Any, TypeVar

import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException, ResponseParsingError
from pydantic import BaseModel, ValidationError
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt
from tenacity.wait import wait_exponential_jitter

from extractor.config import ResponseFormat, Settings
from extractor.core.files import write_atomic
from extractor.core.text import UNPRINTABLE, one_line
from extractor.core.validation import summarize_validation_error
from extractor.errors import EndpointError, ExtractionFailed, ServerCrashed
from extractor.usage import Usage

Model = TypeVar("Model", bound=BaseModel)
# instructor logs every failed attempt; with no handler Python would print them to stderr beside our one line.
logging.getLogger("instructor").addHandler(logging.NullHandler())
PLACEHOLDER_KEY = "not-needed"  # local servers ignore the key, but the openai client insists on one
MAX_RETRY_AFTER_SECONDS = 60.0


def escape_raw_control_characters(response: Any) -> None:
    """Small models under a lax grammar sometimes put a raw line break inside a JSON string: valid JSON to
    any reader but a strict one. Re-encode such an answer in place before instructor parses it."""
    choices = getattr(response, "choices", None) or []
    message = getattr(choices[0], "message", None) if choices else None
    content = getattr(message, "content", None)
    if not isinstance(content, str) or not UNPRINTABLE.search(content):
        return
    try:
        message.content = json.dumps(json.loads(content, strict=False), ensure_ascii=False)
    except (ValueError, TypeError):
        return


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
                detail = _without_key(_short(error), api_key)
                raise EndpointError(f"{base_url}: {error.status_code} {detail}") from error
        except openai.APIConnectionError as error:
            raise EndpointError(f"cannot reach {base_url}: {_without_key(_short(error), api_key)}") from error
    return "json_object"


def _without_key(text: str, api_key: str | None) -> str:
    """The text with the API key, and anything shaped like one, masked."""
    text = text.replace(api_key, "***") if api_key else text
    return KEY_LIKE.sub("sk-***", text)


TRANSIENT_STATUSES = {408, 409, 425, 429}  # and 5xx, except the two that say "never, with this request"
PERMANENT_5XX = {501, 505}


def is_transient(error: BaseException) -> bool:
    """Worth another transport attempt: no connection or timeout, 408/409/425/429, 5xx but 501/505.

    A server's `x-should-retry: true|false` header (OpenAI sends it) wins over the status.
    """
    error = _root_cause(error)
    if isinstance(error, openai.APIConnectionError):  # timeouts included
        return True
    if not isinstance(error, openai.APIStatusError):
        return False
    headers = getattr(getattr(error, "response", None), "headers", None) or {}
    should_retry = str(headers.get("x-should-retry", "")).strip().lower()
    if should_retry in ("true", "false"):
        return should_retry == "true"
    status = error.status_code
    return status in TRANSIENT_STATUSES or (status >= 500 and status not in PERMANENT_5XX)


def wait_for_retry(state: RetryCallState) -> float:
    """Retry-After (seconds or an HTTP date) or retry-after-ms when the server sends one, capped at
    MAX_RETRY_AFTER_SECONDS; else exponential backoff with jitter."""
    error = _root_cause(state.outcome.exception()) if state.outcome else None
    delay = _retry_after(getattr(error, "response", None))
    return wait_exponential_jitter(initial=1, max=20)(state) if delay is None else delay


def _retry_after(response: Any) -> float | None:
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    for name, unit in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds: float | None = float(value) * unit
        except ValueError:
            seconds = _seconds_until(value) if name == "retry-after" else None
        if seconds is None or math.isnan(seconds):
            continue
        return min(max(seconds, 0.0), MAX_RETRY_AFTER_SECONDS)
    return None


def _seconds_until(http_date: str) -> float | None:
    try:
        when = email.utils.parsedate_to_datetime(http_date)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return (when - datetime.datetime.now(datetime.timezone.utc)).total_seconds()


def _root_cause(error: BaseException | None) -> BaseException | None:
    while isinstance(error, InstructorRetryException) and error.__cause__ is not None:
        error = error.__cause__
    return error


def _short(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text[:300]


KEY_LIKE = re.compile(r"\bsk-[A-Za-z0-9_\-]{8,}")  # any OpenAI-style key a server quotes back, even cut short
CONTEXT_OVERFLOW = re.compile(
    r"context[ _](length|size|window)|context_length_exceeded|exceed_context_size|too many tokens", re.IGNORECASE
)


def _status_detail(error: openai.APIStatusError) -> str:
    """What the server said: the `error.message` of an OpenAI-style body, else its text without HTML tags."""
    body = error.body
    if isinstance(body, dict):
        body = body.get("message") or body.get("detail") or body.get("error") or json.dumps(body, default=str)
    if body is None or body == "":
        return ""
    text = body if isinstance(body, str) else json.dumps(body, default=str)
    return re.sub(r"<[^>]{0,200}>", " ", text)


def _connection_detail(error: BaseException) -> str:
    """The most specific reason in the exception chain ("[Errno 111] Connection refused"...)."""
    reasons = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if str(current).strip():
            reasons.append(str(current))
        current = current.__cause__ or current.__context__
    specific = [reason for reason in reasons if reason not in ("Connection error.", "Request timed out.")]
    return (specific or reasons or [type(error).__name__])[-1]


def _is_not_a_completion(error: BaseException, root: BaseException | None) -> bool:
    """The endpoint's 2xx answer was no chat completion: not JSON, no choices, or the wrong shape."""
    if isinstance(root, json.JSONDecodeError):  # the HTTP body itself (an answer's JSON is pydantic's to judge)
        return not getattr(error, "failed_attempts", None)
    if isinstance(root, ResponseParsingError):
        return "choices" in str(root).lower()
    return isinstance(root, (AttributeError, TypeError, IndexError, KeyError))


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
        write_atomic(path, json.dumps({"answer": answer.model_dump(mode="json"), "usage": usage.to_dict()}))


class StructuredClient:
    """One endpoint and model; `create` returns a validated Pydantic object and adds to a Usage."""

    def __init__(
        self,
        settings: Settings,
        base_url: str | Callable[[], str],
        response_format: ResponseFormat,
        cache: CallCache | None = None,
        health_check: Callable[[], None] | None = None,
    ) -> None:
        """`base_url` may be a function that starts the server and returns its URL: it is called at the first
        call the cache cannot answer, so a run answered from the cache starts nothing. `health_check` raises
        (ServerCrashed) when the server behind base_url has died; it is asked after a failed connection, so a
        crashed embedded server is reported as such instead of as unreachable."""
        self.settings = settings
        self.cache = cache
        self.health_check = health_check
        self._connect = base_url if callable(base_url) else None
        self.base_url = base_url if isinstance(base_url, str) else "(not connected)"
        self.response_format = response_format
        self._secret = settings.api_key
        self._instructor: instructor.Instructor | None = None

    @property
    def _sync(self) -> instructor.Instructor:
        if self._instructor is None:
            if self._connect is not None:
                self.base_url = self._connect()
            common = {
                "base_url": self.base_url,
                "api_key": self.settings.api_key or PLACEHOLDER_KEY,
                "max_retries": 0,  # tenacity owns transport retries
                "timeout": self.settings.timeout,
            }
            client = openai.OpenAI(**common)  # type: ignore[arg-type]
            self._instructor = instructor.from_openai(client, mode=instructor_mode(self.response_format))
        return self._instructor

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
            "before_sleep": lambda state: self._check_health(state.outcome.exception() if state.outcome else None),
            "reraise": True,
        }

    def _check_health(self, error: BaseException | None) -> None:
        if self.health_check is not None and isinstance(_root_cause(error), openai.APIConnectionError):
            self.health_check()

    def _hooked(self, client: instructor.Instructor, usage: Usage) -> Callable[[], None]:
        client.on("completion:kwargs", usage.record_request)
        client.on("completion:response", usage.record_response)
        client.on("completion:response", escape_raw_control_characters)

        def unhook() -> None:
            client.off("completion:kwargs", usage.record_request)
            client.off("completion:response", usage.record_response)
            client.off("completion:response", escape_raw_control_characters)

        return unhook

    def create(self, messages: list[dict[str, str]], response_model: type[Model], usage: Usage) -> Model:
        request = self._request(messages, response_model)
        key, hit = self._lookup(request, response_model, usage)
        if hit is not None:
            return hit
        call = Usage()
        sync = self._sync
        unhook = self._hooked(sync, call)
        started = time.perf_counter()
        try:
            for attempt in Retrying(**self._retrying_kwargs()):
                with attempt:
                    answer = sync.chat.completions.create(**request)
        except ServerCrashed:
            raise
        except Exception as error:  # every failure becomes one clear ExtractorError
            self._check_health(error)
            raise self._explain(error) from error
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
        """Turn any failure into a one-line ExtractorError that never carries the API key.

        The endpoint's fault (unreachable, timing out, an HTTP error, an answer that is no chat completion)
        is an EndpointError, which stops a batch; the model's (cut off, or no valid record after the re-asks)
        and a request too long for the model's context are an ExtractionFailed for this article only.
        """
        try:
            failure, message = self._describe(error)
        except Exception:  # explaining must never fail in its turn
            failure, message = ExtractionFailed, f"{type(error).__name__} (no details)"
        return failure(one_line(KEY_LIKE.sub("sk-***", self._scrub(message)), 400))

    def _describe(self, error: BaseException) -> tuple[type[Exception], str]:
        root = _root_cause(error)
        url = self.base_url
        if isinstance(root, IncompleteOutputException) or isinstance(error, IncompleteOutputException):
            return ExtractionFailed, (
                f"the model's output was cut off at max_tokens={self.settings.max_tokens}; raise --max-tokens"
            )
        attempts = self.settings.retries + 1 if root is not None and is_transient(root) else 1
        tries = f" ({attempts} attempts)" if attempts > 1 else ""
        if isinstance(root, openai.APITimeoutError):
            return EndpointError, f"{url} timed out after {self.settings.timeout:g} s{tries}"
        if isinstance(root, openai.APIConnectionError):
            detail = one_line(self._scrub(_connection_detail(root)))
            return EndpointError, f"cannot reach {url}{tries}: {detail}"
        if isinstance(root, openai.APIStatusError):
            status = root.status_code
            try:
                reason = " " + HTTPStatus(status).phrase
            except ValueError:
                reason = ""
            detail = one_line(self._scrub(_status_detail(root)))
            if status == 413 or (status in (400, 422) and CONTEXT_OVERFLOW.search(detail)):
                return ExtractionFailed, (
                    f"{url} refused this article as too long ({status}{reason}: {detail});"
                    " split it or use a model with a longer context"
                )
            return EndpointError, f"{url} answered {status}{reason}{tries}" + (f": {detail}" if detail else "")
        if _is_not_a_completion(error, root):
            detail = one_line(self._scrub(f"{type(root).__name__}: {root}"), 120)
            return EndpointError, (
                f"{url} answered with something that is not a chat completion ({detail});"
                " is it an OpenAI-compatible /v1 endpoint?"
            )
        attempts_made = getattr(error, "n_attempts", None) or 1
        plural = "attempt" if attempts_made == 1 else "attempts"
        if isinstance(root, ValidationError):
            summary = summarize_validation_error(root, scrub=self._scrub)
            return ExtractionFailed, f"no valid record after {attempts_made} {plural}: {summary}"
        detail = one_line(self._scrub(f"{type(root or error).__name__}: {root or error}"))
        if isinstance(error, InstructorRetryException):
            return ExtractionFailed, f"no valid record after {attempts_made} {plural}: {detail}"
        return ExtractionFailed, detail

    def _scrub(self, message: str) -> str:
        return message.replace(self._secret, "***") if self._secret else message
