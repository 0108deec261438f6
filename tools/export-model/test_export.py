#!/usr/bin/env python3
"""Self-test of the exporter on small random BERT and DistilBERT checkpoints.

Each checkpoint is written to a temporary folder in Hugging Face layout, exported
with export_model.main(), and the ONNX output is compared with the independent
numpy forward pass in reference_numpy.py on a batch with right padding, left
padding, a mask with a hole, and an all-padding row. Runs with plain python
(exit code 0 on success) or under pytest.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

import numpy as np
import onnx
import onnxruntime as ort
from safetensors.numpy import save_file
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors

sys.path.insert(0, str(Path(__file__).resolve().parent))
import export_model  # noqa: E402
from quantization import quantize_symmetric  # noqa: E402
from reference_numpy import ReferenceSplade  # noqa: E402

VOCAB, HIDDEN, HEADS, FFN, LAYERS, POSITIONS = 300, 48, 4, 96, 2, 40
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def _write_tokenizer(folder: Path) -> None:
    words = SPECIALS + [f"w{i}" for i in range(VOCAB - len(SPECIALS))]
    vocab = {w: i for i, w in enumerate(words)}
    tok = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 2), ("[SEP]", 3)])
    tok.save(str(folder / "tokenizer.json"))
    (folder / "tokenizer_config.json").write_text(json.dumps({"model_max_length": 32}))


def _linear(rng, prefix, out_dim, in_dim, w):
    w[prefix + ".weight"] = rng.normal(0, 0.15, (out_dim, in_dim)).astype(np.float32)
    w[prefix + ".bias"] = rng.normal(0, 0.1, out_dim).astype(np.float32)


def _norm(rng, prefix, w, legacy=False):
    names = (".gamma", ".beta") if legacy else (".weight", ".bias")
    w[prefix + names[0]] = (1 + rng.normal(0, 0.1, HIDDEN)).astype(np.float32)
    w[prefix + names[1]] = rng.normal(0, 0.1, HIDDEN).astype(np.float32)


def make_bert(folder: Path, seed: int, tied: bool, act: str, extras: bool) -> None:
    rng = np.random.default_rng(seed)
    w: dict[str, np.ndarray] = {}
    p = "bert.embeddings."
    w[p + "word_embeddings.weight"] = rng.normal(0, 0.5, (VOCAB, HIDDEN)).astype(np.float32)
    w[p + "position_embeddings.weight"] = rng.normal(0, 0.2, (POSITIONS, HIDDEN)).astype(np.float32)
    w[p + "token_type_embeddings.weight"] = rng.normal(0, 0.2, (2, HIDDEN)).astype(np.float32)
    _norm(rng, p + "LayerNorm", w, legacy=extras)
    for i in range(LAYERS):
        lp = f"bert.encoder.layer.{i}."
        for name in ("query", "key", "value"):
            _linear(rng, lp + "attention.self." + name, HIDDEN, HIDDEN, w)
        _linear(rng, lp + "attention.output.dense", HIDDEN, HIDDEN, w)
        _norm(rng, lp + "attention.output.LayerNorm", w, legacy=extras)
        _linear(rng, lp + "intermediate.dense", FFN, HIDDEN, w)
        _linear(rng, lp + "output.dense", HIDDEN, FFN, w)
        _norm(rng, lp + "output.LayerNorm", w)
    _linear(rng, "cls.predictions.transform.dense", HIDDEN, HIDDEN, w)
    _norm(rng, "cls.predictions.transform.LayerNorm", w)
    w["cls.predictions.bias"] = rng.normal(0, 1.0, VOCAB).astype(np.float32)
    if not tied:
        w["cls.predictions.decoder.weight"] = rng.normal(0, 0.5, (VOCAB, HIDDEN)).astype(np.float32)
        w["cls.predictions.decoder.bias"] = w["cls.predictions.bias"].copy()
    if extras:  # heads a pre-training checkpoint carries and SPLADE ignores
        _linear(rng, "bert.pooler.dense", HIDDEN, HIDDEN, w)
        w["bert.embeddings.position_ids"] = np.arange(POSITIONS, dtype=np.int64)[None]
    save_file(w, str(folder / "model.safetensors"))
    config = {"architectures": ["BertForMaskedLM"], "model_type": "bert", "hidden_size": HIDDEN,
              "num_attention_heads": HEADS, "num_hidden_layers": LAYERS,
              "intermediate_size": FFN, "hidden_act": act, "layer_norm_eps": 1e-12,
              "max_position_embeddings": POSITIONS, "vocab_size": VOCAB,
              "tie_word_embeddings": tied}
    (folder / "config.json").write_text(json.dumps(config))
    _write_tokenizer(folder)


def make_distilbert(folder: Path, seed: int, tied: bool, act: str) -> None:
    rng = np.random.default_rng(seed)
    w: dict[str, np.ndarray] = {}
    p = "distilbert.embeddings."
    w[p + "word_embeddings.weight"] = rng.normal(0, 0.5, (VOCAB, HIDDEN)).astype(np.float32)
    w[p + "position_embeddings.weight"] = rng.normal(0, 0.2, (POSITIONS, HIDDEN)).astype(np.float32)
    _norm(rng, p + "LayerNorm", w)
    for i in range(LAYERS):
        lp = f"distilbert.transformer.layer.{i}."
        for name in ("q_lin", "k_lin", "v_lin", "out_lin"):
            _linear(rng, lp + "attention." + name, HIDDEN, HIDDEN, w)
        _norm(rng, lp + "sa_layer_norm", w)
        _linear(rng, lp + "ffn.lin1", FFN, HIDDEN, w)
        _linear(rng, lp + "ffn.lin2", HIDDEN, FFN, w)
        _norm(rng, lp + "output_layer_norm", w)
    _linear(rng, "vocab_transform", HIDDEN, HIDDEN, w)
    _norm(rng, "vocab_layer_norm", w)
    w["vocab_projector.bias"] = rng.normal(0, 1.0, VOCAB).astype(np.float32)
    if not tied:
        w["vocab_projector.weight"] = rng.normal(0, 0.5, (VOCAB, HIDDEN)).astype(np.float32)
    save_file(w, str(folder / "model.safetensors"))
    config = {"architectures": ["DistilBertForMaskedLM"], "model_type": "distilbert",
              "dim": HIDDEN, "n_heads": HEADS, "n_layers": LAYERS, "hidden_dim": FFN,
              "activation": act, "max_position_embeddings": POSITIONS, "vocab_size": VOCAB}
    (folder / "config.json").write_text(json.dumps(config))
    _write_tokenizer(folder)


def _batch(rng, meta):
    """Right padding, left padding, a hole in the mask, and an all-padding row."""
    seq = 12
    ids = rng.integers(len(SPECIALS), VOCAB, size=(5, seq)).astype(np.int64)
    mask = np.ones_like(ids)
    mask[1, 7:] = 0                 # right padding
    mask[2, :4] = 0                 # left padding
    mask[3, 3:5] = 0                # hole
    mask[4, :] = 0                  # nothing real
    ids[mask == 0] = meta["pad_id"]
    feed = {"input_ids": ids, "attention_mask": mask}
    if "token_type_ids" in meta["inputs"]:
        types = np.zeros_like(ids)
        types[0, 6:] = 1
        feed["token_type_ids"] = types
    return feed


def _export_and_compare(make, *make_args, int8=True) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ck, out = Path(tmp) / "ck", Path(tmp) / "out"
        ck.mkdir()
        make(ck, *make_args)
        argv = ["--checkpoint", str(ck), "--out", str(out), "--licence", "test"]
        assert export_model.main(argv + (["--int8"] if int8 else [])) == 0
        meta = json.loads((out / "spork-model.json").read_text())
        assert meta["max_length"] == 32  # from tokenizer_config
        assert meta["vocab_size"] == VOCAB and meta["output"] == "splade"
        assert (meta["cls_id"], meta["sep_id"], meta["pad_id"]) == (2, 3, 0)

        model = onnx.load(str(out / "model.onnx"))
        assert model.ir_version <= 10
        big = [i.name for i in model.graph.initializer if list(i.dims) in ([VOCAB, HIDDEN],
                                                                          [HIDDEN, VOCAB])]
        tied = meta["tied_embeddings"]
        assert len(big) == (1 if tied else 2), big  # a tied matrix is stored once
        assert [i.name for i in model.graph.input] == meta["inputs"]

        feed = _batch(np.random.default_rng(7), meta)
        session = ort.InferenceSession(str(out / "model.onnx"), providers=["CPUExecutionProvider"])
        got = session.run(["splade"], feed)[0]
        want = ReferenceSplade(ck).splade(feed["input_ids"], feed["attention_mask"],
                                          feed.get("token_type_ids"))
        diff = float(np.abs(got - want).max())
        active = int((want > 0).sum())
        print(f"  {make.__name__}{make_args}: max |onnx - numpy| = {diff:.2e}"
              f" over {active} active terms")
        assert active > 50, "test weights should activate a fair number of terms"
        assert diff < 1e-4, diff
        assert np.all(got[4] == 0), "a row without real tokens must score 0"

        if int8:
            _check_int8(out, feed, got, tied)


def _check_int8(out: Path, feed: dict, fp32: np.ndarray, tied: bool) -> None:
    path = out / "model.int8.onnx"
    model = onnx.load(str(path))
    assert [i.name for i in model.graph.input] == list(feed)
    vocab_sized = [(i.name, i.data_type) for i in model.graph.initializer
                   if VOCAB * HIDDEN in (int(np.prod(i.dims)),)]
    # One int8 table serves the input lookup and the tied projection; no float copy.
    assert len(vocab_sized) == (1 if tied else 2), vocab_sized
    assert all(t == onnx.TensorProto.INT8 for _, t in vocab_sized), vocab_sized
    fp32_size = (out / "model.onnx").stat().st_size
    assert path.stat().st_size < 0.4 * fp32_size, (path.stat().st_size, fp32_size)

    q = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    got8 = q.run(["splade"], feed)[0]
    assert np.all(np.isfinite(got8)) and np.all(got8[4] == 0)
    corr = np.corrcoef(got8[:4].ravel(), fp32[:4].ravel())[0, 1]
    print(f"    int8 correlation with fp32: {corr:.4f}")
    assert corr > 0.95, corr
    # Every constant-weight MatMul is an int8 one; only the attention products
    # (two activations) stay float.
    ops = [n.op_type for n in model.graph.node]
    assert ops.count("MatMulInteger") == 6 * LAYERS + 2, ops
    assert ops.count("MatMul") == 2 * LAYERS, ops
    # Row 0 alone, unpadded, stays close to the same row in the padded batch (the
    # activation scale is per batch, so it may move a little, never much).
    alone = {n: v[:1] for n, v in feed.items()}
    moved = float(np.abs(q.run(["splade"], alone)[0][0] - got8[0]).max())
    assert moved < 0.1 * float(fp32[0].max()), moved


def test_symmetric_quantization_per_channel_and_per_tensor():
    rng = np.random.default_rng(11)
    w = rng.normal(0, 1, (6, 5)).astype(np.float32)
    w[:, 3] = 0  # an all-zero channel
    q, scale = quantize_symmetric(w, axis=1)
    assert q.dtype == np.int8 and scale.shape == (5,)
    assert np.abs(q).max() <= 127 and np.all(np.abs(q[:, [0, 1, 2, 4]]).max(axis=0) == 127)
    assert np.all(q[:, 3] == 0) and scale[3] == 1.0
    assert np.all(np.abs(q * scale - w) <= scale / 2 + 1e-7)
    q1, scale1 = quantize_symmetric(w, axis=None)
    assert np.all(scale1 == scale1[0]) and scale1[0] == np.float32(np.abs(w).max() / 127)
    assert np.all(np.abs(q1 * scale1 - w) <= scale1 / 2 + 1e-7)


def test_bert_tied_legacy_names_and_extra_heads():
    _export_and_compare(make_bert, 1, True, "gelu", True)


def test_bert_untied_gelu_tanh():
    _export_and_compare(make_bert, 2, False, "gelu_new", False)


def test_distilbert_tied():
    _export_and_compare(make_distilbert, 3, True, "gelu")


def test_distilbert_untied_relu():
    _export_and_compare(make_distilbert, 4, False, "relu", int8=False)


def test_int8_per_tensor():
    with tempfile.TemporaryDirectory() as tmp:
        ck, out = Path(tmp) / "ck", Path(tmp) / "out"
        ck.mkdir()
        make_bert(ck, 8, True, "gelu", False)
        argv = ["--checkpoint", str(ck), "--out", str(out), "--int8", "--per-tensor"]
        assert export_model.main(argv) == 0
        assert json.loads((out / "spork-model.json").read_text())["int8_per_channel"] is False
        scales = [i for i in onnx.load(str(out / "model.int8.onnx")).graph.initializer
                  if i.name == "vocabulary_scale"]
        values = onnx.numpy_helper.to_array(scales[0])
        assert values.shape == (VOCAB,) and np.all(values == values[0])


def test_balanced_windows():
    from evaluate_scifact import balanced_windows

    tokens = list(range(1000))
    assert balanced_windows(tokens[:510], 510, 32) == [tokens[:510]]
    windows = balanced_windows(tokens, 510, 32)
    assert len(windows) == 3 and len({len(w) for w in windows}) == 1
    assert windows[0][0] == 0 and windows[-1][-1] == 999 and len(windows[0]) <= 510
    for a, b in zip(windows, windows[1:]):
        assert a[-1] - b[0] + 1 >= 32  # consecutive windows share at least the stride
    assert balanced_windows([], 510, 32) == [[]]


def test_unknown_tensor_is_refused():
    with tempfile.TemporaryDirectory() as tmp:
        ck = Path(tmp)
        make_bert(ck, 5, True, "gelu", False)
        from safetensors.numpy import load_file
        w = load_file(str(ck / "model.safetensors"))
        w["bert.encoder.layer.0.attention.self.rotary.weight"] = np.zeros(3, np.float32)
        save_file(w, str(ck / "model.safetensors"))
        assert export_model.main(["--checkpoint", str(ck), "--out", str(ck / "o")]) == 1


def test_max_length_beyond_positions_is_refused():
    with tempfile.TemporaryDirectory() as tmp:
        ck = Path(tmp)
        make_bert(ck, 6, True, "gelu", False)
        argv = ["--checkpoint", str(ck), "--out", str(ck / "o"), "--max-length", "512"]
        assert export_model.main(argv) == 1


if __name__ == "__main__":
    tests = [(n, f) for n, f in sorted(globals().items()) if n.startswith("test_")]
    failed = 0
    for name, fn in tests:
        print(name)
        try:
            fn()
        except Exception as e:  # report every test, then fail overall
            failed += 1
            print(f"  FAILED: {type(e).__name__}: {e}")
    print(f"{len(tests) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
