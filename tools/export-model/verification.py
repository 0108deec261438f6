"""Checks the exporter runs on the files it has just written (onnxruntime, CPU)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from network import ExportError, Network
from splade_graph import OUTPUT_NAME


class ExportedModel:
    """An exported file in an onnxruntime session, fed padded batches of token ids."""

    def __init__(self, path: Path, net: Network, pad_id: int):
        import onnxruntime as ort

        self.session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        self.net, self.pad_id = net, pad_id

    def run(self, rows: list[list[int]]) -> np.ndarray:
        width = max(len(r) for r in rows)
        ids = np.full((len(rows), width), self.pad_id, dtype=np.int64)
        mask = np.zeros_like(ids)
        for i, r in enumerate(rows):
            ids[i, :len(r)] = r
            mask[i, :len(r)] = 1
        inputs = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.net.input_names:
            inputs["token_type_ids"] = np.zeros_like(ids)
        out = self.session.run([OUTPUT_NAME], inputs)[0]
        if not np.all(np.isfinite(out)):
            raise ExportError("exported model produced non-finite values")
        return out


def sample_rows(net: Network, cls_id: int, sep_id: int, pad_id: int) -> list[list[int]]:
    """A short and a longer random sentence, [CLS] ... [SEP]."""
    rng = np.random.default_rng(0)
    low = max(cls_id, sep_id, pad_id) + 1
    return [[cls_id, *rng.integers(low, net.vocab_size, n), sep_id] for n in (5, 12)]


def padding_difference(model: ExportedModel, rows: list[list[int]]) -> float:
    """Max difference between the first sentence scored alone and next to a longer one.

    A wrong mask shows up here; so would a vector that depends on its batch.
    """
    alone = model.run(rows[:1])
    batched = model.run(rows)
    return float(np.max(np.abs(alone[0] - batched[0])))


def int8_agreement(fp32: ExportedModel, int8: ExportedModel, rows: list[list[int]],
                   k: int = 10) -> tuple[float, float]:
    """Correlation of all weights, and mean top-k overlap per sentence, int8 vs fp32."""
    a, b = fp32.run(rows), int8.run(rows)
    corr = float(np.corrcoef(a.ravel(), b.ravel())[0, 1])
    overlap = np.mean([len(set(np.argsort(-x)[:k]) & set(np.argsort(-y)[:k])) / k
                       for x, y in zip(a, b)])
    return corr, float(overlap)
