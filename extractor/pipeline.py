"""One article in, one validated record out: resolve the endpoint, render the prompt, call, account."""

from __future__ import annotations

import asyncio
import calendar
import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from pydantic import BaseModel, Field

from extractor.assemble import Assembler, Facts, named_people
from extractor.chunking import article_budget, merge_answers, split_article
from extractor.client import CallCache, StructuredClient, probe_response_format
from extractor.config import ResponseFormat, Settings
from extractor.core.text import words_on_one_line
from extractor.errors import ExtractionFailed, InputError
from extractor.grounding import Evidence
from extractor.local_models import cache_dir, get_local_model
from extractor.prompting import PromptTemplate, load_template
from extractor.questions import (
    Question,
    Readings,
    kind_question,
    level_confirmation_question,
    level_named_in,
    period_confirmation_question,
    period_question,
    questions_for,
    record_answer,
)
from extractor.romanize import read_name
from extractor.rules.organizer import event_sentence, find_organizer_level, levels_in_lead
from extractor.rules.period import find_review_period
from extractor.schemas.draft import Draft, QuestionedDraft
from extractor.schemas.record import ConferenceRecord
from extractor.server import EmbeddedServer, running_server
from extractor.usage import Usage, UsageCounts

OPENAI_URL = "https://api.openai.com/v1"
LLAMA_CPP_DIALECT: ResponseFormat = "json_object_schema"

_embedded_servers: dict[str, EmbeddedServer] = {}
_probed_formats: dict[tuple[str, str], ResponseFormat] = {}
_lock = threading.Lock()


class RunSource(BaseModel):
    """Which model, endpoint, prompt and schema produced a record."""

    model: str
    base_url: str | None
    template: str
    template_sha256: str
    schema_sha256: str
    response_format: str


class RunInfo(UsageCounts, RunSource):
    """How a record was produced: what `extract` reports beside the record. Stored flat, in this order:
    the RunSource fields, the UsageCounts fields, then cached_calls (pydantic puts the last base first)."""

    cached_calls: int = 0


class ExtractionResult(BaseModel):
    record: ConferenceRecord
    run: RunInfo
    evidence: dict[str, Evidence] = Field(default_factory=dict)
    ungrounded: list[str] = Field(default_factory=list)
    draft: dict[str, Any] | None = None
    readings: dict[str, Any] | None = None


ExtractFn = Callable[..., ExtractionResult]
"""`extract` or anything called the same way: (article, settings, *, usage=Usage) -> ExtractionResult."""


