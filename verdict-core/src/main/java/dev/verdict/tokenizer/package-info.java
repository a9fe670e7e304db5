/**
 * Tokenizers (Hugging Face tokenizer.json), the Qwen chat template and its special tokens.
 */
package dev.verdict.tokenizer;
