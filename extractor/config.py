"""Settings from flags and the usual environment variables, and where the model is served."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Literal

from extractor.local_models import DEFAULT_LOCAL_MODEL, LOCAL_MODELS

REMOTE_DEFAULT_JOBS = 4
"""Articles extracted at once against a remote endpoint (the embedded model takes one at a time)."""

ResponseFormat = Literal["auto", "json_object_schema", "json_schema", "json_object"]
DEFAULT_REMOTE_MODEL = "gpt-4o-mini"


@dataclass(frozen=True)
class Settings:
    """Everything that decides how a record is produced. Built from flags over environment variables."""

    model: str = DEFAULT_LOCAL_MODEL
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    template: str = "default"
    temperature: float = 0.0
    max_tokens: int = 1536
    timeout: float = 600.0
    retries: int = 3
    reasks: int = 1
    response_format: ResponseFormat = "auto"
    seed: int | None = 0
    cache: bool = True
    context_tokens: int = 16384  # the embedded server's context; set it to your endpoint's for long articles
    keep_ungrounded: bool = False

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Environment first (OPENAI_BASE_URL, OPENAI_API_KEY, EXTRACTOR_MODEL...), then non-None overrides."""
        env = os.environ
        base_url = env.get("OPENAI_BASE_URL") or None
        settings = cls(
            model=env.get("EXTRACTOR_MODEL") or (DEFAULT_REMOTE_MODEL if base_url else DEFAULT_LOCAL_MODEL),
            base_url=base_url,
            api_key=env.get("OPENAI_API_KEY") or None,
            template=env.get("EXTRACTOR_TEMPLATE") or "default",
        )
        return replace(settings, **{key: value for key, value in overrides.items() if value is not None})

    @property
    def uses_embedded_model(self) -> bool:
        return self.base_url is None and self.model in LOCAL_MODELS

    def fingerprint(self) -> dict[str, object]:
        """The settings that change the output; what caches key on. Never includes the key."""
        return {
            "model": self.model,
            "base_url": None if self.uses_embedded_model else self.base_url,
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
            "reasks": self.reasks,
            "seed": self.seed,
            "response_format": self.response_format,
            "keep_ungrounded": self.keep_ungrounded,
        }
