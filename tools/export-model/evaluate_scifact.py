#!/usr/bin/env python3
"""Quality and speed of the bundled model's files on BEIR SciFact, brute force.

Protocol (the one Spork's encoder follows): a text of at most max_length tokens
([CLS] and [SEP] included) is one window; a longer one is cut into balanced
windows (equal lengths, consecutive windows sharing at least --stride tokens) and
the window vectors are max-pooled per term. Queries are encoded the same way.
Documents are title + " " + text. Every query is scored against every document
by an exact dot product; documents with score 0 are not retrieved; ties are
ordered by document id descending (trec_eval's order). nDCG@10 and Recall@100
are computed as trec_eval does (gain = qrel value), over the queries of
qrels/test.tsv and of qrels/train.tsv; a query with nothing relevant retrieved
scores 0.

Speed: a plain loop over the corpus in batches of --batch documents sorted by
length, --threads intra-op threads, tokenization, padding, the model and the
pooling to sparse vectors included. The files take turns batch by batch (the
order alternating), so load on the machine falls on all of them alike.

    tools/export-model/pinned-python tools/export-model/evaluate_scifact.py
"""

from __future__ import annotations

import argparse
import json
import math
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
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
from verify_golden import GOLDEN_TOP10, SENTENCES  # noqa: E402


def balanced_windows(content: list[int], max_content: int, stride: int) -> list[list[int]]:
    """One window when the text fits; else the fewest equal windows that share >= stride."""
    n = len(content)
    if n <= max_content:
        return [content]
    k = math.ceil((n - stride) / (max_content - stride))
    length = math.ceil((n + (k - 1) * stride) / k)
    step = (n - length) / (k - 1)
    return [content[round(i * step):round(i * step) + length] for i in range(k)]


