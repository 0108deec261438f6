"""int8 weights for model.int8.onnx, written straight into the graph.

- One int8 vocabulary table: with tied weights the word-embedding matrix is
  stored once, as int8 [hidden, vocab] with one scale per vocabulary entry. The
  input lookup gathers its columns (and their scales); the MLM projection
  multiplies by it directly. No float copy of the table is kept.
- The projection quantizes its input dynamically per document: a Scan over the
  batch runs DynamicQuantizeLinear, the int8 matrix product and the max over
  positions for one document at a time. A document's vector therefore does not
  depend on the other documents of its batch (nor on their padding), and the
  [seq, vocab] logits of one document, not of the whole batch, are in memory.
- Every other MatMul with a constant weight (attention projections, feed-forward,
  head transform) has int8 weights, per output column by default, made float
  once at load time: these products are a small part of the cost for a small
  model, and float activations keep each document independent of its batch.

Weights are quantized symmetrically, q = round(w / s) in [-127, 127] with
s = max|w| / 127 per channel (as onnxruntime's quantizer does for int8 weights),
so every zero point is 0.
"""

from __future__ import annotations

import numpy as np
from onnx import TensorProto, helper

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

    def _quantize(self, w: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
        return quantize_symmetric(w, axis if self.per_channel else None)

    def _int8_table(self, g: GraphBuilder, hint: str, matrix: np.ndarray) -> tuple[str, str]:
        """An int8 [hidden, vocab] table from a [vocab, hidden] matrix, scale per entry."""
        q, scale = self._quantize(matrix.T, axis=1)
        return g.init(hint + "_int8", q), g.init(hint + "_scale", scale)

    def word_lookup(self, g: GraphBuilder, net: Network) -> str:
        table, scale = self._int8_table(g, "vocabulary", net.word_embeddings)
        if net.decoder_weight is None:
            self._vocabulary = (table, scale)
        cols = g.op("Gather", [table, "input_ids"], "word_emb_int8", axis=1)  # [h, b, s]
        cols = g.op("Transpose", [cols], "word_emb_int8_t", perm=[1, 2, 0])  # [b, s, h]
        cols = g.op("Cast", [cols], "word_emb_unscaled", to=TensorProto.FLOAT)
        row_scale = g.op("Gather", [scale, "input_ids"], "word_emb_scale", axis=0)  # [b, s]
        row_scale = g.op("Unsqueeze", [row_scale, g.ints("axis_last", [-1])], "word_emb_scale3")
        return g.op("Mul", [cols, row_scale], "word_emb")

    def linear(self, g: GraphBuilder, x: str, lin: Linear, hint: str, scale: float = 1.0) -> str:
        q, w_scale = self._quantize(lin.weight.T * scale, axis=1)  # [in, out], scale per out
        # Cast and Mul rather than DequantizeLinear: onnxruntime folds these at load
        # time into a float matrix, whereas it would turn DequantizeLinear + MatMul
        # into MatMulNBits, which is many times slower than a float MatMul here.
        w = g.op("Cast", [g.init(hint + ".weight_int8", q)], hint + ".weight_unscaled",
                 to=TensorProto.FLOAT)
        w = g.op("Mul", [w, g.init(hint + ".weight_scale", w_scale[None, :])], hint + ".weight_t")
        b = g.init(hint + ".bias", (lin.bias * scale).astype(np.float32))
        return g.op("Add", [g.op("MatMul", [x, w], hint + "_mm"), b], hint)

    def project_and_pool(self, g: GraphBuilder, net: Network, t: str) -> str:
        """[batch, seq, hidden] -> max over seq of t @ decoder^T, [batch, vocab] (no bias),
        one document at a time."""
        if self._vocabulary is not None:
            table, scale = self._vocabulary
        else:
            table, scale = self._int8_table(g, "projection", net.decoder_weight)

        body = g.body()
        doc = body.fresh("doc_hidden")  # [seq, hidden]: one document of the batch
        pooled_doc = body.fresh("doc_pooled")
        t_q, t_scale, t_zero = body.op_outputs("DynamicQuantizeLinear", [doc],
                                               ["doc_hidden_q", "doc_hidden_scale",
                                                "doc_hidden_zero"])
        # This Cast/Mul chain is the pattern onnxruntime fuses into DynamicQuantizeMatMul.
        acc = body.op("MatMulInteger", [t_q, table, t_zero], "doc_logits_int32")
        unscaled = body.op("Cast", [acc], "doc_logits_unscaled", to=TensorProto.FLOAT)
        logits = body.op("Mul", [unscaled, body.op("Mul", [t_scale, scale], "doc_scales")],
                         "doc_logits")
        body.op("ReduceMax", [logits], axes=[0], keepdims=0, output=pooled_doc)
        graph = helper.make_graph(
            body.nodes, "pool_one_document",
            [helper.make_tensor_value_info(doc, TensorProto.FLOAT, ["sequence", net.hidden])],
            [helper.make_tensor_value_info(pooled_doc, TensorProto.FLOAT, [net.vocab_size])])
        return g.op("Scan", [t], "pooled", num_scan_inputs=1, body=graph)
