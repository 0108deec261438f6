"""The SPLADE graph: BERT/DistilBERT encoder, MLM head, and max pooling inside the graph.

Graph contract (the Java engine relies on it):
  inputs   input_ids       int64 [batch, seq]
           attention_mask  int64 [batch, seq]
           token_type_ids  int64 [batch, seq]   (BERT only)
  output   splade          float32 [batch, vocab]
           splade[b, j] = max over positions i with attention_mask[b, i] != 0
                          of log(1 + relu(logit[b, i, j]))

How the weights are stored and multiplied is the weight format's business
(FloatWeights here, quantization.Int8Weights for model.int8.onnx); the layout
of the network and the pooling are the same for both.
"""

from __future__ import annotations

import math

import onnx
from onnx import TensorProto, helper

from graph_builder import GraphBuilder
from network import Linear, Network

OPSET = 17
# onnxruntime 1.29 reads IR <= 10; IR 8 is the version that introduced opset 17.
IR_VERSION = 8
OUTPUT_NAME = "splade"
EXPORTED_BY = "tools/export-model"

# Added to attention scores of padded keys; exp() of it underflows to exactly 0,
# while staying finite so a row without any real token still gives no NaN.
PAD_SCORE = -1.0e9


class FloatWeights:
    """float32 weights. With tied weights the word-embedding initializer feeds both
    the input Gather and, through a Transpose that onnxruntime constant-folds at
    load time, the vocabulary projection, so the file stores the matrix once."""

    def __init__(self):
        self._table: str | None = None

    def word_lookup(self, g: GraphBuilder, net: Network) -> str:
        self._table = g.init("word_embeddings", net.word_embeddings)
        return g.op("Gather", [self._table, "input_ids"], "word_emb", axis=0)

    def linear(self, g: GraphBuilder, x: str, lin: Linear, hint: str, scale: float = 1.0) -> str:
        return g.linear(x, lin, hint, scale)

    def project_and_pool(self, g: GraphBuilder, net: Network, t: str) -> str:
        """[batch, seq, hidden] -> max over seq of t @ decoder^T, [batch, vocab] (no bias)."""
        if net.decoder_weight is None:
            proj = g.op("Transpose", [self._table], "projection", perm=[1, 0])
        else:
            proj = g.init("projection", net.decoder_weight.T)
        logits = g.op("MatMul", [t, proj], "logits")  # [b, s, vocab]
        return g.op("ReduceMax", [logits], "pooled", axes=[1], keepdims=0)


