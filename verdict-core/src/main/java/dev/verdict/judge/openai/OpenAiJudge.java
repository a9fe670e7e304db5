package dev.verdict.judge.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.judge.ImageRef;
import dev.verdict.judge.JudgeException;
import dev.verdict.judge.JudgeOptions;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.SamplingJudge;
import dev.verdict.judge.prompt.R1RewardPrompt;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
 * exhausted retries throw a {@link JudgeException} naming the URL and the status (the {@link OpenAiTransport}).
 */
public final class OpenAiJudge extends SamplingJudge {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String model;
    private final boolean requireImages;
    private final OpenAiTransport transport;

    private OpenAiJudge(Builder b) {
        this.endpoint = endpointOf(Objects.requireNonNull(b.baseUrl(), "baseUrl"));
        this.model = Objects.requireNonNull(b.model(), "model");
        this.requireImages = b.requireImages;
        this.transport = new OpenAiTransport(b.transportSettings(), JudgeException::new);
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
        transport.close();
    }

    @Override
    protected List<String> sample(PairExample presented, JudgeOptions options) {
        if (requireImages && !presented.hasImages()) {
            throw new JudgeException("item " + presented.id() + " has no image, and " + name()
                    + " requires one (build it with requireImages(false) for text-only judging)");
        }
        List<String> out = new ArrayList<>(options.votes());
        for (int i = 0; i < options.votes(); i++) {
            out.add(transport.messageContent(endpoint, transport.send(endpoint, requestBody(presented, options, i))));
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

    /**
     * Builder; {@code baseUrl} (e.g. {@code http://gpu-box:8000/v1}, with or without {@code /chat/completions}) and
     * {@code model} are required.
     */
    public static final class Builder extends TransportOptions<Builder> {
        private boolean requireImages = true;

        private Builder() {}

        @Override
        protected Builder self() {
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
    }
}