def schema_sha256() -> str:
    """One hash over every schema the model may be asked to write (the record and the hybrid draft)."""
    schemas = [model.model_json_schema() for model in (ConferenceRecord, Draft, QuestionedDraft)]
    canonical = json.dumps(schemas, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def resolve_endpoint(settings: Settings) -> tuple[str, ResponseFormat]:
    """Base URL and structured-output dialect; starts the embedded server when nothing else is configured."""
    url = endpoint_url(settings)
    return url() if callable(url) else url, endpoint_dialect(settings)


def endpoint_url(settings: Settings) -> str | Callable[[], str]:
    """The endpoint's base URL; for the embedded model, what starts its server and gives the URL, so that it
    starts only when a call is not answered from the cache."""
    if settings.uses_embedded_model:
        return lambda: _locked(_embedded_base_url, settings.model)
    return settings.base_url or OPENAI_URL


def endpoint_dialect(settings: Settings) -> ResponseFormat:
    """The structured-output dialect: known for the embedded server, asked of any other endpoint once."""
    if settings.response_format != "auto":
        return settings.response_format
    if settings.uses_embedded_model:
        return LLAMA_CPP_DIALECT
    base_url = settings.base_url or OPENAI_URL
    key = (base_url, settings.model)
    with _lock:
        if key not in _probed_formats:
            _probed_formats[key] = probe_response_format(base_url, settings.api_key, settings.model)
        return _probed_formats[key]


def _locked(function: Callable[[str], str], argument: str) -> str:
    with _lock:
        return function(argument)


def _embedded_base_url(model_name: str) -> str:
    served = running_server(model_name)
    if served is not None:
        return served.base_url
    started = _embedded_servers.get(model_name)
    if started is not None and started.ended():
        del _embedded_servers[model_name]
        started.raise_if_deterministic_crash()  # else (killed from outside, out of memory) start a new one
    if model_name not in _embedded_servers:
        _embedded_servers[model_name] = EmbeddedServer(get_local_model(model_name)).start()
    return _embedded_servers[model_name].base_url


def health_check(settings: Settings) -> Callable[[], None] | None:
    """For the embedded model: what raises ServerCrashed when the server it answers from has died."""
    if not settings.uses_embedded_model:
        return None

    def check() -> None:
        server = running_server(settings.model) or _embedded_servers.get(settings.model)  # as _embedded_base_url
        if server is not None:
            server.check_alive()

    return check


def call_cache(settings: Settings) -> CallCache | None:
    return CallCache(cache_dir() / "calls") if settings.cache else None


def run_info(settings: Settings, template: PromptTemplate, base_url: str, dialect: str, usage: Usage) -> RunInfo:
    return RunInfo(
        model=settings.model,
        base_url=None if settings.uses_embedded_model else base_url,
        template=template.name,
        template_sha256=template.sha256,
        schema_sha256=schema_sha256(),
        response_format=dialect,
        **usage.rounded().model_dump(),
        cached_calls=usage.cached,
    )


@dataclass
class Plan:
    """What to send and how to read the answer, decided before any call."""

    template: PromptTemplate
    requests: list[list[dict[str, str]]]  # one conversation per part of the article
    response_model: type[BaseModel]
    facts: Facts | None
    parts: list[str] = field(default_factory=list)
    hints: str = ""

    @property
    def asks_questions(self) -> bool:
        """Questions follow the draft on the same cached prefix (see `draft_model`)."""
        return self.response_model is QuestionedDraft


def plan(article: str, settings: Settings) -> Plan:
    if not article or not article.strip():
        raise InputError("the article is empty")
    template = load_template(settings.template)
    parts = split_article(article, article_budget(settings.context_tokens, settings.max_tokens))
    if template.output == "record":
        return Plan(template, [template.render(part, ConferenceRecord) for part in parts], ConferenceRecord, None)
    facts = Facts.of(article)
    hints = describe_facts(facts)
    draft = draft_model(template, parts, facts)
    requests = [template.render(part, draft, facts=hints) for part in parts]
    return Plan(template, requests, draft, facts, parts, hints)


def draft_model(template: PromptTemplate, parts: list[str], facts: Facts) -> type[Draft]:
    """What the model drafts: less when questions follow and decide the rest. They follow for a template with
    questions, on an article in one part (one split in parts has no single cached prefix) that gives a day and
    month (one that gives none reports no event to ask about: the assembler leaves its record empty)."""
    questions_follow = template.asks_questions and len(parts) == 1 and bool(facts.dates)
    return QuestionedDraft if questions_follow else Draft


def describe_facts(facts: Facts) -> str:
    """The rule findings the model is told about, in one short line."""
    parts = []
    if facts.dates:
        first = facts.dates[0]
        parts.append(
            f"event date {first.day} {calendar.month_name[first.month]}" + (f" {first.year}" if first.year else "")
        )
    if facts.codes:
        parts.append("document codes " + ", ".join(dict.fromkeys(code.number for code in facts.codes)))
    if facts.people:
        parts.append("people named " + ", ".join(read_name(span.text) or span.text for span in facts.people))
    return "; ".join(parts)


def ask_questions(client: StructuredClient, plan_: Plan, draft: Draft, usage: Usage) -> Readings:
    """Each question after the article, on the draft's cached prefix; one the model cannot answer is skipped and
    leaves that decision to the draft."""
    assert plan_.facts is not None
    text, facts, readings = plan_.parts[0], plan_.facts, Readings()
    event = facts.dates[0] if facts.dates else None
    written_year = event.year if event else None
    sentence = event_sentence(text, event)
    people = named_people(text, facts, draft)
    for question in questions_for(text, people, year_written=written_year is not None, event_sentence=sentence):
        _ask(client, plan_, question, readings, usage)
    if readings.is_conference != draft.is_conference:
        _ask(client, plan_, kind_question(), readings, usage)  # a third reading, only where it decides
    period = period_question(text, written_year or readings.year or draft.event_year)
    if period is not None:
        _ask(client, plan_, period, readings, usage)
        _confirm_period(client, plan_, readings, usage)
    # Only a level the model's English name of the body states, and the lead has words for, can overrule the
    # lead's level (see Assembler._read_organizer), so only then is the model asked to choose between the two.
    proposed, named = find_organizer_level(text, event), level_named_in(readings.organizer_name or "")
    if proposed is not None and named is not None and proposed.level != named and named in levels_in_lead(text, event):
        _ask(client, plan_, level_confirmation_question(sentence, proposed.level, named), readings, usage)
    return readings


def _confirm_period(client: StructuredClient, plan_: Plan, readings: Readings, usage: Usage) -> None:
    """Where the review sentence's nearest years propose another period than the answer, the model is asked to
    choose between the two: the proposal informs the decision without making it."""
    assert plan_.facts is not None
    text = plan_.parts[0]
    proposed = find_review_period(text, plan_.facts.dates[0] if plan_.facts.dates else None)
    if not readings.period_asked or proposed is None or (proposed.start, proposed.end) == readings.period:
        return
    sentence = words_on_one_line(text[slice(*proposed.sentence)], 400)
    question = period_confirmation_question(sentence, (proposed.start, proposed.end), readings.period)
    _ask(client, plan_, question, readings, usage)


def _ask(client: StructuredClient, plan_: Plan, question: Question, readings: Readings, usage: Usage) -> None:
    messages = plan_.template.render_question(plan_.parts[0], plan_.response_model, question.text, facts=plan_.hints)
    try:
        answer = client.create(messages, question.answer_model, usage)
    except ExtractionFailed:
        return
    record_answer(readings, question, answer)


def finish(
    article: str,
    settings: Settings,
    plan_: Plan,
    answer: BaseModel,
    info: RunInfo,
    readings: Readings | None = None,
) -> ExtractionResult:
    if plan_.facts is None:
        return ExtractionResult(record=answer, run=info)
    assembled = Assembler(article, plan_.facts, keep_ungrounded=settings.keep_ungrounded).build(answer, readings)
    return ExtractionResult(
        record=assembled.record,
        run=info,
        evidence=assembled.evidence,
        ungrounded=assembled.ungrounded,
        draft=answer.model_dump(mode="json"),
        readings=asdict(readings) if readings is not None else None,
    )


def extract(
    article: str, settings: Settings | None = None, *, usage: Usage | None = None, **overrides: object
) -> ExtractionResult:
    """Extract one conference record from an article's text.

    Settings come from the environment (OPENAI_BASE_URL, OPENAI_API_KEY, EXTRACTOR_MODEL) unless given;
    keyword overrides such as model=, base_url=, template=, temperature= win over both.
    """
    settings = replace(settings, **overrides) if settings else Settings.from_env(**overrides)
    plan_ = plan(article, settings)
    dialect = endpoint_dialect(settings)
    usage = usage if usage is not None else Usage()
    client = StructuredClient(settings, endpoint_url(settings), dialect, call_cache(settings), health_check(settings))
    answer = merge_answers([client.create(messages, plan_.response_model, usage) for messages in plan_.requests])
    readings = ask_questions(client, plan_, answer, usage) if plan_.asks_questions else None
    info = run_info(settings, plan_.template, client.base_url, dialect, usage)
    return finish(article, settings, plan_, answer, info, readings)


async def aextract(
    article: str, settings: Settings | None = None, *, usage: Usage | None = None, **overrides: object
) -> ExtractionResult:
    """Async `extract`: same arguments, same result; `extract` runs in a worker thread."""
    return await asyncio.to_thread(extract, article, settings, usage=usage, **overrides)
