"""int8 weights for model.int8.onnx, written straight into the graph.

- One int8 vocabulary table: with tied weights the word-embedding matrix is
  stored once, as int8 [hidden, vocab] with one scale per vocabulary entry. The
  input lookup gathers its columns (and their scales) and the MLM projection
  multiplies by it; no float copy of the table is kept.
- Every MatMul with a constant weight (attention projections, feed-forward, head
  transform, vocabulary projection) has int8 weights, per output column by
  default, and quantizes its input at run time (DynamicQuantizeLinear: uint8,
  one scale and zero point for the whole batch). onnxruntime fuses each such
  chain into one DynamicQuantizeMatMul kernel. The attention score and context
  products (two activations) stay float.

Weights are quantized symmetrically, q = round(w / s) in [-127, 127] with
s = max|w| / 127 per channel (as onnxruntime's quantizer does for int8 weights),
so every weight zero point is 0.

Because the activation scale is one per batch, a document's int8 vector depends
slightly on the other documents of its batch (the float model's does not). A
scale per document (measured: a Scan over the batch, or per-document symmetric
scales) removes that, but cost 12-25% of the speed on this project's machine.
"""

from __future__ import annotations

import numpy as np
from onnx import TensorProto

from graph_builder import GraphBuilder
from network import Linear, Network

INT8_MAX = 127


def quantize_symmetric(w: np.ndarray, axis: int | None) -> tuple[np.ndarray, np.ndarray]:
    """int8 values and float32 scales of w; one scale per index of `axis`, or one for
    the whole matrix when axis is None (repeated along axis 1 so the shapes match)."""
    w = np.asarray(w, dtype=np.float32)
    if axis is None:
        absmax = np.full(w.shape[1], np.abs(w).max(), dtype=np.float32)
        axis = 1
    else:
        absmax = np.abs(w).max(axis=tuple(a for a in range(w.ndim) if a != axis))
    scale = (absmax / INT8_MAX).astype(np.float32)
    scale[scale == 0] = 1.0  # an all-zero channel: any scale represents it exactly
    shape = [1] * w.ndim
    shape[axis] = -1
    q = np.clip(np.rint(w / scale.reshape(shape)), -INT8_MAX, INT8_MAX).astype(np.int8)
    return q, scale


class Int8Weights:
    """Weight format of model.int8.onnx (see the module docstring)."""

    def __init__(self, per_channel: bool = True):
        self.per_channel = per_channel
        self._vocabulary: tuple[str, str] | None = None  # int8 [hidden, vocab], scales [vocab]
        self._quantized: dict[str, tuple[str, str, str]] = {}  # activation -> its uint8 form

    def _int8_matrix(self, g: GraphBuilder, hint: str, w_t: np.ndarray) -> tuple[str, str]:
        """An int8 [in, out] initializer and its scales, one per output column."""
        q, scale = quantize_symmetric(w_t, 1 if self.per_channel else None)
        return g.init(hint + "_int8", q), g.init(hint + "_scale", scale)

    def word_lookup(self, g: GraphBuilder, net: Network) -> str:
        table, scale = self._int8_matrix(g, "vocabulary", net.word_embeddings.T)
        if net.decoder_weight is None:
            self._vocabulary = (table, scale)
        cols = g.op("Gather", [table, "input_ids"], "word_emb_int8", axis=1)  # [h, b, s]
        cols = g.op("Transpose", [cols], "word_emb_int8_t", perm=[1, 2, 0])  # [b, s, h]
        cols = g.op("Cast", [cols], "word_emb_unscaled", to=TensorProto.FLOAT)
        row_scale = g.op("Gather", [scale, "input_ids"], "word_emb_scale", axis=0)  # [b, s]
        row_scale = g.op("Unsqueeze", [row_scale, g.ints("axis_last", [-1])], "word_emb_scale3")
        return g.op("Mul", [cols, row_scale], "word_emb")

    def linear(self, g: GraphBuilder, x: str, lin: Linear, hint: str, scale: float = 1.0) -> str:
        w, w_scale = self._int8_matrix(g, hint + ".weight", lin.weight.T * scale)
        y = self._dynamic_int8_matmul(g, x, w, w_scale, hint + "_mm")
        return g.op("Add", [y, g.init(hint + ".bias", (lin.bias * scale).astype(np.float32))],
                    hint)

    def project_and_pool(self, g: GraphBuilder, net: Network, t: str) -> str:
        """[batch, seq, hidden] -> max over seq of t @ decoder^T, [batch, vocab] (no bias)."""
        if self._vocabulary is not None:
            table, scale = self._vocabulary
        else:
            table, scale = self._int8_matrix(g, "projection", net.decoder_weight.T)
        logits = self._dynamic_int8_matmul(g, t, table, scale, "logits")  # [b, s, vocab]
        return g.op("ReduceMax", [logits], "pooled", axes=[1], keepdims=0)


    def _dynamic_int8_matmul(self, g: GraphBuilder, x: str, w: str, w_scale: str,
                             hint: str) -> str:
        """x @ dequantized(w), x quantized to uint8 at run time, once for all the
        MatMuls that read it (query, key, value). This is the chain onnxruntime's
        quantizer writes and its optimizer fuses (DynamicQuantizeMatMul,
        MatMulIntegerToFloat)."""
        if x not in self._quantized:
            self._quantized[x] = tuple(g.op_outputs(
                "DynamicQuantizeLinear", [x], [hint + "_xq", hint + "_xscale", hint + "_xzero"]))
        xq, x_scale, x_zero = self._quantized[x]
        acc = g.op("MatMulInteger", [xq, w, x_zero], hint + "_int32")
        acc = g.op("Cast", [acc], hint + "_unscaled", to=TensorProto.FLOAT)
        return g.op("Mul", [acc, g.op("Mul", [x_scale, w_scale], hint + "_scales")], hint)
