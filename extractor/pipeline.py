"""One article in, one validated record out: resolve the endpoint, render the prompt, call, account."""

from __future__ import annotations

import asyncio
import hashlib
import json
import threading
from dataclasses import replace

from pydantic import BaseModel

from extractor.client import StructuredClient, Usage, probe_response_format
from extractor.config import ResponseFormat, Settings
from extractor.errors import InputError
from extractor.local_models import get_local_model
from extractor.prompting import PromptTemplate, load_template
from extractor.schemas.record import ConferenceRecord
from extractor.server import EmbeddedServer, running_server

OPENAI_URL = "https://api.openai.com/v1"
LLAMA_CPP_DIALECT: ResponseFormat = "json_object_schema"

_embedded_servers: dict[str, EmbeddedServer] = {}
_probed_formats: dict[tuple[str, str], ResponseFormat] = {}
_lock = threading.Lock()


class RunInfo(BaseModel):
    """How a record was produced: what `extract` reports beside the record."""

    model: str
    base_url: str | None
    template: str
    template_sha256: str
    schema_sha256: str
    response_format: str
    calls: int
    requests: int
    prompt_tokens: int
    completion_tokens: int
    seconds: float


class ExtractionResult(BaseModel):
    record: ConferenceRecord
    run: RunInfo


def schema_sha256(model: type[BaseModel] = ConferenceRecord) -> str:
    canonical = json.dumps(model.model_json_schema(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def resolve_endpoint(settings: Settings) -> tuple[str, ResponseFormat]:
    """Base URL and structured-output dialect; starts the embedded server when nothing else is configured."""
    with _lock:
        if settings.uses_embedded_model:
            return _embedded_base_url(settings.model), _dialect(settings, LLAMA_CPP_DIALECT)
        base_url = settings.base_url or OPENAI_URL
        if settings.response_format != "auto":
            return base_url, settings.response_format
        key = (base_url, settings.model)
        if key not in _probed_formats:
            _probed_formats[key] = probe_response_format(base_url, settings.api_key, settings.model)
        return base_url, _probed_formats[key]


def _dialect(settings: Settings, known: ResponseFormat) -> ResponseFormat:
    return known if settings.response_format == "auto" else settings.response_format


def _embedded_base_url(model_name: str) -> str:
    served = running_server(model_name)
    if served is not None:
        return served.base_url
    if model_name not in _embedded_servers:
        _embedded_servers[model_name] = EmbeddedServer(get_local_model(model_name)).start()
    return _embedded_servers[model_name].base_url


def prepare(article: str, settings: Settings) -> tuple[PromptTemplate, list[dict[str, str]]]:
    if not article or not article.strip():
        raise InputError("the article is empty")
    template = load_template(settings.template)
    return template, template.render(article, ConferenceRecord)


def run_info(settings: Settings, template: PromptTemplate, base_url: str, dialect: str, usage: Usage) -> RunInfo:
    return RunInfo(
        model=settings.model,
        base_url=None if settings.uses_embedded_model else base_url,
        template=template.name,
        template_sha256=template.sha256,
        schema_sha256=schema_sha256(),
        response_format=dialect,
        calls=usage.calls,
        requests=usage.requests,
        prompt_tokens=usage.prompt_tokens,
        completion_tokens=usage.completion_tokens,
        seconds=round(usage.seconds, 3),
    )


def extract(
    article: str, settings: Settings | None = None, *, usage: Usage | None = None, **overrides: object
) -> ExtractionResult:
    """Extract one conference record from an article's text.

    Settings come from the environment (OPENAI_BASE_URL, OPENAI_API_KEY, EXTRACTOR_MODEL) unless given;
    keyword overrides such as model=, base_url=, template=, temperature= win over both.
    """
    settings = replace(settings, **overrides) if settings else Settings.from_env(**overrides)
    template, messages = prepare(article, settings)
    base_url, dialect = resolve_endpoint(settings)
    usage = usage if usage is not None else Usage()
    record = StructuredClient(settings, base_url, dialect).create(messages, ConferenceRecord, usage)
    return ExtractionResult(record=record, run=run_info(settings, template, base_url, dialect, usage))


async def aextract(
    article: str, settings: Settings | None = None, *, usage: Usage | None = None, **overrides: object
) -> ExtractionResult:
    """Async `extract`: same arguments, same result."""
    settings = replace(settings, **overrides) if settings else Settings.from_env(**overrides)
    template, messages = prepare(article, settings)
    base_url, dialect = await asyncio.to_thread(resolve_endpoint, settings)
    usage = usage if usage is not None else Usage()
    record = await StructuredClient(settings, base_url, dialect).acreate(messages, ConferenceRecord, usage)
    return ExtractionResult(record=record, run=run_info(settings, template, base_url, dialect, usage))