def build_model(net: Network, weights=None, metadata: dict | None = None) -> onnx.ModelProto:
    """Build the SPLADE graph with the given weight format (float32 by default)."""
    weights = weights or FloatWeights()
    g = GraphBuilder()
    h, nh = net.hidden, net.heads
    dh = h // nh

    dims = ["batch", "sequence"]
    inputs = [helper.make_tensor_value_info(n, TensorProto.INT64, dims)
              for n in net.input_names]

    # ---- padding masks ------------------------------------------------------
    # Any non-zero mask value marks a real token (as in the HF tokenizers' output).
    real = g.op("Cast", ["attention_mask"], "is_real", to=TensorProto.BOOL)
    pad_bias = g.op("Where", [real, g.scalar(0.0), g.scalar(PAD_SCORE)], "pad_bias")
    score_bias = g.op("Unsqueeze", [pad_bias, g.ints("axes_1_2", [1, 2])],
                      "score_bias")  # [batch, 1, 1, seq]

    # ---- embeddings ---------------------------------------------------------
    words = weights.word_lookup(g, net)

    # Positions 0..seq-1: slice the position table to the sequence length rather
    # than gathering a Range, which keeps the graph short.
    seq_len = g.op("Shape", ["input_ids"], "seq_len", start=1, end=2)
    positions = g.op("Slice", [g.init("position_embeddings", net.position_embeddings),
                               g.ints("zero_pos", [0]), seq_len, g.ints("axis_0", [0])],
                     "pos_emb")  # [seq, hidden], broadcast over the batch
    x = g.op("Add", [words, positions], "emb_wp")
    if net.token_type_embeddings is not None:
        types = g.op("Gather", [g.init("token_type_embeddings", net.token_type_embeddings),
                                "token_type_ids"], "type_emb", axis=0)
        x = g.op("Add", [x, types], "emb_sum")
    x = g.layer_norm(x, net.embedding_norm, "emb_norm")

    # ---- transformer layers -------------------------------------------------
    heads_shape = g.ints("heads_shape", [0, 0, nh, dh])
    hidden_shape = g.ints("hidden_shape", [0, 0, h])
    # 1/sqrt(d_head) is folded into the query projection (exact for d_head = 64).
    q_scale = 1.0 / math.sqrt(dh)
    for i, layer in enumerate(net.layers):
        p = f"l{i}"
        q = weights.linear(g, x, layer.query, p + ".q", q_scale)
        q = g.op("Reshape", [q, heads_shape], p + "_q4")
        k = g.op("Reshape", [weights.linear(g, x, layer.key, p + ".k"), heads_shape], p + "_k4")
        v = g.op("Reshape", [weights.linear(g, x, layer.value, p + ".v"), heads_shape], p + "_v4")
        q = g.op("Transpose", [q], p + "_qt", perm=[0, 2, 1, 3])  # [b, nh, s, dh]
        k = g.op("Transpose", [k], p + "_kt", perm=[0, 2, 3, 1])  # [b, nh, dh, s]
        v = g.op("Transpose", [v], p + "_vt", perm=[0, 2, 1, 3])  # [b, nh, s, dh]
        scores = g.op("Add", [g.op("MatMul", [q, k], p + "_qk"), score_bias], p + "_scores")
        probs = g.op("Softmax", [scores], p + "_probs", axis=-1)
        ctx = g.op("MatMul", [probs, v], p + "_ctx")
        ctx = g.op("Transpose", [ctx], p + "_ctx_t", perm=[0, 2, 1, 3])
        ctx = g.op("Reshape", [ctx, hidden_shape], p + "_ctx_h")
        attn = weights.linear(g, ctx, layer.attn_out, p + ".attn_out")
        x = g.layer_norm(g.op("Add", [attn, x], p + "_res1"), layer.attn_norm, p + ".attn_norm")
        ff = g.activation(weights.linear(g, x, layer.ffn_in, p + ".ffn_in"), net.activation,
                          p + "_act")
        ff = weights.linear(g, ff, layer.ffn_out, p + ".ffn_out")
        x = g.layer_norm(g.op("Add", [ff, x], p + "_res2"), layer.ffn_norm, p + ".ffn_norm")

    # ---- MLM head + SPLADE pooling -------------------------------------------
    t = weights.linear(g, x, net.head_transform, "head.dense")
    t = g.activation(t, net.activation, "head_act")
    t = g.layer_norm(t, net.head_norm, "head.norm")

    # Padding without a [batch, seq, vocab] mask: every padded position's hidden
    # state is replaced by a copy of the row's first real position. A copy of a
    # real position cannot change a max over positions, so the max over all
    # positions equals the max over the real ones, exactly, and the vocabulary
    # projection output needs no extra pass. (It also keeps padded garbage out
    # of the int8 model's dynamic activation range.)
    real_f = g.op("Cast", [real], "is_real_f", to=TensorProto.FLOAT)
    first = g.op("ArgMax", [real_f], "first_real", axis=1, keepdims=1)  # first max wins
    first = g.op("Expand", [g.op("Unsqueeze", [first, g.ints("axis_2", [2])], "first_real3"),
                            g.ints("first_shape", [1, 1, h])], "first_real_idx")  # [b, 1, h]
    t_first = g.op("GatherElements", [t, first], "head_first", axis=1)        # [b, 1, h]
    real_col = g.op("Unsqueeze", [real, g.ints("axis_2b", [2])], "is_real3")  # [b, s, 1]
    t = g.op("Where", [real_col, t, t_first], "head_masked")

    # log(1 + relu(.)) is non-decreasing, so the max over positions can be taken
    # on the raw logits and the activation applied to the [batch, vocab] result
    # alone. The decoder bias does not depend on the position, so it too is
    # added after the max (max(a + c) == max(a) + c, also in floating point).
    pooled = weights.project_and_pool(g, net, t)
    pooled = g.op("Add", [pooled, g.init("decoder_bias", net.decoder_bias)], "pooled_bias")
    act = g.op("Relu", [pooled], "pooled_relu")
    act = g.op("Log", [g.op("Add", [act, g.scalar(1.0)], "pooled_1p")], "pooled_log1p")
    # A row with no real token at all scores 0 everywhere, like the naive
    # masked max would.
    any_real = g.op("ReduceMax", [real_f], "any_real", axes=[1], keepdims=1)  # [b, 1]
    g.op("Mul", [act, any_real], output=OUTPUT_NAME)

    outputs = [helper.make_tensor_value_info(OUTPUT_NAME, TensorProto.FLOAT,
                                             ["batch", net.vocab_size])]
    graph = helper.make_graph(g.nodes, "splade", inputs, outputs, g.initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="spork " + EXPORTED_BY, producer_version="1")
    model.ir_version = IR_VERSION
    for key, value in (metadata or {}).items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, str(value)
    onnx.checker.check_model(model, full_check=True)
    return model
