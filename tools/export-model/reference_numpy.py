"""A plain numpy SPLADE forward pass, written independently of the ONNX graph.

It reads the checkpoint's tensors by their Hugging Face names and follows the
textbook order: MLM logits at every position, log(1 + relu(.)), zero the padded
positions, then max over the sequence. The exported graph reorders the head
(max first, activation last, mask folded into the projection); comparing the two
shows that reordering is exact. Everything is computed in float64 so the
reference itself adds no rounding worth mentioning.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file


def _erf(x: np.ndarray) -> np.ndarray:
    return np.vectorize(math.erf, otypes=[np.float64])(x)


def _gelu(x: np.ndarray, kind: str) -> np.ndarray:
    if kind == "gelu":
        return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))
    if kind in ("gelu_new", "gelu_pytorch_tanh", "gelu_fast"):
        return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))
    if kind == "relu":
        return np.maximum(x, 0.0)
    raise ValueError(kind)


def _layer_norm(x, w, b, eps):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


class ReferenceSplade:
    def __init__(self, checkpoint: str | Path):
        checkpoint = Path(checkpoint)
        self.config = json.loads((checkpoint / "config.json").read_text())
        raw = load_file(str(checkpoint / "model.safetensors"))
        self.w = {}
        for name, t in raw.items():
            # Legacy LayerNorm names (gamma/beta) as transformers maps them.
            name = name.replace("LayerNorm.gamma", "LayerNorm.weight").replace(
                "LayerNorm.beta", "LayerNorm.bias")
            self.w[name] = t.astype(np.float64)
        self.distil = self.config.get("model_type") == "distilbert"

    def _lin(self, x, prefix):
        return x @ self.w[prefix + ".weight"].T + self.w[prefix + ".bias"]

    def _ln(self, x, prefix, eps):
        return _layer_norm(x, self.w[prefix + ".weight"], self.w[prefix + ".bias"], eps)

    def logits(self, input_ids, attention_mask, token_type_ids=None) -> np.ndarray:
        c, w = self.config, self.w
        ids = np.asarray(input_ids)
        mask = np.asarray(attention_mask)
        b, s = ids.shape
        if self.distil:
            pre, eps, act = "distilbert.", 1e-12, c.get("activation", "gelu")
            hidden, heads, n_layers = c["dim"], c["n_heads"], c["n_layers"]
            names = dict(q="attention.q_lin", k="attention.k_lin", v="attention.v_lin",
                         o="attention.out_lin", n1="sa_layer_norm", f1="ffn.lin1",
                         f2="ffn.lin2", n2="output_layer_norm")
            layer_fmt = pre + "transformer.layer.{}."
        else:
            pre, eps, act = "bert.", c.get("layer_norm_eps", 1e-12), c.get("hidden_act", "gelu")
            hidden, heads, n_layers = c["hidden_size"], c["num_attention_heads"], c["num_hidden_layers"]
            names = dict(q="attention.self.query", k="attention.self.key",
                         v="attention.self.value", o="attention.output.dense",
                         n1="attention.output.LayerNorm", f1="intermediate.dense",
                         f2="output.dense", n2="output.LayerNorm")
            layer_fmt = pre + "encoder.layer.{}."

        x = w[pre + "embeddings.word_embeddings.weight"][ids]
        x = x + w[pre + "embeddings.position_embeddings.weight"][np.arange(s)][None]
        if not self.distil:
            tt = np.zeros_like(ids) if token_type_ids is None else np.asarray(token_type_ids)
            x = x + w[pre + "embeddings.token_type_embeddings.weight"][tt]
        x = self._ln(x, pre + "embeddings.LayerNorm", eps)

        dh = hidden // heads
        key_ok = (mask != 0)[:, None, None, :]  # [b, 1, 1, s]
        for i in range(n_layers):
            p = layer_fmt.format(i)

            def split(t):
                return t.reshape(b, s, heads, dh).transpose(0, 2, 1, 3)

            q = split(self._lin(x, p + names["q"]))
            k = split(self._lin(x, p + names["k"]))
            v = split(self._lin(x, p + names["v"]))
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(dh)
            # Like transformers: a huge finite penalty, so a row with no real
            # token at all still yields finite (if meaningless) values.
            scores = np.where(key_ok, scores, np.finfo(np.float64).min)
            scores = scores - scores.max(-1, keepdims=True)
            probs = np.exp(scores)
            probs = probs / probs.sum(-1, keepdims=True)
            ctx = (probs @ v).transpose(0, 2, 1, 3).reshape(b, s, hidden)
            x = self._ln(self._lin(ctx, p + names["o"]) + x, p + names["n1"], eps)
            ff = self._lin(_gelu(self._lin(x, p + names["f1"]), act), p + names["f2"])
            x = self._ln(ff + x, p + names["n2"], eps)

        if self.distil:
            t = _gelu(self._lin(x, "vocab_transform"), act)
            t = self._ln(t, "vocab_layer_norm", eps)
            dec = w.get("vocab_projector.weight", w[pre + "embeddings.word_embeddings.weight"])
            bias = w["vocab_projector.bias"]
        else:
            t = _gelu(self._lin(x, "cls.predictions.transform.dense"), act)
            t = self._ln(t, "cls.predictions.transform.LayerNorm", eps)
            dec = w.get("cls.predictions.decoder.weight",
                        w[pre + "embeddings.word_embeddings.weight"])
            bias = w.get("cls.predictions.bias", w.get("cls.predictions.decoder.bias"))
        return t @ dec.T + bias  # [b, s, vocab]

    def splade(self, input_ids, attention_mask, token_type_ids=None) -> np.ndarray:
        act = np.log1p(np.maximum(self.logits(input_ids, attention_mask, token_type_ids), 0.0))
        act = act * (np.asarray(attention_mask) != 0)[:, :, None]
        return act.max(axis=1)
