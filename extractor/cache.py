"""A response cache on disk: the same article, settings, prompt and schema never cost a second model call.

Shared by `extractor eval` and batch extraction. The key is the sha256 of canonical JSON of everything
that decides the output (see `cache_key`); the entry holds the ExtractionResult (plus the raw responses)
for a success, or the message of a deterministic failure (`ExtractionFailed`). Endpoint and input errors
are never cached: they say nothing about what the model would answer.

Entries live in `cache_dir()/responses/<key[:2]>/<key>.json` and are written atomically.
"""

from __future__ import annotations

import hashlib
import json
import time
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

import extractor.schemas
from extractor.config import Settings
from extractor.core.files import write_atomic
from extractor.errors import ExtractionFailed
from extractor.layers import PIPELINE_TOP, layer_index, layer_of
from extractor.local_models import cache_dir
from extractor.pipeline import ExtractFn, ExtractionResult, schema_sha256
from extractor.prompting import PromptTemplate
from extractor.usage import Usage, UsageCounts


def module_name(path: Path, package: Path) -> str:
    """'extractor.core.text' for extractor/core/text.py, 'extractor.core' for extractor/core/__init__.py."""
    parts = [package.name, *path.relative_to(package).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def pipeline_sources() -> list[tuple[str, Path]]:
    """Every source file of the layers up to the pipeline, the schemas and the prompt templates, by name."""
    package = Path(__file__).resolve().parent
    top = layer_index(PIPELINE_TOP)
    sources = {
        module_name(path, package): path
        for path in package.rglob("*.py")
        if (layer := layer_of(module_name(path, package))) is not None and layer <= top
    }
    schemas = Path(extractor.schemas.__file__).resolve().parent
    sources.update({module_name(path, schemas).replace(schemas.name, "extractor.schemas", 1): path
                    for path in schemas.rglob("*.py")})  # fmt: skip
    prompts = Path(str(files("extractor.prompts")))
    sources.update({f"extractor.prompts/{path.relative_to(prompts).as_posix()}": path
                    for path in prompts.rglob("*") if path.is_file() and "__pycache__" not in path.parts})  # fmt: skip
    return sorted(sources.items())


def _pipeline_version() -> str:
    """A hash of the code that turns a model's answer into a record: any change there is a new version."""
    digest = hashlib.sha256()
    for name, path in pipeline_sources():
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return "pipeline-" + digest.hexdigest()[:12]


PIPELINE_VERSION = _pipeline_version()
"""Changes with any source file of the pipeline layers, the schemas or the prompts: every cached response then
misses once and is recomputed."""

class CacheEntry(BaseModel):
    """One cached answer: a result, or the message of a deterministic failure."""

    key: str
    status: Literal["ok", "failed"]
    result: ExtractionResult | None = None
    error: str | None = None
    usage: UsageCounts = Field(default_factory=UsageCounts)
    raw_responses: list[dict[str, Any]] = Field(default_factory=list)
    created: str = ""


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_json(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def cache_key_parts(article: str, settings: Settings, template: PromptTemplate) -> dict[str, object]:
    """Everything the key is made of, for display and debugging. Never holds the API key."""
    return {
        "article_sha256": sha256_text(article),
        "settings": settings.fingerprint(),
        "template_sha256": template.sha256,
        "schema_sha256": schema_sha256(),
        "pipeline": PIPELINE_VERSION,
    }


def cache_key(article: str, settings: Settings, template: PromptTemplate) -> str:
    return sha256_text(canonical_json(cache_key_parts(article, settings, template)))


def default_cache_root() -> Path:
    return cache_dir() / "responses"


class ResponseCache:
    """Cached extraction answers under `root` (default: `cache_dir()/responses`)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else default_cache_root()

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> CacheEntry | None:
        """The entry, or None when there is none or it cannot be read (a damaged entry is a miss)."""
        try:
            entry = CacheEntry.model_validate_json(self.path(key).read_text(encoding="utf-8"))
        except (OSError, ValidationError, ValueError):
            return None
        return entry if entry.key == key else None

    def put(self, key: str, entry: CacheEntry) -> None:
        write_atomic(self.path(key), entry.model_dump_json(indent=2) + "\n")


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


def run_extraction(key: str, article: str, settings: Settings, extract_fn: ExtractFn) -> CacheEntry:
    """Call the model once. `ExtractionFailed` becomes a failed entry; every other error propagates."""
    usage = Usage()
    try:
        result = extract_fn(article, settings, usage=usage)
    except ExtractionFailed as error:
        return CacheEntry(
            key=key, status="failed", error=str(error), usage=usage.rounded(),
            raw_responses=usage.raw_responses, created=now_iso(),
        )  # fmt: skip
    return CacheEntry(
        key=key, status="ok", result=result, usage=usage.rounded(),
        raw_responses=usage.raw_responses, created=now_iso(),
    )  # fmt: skip


def extract_cached(
    article: str,
    settings: Settings,
    template: PromptTemplate,
    cache: ResponseCache | None,
    *,
    read_cache: bool = True,
    extract_fn: ExtractFn | None = None,
) -> tuple[CacheEntry, bool]:
    """(entry, came_from_cache). With `read_cache=False` the model is always called and the entry refreshed.

    `cache=None` neither reads nor writes. `EndpointError` and `InputError` propagate and are not cached.
    """
    if extract_fn is None:
        from extractor.pipeline import extract as extract_fn
    key = cache_key(article, settings, template)
    if cache is not None and read_cache:
        hit = cache.get(key)
        if hit is not None:
            return hit, True
    entry = run_extraction(key, article, settings, extract_fn)
    if cache is not None:
        cache.put(key, entry)
    return entry, False
