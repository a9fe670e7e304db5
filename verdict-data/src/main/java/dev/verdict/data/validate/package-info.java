/**
 * {@code verdict data validate}: every record readable, texts present, images readable and within limits, ids not
 * duplicated, with a summary of labels, categories and prompt lengths.
 */
package dev.verdict.data.validate;
