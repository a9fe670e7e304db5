/**
 * Images: decoding with limits checked first, the Qwen2.5-VL image processor (smart resize, Pillow-exact bicubic,
 * patches) and its config.
 */
package dev.verdict.image;
