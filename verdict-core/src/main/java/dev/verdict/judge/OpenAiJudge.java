package dev.verdict.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A judge behind any OpenAI-compatible {@code POST /v1/chat/completions} endpoint (vLLM, SGLang, Ollama, a hosted
 * API, {@code verdict serve}).
 *
 * <p>Each of the K votes is one request: a single user message whose content parts are the images (as base64
 * {@code data:} URLs, in order) followed by the R1-Reward prompt text; {@code temperature}, {@code top_p},
 * {@code max_tokens} and {@code seed} (the options' seed plus the vote index) come from {@link JudgeOptions}.
 *
 * <p>Failures are never verdicts. HTTP 429, 5xx, timeouts and connection errors are retried up to {@code
 * maxRetries} times with exponential backoff (doubling from {@code initialBackoff}, capped at {@code maxBackoff};
 * a {@code Retry-After} in seconds is honoured up to the cap); any other status, a reply without a message, or
 * exhausted retries throw a {@link JudgeException} naming the URL and the status.
 */
public final class OpenAiJudge extends SamplingJudge {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiJudge.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BODY_EXCERPT = 300;

    private final URI endpoint;
    private final String model;
    private final String apiKey;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final boolean requireImages;
    private final HttpClient http;

    private OpenAiJudge(Builder b) {
        this.endpoint = endpointOf(Objects.requireNonNull(b.baseUrl, "baseUrl"));
        this.model = Objects.requireNonNull(b.model, "model");
        this.apiKey = b.apiKey != null ? b.apiKey : (b.apiKeyEnv == null ? null : System.getenv(b.apiKeyEnv));
        this.requestTimeout = b.requestTimeout;
        this.maxRetries = b.maxRetries;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.requireImages = b.requireImages;
        this.http = HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The full completions URL requests go to. */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String name() {
        return "openai:" + model;
    }

    /** Releases the HTTP client's connections and threads. */
    @Override
    public void close() {
        http.close();
    }

    @Override
    protected List<String> sample(PairExample presented, JudgeOptions options) {
        if (requireImages && !presented.hasImages()) {
            throw new JudgeException("item " + presented.id() + " has no image, and " + name()
                    + " requires one (build it with requireImages(false) for text-only judging)");
        }
        List<String> out = new ArrayList<>(options.votes());
        for (int i = 0; i < options.votes(); i++) {
            out.add(complete(requestBody(presented, options, i)));
        }
        return out;
    }

    /** The JSON request body for vote {@code index}; package-visible for tests. */
    String requestBody(PairExample presented, JudgeOptions options, int index) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        ObjectNode user = messages.addObject();
        user.put("role", "user");
        ArrayNode content = user.putArray("content");
        for (ImageRef image : presented.images()) {
            String url;
            try {
                url = image.toDataUrl();
            } catch (RuntimeException e) {
                throw new JudgeException(
                        "item " + presented.id() + ": cannot read image " + image.describe() + ": " + e.getMessage(),
                        e);
            }
            ObjectNode part = content.addObject();
            part.put("type", "image_url");
            part.putObject("image_url").put("url", url);
        }
        ObjectNode text = content.addObject();
        text.put("type", "text");
        text.put("text", R1RewardPrompt.render(presented));
        body.put("temperature", options.temperature());
        body.put("top_p", options.topP());
        body.put("max_tokens", options.maxTokens());
        body.put("seed", options.seed() + index);
        return body.toString();
    }

    private String complete(String body) {
        String lastProblem = "no attempt";
        String retryAfter = null;
        for (int attempt = 0; attempt <= maxRetries; attempt++) {
            if (attempt > 0) {
                pause(attempt, lastProblem, retryAfter);
                retryAfter = null;
            }
            HttpResponse<String> response;
            try {
                response = http.send(request(body), HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                lastProblem = "timed out after " + requestTimeout.toMillis() + " ms";
                continue;
            } catch (IOException e) {
                lastProblem = "connection error: " + e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JudgeException("interrupted while calling " + endpoint, e);
            }
            int status = response.statusCode();
            if (status == 200) {
                return contentOf(response.body());
            }
            lastProblem = "HTTP " + status + ": " + excerpt(response.body());
            if (status != 429 && status < 500) {
                throw new JudgeException("POST " + endpoint + " failed with " + lastProblem);
            }
            retryAfter = response.headers().firstValue("Retry-After").orElse(null);
        }
        throw new JudgeException(
                "POST " + endpoint + " failed after " + (maxRetries + 1) + " attempts; last: " + lastProblem);
    }

    private HttpRequest request(String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null && !apiKey.isEmpty()) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return b.build();
    }

    private void pause(int attempt, String problem, String retryAfter) {
        long millis = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
        if (retryAfter != null) {
            try {
                millis = Math.min(maxBackoff.toMillis(), Long.parseLong(retryAfter.trim()) * 1000);
            } catch (NumberFormatException ignored) {
                // an HTTP-date Retry-After: keep the exponential delay
            }
        }
        LOG.warn("{} ({}); retry {}/{} in {} ms", endpoint, problem, attempt, maxRetries, millis);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JudgeException("interrupted while waiting to retry " + endpoint, e);
        }
    }

    private String contentOf(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new JudgeException("POST " + endpoint + " returned HTTP 200 with invalid JSON: " + excerpt(body), e);
        }
        JsonNode content = root.path("choices").path(0).path("message").path("content");
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            content.forEach(part -> sb.append(part.path("text").asText("")));
            return sb.toString();
        }
        throw new JudgeException(
                "POST " + endpoint + " returned HTTP 200 without choices[0].message.content: " + excerpt(body));
    }

    private static String excerpt(String body) {
        String b = body == null ? "" : body.strip();
        return b.length() <= BODY_EXCERPT ? b : b.substring(0, BODY_EXCERPT) + "...";
    }

    private static URI endpointOf(String baseUrl) {
        String b = baseUrl.strip();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        if (!b.endsWith("/chat/completions")) {
            b = b + "/chat/completions";
        }
        try {
            URI uri = URI.create(b);
            if (uri.getScheme() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("base URL must be http(s): " + baseUrl);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid base URL '" + baseUrl + "': " + e.getMessage(), e);
        }
    }

    /** Builder; {@code baseUrl} (e.g. {@code http://gpu-box:8000/v1}) and {@code model} are required. */
    public static final class Builder {
        private String baseUrl;
        private String model;
        private String apiKey;
        private String apiKeyEnv = "OPENAI_API_KEY";
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(180);
        private int maxRetries = 3;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(20);
        private boolean requireImages = true;

        private Builder() {}

        /** The API root, with or without {@code /chat/completions} ({@code http://host:8000/v1}). */
        public Builder baseUrl(String url) {
            this.baseUrl = url;
            return this;
        }

        public Builder model(String name) {
            this.model = name;
            return this;
        }

        /** An explicit API key; wins over {@link #apiKeyEnv}. */
        public Builder apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        /** The environment variable to read the key from (default {@code OPENAI_API_KEY}; null for none). */
        public Builder apiKeyEnv(String variable) {
            this.apiKeyEnv = variable;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive(d, "connectTimeout");
            return this;
        }

        /** The limit for one request, reply included (default 180 s, as the R1-Reward client). */
        public Builder requestTimeout(Duration d) {
            this.requestTimeout = positive(d, "requestTimeout");
            return this;
        }

        /** Retries after the first attempt, for 429 / 5xx / timeouts / connection errors only (default 3). */
        public Builder maxRetries(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxRetries must be >= 0, got " + n);
            }
            this.maxRetries = n;
            return this;
        }

        public Builder initialBackoff(Duration d) {
            this.initialBackoff = positive(d, "initialBackoff");
            return this;
        }

        public Builder maxBackoff(Duration d) {
            this.maxBackoff = positive(d, "maxBackoff");
            return this;
        }

        /** Whether an item without images is an error (default true: a VLM judge must see the image). */
        public Builder requireImages(boolean require) {
            this.requireImages = require;
            return this;
        }

        public OpenAiJudge build() {
            return new OpenAiJudge(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
