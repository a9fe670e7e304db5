#!/usr/bin/env python3
"""Golden tensors for verdict's transformers parity test (verdict-core: dev.verdict.model.HfParityTest).

    python3 qwen2_5_vl_golden.py FIXTURE_DIR OUT.safetensors

FIXTURE_DIR is what the test fixture writes (dev.verdict.model.ReferenceFixture run as a main class, e.g. after
`./mvnw -pl verdict-core test-compile`: java -cp verdict-core/target/test-classes:verdict-core/target/classes:DEPS
dev.verdict.model.ReferenceFixture FIXTURE_DIR, DEPS from `./mvnw -pl verdict-core dependency:build-classpath`):
config.json, model.safetensors, preprocessor_config.json, image.png and inputs.json. This script runs Hugging Face
transformers' Qwen2.5-VL on it on the CPU with eager attention and writes, as float32 / int64 safetensors:

  pixel_values    [patches, 1176]  the image processor's output for image.png (PIL backend where there is a choice)
  image_grid_thw  [1, 3]
  input_ids       [2, S]           from inputs.json (row 1 is left-padded)
  attention_mask  [2, S]
  image_embeds    [tokens, D]      the decoder's input embeddings at the image-pad positions (the vision tower's output)
  logits          [2, S, V]        float32 weights and activations
  logits_bf16     [2, S, V]        the same model cast to bfloat16 (logits cast back to float32)
  position_ids    [3, 2, S]        the multimodal rotary positions (transformers writes 1 at padded positions)

The header's metadata records the library versions and the image processor class. Needs torch, transformers,
safetensors and Pillow; no network.
"""
import inspect
import json
import sys

import PIL
import torch
import transformers
from PIL import Image
from safetensors.torch import save_file
from transformers import AutoImageProcessor, Qwen2_5_VLForConditionalGeneration


def image_processor(fixture):
    """The PIL image processor: transformers 5 selects it by backend, 4.x by use_fast=False."""
    errors = []
    for kwargs in ({"backend": "pil"}, {"use_fast": False}):
        try:
            proc = AutoImageProcessor.from_pretrained(fixture, **kwargs)
            return proc, kwargs
        except Exception as e:  # an unknown keyword on this version: try the other spelling
            errors.append(f"{kwargs}: {e}")
    raise SystemExit("no image processor could be made: " + "; ".join(errors))


def load_model(fixture):
    try:
        model, info = Qwen2_5_VLForConditionalGeneration.from_pretrained(
            fixture, dtype=torch.float32, attn_implementation="eager", output_loading_info=True)
    except TypeError:
        model, info = Qwen2_5_VLForConditionalGeneration.from_pretrained(
            fixture, torch_dtype=torch.float32, attn_implementation="eager", output_loading_info=True)
    bad = {k: v for k, v in info.items() if v and k in ("missing_keys", "unexpected_keys", "mismatched_keys")}
    if bad:
        raise SystemExit(f"the fixture's weights do not load cleanly: {bad}")
    return model.eval()


def decoder_input_hook(model):
    """Captures the first text decoder layer's input: the embeddings with the image features spliced in."""
    layer0 = next(m for n, m in model.named_modules() if n.endswith("layers.0") and "visual" not in n)
    captured = {}

    def hook(module, args, kwargs):
        h = args[0] if args else kwargs["hidden_states"]
        captured.setdefault("h", h.detach().float().clone())

    layer0.register_forward_pre_hook(hook, with_kwargs=True)
    return captured


def modality_kwargs(ids, image_token):
    """transformers 5 computes the multimodal rotary positions only when it is told which tokens are image tokens
    (its processor returns mm_token_type_ids: 0 text, 1 image); without them it falls back to 1-D positions."""
    params = inspect.signature(Qwen2_5_VLForConditionalGeneration.forward).parameters
    return {"mm_token_type_ids": (ids == image_token).int()} if "mm_token_type_ids" in params else {}


def rope_positions(model, ids, grid, mask, extra):
    inner = getattr(model, "model", model)
    pos, _ = inner.get_rope_index(input_ids=ids, image_grid_thw=grid, attention_mask=mask, **extra)
    return pos


def main():
    fixture, out = sys.argv[1], sys.argv[2]
    torch.manual_seed(0)
    proc, proc_kwargs = image_processor(fixture)
    image = Image.open(f"{fixture}/image.png").convert("RGB")
    processed = proc(images=[image], return_tensors="pt")
    pixels = processed["pixel_values"].float()
    grid = processed["image_grid_thw"].long()

    inputs = json.load(open(f"{fixture}/inputs.json"))
    ids = torch.tensor(inputs["input_ids"], dtype=torch.long)
    mask = torch.tensor(inputs["attention_mask"], dtype=torch.long)

    model = load_model(fixture)
    image_token = model.config.image_token_id
    captured = decoder_input_hook(model)
    batch = dict(input_ids=ids, attention_mask=mask, pixel_values=pixels, image_grid_thw=grid)
    extra = modality_kwargs(ids, image_token)
    with torch.no_grad():
        logits = model(**batch, **extra).logits.float()
        image_embeds = captured["h"][ids == image_token]
        positions = rope_positions(model, ids, grid, mask, extra)
        logits_bf16 = model.to(torch.bfloat16)(**batch, **extra).logits.float()

    tensors = {
        "pixel_values": pixels.contiguous(),
        "image_grid_thw": grid.contiguous(),
        "input_ids": ids,
        "attention_mask": mask,
        "image_embeds": image_embeds.contiguous(),
        "logits": logits.contiguous(),
        "logits_bf16": logits_bf16.contiguous(),
        "position_ids": positions.long().contiguous(),
    }
    metadata = {
        "transformers": transformers.__version__,
        "torch": torch.__version__,
        "pillow": PIL.__version__,
        "image_processor": type(proc).__name__,
        "image_processor_kwargs": json.dumps(proc_kwargs),
        "image_processor_backend": str(getattr(proc, "backend", "")),
        "attention": "eager",
        "device": "cpu",
    }
    save_file(tensors, out, metadata=metadata)
    for k, v in tensors.items():
        print(f"{k}: {tuple(v.shape)} {v.dtype}")
    print(json.dumps(metadata, indent=1))


if __name__ == "__main__":
    main()
