#!/usr/bin/env python3
"""Check the bundled splade-tiny export against published outputs and a numpy reference.

1. Golden: the rasyosef/splade-tiny model card's example (sentence-transformers
   SparseEncoder, dot-product similarity, top-10 terms) must be reproduced to 1e-3.
2. Padding: each sentence scored alone (no padding) equals the padded batch.
3. Reference: with --checkpoint, an independent float64 numpy forward pass in the
   naive order (logits at every position, relu, log1p, mask, max) is compared
   with the graph, which takes the max first and folds the mask into the projection.
4. int8: top-10 overlap with fp32 and the largest weight difference.
5. Timing: fp32 and int8, batch 32 x 128 tokens, 2 intra-op threads.

Exits non-zero when a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

HERE = Path(__file__).resolve().parent
DEFAULT_MODEL = HERE.parent.parent / "models" / "splade-tiny"
TOLERANCE = 1e-3

SENTENCES = ["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]
GOLDEN_SIMILARITY = np.array([[39.7253, 7.1662, 0.0000],
                              [7.1662, 27.0255, 0.1385],
                              [0.0000, 0.1385, 26.3539]])
GOLDEN_TOP10 = [
    [("today", 2.543731451034546), ("lovely", 2.1207380294799805), ("weather", 2.043243646621704),
     ("summers", 2.0363612174987793), ("cool", 1.8053990602493286), ("darling", 1.4539366960525513),
     ("now", 1.3975915908813477), ("beautiful", 1.3838205337524414), ("nice", 1.2771646976470947),
     ("worthy", 1.2120126485824585)],
    [("outside", 2.2667503356933594), ("sunny", 2.188624382019043), ("cool", 1.8421072959899902),
     ("so", 1.8326992988586426), ("ahead", 1.439140796661377), ("darling", 1.3871415853500366),
     ("it", 1.2396169900894165), ("across", 0.9793394804000854), ("sunshine", 0.9226517081260681),
     ("rocky", 0.8372038006782532)],
    [("drove", 2.0859971046447754), ("stadium", 2.0446298122406006), ("he", 1.7063332796096802),
     ("team", 1.4266990423202515), ("move", 1.3472365140914917), ("jumped", 1.1752349138259888),
     ("driving", 1.1558808088302612), ("ride", 1.1327213048934937), ("run", 1.0909342765808105),
     ("drive", 1.0640281438827515)],
]


class Encoder:
    def __init__(self, model_dir: Path, file_name: str, threads: int = 0):
        self.meta = json.loads((model_dir / "spork-model.json").read_text())
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        # tokenizer.json may carry its own padding/truncation settings; control
        # both here so "alone" really means unpadded.
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(self.meta["max_length"])
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(model_dir / file_name), opts,
                                            providers=["CPUExecutionProvider"])
        self.inputs = self.meta["inputs"]

    def tensors(self, texts: list[str], extra_padding: int = 0) -> dict[str, np.ndarray]:
        enc = self.tokenizer.encode_batch(texts)
        width = max(len(e.ids) for e in enc) + extra_padding
        feed = {n: np.zeros((len(texts), width), dtype=np.int64) for n in self.inputs}
        feed["input_ids"][:] = self.meta["pad_id"]
        for i, e in enumerate(enc):
            feed["input_ids"][i, :len(e.ids)] = e.ids
            feed["attention_mask"][i, :len(e.ids)] = 1
            if "token_type_ids" in feed:
                feed["token_type_ids"][i, :len(e.ids)] = e.type_ids
        return feed

    def run(self, feed: dict[str, np.ndarray]) -> np.ndarray:
        return self.session.run([self.meta["output"]], feed)[0]

    def encode(self, texts: list[str], extra_padding: int = 0) -> np.ndarray:
        return self.run(self.tensors(texts, extra_padding))

    def top(self, vec: np.ndarray, k: int = 10) -> list[tuple[str, float]]:
        order = np.argsort(-vec, kind="stable")[:k]
        return [(self.tokenizer.id_to_token(int(i)), float(vec[i])) for i in order]


def check(label: str, value: float, limit: float, failures: list[str]) -> None:
    ok = value <= limit
    print(f"  {label}: {value:.3g} {'<=' if ok else '>'} {limit:g} {'ok' if ok else 'FAIL'}")
    if not ok:
        failures.append(label)


def golden(enc: Encoder, failures: list[str]) -> np.ndarray:
    print("golden outputs (rasyosef/splade-tiny model card):")
    batch = enc.encode(SENTENCES)
    sim = batch @ batch.T
    print("  similarity:\n" + "\n".join("    " + " ".join(f"{v:8.4f}" for v in row) for row in sim))
    check("max |similarity - golden|", float(np.abs(sim - GOLDEN_SIMILARITY).max()), TOLERANCE,
          failures)
    worst, names_ok = 0.0, True
    for i, expected in enumerate(GOLDEN_TOP10):
        got = enc.top(batch[i])
        print(f"  {i + 1}: " + ", ".join(f"{t} {w:.4f}" for t, w in got))
        names_ok &= [t for t, _ in got] == [t for t, _ in expected]
        vocab = enc.tokenizer
        for token, weight in expected:
            worst = max(worst, abs(float(batch[i, vocab.token_to_id(token)]) - weight))
    print(f"  top-10 token lists identical: {names_ok}")
    if not names_ok:
        failures.append("top-10 tokens")
    check("max |top-10 weight - golden|", worst, TOLERANCE, failures)

    alone = np.stack([enc.encode([s])[0] for s in SENTENCES])
    check("max |alone (unpadded) - batched (padded)|", float(np.abs(alone - batch).max()), 1e-5,
          failures)
    heavy = enc.encode(SENTENCES, extra_padding=40)
    check("max |batched - batched with 40 extra pad tokens|", float(np.abs(heavy - batch).max()),
          1e-5, failures)
    return batch


def reference(enc: Encoder, checkpoint: Path, batch: np.ndarray, failures: list[str]) -> None:
    from reference_numpy import ReferenceSplade

    print(f"numpy reference (float64, naive head order) from {checkpoint}:")
    ref = ReferenceSplade(checkpoint)
    feed = enc.tensors(SENTENCES, extra_padding=5)
    expected = ref.splade(feed["input_ids"], feed["attention_mask"], feed.get("token_type_ids"))
    check("max |onnx fp32 - numpy reference|", float(np.abs(batch - expected).max()), 1e-4,
          failures)
    differ = int(np.sum((batch > 0) != (expected > 0)))
    print(f"  terms whose zero/non-zero status differs: {differ} "
          f"(non-zeros per sentence: {[int(n) for n in (batch > 0).sum(1)]})")


def int8(model_dir: Path, fp32: np.ndarray, failures: list[str]) -> None:
    print("int8 variant vs fp32:")
    enc = Encoder(model_dir, "model.int8.onnx")
    q = enc.encode(SENTENCES)
    for i in range(len(SENTENCES)):
        a = {t for t, _ in enc.top(fp32[i])}
        b = {t for t, _ in enc.top(q[i])}
        print(f"  sentence {i + 1}: top-10 overlap {len(a & b)}/10; int8 top-10: "
              + ", ".join(f"{t} {w:.3f}" for t, w in enc.top(q[i])))
    print(f"  max |int8 - fp32| weight: {float(np.abs(q - fp32).max()):.4f}")
    sim = q @ q.T
    print("  int8 similarity:\n" + "\n".join("    " + " ".join(f"{v:8.4f}" for v in r) for r in sim))


def timing(model_dir: Path, files: list[str], runs: int) -> None:
    print(f"timing: batch 32 x 128 tokens, 2 intra-op threads, {runs} runs each, interleaved")
    meta = json.loads((model_dir / "spork-model.json").read_text())
    rng = np.random.default_rng(42)
    ids = rng.integers(1000, meta["vocab_size"], size=(32, 128), dtype=np.int64)
    ids[:, 0], ids[:, -1] = meta["cls_id"], meta["sep_id"]
    feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
    if "token_type_ids" in meta["inputs"]:
        feed["token_type_ids"] = np.zeros_like(ids)
    encoders = {name: Encoder(model_dir, name, threads=2) for name in files}
    for enc in encoders.values():
        for _ in range(3):
            enc.run(feed)
    # Alternate between the variants so that background load on the machine
    # affects them alike.
    times: dict[str, list[float]] = {name: [] for name in files}
    for _ in range(runs):
        for name, enc in encoders.items():
            start = time.perf_counter()
            enc.run(feed)
            times[name].append((time.perf_counter() - start) * 1e3)
    for name, t in times.items():
        print(f"  {name}: median {statistics.median(t):.1f} ms/batch (min {min(t):.1f}, "
              f"max {max(t):.1f})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model-dir", type=Path, default=DEFAULT_MODEL)
    ap.add_argument("--checkpoint", type=Path,
                    help="the source checkpoint (config.json + model.safetensors) for the"
                         " numpy reference check; skipped when absent")
    ap.add_argument("--runs", type=int, default=20, help="timed runs per variant")
    ap.add_argument("--no-timing", action="store_true")
    args = ap.parse_args()

    failures: list[str] = []
    print(f"onnxruntime {ort.__version__}, model {args.model_dir}")
    enc = Encoder(args.model_dir, "model.onnx")
    batch = golden(enc, failures)
    if args.checkpoint:
        reference(enc, args.checkpoint, batch, failures)
    else:
        print("numpy reference: skipped (no --checkpoint)")
    variants = enc.meta.get("variants", {})
    if "int8" in variants:
        int8(args.model_dir, batch, failures)
    if not args.no_timing:
        timing(args.model_dir, ["model.onnx"] + list(variants.values()), args.runs)
    print("FAILED: " + ", ".join(failures) if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
