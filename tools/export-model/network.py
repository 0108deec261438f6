"""The exporter's architecture-neutral description of a BERT-like masked LM.

checkpoint.py fills it from a Hugging Face checkpoint; splade_graph.py turns it
into the ONNX graph. Nothing here depends on onnx or onnxruntime.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

# Activations the graph can express (graph_builder.py has their ONNX forms).
SUPPORTED_ACTIVATIONS = ("gelu", "gelu_new", "gelu_pytorch_tanh", "gelu_fast", "relu")


class ExportError(Exception):
    """A checkpoint the exporter cannot (or will not) convert faithfully."""



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

