"""One summary of a pydantic ValidationError, for every message that reports one."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError

from extractor.core.text import one_line


def summarize_validation_error(
    error: ValidationError, *, subject: str = "the answer", limit: int = 3, scrub: Callable[[str], str] = str
) -> str:
    """A few words per field, `limit` fields at most: `source_language: must be a two-letter ... (got 'Polish')`.

    `subject` names the whole value (a problem at the top level, or JSON that does not parse); `scrub` takes a
    secret out of a value before it is cut short, so that no part of the secret can remain."""
    problems = error.errors(include_url=False)
    parts = []
    for problem in problems[:limit]:
        where = ".".join(str(part) for part in problem.get("loc", ())) or subject
        given = problem.get("input")
        if problem.get("type") == "json_invalid":
            parts.append(f"{subject} was empty" if given in ("", None) else f"{subject} is not valid JSON")
            continue
        message = str(problem.get("msg", "invalid")).removeprefix("Value error, ")
        shown = f" (got {one_line(scrub(repr(given)), 60)})" if isinstance(given, (str, int, float, bool)) else ""
        parts.append(f"{where}: {message}{shown}")
    if len(problems) > limit:
        parts.append(f"and {len(problems) - limit} more")
    return "; ".join(parts)


def first_problem(error: ValidationError, subject: str = "the record") -> str:
    """The first problem alone (and how many more): for a file a person wrote, such as a gold record."""
    return summarize_validation_error(error, subject=subject, limit=1)
