"""What the engine must know about the tokenizer, and the longest sequence to feed."""

from __future__ import annotations

import json
from pathlib import Path

from checkpoint import read_json
from network import ExportError, Network


def tokenizer_facts(checkpoint: Path) -> dict:
    from tokenizers import Tokenizer

    tok_path = checkpoint / "tokenizer.json"
    if not tok_path.is_file():
        raise ExportError(f"no tokenizer.json in {checkpoint}")
    tokenizer = Tokenizer.from_file(str(tok_path))
    tok_json = json.loads(tok_path.read_text(encoding="utf-8"))
    tok_config = read_json(checkpoint / "tokenizer_config.json")

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


def choose_max_length(requested: int | None, net: Network, checkpoint: Path) -> int:
    limit = net.max_positions
    if requested is not None:
        if requested > limit:
            raise ExportError(f"--max-length {requested} exceeds the model's "
                              f"{limit} position embeddings")
        return requested
    # tokenizer_config's model_max_length is the trained limit when it is set;
    # transformers writes a huge sentinel (1e30) when it is not.
    configured = read_json(checkpoint / "tokenizer_config.json").get("model_max_length")
    if isinstance(configured, (int, float)) and 0 < configured <= limit:
        return int(configured)
    return limit


