"""Reading a Hugging Face checkpoint (safetensors + config.json) into a Network.

Only BertForMaskedLM and DistilBertForMaskedLM are read; every tensor must find
its place in the graph, so a checkpoint with parts the graph would silently drop
is refused instead of exported wrongly.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from network import SUPPORTED_ACTIVATIONS, ExportError, Layer, Linear, Network, Norm


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


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
    if net.activation not in SUPPORTED_ACTIVATIONS:
        raise ExportError(f"unsupported activation '{net.activation}'")
    for i, layer in enumerate(net.layers):
        for name in ("query", "key", "value", "attn_out"):
            if getattr(layer, name).weight.shape != (h, h):
                raise ExportError(f"layer {i} {name} weight is not [{h}, {h}]")


