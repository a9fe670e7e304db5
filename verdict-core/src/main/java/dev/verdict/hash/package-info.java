/** Content digests: one SHA-256 helper for data provenance, config hashes and cache keys. */
package dev.verdict.hash;
