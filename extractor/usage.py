"""What model calls cost: one set of counters, and the accumulator that fills it during an extraction.

`UsageCounts` is the shape every stored file uses (cache entries and predictions as `usage`, `RunInfo` and
batch lines flattened); `Usage` adds what only a running extraction needs (cache hits, raw responses).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

BATCH_LINE_ORDER = ("prompt_tokens", "completion_tokens", "requests", "calls", "seconds")
"""The order in which a JSONL batch line has always written the counters."""


class UsageCounts(BaseModel):
    """What an extraction cost, successful or not: calls, HTTP requests, tokens, wall-clock seconds."""

    calls: int = 0
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def rounded(self) -> UsageCounts:
        """The counters alone, seconds to the millisecond: what is stored."""
        return UsageCounts(
            calls=self.calls,
            requests=self.requests,
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            seconds=round(self.seconds, 3),
        )

    def batch_fields(self) -> dict[str, int | float]:
        stored = self.rounded()
        return {name: getattr(stored, name) for name in BATCH_LINE_ORDER}


class Usage(UsageCounts):
    """Cumulative cost of one extraction, over every request including re-asks and transport retries.

    A call answered from the response cache adds the cost it had when it was made, and counts in `cached`.
    """

    cached: int = 0
    raw_responses: list[dict[str, Any]] = Field(default_factory=list, repr=False)

    def add(self, other: Usage) -> None:
        self.calls += other.calls
        self.requests += other.requests
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.seconds += other.seconds
        self.raw_responses.extend(other.raw_responses)

    def to_dict(self) -> dict[str, Any]:
        """What the call cache stores: the counters, unrounded, and the raw responses."""
        return self.model_dump(exclude={"cached"})

    def record_request(self, **_: Any) -> None:
        self.requests += 1

    def record_response(self, response: Any) -> None:
        """Add a response's tokens and keep its text; a server's odd usage block counts as zero, never fails."""
        usage = getattr(response, "usage", None)
        self.prompt_tokens += _token_count(usage, "prompt_tokens")
        self.completion_tokens += _token_count(usage, "completion_tokens")
        choices = getattr(response, "choices", None) or []
        choice = choices[0] if isinstance(choices, list) and choices else None
        message = getattr(choice, "message", None)
        dump = getattr(usage, "model_dump", None)
        self.raw_responses.append(
            {
                "content": getattr(message, "content", None),
                "finish_reason": getattr(choice, "finish_reason", None),
                "usage": dump() if callable(dump) else None,
            }
        )


def _token_count(usage: Any, name: str) -> int:
    value = getattr(usage, name, 0)
    return value if isinstance(value, int) and value >= 0 else 0
