/**
 * The Qwen2.5-VL model family: configs and presets, the text decoder with M-RoPE, the vision tower with window
 * attention, KV caches, Hugging Face checkpoints.
 */
package dev.verdict.model;
