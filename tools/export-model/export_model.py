#!/usr/bin/env python3
"""Export a Hugging Face SPLADE masked-LM checkpoint to a self-contained ONNX model.

The graph is written directly from the checkpoint's weights with onnx.helper, so
no deep-learning framework is needed: numpy reads the safetensors, onnx describes
the network, onnxruntime checks the result.

Supported checkpoints: BertForMaskedLM and DistilBertForMaskedLM (naver/splade-v3,
prithivida/Splade_PP_en_v1, the opensearch neural sparse encoders, splade-tiny, ...).
The graph contract is in splade_graph.py. The steps live in their own modules:
checkpoint.py and tokenizer_facts.py read the checkpoint, splade_graph.py (with
graph_builder.py) builds the graph, quantization.py gives it int8 weights
(--int8), verification.py runs the written files.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

import onnx

from checkpoint import load_weights, read_json, read_network
from network import ExportError, Network
from quantization import Int8Weights
from splade_graph import EXPORTED_BY, OUTPUT_NAME, build_model
from tokenizer_facts import choose_max_length, tokenizer_facts
from verification import ExportedModel, int8_agreement, padding_difference, sample_rows

# Most model.onnx may change a sentence's weights when it is scored next to a longer one.
PADDING_TOLERANCE = 1e-4
# Least correlation of int8 weights with fp32 ones on random sentences (0.999 for
# splade-tiny, 0.9996 for the random test checkpoints).
INT8_MIN_CORRELATION = 0.95


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
                    help="also write model.int8.onnx (int8 weights, one int8 vocabulary table)")
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
        config = read_json(checkpoint / "config.json")
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
        model_path = out / "model.onnx"
        onnx.save(build_model(net, metadata=onnx_meta), str(model_path))
        print(f"wrote {model_path} ({model_path.stat().st_size / 1e6:.1f} MB,"
              f" {net.architecture}, {len(net.layers)} layers, hidden {net.hidden},"
              f" vocab {net.vocab_size}, tied={net.decoder_weight is None})")
        rows = sample_rows(net, facts["cls_id"], facts["sep_id"], facts["pad_id"])
        fp32 = ExportedModel(model_path, net, facts["pad_id"])
        check_padding(fp32, rows, "model.onnx")

        if args.int8:
            int8_path = out / "model.int8.onnx"
            write_int8(net, onnx_meta, int8_path, per_channel=not args.per_tensor)
            meta["variants"] = {"int8": int8_path.name}
            meta["int8_per_channel"] = not args.per_tensor
            print(f"wrote {int8_path} ({int8_path.stat().st_size / 1e6:.1f} MB)")
            int8 = ExportedModel(int8_path, net, facts["pad_id"])
            # Activations are quantized per batch, so a batch changes int8 vectors a little.
            print(f"batch effect, model.int8.onnx: max |alone - batched| ="
                  f" {padding_difference(int8, rows):.2e}")
            corr, overlap = int8_agreement(fp32, int8, rows)
            print(f"int8 vs fp32 on random sentences: correlation {corr:.4f},"
                  f" top-10 overlap {overlap:.2f}")
            if corr < INT8_MIN_CORRELATION:
                raise ExportError(f"model.int8.onnx agrees with model.onnx only to a correlation"
                                  f" of {corr:.3f}; try without --per-tensor, or ship fp32 only")

        shutil.copyfile(checkpoint / "tokenizer.json", out / "tokenizer.json")
        (out / "spork-model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out / 'tokenizer.json'} and {out / 'spork-model.json'}")
    except ExportError as e:
        print(f"export-model: {e}", file=sys.stderr)
        return 1
    return 0


def check_padding(model: ExportedModel, rows: list[list[int]], label: str) -> None:
    diff = padding_difference(model, rows)
    print(f"padding check, {label}: max |alone - batched| = {diff:.2e}")
    if diff > PADDING_TOLERANCE:
        raise ExportError(f"padding changes the output of {label}; the mask is not applied"
                          " correctly")


def write_int8(net: Network, metadata: dict, path: Path, per_channel: bool) -> None:
    scheme = ("int8 weights per " + ("output channel" if per_channel else "matrix")
              + ", one vocabulary table, projection input quantized per document")
    model = build_model(net, Int8Weights(per_channel), {**metadata, "spork.quantization": scheme})
    onnx.save(model, str(path))


if __name__ == "__main__":
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    sys.exit(main(sys.argv[1:]))