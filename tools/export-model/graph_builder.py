"""A small layer over onnx.helper: unique names, initializers, and the blocks
(linear, LayerNorm, activations) the SPLADE graph is made of."""

from __future__ import annotations

import math

import numpy as np
import onnx
from onnx import helper, numpy_helper

from network import Linear, Norm


class GraphBuilder:
    """Builds an ONNX graph node by node, naming nodes and values uniquely."""

    def __init__(self):
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []
        self._names: set[str] = set()
        self._scalars: dict[tuple, str] = {}

    def body(self) -> "GraphBuilder":
        """A builder for a subgraph (a Scan body): its own nodes, but the names,
        initializers and constants of this graph, which the body may read."""
        child = GraphBuilder()
        child.initializers, child._names, child._scalars = (self.initializers, self._names,
                                                           self._scalars)
        return child

    def fresh(self, hint: str) -> str:
        name, n = hint, 1
        while name in self._names:
            n += 1
            name = f"{hint}_{n}"
        self._names.add(name)
        return name

    def init(self, hint: str, array: np.ndarray) -> str:
        name = self.fresh(hint)
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

    def op_outputs(self, op_type: str, inputs: list[str], hints: list[str], **attrs) -> list[str]:
        """A node with several outputs (DynamicQuantizeLinear)."""
        outs = [self.fresh(h) for h in hints]
        self.nodes.append(helper.make_node(op_type, inputs, outs,
                                           name=self.fresh("n_" + outs[0]), **attrs))
        return outs

    def op(self, op_type: str, inputs: list[str], hint: str | None = None,
           output: str | None = None, **attrs) -> str:
        out = output or self.fresh(hint or op_type.lower())
        if output:
            self._names.add(output)
        self.nodes.append(helper.make_node(op_type, inputs, [out],
                                           name=self.fresh("n_" + out), **attrs))
        return out

    # -- composite blocks -------------------------------------------------

    def linear(self, x: str, lin: Linear, hint: str, scale: float = 1.0) -> str:
        """x @ W^T + b in float32."""
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
        return ACTIVATIONS[kind](self, x, hint)


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


ACTIVATIONS = {
    "gelu": _gelu_erf,
    "gelu_new": _gelu_tanh,
    "gelu_pytorch_tanh": _gelu_tanh,
    "gelu_fast": _gelu_tanh,
    "relu": _relu,
}

