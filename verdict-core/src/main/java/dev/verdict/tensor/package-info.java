/**
 * The libtorch facade: tensors from and to Java arrays, dtypes and devices, scopes that free temporaries,
 * safetensors files.
 */
package dev.verdict.tensor;