class Encoder:
    """One ONNX file of a Spork model directory, text in, sparse vectors out."""

    def __init__(self, model_dir: Path, file_name: str, threads: int, stride: int,
                 truncate: bool = False):
        self.name = file_name
        self.truncate = truncate
        self.meta = json.loads((model_dir / "spork-model.json").read_text())
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.max_content = self.meta["max_length"] - 2
        self.stride = stride
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(model_dir / file_name), opts,
                                            providers=["CPUExecutionProvider"])

    def encode(self, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """(term ids, weights) per text, terms with weight > 0. The model runs on at
        most len(texts) windows at a time, so long texts do not make bigger batches."""
        meta = self.meta
        rows, owner = [], []
        for i, enc in enumerate(self.tokenizer.encode_batch(texts, add_special_tokens=False)):
            windows = ([enc.ids[:self.max_content]] if self.truncate
                       else balanced_windows(enc.ids, self.max_content, self.stride))
            for w in windows:
                rows.append([meta["cls_id"], *w, meta["sep_id"]])
                owner.append(i)
        pooled = np.zeros((len(texts), meta["vocab_size"]), dtype=np.float32)
        for start in range(0, len(rows), len(texts)):
            out = self._run(rows[start:start + len(texts)])
            np.maximum.at(pooled, np.asarray(owner[start:start + len(texts)]), out)
        vectors = []
        for row in pooled:
            terms = np.flatnonzero(row > 0)
            vectors.append((terms.astype(np.int32), row[terms]))
        return vectors

    def _run(self, rows: list[list[int]]) -> np.ndarray:
        meta = self.meta
        width = max(len(r) for r in rows)
        ids = np.full((len(rows), width), meta["pad_id"], dtype=np.int64)
        mask = np.zeros_like(ids)
        for r, row in enumerate(rows):
            ids[r, :len(row)] = row
            mask[r, :len(row)] = 1
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in meta["inputs"]:
            feed["token_type_ids"] = np.zeros_like(ids)
        return self.session.run([meta["output"]], feed)[0]


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8") as f:
        next(f)  # header
        for line in f:
            if line.strip():
                qid, did, score = line.rstrip("\n").split("\t")
                qrels.setdefault(qid, {})[did] = int(score)
    return qrels


def encode_interleaved(encoders: list[Encoder], texts: list[str], batch: int,
                       progress: bool = False):
    """Vectors of every text by every encoder, each encoder's seconds per batch, and its
    CPU seconds in all (all threads of this process, so intra-op spinning counts)."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)
    vectors = [[None] * len(texts) for _ in encoders]
    seconds = [[] for _ in encoders]
    cpu = [0.0 for _ in encoders]
    for e in encoders:  # warm-up: arena, prepacked weights
        e.encode([texts[i] for i in order[:batch]])
    for b, start in enumerate(range(0, len(order), batch)):
        chunk = order[start:start + batch]
        chunk_texts = [texts[i] for i in chunk]
        turn = range(len(encoders)) if b % 2 == 0 else reversed(range(len(encoders)))
        for k in turn:
            t0, c0 = time.perf_counter(), time.process_time()
            out = encoders[k].encode(chunk_texts)
            seconds[k].append(time.perf_counter() - t0)
            cpu[k] += time.process_time() - c0
            for i, v in zip(chunk, out):
                vectors[k][i] = v
        if progress and (b + 1) % 50 == 0:
            print(f"    {start + len(chunk)} of {len(texts)} texts", flush=True)
    return vectors, seconds, cpu


class BruteForceIndex:
    """Exact dot products of a query with every document (term-major arrays)."""

    def __init__(self, doc_vectors: list[tuple[np.ndarray, np.ndarray]], vocab: int):
        docs = np.concatenate([np.full(len(t), d, dtype=np.int64)
                               for d, (t, _) in enumerate(doc_vectors)])
        terms = np.concatenate([t for t, _ in doc_vectors]).astype(np.int64)
        weights = np.concatenate([w for _, w in doc_vectors]).astype(np.float64)
        by_term = np.argsort(terms, kind="stable")
        self.docs, self.weights = docs[by_term], weights[by_term]
        self.starts = np.searchsorted(terms[by_term], np.arange(vocab + 1))
        self.n = len(doc_vectors)

    def scores(self, query: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        parts_d, parts_w = [], []
        for t, w in zip(*query):
            lo, hi = self.starts[t], self.starts[t + 1]
            parts_d.append(self.docs[lo:hi])
            parts_w.append(self.weights[lo:hi] * float(w))
        if not parts_d:
            return np.zeros(self.n)
        return np.bincount(np.concatenate(parts_d), np.concatenate(parts_w), minlength=self.n)


def ranking(scores: np.ndarray, doc_ids: list[str], by_id_desc: np.ndarray, depth: int):
    """Doc ids with score > 0, by score descending, ties by doc id descending."""
    hits = by_id_desc[scores[by_id_desc] > 0]
    hits = hits[np.argsort(-scores[hits], kind="stable")][:depth]
    return [doc_ids[i] for i in hits]


def ndcg_at(ranked: list[str], relevant: dict[str, int], k: int) -> float:
    dcg = sum(relevant.get(d, 0) / math.log2(r + 2) for r, d in enumerate(ranked[:k]))
    ideal = sorted((g for g in relevant.values() if g > 0), reverse=True)[:k]
    idcg = sum(g / math.log2(r + 2) for r, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def recall_at(ranked: list[str], relevant: dict[str, int], k: int) -> float:
    rel = {d for d, g in relevant.items() if g > 0}
    return len(rel & set(ranked[:k])) / len(rel) if rel else 0.0


def golden_agreement(encoders: list[Encoder]) -> None:
    print("top-10 terms of the model card's sentences (overlap with the first file,"
          " with the model card):")
    vocab = encoders[0].tokenizer
    tops = [[[vocab.id_to_token(int(t)) for t in ids[np.argsort(-w, kind="stable")][:10]]
             for ids, w in e.encode(SENTENCES)] for e in encoders]
    for k, e in enumerate(encoders):
        vs_first = [len(set(a) & set(b)) for a, b in zip(tops[k], tops[0])]
        vs_card = [len(set(a) & {t for t, _ in g}) for a, g in zip(tops[k], GOLDEN_TOP10)]
        same_order = [a == [t for t, _ in g] for a, g in zip(tops[k], GOLDEN_TOP10)]
        print(f"  {e.name}: {'/'.join(map(str, vs_first))} of 10 with {encoders[0].name},"
              f" {'/'.join(map(str, vs_card))} of 10 with the card"
              f" (same order as the card: {same_order})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "scifact")
    ap.add_argument("--model-dir", type=Path, default=REPO / "models" / "splade-tiny")
    ap.add_argument("--files", default="model.onnx,model.int8.onnx",
                    help="comma-separated ONNX files of --model-dir; the first is the reference")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--stride", type=int, default=32)
    ap.add_argument("--max-docs", type=int, help="speed only, on the first N documents")
    ap.add_argument("--truncate", action="store_true",
                    help="cut long texts at max_length instead of windowing them (for comparison)")
    args = ap.parse_args()

    encoders = [Encoder(args.model_dir, f, args.threads, args.stride, args.truncate)
                for f in args.files.split(",")]
    print(f"onnxruntime {ort.__version__}, {args.model_dir}, files {args.files},"
          f" batch {args.batch}, {args.threads} intra-op threads,"
          + (" long texts truncated" if args.truncate else f" windows with stride {args.stride}"))
    golden_agreement(encoders)

    corpus = read_jsonl(args.data / "corpus.jsonl")[:args.max_docs]
    doc_ids = [d["_id"] for d in corpus]
    texts = [d.get("title", "") + " " + d.get("text", "") for d in corpus]
    print(f"plain loop over {len(texts)} documents:", flush=True)
    doc_vectors, seconds, cpu = encode_interleaved(encoders, texts, args.batch, progress=True)
    for e, s, c in zip(encoders, seconds, cpu):
        print(f"  {e.name}: {sum(s):.1f} s, {len(texts) / sum(s):.1f} docs/s"
              f" (CPU {c:.1f} s)")
    for e, s, c in zip(encoders[1:], seconds[1:], cpu[1:]):
        per_batch = [a / b for a, b in zip(seconds[0], s)]
        print(f"  speed-up of {e.name} over {encoders[0].name}: {sum(seconds[0]) / sum(s):.2f}x"
              f" overall, median per batch {statistics.median(per_batch):.2f}x,"
              f" CPU time {cpu[0] / c:.2f}x")
    if args.max_docs:
        return 0

    queries = {q["_id"]: q["text"] for q in read_jsonl(args.data / "queries.jsonl")}
    qrels = {split: read_qrels(args.data / "qrels" / f"{split}.tsv") for split in ("test", "train")}
    by_id_desc = np.array(sorted(range(len(doc_ids)), key=lambda i: doc_ids[i], reverse=True))
    print("nDCG@10 / Recall@100, exact dot products over all documents:")
    results = {}
    for k, e in enumerate(encoders):
        index = BruteForceIndex(doc_vectors[k], e.meta["vocab_size"])
        nnz = statistics.mean(len(t) for t, _ in doc_vectors[k])
        for split, judged in qrels.items():
            qids = list(judged)
            qvecs, _, _ = encode_interleaved([e], [queries[q] for q in qids], args.batch)
            runs = [ranking(index.scores(v), doc_ids, by_id_desc, 100) for v in qvecs[0]]
            ndcg = statistics.mean(ndcg_at(r, judged[q], 10) for r, q in zip(runs, qids))
            recall = statistics.mean(recall_at(r, judged[q], 100) for r, q in zip(runs, qids))
            results[(e.name, split)] = ndcg
            print(f"  {e.name} {split} ({len(qids)} queries): nDCG@10 {ndcg:.4f},"
                  f" R@100 {recall:.4f} (document terms {nnz:.1f} on average)")
    for e in encoders[1:]:
        for split in qrels:
            delta = results[(e.name, split)] - results[(encoders[0].name, split)]
            print(f"  {e.name} - {encoders[0].name}, {split}: {delta:+.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
