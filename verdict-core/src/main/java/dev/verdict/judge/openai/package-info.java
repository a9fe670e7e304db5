/**
 * A judge behind any OpenAI-compatible chat-completions endpoint ({@link dev.verdict.judge.openai.OpenAiJudge}) and
 * the HTTP transport it shares with other OpenAI clients: retries, backoff, timeouts and keys ({@link
 * dev.verdict.judge.openai.OpenAiTransport}, {@link dev.verdict.judge.openai.TransportOptions}).
 */
package dev.verdict.judge.openai;
