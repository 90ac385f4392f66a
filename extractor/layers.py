"""The package's layers, bottom first: a module may import its own layer and the ones below, never above.

tests/test_layers.py enforces this order on every import in the package; cache.py hashes the source of every
layer up to PIPELINE_TOP into the pipeline version. A new module must be given a layer here.
"""

from __future__ import annotations

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("core", ("extractor.core", "extractor.errors", "extractor.layers", "extractor.checkout")),
    ("base", ("extractor.local_models", "extractor.config", "extractor.textio", "extractor.prompting",
              "extractor.server", "extractor.cpu_probe", "extractor.llama_child", "extractor.grammar_sampling",
              "extractor.schemas", "extractor.prompts")),
    # extractor.rules is a subpackage (language, urls, codes, dates, year, byline, format, people, places, period,
    # organizer, figures, common): its prefix puts every module of it here.
    ("analysis", ("extractor.name_syllables", "extractor.thai_lao_spellings", "extractor.romanize_thai_lao",
                  "extractor.romanize_cjk", "extractor.romanize", "extractor.grounding", "extractor.rules",
                  "extractor.chunking")),
    ("assembly", ("extractor.assemble", "extractor.questions")),
    ("pipeline", ("extractor.usage", "extractor.client", "extractor.pipeline", "extractor.cache", "extractor.runlog",
                  "extractor.batch", "extractor.openai_batch")),
    ("evaluation", ("extractor.evals", "extractor.doctor")),
    ("corpus", ("extractor.console", "extractor.corpus")),
    ("app", ("extractor.cli", "extractor.__main__", "extractor")),
)  # fmt: skip

PIPELINE_TOP = "pipeline"
"""The highest layer whose code can change what the model is sent or how its answer becomes a record."""


def layer_of(module: str) -> int | None:
    """The index in LAYERS of the longest declared prefix of `module`, or None when no layer declares it."""
    best: tuple[int, int] | None = None
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > best[1]):
                best = (index, len(prefix))
    return best[0] if best else None


def layer_index(name: str) -> int:
    return [layer for layer, _ in LAYERS].index(name)
