/** Typed configs and records: copying a record with changed components ({@link dev.verdict.config.Records}). */
package dev.verdict.config;
