"""Prompt templates: a directory holding system.j2 and user.j2, rendered in Jinja's sandbox.

`--template NAME` picks a directory shipped in prompts/; `--template PATH` any directory of one's own.
An optional template.json says what the model writes: {"output": "record"} (the whole record, the default)
or {"output": "draft"} (the hybrid pipeline: rules, a draft from the model, grounding).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel

from extractor.core.text import defang_chat_markup
from extractor.errors import ExtractorError

PARTS = ("system", "user")
QUESTION = "question"  # optional: the template asks short questions after the draft
_ENVIRONMENT = ImmutableSandboxedEnvironment(undefined=StrictUndefined, keep_trailing_newline=False, autoescape=False)


OUTPUTS = ("record", "draft")


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    sources: dict[str, str]
    output: str = "record"

    @property
    def sha256(self) -> str:
        joined = "\0".join([self.output, *(self.sources[part] for part in (*PARTS, QUESTION) if part in self.sources)])
        return hashlib.sha256(joined.encode()).hexdigest()

    @property
    def asks_questions(self) -> bool:
        """A template with question.j2 asks short questions after the draft, on the same cached prefix."""
        return QUESTION in self.sources

    def render(self, article: str, response_model: type[BaseModel], **extra: object) -> list[dict[str, str]]:
        variables = {**template_variables(article, response_model), **extra}
        return [{"role": part, "content": self._render(part, variables)} for part in PARTS]

    def render_question(
        self, article: str, response_model: type[BaseModel], question: str, **extra: object
    ) -> list[dict[str, str]]:
        """The draft's system message, then question.j2: the article first, the question after it."""
        variables = {**template_variables(article, response_model), **extra, "question": question}
        return [
            {"role": "system", "content": self._render("system", variables)},
            {"role": "user", "content": self._render(QUESTION, variables)},
        ]

    def _render(self, part: str, variables: dict[str, Any]) -> str:
        try:
            return _ENVIRONMENT.from_string(self.sources[part]).render(**variables).strip()
        except TemplateError as error:
            raise ExtractorError(f"template {self.name!r} failed to render: {error}") from error


def builtin_templates() -> list[str]:
    root = files("extractor.prompts")
    return sorted(
        entry.name
        for entry in root.iterdir()
        if entry.is_dir() and (entry.joinpath("system.j2").is_file() or entry.joinpath("template.json").is_file())
    )


def load_template(name_or_path: str) -> PromptTemplate:
    path = Path(name_or_path)
    if path.is_dir():
        return PromptTemplate(name=str(path), sources=_read_parts(path), output=_read_output(path))
    if name_or_path in builtin_templates():
        directory = files("extractor.prompts") / name_or_path
        return PromptTemplate(name=name_or_path, sources=_read_parts(directory), output=_read_output(directory))
    known = ", ".join(builtin_templates())
    raise ExtractorError(
        f"no template {name_or_path!r}: give a built-in name ({known}) or a directory with system.j2 and user.j2"
    )


def _read_parts(directory: Any) -> dict[str, str]:
    """The template's prompt files; those it lacks come from the built-in template it extends."""
    base = _settings(directory).get("extends")
    inherited = _read_parts(files("extractor.prompts") / base) if isinstance(base, str) and base != "" else {}
    sources = {}
    for part in PARTS:
        entry = directory / f"{part}.j2"
        if entry.is_file():
            sources[part] = entry.read_text(encoding="utf-8")
        elif part in inherited:
            sources[part] = inherited[part]
        else:
            raise ExtractorError(f"template directory {directory} has no {part}.j2")
    question = directory / f"{QUESTION}.j2"
    if question.is_file():
        sources[QUESTION] = question.read_text(encoding="utf-8")
    return sources


def _settings(directory: Any) -> dict[str, Any]:
    entry = directory / "template.json"
    if not entry.is_file():
        return {}
    try:
        settings = json.loads(entry.read_text(encoding="utf-8"))
    except ValueError as error:
        raise ExtractorError(f"{entry}: not a JSON object") from error
    if not isinstance(settings, dict):
        raise ExtractorError(f"{entry}: not a JSON object")
    return settings


def _read_output(directory: Any) -> str:
    entry = directory / "template.json"
    output = _settings(directory).get("output", "record")
    if output not in OUTPUTS:
        raise ExtractorError(f"{entry}: output must be one of {', '.join(OUTPUTS)}, not {output!r}")
    return output


def template_variables(article: str, response_model: type[BaseModel]) -> dict[str, Any]:
    schema = response_model.model_json_schema()
    return {
        "article": defang_chat_markup(article),
        "schema_json": json.dumps(schema, ensure_ascii=False, separators=(",", ":")),
        "field_guide": field_guide(response_model),
    }


def field_guide(model: type[BaseModel], prefix: str = "") -> list[dict[str, str]]:
    """Flattened (path, description) pairs from the schema's field descriptions, nested models included."""
    guide = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        guide.append({"path": path, "description": info.description or ""})
        nested = _nested_model(info.annotation)
        if nested is not None:
            guide.extend(field_guide(nested, prefix=f"{path}{'[]' if _is_list(info.annotation) else ''}."))
    return guide


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    candidates = [annotation, *getattr(annotation, "__args__", ())]
    for candidate in candidates:
        for inner in [candidate, *getattr(candidate, "__args__", ())]:
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return None


def _is_list(annotation: Any) -> bool:
    return getattr(annotation, "__origin__", None) is list
