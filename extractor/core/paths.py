"""Field paths: where in a record a value stands, as evidence and review pages key it ("chairs[0].name").

Built and parsed here only, so the string form (stored in runs and in the records store) has one definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PATH = re.compile(r"(?P<field>[a-z_]+)(?:\[(?P<index>\d+)\])?(?:\.(?P<attribute>[a-z_]+))?")


@dataclass(frozen=True)
class FieldPath:
    """`field`, or item `index` of a list field, or the `attribute` of that item (or of the field)."""

    field: str
    index: int | None = None
    attribute: str | None = None

    def __str__(self) -> str:
        text = self.field if self.index is None else f"{self.field}[{self.index}]"
        return text if self.attribute is None else f"{text}.{self.attribute}"

    @classmethod
    def parse(cls, text: str) -> FieldPath:
        match = _PATH.fullmatch(text.strip())
        if match is None:
            raise ValueError(f"not a field path: {text!r}")
        index = match.group("index")
        return cls(match.group("field"), None if index is None else int(index), match.group("attribute"))

    @classmethod
    def family_of(cls, text: str) -> str:
        """The top-level field of a path string, or "" when it is none."""
        try:
            return cls.parse(text).field
        except ValueError:
            return ""

    def value_in(self, record: object) -> object:
        """The value the path names in `record`, or None when the record has no such value."""
        value = getattr(record, self.field, None)
        if self.index is not None:
            value = value[self.index] if isinstance(value, list) and self.index < len(value) else None
        if self.attribute is not None:
            value = getattr(value, self.attribute, None)
        return value
