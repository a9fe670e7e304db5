/**
 * The training configs' mechanism: typed records with {@link dev.verdict.train.config.Doc} per field, resolved from
 * defaults, a YAML recipe and --set overrides, printed and saved with every run.
 */
package dev.verdict.train.config;
