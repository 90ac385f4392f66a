"""Files written whole or not at all."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path


def write_atomic(path: Path, text: str) -> None:
    """Write text so that readers see the old file or the whole new one, never a part (tmp file + os.replace)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{uuid.uuid4().hex[:12]}.tmp"  # unique per writer; umask permissions
    try:
        with tmp.open("x", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_json_atomic(path: Path, value: object) -> None:
    write_atomic(path, json.dumps(value, ensure_ascii=False, indent=2) + "\n")
