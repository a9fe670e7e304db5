package dev.verdict.train.reward;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.openai.OpenAiTransport;
import dev.verdict.judge.openai.TransportOptions;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paper's consistency judge: an LLM behind any OpenAI-compatible {@code /v1/chat/completions} endpoint (the
 * paper serves Qwen2.5-VL-7B-Instruct with vLLM), asked the {@link ConsistencyPrompt} as one text-only user
 * message at temperature 0.1 with {@code max_tokens} 4096 ({@code spec/r1-reward.md} §3.4).
 *
 * <p>Two kinds of retry, kept apart:
 *
 * <ul>
 *   <li><b>transport</b>: HTTP 429, 5xx, timeouts and connection errors are retried up to {@code maxRetries}
 *       times with exponential backoff (doubling from {@code initialBackoff}, capped at {@code maxBackoff}).
 *       When they are exhausted, or on any other status or a reply without {@code choices[0].message.content},
 *       a {@link ConsistencyJudgeException} is thrown: the sample must be excluded, never scored (the shared
 *       {@link OpenAiTransport}, which also honours a numeric {@code Retry-After}).
 *   <li><b>unreadable reply</b>: the question is asked again, up to {@code attempts} (3) times in all; after
 *       that the finding is {@link Consistency#UNDETERMINED}, as in the reference.
 * </ul>
 *
 * Without a model name the first id listed by {@code GET {baseUrl}/models} is used (the reference's behaviour),
 * looked up once. Departures: the base URL is configuration (hard-coded in the reference) and failures are
 * typed exceptions rather than a silent value. Thread-safe; one instance can serve many concurrent calls.
 */
public final class OpenAiConsistencyJudge implements ConsistencyJudge, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiConsistencyJudge.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final double temperature;
    private final int maxTokens;
    private final int attempts;
    private final OpenAiTransport transport;
    private volatile String model;

    private OpenAiConsistencyJudge(Builder b) {
        String u = Objects.requireNonNull(b.baseUrl(), "baseUrl").strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        this.baseUrl = u;
        this.model = b.model(); // null: the first of GET /models
        this.temperature = b.temperature;
        this.maxTokens = b.maxTokens;
        this.attempts = b.attempts;
        this.transport = new OpenAiTransport(b.transportSettings(), ConsistencyJudgeException::new);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "openai-consistency:" + (model == null ? "?" : model);
    }

    @Override
    public Consistency judge(PairExample pair, String response) {
        String body = requestBody(ConsistencyPrompt.render(response));
        for (int i = 0; i < attempts; i++) {
            URI completions = URI.create(baseUrl + "/chat/completions");
            Optional<Consistency> c = ConsistencyPrompt.parseReply(
                    transport.messageContent(completions, transport.send(completions, body)));
            if (c.isPresent()) {
                return c.get();
            }
            LOG.debug("unreadable consistency reply for {} (attempt {}/{})", pair.id(), i + 1, attempts);
        }
        return Consistency.UNDETERMINED;
    }

    /** The model requests go to (looked up from {@code /models} when none was configured). */
    public String model() {
        String m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    URI models = URI.create(baseUrl + "/models");
                    JsonNode id = transport
                            .parse(models, transport.send(models, null))
                            .path("data")
                            .path(0)
                            .path("id");
                    if (!id.isTextual()) {
                        throw new ConsistencyJudgeException("GET " + baseUrl + "/models lists no model id");
                    }
                    model = id.asText();
                }
                m = model;
            }
        }
        return m;
    }

    @Override
    public void close() {
        transport.close();
    }

    String requestBody(String prompt) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model());
        ObjectNode user = body.putArray("messages").addObject();
        user.put("role", "user");
        user.put("content", prompt);
        body.put("temperature", temperature);
        body.put("max_tokens", maxTokens);
        body.put("stream", false);
        return body.toString();
    }

    /** Builder; only {@code baseUrl} ({@code http://host:8000/v1}) is required; without a model, the first of {@code GET /models}. */
    public static final class Builder extends TransportOptions<Builder> {
        private double temperature = 0.1;
        private int maxTokens = 4096;
        private int attempts = 3;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /** Sampling temperature (default 0.1, as the reference). */
        public Builder temperature(double t) {
            this.temperature = t;
            return this;
        }

        public Builder maxTokens(int n) {
            this.maxTokens = n;
            return this;
        }

        /** Questions per sample when replies are unreadable (default 3, as the reference). */
        public Builder attempts(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("attempts must be >= 1, got " + n);
            }
            this.attempts = n;
            return this;
        }

        public OpenAiConsistencyJudge build() {
            return new OpenAiConsistencyJudge(this);
        }
    }
}
