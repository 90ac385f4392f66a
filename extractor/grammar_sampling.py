"""Grammar-constrained sampling the way llama.cpp's own server does it: sample first, check only that token.

llama-cpp-python puts the grammar in the sampler chain, so at every generated token the grammar is matched
against the whole vocabulary (about 152,000 tokens for Qwen2.5) before the greedy pick. On two CPU cores that
costs about as much as the decode itself: a draft of 550 tokens spent 37 s decoding and 31 s more sampling.
llama.cpp's `common_sampler_sample` samples from the chain without the grammar, checks that one token against
the grammar, and applies the grammar to the whole vocabulary only when the token is rejected. For greedy
decoding (temperature 0, as the extractor runs) the token is the same: the best token is kept when the grammar
allows it, and otherwise the best of those it allows is picked, as before.

`use_grammar_checked_sampling()` makes every sampler llama-cpp-python creates in this process work that way;
the embedded server's child process calls it before it starts the stock server.
"""

from __future__ import annotations

import ctypes
import math
from typing import Any


def use_grammar_checked_sampling() -> None:
    import llama_cpp._internals as internals

    internals.LlamaSampler = grammar_checked_sampler_class(internals.LlamaSampler)


def grammar_checked_sampler_class(stock: type) -> type:
    """A subclass of llama-cpp-python's LlamaSampler whose grammar stays out of the chain and is checked on the
    token the chain picks."""
    import llama_cpp.llama_cpp as bindings

    class GrammarCheckedSampler(stock):  # type: ignore[misc, valid-type]
        grammar: Any = None

        def add_grammar(self, model: Any, grammar: Any) -> None:
            self.grammar = bindings.llama_sampler_init_grammar(
                model.vocab, grammar._grammar.encode("utf-8"), grammar._root.encode("utf-8")
            )
            self._candidates = _Candidates(model.n_vocab())
            self._exit_stack.callback(self._free_grammar)

        def _free_grammar(self) -> None:
            if self.grammar is not None:
                bindings.llama_sampler_free(self.grammar)
                self.grammar = None

        def sample(self, ctx: Any, idx: int = -1) -> int:
            if self.grammar is None:
                return super().sample(ctx, idx)
            logits = bindings.llama_get_logits_ith(ctx.ctx, idx)
            token = self._pick(logits, with_grammar=False)
            if not self._grammar_allows(token):
                token = self._pick(logits, with_grammar=True)
            bindings.llama_sampler_accept(self.grammar, token)
            bindings.llama_sampler_accept(self.sampler, token)
            return token

        def _pick(self, logits: Any, *, with_grammar: bool) -> int:
            array = self._candidates.fill(logits)
            if with_grammar:
                bindings.llama_sampler_apply(self.grammar, ctypes.byref(array))
            bindings.llama_sampler_apply(self.sampler, ctypes.byref(array))
            return int(array.data[array.selected].id)

        def _grammar_allows(self, token: int) -> bool:
            single = (bindings.llama_token_data * 1)(bindings.llama_token_data(token, 1.0, 0.0))
            array = bindings.llama_token_data_array(data=single, size=1, selected=-1, sorted=False)
            bindings.llama_sampler_apply(self.grammar, ctypes.byref(array))
            return math.isfinite(single[0].logit)

    return GrammarCheckedSampler


class _Candidates:
    """One reusable candidate array over the whole vocabulary, filled from the logits at each step."""

    def __init__(self, n_vocab: int) -> None:
        import llama_cpp.llama_cpp as bindings
        import numpy as np  # installed with llama-cpp-python, as this module is only used where that is

        self._bindings, self._np = bindings, np
        self.n_vocab = n_vocab
        self.data = (bindings.llama_token_data * n_vocab)()
        self.view = np.frombuffer(self.data, dtype=[("id", np.int32), ("logit", np.float32), ("p", np.float32)])
        self.ids = np.arange(n_vocab, dtype=np.int32)

    def fill(self, logits: Any) -> Any:
        self.view["id"] = self.ids
        self.view["logit"] = self._np.ctypeslib.as_array(logits, shape=(self.n_vocab,))
        self.view["p"] = 0.0
        return self._bindings.llama_token_data_array(data=self.data, size=self.n_vocab, selected=-1, sorted=False)
