"""Write a PEFT LoRA adapter as a llama.cpp LoRA GGUF, with the PyPI ``gguf`` package.

What llama.cpp checks on load: ``general.type = adapter``, ``general.architecture`` equal to the base
model's, ``adapter.type = lora``, ``adapter.lora.alpha`` (missing means a silent scale of 1 instead of
alpha/r), and tensors named ``<base tensor>.lora_a`` / ``.lora_b`` with PEFT's shapes (A: r×in, B: out×r).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

_PEFT_KEY = re.compile(r"^(?:base_model\.model\.)?(?P<module>.+)\.lora_(?P<ab>[AB])(?:\.default)?\.weight$")


def base_architecture(base_gguf: str | Path) -> tuple[str, int]:
    """``general.architecture`` and the block count of a base GGUF."""
    import gguf

    reader = gguf.GGUFReader(str(base_gguf))
    arch = _field(reader, "general.architecture")
    return arch, int(_field(reader, f"{arch}.block_count"))


def gguf_tensor_names(state: Mapping[str, np.ndarray], arch: str, n_layers: int) -> dict[str, str]:
    """PEFT keys → GGUF names, e.g. ``...layers.3.self_attn.q_proj.lora_A.weight`` → ``blk.3.attn_q.weight.lora_a``."""
    import gguf

    arch_id = next((k for k, v in gguf.MODEL_ARCH_NAMES.items() if v == arch), None)
    if arch_id is None:
        raise ValueError(f"the gguf package does not know architecture {arch!r}")
    name_map = gguf.get_tensor_name_map(arch_id, n_layers)
    names = {}
    for key in state:
        m = _PEFT_KEY.match(key)
        if not m:
            raise ValueError(f"not a LoRA weight: {key}")
        module = m.group("module")
        if module.endswith(("embed_tokens", "lm_head")):
            raise ValueError(f"{key}: adapters on embeddings or lm_head are not supported by llama.cpp")
        base = name_map.get_name(module)
        if base is None:
            raise ValueError(f"no GGUF tensor for {module}.weight in architecture {arch}")
        names[key] = f"{base}.weight.lora_{m.group('ab').lower()}"
    return names


def write_lora_gguf(state: Mapping[str, np.ndarray], *, alpha: float, base_gguf: str | Path, out: str | Path,
                    metadata: Mapping[str, str] | None = None) -> Path:
    """Write ``state`` (PEFT adapter tensors as float32 numpy arrays) as a llama.cpp LoRA adapter."""
    arch, n_layers = base_architecture(base_gguf)
    names = gguf_tensor_names(state, arch, n_layers)
    with _writing(out, arch) as writer:
        writer.add_string("general.type", "adapter")
        writer.add_string("adapter.type", "lora")
        writer.add_float32("adapter.lora.alpha", float(alpha))
        writer.add_string("general.name", "act-lora")
        for key, value in (metadata or {}).items():
            writer.add_string(f"act.{key}", value)
        for key in sorted(state):
            writer.add_tensor(names[key], np.ascontiguousarray(state[key], dtype=np.float32))
    return Path(out)


@contextmanager
def _writing(out: str | Path, arch: str) -> Iterator:
    """A GGUFWriter whose file appears at ``out`` only once it is whole (a crash leaves a .partial behind)."""
    import gguf

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".gguf.partial")
    writer = gguf.GGUFWriter(str(tmp), arch)
    try:
        yield writer
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_tensors_to_file()
    finally:
        writer.close()
    tmp.replace(out)


def export_peft_dir(adapter_dir: str | Path, base_gguf: str | Path, out: str | Path) -> Path:
    """Convert a saved PEFT directory (adapter_config.json + adapter_model.safetensors)."""
    from safetensors.numpy import load_file

    adapter_dir = Path(adapter_dir)
    config = json.loads((adapter_dir / "adapter_config.json").read_text())
    state = load_file(str(adapter_dir / "adapter_model.safetensors"))
    state = {k: v.astype(np.float32) for k, v in state.items()}
    return write_lora_gguf(state, alpha=config["lora_alpha"], base_gguf=base_gguf, out=out,
                           metadata={"rank": str(config["r"])})


def read_lora_gguf(adapter_gguf: str | Path, keys: Sequence[str], n_layers: int) -> dict[str, np.ndarray]:
    """The PEFT tensors named ``keys`` (a fresh peft model's state-dict keys) from a llama.cpp LoRA GGUF: the inverse
    of ``write_lora_gguf``, so training can go on from an adapter that ships only as GGUF."""
    reader = _lora_reader(adapter_gguf)
    tensors = {t.name: t for t in reader.tensors}
    names = gguf_tensor_names(dict.fromkeys(keys), _field(reader, "general.architecture"), n_layers)
    if missing := [n for n in names.values() if n not in tensors]:
        raise ValueError(f"{adapter_gguf} lacks {len(missing)} of the adapter's tensors, e.g. {missing[0]} "
                         "(another rank, model or set of target modules)")
    return {key: np.array(tensors[name].data, dtype=np.float32) for key, name in names.items()}


def lora_gguf_settings(adapter_gguf: str | Path) -> tuple[int, float]:
    """A LoRA GGUF's rank (the rows of its A matrices) and alpha."""
    reader = _lora_reader(adapter_gguf)
    a = next((t for t in reader.tensors if t.name.endswith(".lora_a")), None)
    if a is None:
        raise ValueError(f"{adapter_gguf} holds no LoRA tensors")
    return int(a.data.shape[0]), float(_field(reader, "adapter.lora.alpha"))


def merge_lora_gguf(base_gguf: str | Path, adapter_gguf: str | Path, out: str | Path) -> Path:
    """Fold a LoRA adapter into a copy of its base model, for serving without the adapter's extra work.

    llama.cpp applies an adapter as two extra matrix products per adapted weight on every token; on a 2-core CPU
    that cost 18% of decode speed for a rank-16 adapter on all projections (benchmarks/adapter_bench.py). Adapted
    weights are dequantized, W + alpha/r·B·A is added, and the sum is stored as Q8_0: re-quantizing to the base's
    own Q5_0 grid snaps almost every weight back to its old value (the update is ~0.5% of a weight, under
    half a Q5_0 step), while Q8_0 keeps it and decodes as fast here: on four bench prompts the merged model's
    next-token logits lie at 17% of the adapter's own distance from the model's (an F16 merge: 15%). Every other
    tensor and all metadata are copied unchanged.
    """
    import gguf

    base, adapter = gguf.GGUFReader(str(base_gguf)), _lora_reader(adapter_gguf)
    arch = _field(base, "general.architecture")
    if _field(adapter, "general.architecture") != arch:
        raise ValueError(f"{adapter_gguf} is for {_field(adapter, 'general.architecture')}, the base is {arch}")
    lora = {t.name: np.asarray(t.data, dtype=np.float32) for t in adapter.tensors}
    alpha = float(_field(adapter, "adapter.lora.alpha"))
    adapted = {name.rsplit(".", 1)[0] for name in lora}
    if missing := adapted - {t.name for t in base.tensors}:
        raise ValueError(f"{adapter_gguf} adapts tensors {base_gguf} does not have: {sorted(missing)[:3]}")
    with _writing(out, arch) as writer:
        for f in base.fields.values():
            if not f.name.startswith("GGUF.") and f.name != "general.architecture":
                writer.add_key_value(f.name, f.contents(), f.types[0], f.types[1] if len(f.types) > 1 else None)
        writer.add_string("act.merged_adapter", Path(adapter_gguf).name)
        for tensor in base.tensors:
            if tensor.name not in adapted:
                writer.add_tensor(tensor.name, tensor.data, raw_dtype=tensor.tensor_type)
                continue
            a, b = lora[f"{tensor.name}.lora_a"], lora[f"{tensor.name}.lora_b"]
            weight = gguf.quants.dequantize(tensor.data, tensor.tensor_type).astype(np.float32)
            weight += (alpha / a.shape[0]) * (b @ a)
            writer.add_tensor(tensor.name, gguf.quants.quantize(weight, gguf.GGMLQuantizationType.Q8_0),
                              raw_dtype=gguf.GGMLQuantizationType.Q8_0)
    return Path(out)


def _reader(path: str | Path):
    """A GGUFReader, or a ValueError that names the file (the reader's own says only "GGUF magic invalid")."""
    import gguf

    try:
        return gguf.GGUFReader(str(path))
    except (ValueError, OSError) as exc:
        raise ValueError(f"{path}: not a readable GGUF file ({exc})") from None


def _lora_reader(path: str | Path):
    """``_reader`` for a file that must be a llama.cpp LoRA adapter."""
    reader = _reader(path)
    if _field(reader, "general.type") != "adapter" or _field(reader, "adapter.type") != "lora":
        raise ValueError(f"{path} is not a LoRA adapter GGUF")
    return reader


def _field(reader, name: str):
    field = reader.fields.get(name)
    return field.contents() if field is not None else None
