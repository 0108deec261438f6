#!/usr/bin/env python3
"""Export a Hugging Face SPLADE masked-LM checkpoint to a self-contained ONNX model.

The graph is written directly from the checkpoint's weights with onnx.helper, so
no deep-learning framework is needed: numpy reads the safetensors, onnx describes
the network, onnxruntime checks the result (and quantizes it with --int8).

Supported checkpoints: BertForMaskedLM and DistilBertForMaskedLM (naver/splade-v3,
prithivida/Splade_PP_en_v1, the opensearch neural sparse encoders, splade-tiny, ...).

Graph contract (the Java engine relies on it):
  inputs   input_ids       int64 [batch, seq]
           attention_mask  int64 [batch, seq]
           token_type_ids  int64 [batch, seq]   (BERT only)
  output   splade          float32 [batch, vocab]
           splade[b, j] = max over positions i with attention_mask[b, i] != 0
                          of log(1 + relu(logit[b, i, j]))
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
# onnxruntime 1.29 reads IR <= 10; IR 8 is the version that introduced opset 17.
IR_VERSION = 8
OUTPUT_NAME = "splade"
EXPORTED_BY = "tools/export-model"

# Added to attention scores of padded keys; exp() of it underflows to exactly 0,
# while staying finite so a row without any real token still gives no NaN.
PAD_SCORE = -1.0e9


# --------------------------------------------------------------------------
# Checkpoint reading
# --------------------------------------------------------------------------

class ExportError(Exception):
    """A checkpoint the exporter cannot (or will not) convert faithfully."""


def load_weights(checkpoint: Path) -> dict[str, np.ndarray]:
    """Read every tensor of a (possibly sharded) safetensors checkpoint as float32."""
    from safetensors.numpy import load_file

    single = checkpoint / "model.safetensors"
    index = checkpoint / "model.safetensors.index.json"
    if single.is_file():
        files = [single]
    elif index.is_file():
        shard_names = sorted(set(json.loads(index.read_text())["weight_map"].values()))
        files = [checkpoint / name for name in shard_names]
    else:
        hint = ""
        if (checkpoint / "pytorch_model.bin").is_file():
            hint = (" Only pytorch_model.bin is present; convert it to safetensors first"
                    " (e.g. with the 'convert' space of safetensors or"
                    " transformers' save_pretrained(safe_serialization=True)).")
        raise ExportError(f"no model.safetensors in {checkpoint}.{hint}")

    weights: dict[str, np.ndarray] = {}
    for path in files:
        for name, tensor in load_file(str(path)).items():
            weights[_canonical_name(name)] = np.asarray(tensor, dtype=np.float32)
    return weights


def _canonical_name(name: str) -> str:
    # Older BERT checkpoints (and some re-saves) name LayerNorm parameters
    # gamma/beta; transformers renames them to weight/bias when loading.
    if "LayerNorm" in name or "layer_norm" in name:
        if name.endswith(".gamma"):
            return name[: -len(".gamma")] + ".weight"
        if name.endswith(".beta"):
            return name[: -len(".beta")] + ".bias"
    return name


@dataclass
class Linear:
    weight: np.ndarray  # [out, in], as stored by torch.nn.Linear
    bias: np.ndarray    # [out]


@dataclass
class Norm:
    weight: np.ndarray
    bias: np.ndarray
    eps: float


@dataclass
class Layer:
    query: Linear
    key: Linear
    value: Linear
    attn_out: Linear
    attn_norm: Norm
    ffn_in: Linear
    ffn_out: Linear
    ffn_norm: Norm


@dataclass
class Network:
    """Architecture-neutral description of a BERT-like masked LM."""
    architecture: str                 # "bert" | "distilbert"
    hidden: int
    heads: int
    activation: str                   # as named in the HF config
    word_embeddings: np.ndarray       # [vocab, hidden]
    position_embeddings: np.ndarray   # [max_positions, hidden]
    token_type_embeddings: np.ndarray | None
    embedding_norm: Norm
    layers: list[Layer]
    head_transform: Linear
    head_norm: Norm
    decoder_weight: np.ndarray | None  # None: tied to word_embeddings
    decoder_bias: np.ndarray
    unused: list[str] = field(default_factory=list)

    @property
    def vocab_size(self) -> int:
        return int(self.word_embeddings.shape[0])

    @property
    def max_positions(self) -> int:
        return int(self.position_embeddings.shape[0])

    @property
    def input_names(self) -> list[str]:
        names = ["input_ids", "attention_mask"]
        if self.token_type_embeddings is not None:
            names.append("token_type_ids")
        return names


class _Taker:
    """Hands out checkpoint tensors by name and remembers which were used."""

    def __init__(self, weights: dict[str, np.ndarray]):
        self.weights = weights
        self.used: set[str] = set()

    def get(self, name: str) -> np.ndarray:
        if name not in self.weights:
            raise ExportError(f"checkpoint lacks tensor '{name}'")
        self.used.add(name)
        return self.weights[name]

    def optional(self, name: str) -> np.ndarray | None:
        return self.get(name) if name in self.weights else None

    def linear(self, prefix: str) -> Linear:
        return Linear(self.get(prefix + ".weight"), self.get(prefix + ".bias"))

    def norm(self, prefix: str, eps: float) -> Norm:
        return Norm(self.get(prefix + ".weight"), self.get(prefix + ".bias"), eps)

    def leftovers(self) -> list[str]:
        return sorted(set(self.weights) - self.used)


_IGNORABLE_SUFFIXES = ("position_ids", ".decoder.bias")
_IGNORABLE_PREFIXES = ("bert.pooler.", "cls.seq_relationship.")


def detect_architecture(config: dict) -> str:
    archs = config.get("architectures") or []
    model_type = config.get("model_type", "")
    if "DistilBertForMaskedLM" in archs or model_type == "distilbert":
        return "distilbert"
    if "BertForMaskedLM" in archs or model_type == "bert":
        return "bert"
    raise ExportError(
        f"unsupported checkpoint (architectures={archs}, model_type={model_type!r});"
        " only BertForMaskedLM and DistilBertForMaskedLM are supported")


def read_network(config: dict, weights: dict[str, np.ndarray]) -> Network:
    arch = detect_architecture(config)
    take = _Taker(weights)
    if arch == "bert":
        net = _read_bert(config, take)
    else:
        net = _read_distilbert(config, take)
    # Buffers (position_ids), the decoder bias alias, and the pooler / next-sentence
    # heads that pre-training checkpoints carry play no part in SPLADE; anything
    # else left over would mean the graph silently ignores part of the model.
    net.unused = [n for n in take.leftovers() if not n.endswith(_IGNORABLE_SUFFIXES)
                  and not n.startswith(_IGNORABLE_PREFIXES)]
    _check_shapes(net)
    return net


def _read_bert(config: dict, take: _Taker) -> Network:
    if config.get("position_embedding_type", "absolute") != "absolute":
        raise ExportError("only absolute position embeddings are supported")
    eps = float(config.get("layer_norm_eps", 1e-12))
    p = "bert.embeddings."
    layers = []
    for i in range(int(config["num_hidden_layers"])):
        lp = f"bert.encoder.layer.{i}."
        layers.append(Layer(
            query=take.linear(lp + "attention.self.query"),
            key=take.linear(lp + "attention.self.key"),
            value=take.linear(lp + "attention.self.value"),
            attn_out=take.linear(lp + "attention.output.dense"),
            attn_norm=take.norm(lp + "attention.output.LayerNorm", eps),
            ffn_in=take.linear(lp + "intermediate.dense"),
            ffn_out=take.linear(lp + "output.dense"),
            ffn_norm=take.norm(lp + "output.LayerNorm", eps),
        ))
    decoder_weight = take.optional("cls.predictions.decoder.weight")
    # transformers ties cls.predictions.decoder.bias to cls.predictions.bias;
    # checkpoints carry one or both.
    decoder_bias = take.optional("cls.predictions.bias")
    if decoder_bias is None:
        decoder_bias = take.get("cls.predictions.decoder.bias")
    return Network(
        architecture="bert",
        hidden=int(config["hidden_size"]),
        heads=int(config["num_attention_heads"]),
        activation=str(config.get("hidden_act", "gelu")),
        word_embeddings=take.get(p + "word_embeddings.weight"),
        position_embeddings=take.get(p + "position_embeddings.weight"),
        token_type_embeddings=take.get(p + "token_type_embeddings.weight"),
        embedding_norm=take.norm(p + "LayerNorm", eps),
        layers=layers,
        head_transform=take.linear("cls.predictions.transform.dense"),
        head_norm=take.norm("cls.predictions.transform.LayerNorm", eps),
        decoder_weight=_untie(decoder_weight, take.get(p + "word_embeddings.weight")),
        decoder_bias=decoder_bias,
    )


def _read_distilbert(config: dict, take: _Taker) -> Network:
    # DistilBERT hard-codes its LayerNorm epsilon to 1e-12.
    eps = 1e-12
    p = "distilbert.embeddings."
    layers = []
    for i in range(int(config["n_layers"])):
        lp = f"distilbert.transformer.layer.{i}."
        layers.append(Layer(
            query=take.linear(lp + "attention.q_lin"),
            key=take.linear(lp + "attention.k_lin"),
            value=take.linear(lp + "attention.v_lin"),
            attn_out=take.linear(lp + "attention.out_lin"),
            attn_norm=take.norm(lp + "sa_layer_norm", eps),
            ffn_in=take.linear(lp + "ffn.lin1"),
            ffn_out=take.linear(lp + "ffn.lin2"),
            ffn_norm=take.norm(lp + "output_layer_norm", eps),
        ))
    return Network(
        architecture="distilbert",
        hidden=int(config["dim"]),
        heads=int(config["n_heads"]),
        activation=str(config.get("activation", "gelu")),
        word_embeddings=take.get(p + "word_embeddings.weight"),
        position_embeddings=take.get(p + "position_embeddings.weight"),
        token_type_embeddings=None,
        embedding_norm=take.norm(p + "LayerNorm", eps),
        layers=layers,
        head_transform=take.linear("vocab_transform"),
        head_norm=take.norm("vocab_layer_norm", eps),
        decoder_weight=_untie(take.optional("vocab_projector.weight"),
                              take.get(p + "word_embeddings.weight")),
        decoder_bias=take.get("vocab_projector.bias"),
    )


def _untie(decoder: np.ndarray | None, embeddings: np.ndarray) -> np.ndarray | None:
    # Some checkpoints store the tied matrix twice; treat an identical copy as tied
    # so the exported file carries it only once.
    if decoder is None or (decoder.shape == embeddings.shape
                           and np.array_equal(decoder, embeddings)):
        return None
    return decoder


def _check_shapes(net: Network) -> None:
    h, v = net.hidden, net.vocab_size
    if h % net.heads:
        raise ExportError(f"hidden size {h} is not divisible by {net.heads} heads")
    if net.decoder_bias.shape != (v,):
        raise ExportError(f"decoder bias has shape {net.decoder_bias.shape}, expected ({v},)")
    if net.decoder_weight is not None and net.decoder_weight.shape != (v, h):
        raise ExportError(f"decoder weight has shape {net.decoder_weight.shape}")
    if net.activation not in _ACTIVATIONS:
        raise ExportError(f"unsupported activation '{net.activation}'")
    for i, layer in enumerate(net.layers):
        for name in ("query", "key", "value", "attn_out"):
            if getattr(layer, name).weight.shape != (h, h):
                raise ExportError(f"layer {i} {name} weight is not [{h}, {h}]")


# --------------------------------------------------------------------------
# Graph construction
# --------------------------------------------------------------------------

class GraphBuilder:
    """Small helper over onnx.helper that names nodes and values uniquely."""

    def __init__(self):
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []
        self._names: set[str] = set()
        self._scalars: dict[tuple, str] = {}

    def _fresh(self, hint: str) -> str:
        name, n = hint, 1
        while name in self._names:
            n += 1
            name = f"{hint}_{n}"
        self._names.add(name)
        return name

    def init(self, hint: str, array: np.ndarray) -> str:
        name = self._fresh(hint)
        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def scalar(self, value, dtype=np.float32) -> str:
        key = (np.dtype(dtype).str, value)
        if key not in self._scalars:
            self._scalars[key] = self.init(f"const_{np.dtype(dtype).name}_{value}",
                                           np.array(value, dtype=dtype))
        return self._scalars[key]

    def ints(self, hint: str, values) -> str:
        return self.init(hint, np.array(values, dtype=np.int64))

    def op(self, op_type: str, inputs: list[str], hint: str | None = None,
           output: str | None = None, **attrs) -> str:
        out = output or self._fresh(hint or op_type.lower())
        if output:
            self._names.add(output)
        self.nodes.append(helper.make_node(op_type, inputs, [out],
                                           name=self._fresh("n_" + out), **attrs))
        return out

    # -- composite blocks -------------------------------------------------

    def linear(self, x: str, lin: Linear, hint: str, scale: float = 1.0) -> str:
        # MatMul wants [in, out]; torch stores [out, in].
        w = self.init(hint + ".weight_t", (lin.weight.T * scale).astype(np.float32))
        b = self.init(hint + ".bias", (lin.bias * scale).astype(np.float32))
        return self.op("Add", [self.op("MatMul", [x, w], hint + "_mm"), b], hint)

    def layer_norm(self, x: str, norm: Norm, hint: str) -> str:
        return self.op("LayerNormalization",
                       [x, self.init(hint + ".weight", norm.weight),
                        self.init(hint + ".bias", norm.bias)],
                       hint, axis=-1, epsilon=norm.eps)

    def activation(self, x: str, kind: str, hint: str) -> str:
        return _ACTIVATIONS[kind](self, x, hint)


def _gelu_erf(g: GraphBuilder, x: str, hint: str) -> str:
    # 0.5 * x * (1 + erf(x / sqrt(2))): the exact GELU that BERT's "gelu" uses.
    # onnxruntime fuses this pattern into its Gelu kernel.
    t = g.op("Div", [x, g.scalar(math.sqrt(2.0))], hint + "_div")
    t = g.op("Add", [g.op("Erf", [t], hint + "_erf"), g.scalar(1.0)], hint + "_1p")
    t = g.op("Mul", [x, t], hint + "_mul")
    return g.op("Mul", [t, g.scalar(0.5)], hint)


def _gelu_tanh(g: GraphBuilder, x: str, hint: str) -> str:
    # 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))): "gelu_new" and friends.
    cube = g.op("Mul", [g.op("Mul", [x, x], hint + "_sq"), x], hint + "_cube")
    inner = g.op("Add", [x, g.op("Mul", [cube, g.scalar(0.044715)], hint + "_c")], hint + "_in")
    inner = g.op("Mul", [inner, g.scalar(math.sqrt(2.0 / math.pi))], hint + "_scaled")
    t = g.op("Add", [g.op("Tanh", [inner], hint + "_tanh"), g.scalar(1.0)], hint + "_1p")
    return g.op("Mul", [g.op("Mul", [x, t], hint + "_mul"), g.scalar(0.5)], hint)


def _relu(g: GraphBuilder, x: str, hint: str) -> str:
    return g.op("Relu", [x], hint)


_ACTIVATIONS = {
    "gelu": _gelu_erf,
    "gelu_new": _gelu_tanh,
    "gelu_pytorch_tanh": _gelu_tanh,
    "gelu_fast": _gelu_tanh,
    "relu": _relu,
}


def build_model(net: Network, share_embeddings: bool = True, metadata: dict | None = None
                ) -> onnx.ModelProto:
    """Build the SPLADE graph.

    share_embeddings=True (the fp32 model): with tied weights, the word-embedding
    initializer feeds both the input Gather and, through a Transpose that
    onnxruntime constant-folds at load time, the vocabulary projection, so the
    file stores the matrix once.

    share_embeddings=False (the graph handed to int8 quantization): the projection
    gets its own [hidden, vocab] initializer, because the quantizer only rewrites
    MatMuls whose weight is an initializer.
    """
    g = GraphBuilder()
    h, nh = net.hidden, net.heads
    dh = h // nh

    dims = ["batch", "sequence"]
    inputs = [helper.make_tensor_value_info(n, TensorProto.INT64, dims)
              for n in net.input_names]

    tied = net.decoder_weight is None
    decoder = net.word_embeddings if tied else net.decoder_weight

    # ---- padding masks ------------------------------------------------------
    # Any non-zero mask value marks a real token (as in the HF tokenizers' output).
    real = g.op("Cast", ["attention_mask"], "is_real", to=TensorProto.BOOL)
    pad_bias = g.op("Where", [real, g.scalar(0.0), g.scalar(PAD_SCORE)], "pad_bias")
    score_bias = g.op("Unsqueeze", [pad_bias, g.ints("axes_1_2", [1, 2])],
                      "score_bias")  # [batch, 1, 1, seq]

    # ---- embeddings ---------------------------------------------------------
    table = g.init("word_embeddings", net.word_embeddings)
    words = g.op("Gather", [table, "input_ids"], "word_emb", axis=0)

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
        q = g.op("Reshape", [g.linear(x, layer.query, p + ".q", q_scale), heads_shape], p + "_q4")
        k = g.op("Reshape", [g.linear(x, layer.key, p + ".k"), heads_shape], p + "_k4")
        v = g.op("Reshape", [g.linear(x, layer.value, p + ".v"), heads_shape], p + "_v4")
        q = g.op("Transpose", [q], p + "_qt", perm=[0, 2, 1, 3])  # [b, nh, s, dh]
        k = g.op("Transpose", [k], p + "_kt", perm=[0, 2, 3, 1])  # [b, nh, dh, s]
        v = g.op("Transpose", [v], p + "_vt", perm=[0, 2, 1, 3])  # [b, nh, s, dh]
        scores = g.op("Add", [g.op("MatMul", [q, k], p + "_qk"), score_bias], p + "_scores")
        probs = g.op("Softmax", [scores], p + "_probs", axis=-1)
        ctx = g.op("MatMul", [probs, v], p + "_ctx")
        ctx = g.op("Transpose", [ctx], p + "_ctx_t", perm=[0, 2, 1, 3])
        ctx = g.op("Reshape", [ctx, hidden_shape], p + "_ctx_h")
        attn = g.linear(ctx, layer.attn_out, p + ".attn_out")
        x = g.layer_norm(g.op("Add", [attn, x], p + "_res1"), layer.attn_norm, p + ".attn_norm")
        ff = g.activation(g.linear(x, layer.ffn_in, p + ".ffn_in"), net.activation, p + "_act")
        ff = g.linear(ff, layer.ffn_out, p + ".ffn_out")
        x = g.layer_norm(g.op("Add", [ff, x], p + "_res2"), layer.ffn_norm, p + ".ffn_norm")

    # ---- MLM head + SPLADE pooling -------------------------------------------
    t = g.activation(g.linear(x, net.head_transform, "head.dense"), net.activation, "head_act")
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

    if tied and share_embeddings:
        proj = g.op("Transpose", [table], "projection", perm=[1, 0])
    else:
        proj = g.init("projection", decoder.T)
    logits = g.op("MatMul", [t, proj], "logits")  # [b, s, vocab]
    # log(1 + relu(.)) is non-decreasing, so the max over positions can be taken
    # on the raw logits and the activation applied to the [batch, vocab] result
    # alone. The decoder bias does not depend on the position, so it too is
    # added after the max (max(a + c) == max(a) + c, also in floating point).
    pooled = g.op("ReduceMax", [logits], "pooled", axes=[1], keepdims=0)
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


# --------------------------------------------------------------------------
# Tokenizer facts, metadata, quantization
# --------------------------------------------------------------------------

def tokenizer_facts(checkpoint: Path) -> dict:
    from tokenizers import Tokenizer

    tok_path = checkpoint / "tokenizer.json"
    if not tok_path.is_file():
        raise ExportError(f"no tokenizer.json in {checkpoint}")
    tokenizer = Tokenizer.from_file(str(tok_path))
    tok_json = json.loads(tok_path.read_text(encoding="utf-8"))
    tok_config = _read_json(checkpoint / "tokenizer_config.json")

    lowercase = None
    normalizer = tok_json.get("normalizer") or {}
    for n in [normalizer] + list(normalizer.get("normalizers") or []):
        if n.get("type") == "BertNormalizer":
            lowercase = bool(n.get("lowercase"))
        elif n.get("type") == "Lowercase":
            lowercase = True
    if lowercase is None and "do_lower_case" in tok_config:
        lowercase = bool(tok_config["do_lower_case"])

    facts: dict = {"tokenizer": "tokenizer.json", "lowercase": lowercase}
    defaults = {"cls": "[CLS]", "sep": "[SEP]", "pad": "[PAD]", "unk": "[UNK]", "mask": "[MASK]"}
    for role, default in defaults.items():
        token = tok_config.get(f"{role}_token", default)
        if isinstance(token, dict):  # AddedToken serialised as a dict
            token = token.get("content", default)
        token_id = tokenizer.token_to_id(token)
        if token_id is None and role in ("cls", "sep", "pad"):
            raise ExportError(f"tokenizer has no {role} token '{token}'")
        facts[f"{role}_token"] = token
        facts[f"{role}_id"] = token_id
    facts["tokenizer_vocab_size"] = tokenizer.get_vocab_size(with_added_tokens=True)
    return facts


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def choose_max_length(requested: int | None, net: Network, checkpoint: Path) -> int:
    limit = net.max_positions
    if requested is not None:
        if requested > limit:
            raise ExportError(f"--max-length {requested} exceeds the model's "
                              f"{limit} position embeddings")
        return requested
    # tokenizer_config's model_max_length is the trained limit when it is set;
    # transformers writes a huge sentinel (1e30) when it is not.
    configured = _read_json(checkpoint / "tokenizer_config.json").get("model_max_length")
    if isinstance(configured, (int, float)) and 0 < configured <= limit:
        return int(configured)
    return limit


def quantize_int8(net: Network, metadata: dict, out_path: Path, per_channel: bool) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    prepared = build_model(net, share_embeddings=False, metadata=metadata)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "prepared.onnx"
        onnx.save(prepared, str(src))
        # The quantizer logs a generic "consider pre-processing" warning on every
        # run; shape inference adds nothing for a graph built with known shapes.
        logging.disable(logging.WARNING)
        try:
            quantize_dynamic(
                str(src), str(out_path),
                op_types_to_quantize=["MatMul"],
                weight_type=QuantType.QInt8,
                per_channel=per_channel,
                # Only MatMuls with a constant weight: quantizing the attention
                # score/context products (two activations) costs accuracy for no gain.
                extra_options={"MatMulConstBOnly": True},
            )
        finally:
            logging.disable(logging.NOTSET)
    model = onnx.load(str(out_path))
    # Keep the IR version readable by onnxruntime 1.29 (Java) whatever the
    # quantizer wrote; the opsets it needs exist since IR 8.
    model.ir_version = min(model.ir_version, 10)
    onnx.checker.check_model(model)
    onnx.save(model, str(out_path))


def smoke_test(model_path: Path, net: Network, cls_id: int, sep_id: int, pad_id: int) -> float:
    """Run the exported model on a padded and an unpadded batch; return the max diff.

    A wrong mask would show up as a difference between a sentence scored alone
    and the same sentence scored next to a longer one.
    """
    import onnxruntime as ort

    session = ort.InferenceSession(str(model_path), providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(0)
    low = max(cls_id, sep_id, pad_id) + 1
    short = [cls_id, *rng.integers(low, net.vocab_size, 5), sep_id]
    long = [cls_id, *rng.integers(low, net.vocab_size, 12), sep_id]

    def feed(rows):
        width = max(len(r) for r in rows)
        ids = np.full((len(rows), width), pad_id, dtype=np.int64)
        mask = np.zeros_like(ids)
        for i, r in enumerate(rows):
            ids[i, :len(r)] = r
            mask[i, :len(r)] = 1
        inputs = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in net.input_names:
            inputs["token_type_ids"] = np.zeros_like(ids)
        return session.run([OUTPUT_NAME], inputs)[0]

    alone = feed([short])
    batched = feed([short, long])
    if not np.all(np.isfinite(batched)):
        raise ExportError("exported model produced non-finite values")
    return float(np.max(np.abs(alone[0] - batched[0])))


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------

def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog="export-model",
        description="Export a Hugging Face SPLADE masked-LM checkpoint (BERT or DistilBERT,"
                    " safetensors) to ONNX for Spork.")
    ap.add_argument("--checkpoint", required=True, type=Path,
                    help="local checkpoint directory: config.json, model.safetensors, tokenizer.json")
    ap.add_argument("--out", required=True, type=Path, help="output directory (created)")
    ap.add_argument("--name", help="model name for spork-model.json (default: the --out folder name)")
    ap.add_argument("--max-length", type=int,
                    help="longest token sequence, special tokens included (default: the"
                         " tokenizer_config's model_max_length, else the position table size)")
    ap.add_argument("--int8", action="store_true",
                    help="also write model.int8.onnx (dynamic int8 quantization of the MatMuls)")
    ap.add_argument("--per-tensor", action="store_true",
                    help="with --int8: one weight scale per matrix instead of per output column")
    ap.add_argument("--licence", default="unknown", help="licence of the weights, e.g. MIT")
    ap.add_argument("--source", help="where the weights came from (default: the checkpoint path)")
    return ap.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    checkpoint: Path = args.checkpoint
    out: Path = args.out
    try:
        config = _read_json(checkpoint / "config.json")
        if not config:
            raise ExportError(f"no config.json in {checkpoint}")
        print(f"reading {checkpoint}")
        net = read_network(config, load_weights(checkpoint))
        if net.unused:
            raise ExportError("checkpoint tensors the graph would ignore: " + ", ".join(net.unused))
        facts = tokenizer_facts(checkpoint)
        if facts["tokenizer_vocab_size"] > net.vocab_size:
            raise ExportError(f"tokenizer has {facts['tokenizer_vocab_size']} tokens but the"
                              f" model only {net.vocab_size}")
        max_length = choose_max_length(args.max_length, net, checkpoint)

        meta = {
            "name": args.name or out.resolve().name,
            "architecture": net.architecture,
            "vocab_size": net.vocab_size,
            "hidden_size": net.hidden,
            "num_layers": len(net.layers),
            "max_length": max_length,
            "pooling": "max",
            "activation": "log1p_relu",
            "inputs": net.input_names,
            "output": OUTPUT_NAME,
            "licence": args.licence,
            "source": args.source or str(checkpoint),
            "quantization": "none",
            "tied_embeddings": net.decoder_weight is None,
            "exported_by": EXPORTED_BY,
        }
        meta.update({k: v for k, v in facts.items() if k != "tokenizer_vocab_size"})

        out.mkdir(parents=True, exist_ok=True)
        onnx_meta = {f"spork.{k}": json.dumps(v) if not isinstance(v, str) else v
                     for k, v in meta.items() if k in ("name", "architecture", "licence", "source")}
        model = build_model(net, share_embeddings=True, metadata=onnx_meta)
        model_path = out / "model.onnx"
        onnx.save(model, str(model_path))
        print(f"wrote {model_path} ({model_path.stat().st_size / 1e6:.1f} MB,"
              f" {net.architecture}, {len(net.layers)} layers, hidden {net.hidden},"
              f" vocab {net.vocab_size}, tied={net.decoder_weight is None})")

        diff = smoke_test(model_path, net, facts["cls_id"], facts["sep_id"], facts["pad_id"])
        print(f"padding check: max |alone - batched| = {diff:.2e}")
        if diff > 1e-4:
            raise ExportError("padding changes the output; the mask is not applied correctly")

        if args.int8:
            int8_path = out / "model.int8.onnx"
            quantize_int8(net, onnx_meta, int8_path, per_channel=not args.per_tensor)
            meta["variants"] = {"int8": int8_path.name}
            meta["int8_per_channel"] = not args.per_tensor
            print(f"wrote {int8_path} ({int8_path.stat().st_size / 1e6:.1f} MB)")

        shutil.copyfile(checkpoint / "tokenizer.json", out / "tokenizer.json")
        (out / "spork-model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out / 'tokenizer.json'} and {out / 'spork-model.json'}")
    except ExportError as e:
        print(f"export-model: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    sys.exit(main(sys.argv[1:]))
