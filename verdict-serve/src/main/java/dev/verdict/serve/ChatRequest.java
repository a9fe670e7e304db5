package dev.verdict.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verdict.generate.SamplingParams;
import dev.verdict.tokenizer.ChatMessage;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A parsed OpenAI chat completions request: messages (content as a string or as {@code text} / {@code image_url}
 * / {@code image} parts), {@code max_tokens} or {@code max_completion_tokens}, {@code temperature} (default 1),
 * {@code top_p}, {@code seed} (random when absent), {@code stop}, {@code n} (1 only), {@code stream} and {@code
 * stream_options.include_usage}.
 *
 * @param prompt what to generate
 * @param stream whether to answer with server-sent events
 * @param includeUsage whether a streamed answer ends with a usage chunk
 */
record ChatRequest(Engine.Prompt prompt, boolean stream, boolean includeUsage) {
    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    static ChatRequest read(JsonNode body, ServeConfig config, ImageInputs images) {
        JsonNode o = RequestFields.object(body);
        JsonNode messages = o.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw ApiException.badRequest("messages", "'messages' must be a non-empty array of {role, content}");
        }
        List<ChatMessage> turns = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        List<String> refFields = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            turns.add(message(messages.get(i), "messages[" + i + "]", refs, refFields));
        }
        if (refs.size() > config.limits().maxImages()) {
            throw ApiException.tooLarge(
                    "messages",
                    refs.size() + " images given; this server takes at most "
                            + config.limits().maxImages());
        }
        List<BufferedImage> decoded = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            decoded.add(images.decode(refs.get(i), refFields.get(i)));
        }
        int maxTokens = RequestFields.integer(
                o,
                "max_completion_tokens",
                config.defaultMaxTokens(),
                1,
                config.limits().maxTokens());
        maxTokens = RequestFields.integer(
                o, "max_tokens", maxTokens, 1, config.limits().maxTokens());
        double temperature = RequestFields.number(o, "temperature", 1.0, 0, 2);
        double topP = RequestFields.number(o, "top_p", 1.0, Double.MIN_VALUE, 1);
        long seed = RequestFields.seed(o, "seed", ThreadLocalRandom.current().nextLong());
        RequestFields.integer(o, "n", 1, 1, 1);
        List<String> stop = stop(o);
        boolean stream = RequestFields.bool(o, "stream", false);
        JsonNode so = o.path("stream_options");
        boolean usage = so.isObject() && RequestFields.bool(so, "include_usage", false);
        SamplingParams params = new SamplingParams(maxTokens, temperature, topP, 0, seed, stop);
        return new ChatRequest(new Engine.Prompt(turns, decoded, params), stream, usage);
    }

    private static List<String> stop(JsonNode o) {
        JsonNode s = o.get("stop");
        if (s == null || s.isNull()) {
            return List.of();
        }
        if (s.isTextual()) {
            return List.of(s.textValue());
        }
        return RequestFields.texts(o, "stop", false);
    }

    private static ChatMessage message(JsonNode m, String field, List<String> refs, List<String> refFields) {
        if (!m.isObject()) {
            throw ApiException.badRequest(field, "'" + field + "' must be an object {role, content}");
        }
        String role = RequestFields.text(m, "role");
        if (!ROLES.contains(role)) {
            throw ApiException.badRequest(
                    field + ".role", "role must be system, user or assistant, got '" + role + "'");
        }
        JsonNode content = m.get("content");
        if (content != null && content.isTextual()) {
            return new ChatMessage(role, List.of(new ChatMessage.Text(content.textValue())));
        }
        if (content == null || !content.isArray()) {
            throw ApiException.badRequest(field + ".content", "content must be a string or an array of parts");
        }
        List<ChatMessage.Part> parts = new ArrayList<>();
        for (int k = 0; k < content.size(); k++) {
            String pf = field + ".content[" + k + "]";
            JsonNode part = content.get(k);
            String type = part.path("type").asText("");
            switch (type) {
                case "text" -> parts.add(new ChatMessage.Text(RequestFields.text(part, "text")));
                case "image_url" -> {
                    JsonNode u = part.path("image_url");
                    String url = u.isTextual() ? u.textValue() : u.path("url").asText(null);
                    if (url == null) {
                        throw ApiException.badRequest(pf + ".image_url", "image_url needs a 'url'");
                    }
                    refs.add(url);
                    refFields.add(pf + ".image_url");
                    parts.add(new ChatMessage.Image());
                }
                case "image" -> {
                    refs.add(RequestFields.text(part, "image"));
                    refFields.add(pf + ".image");
                    parts.add(new ChatMessage.Image());
                }
                default ->
                    throw ApiException.badRequest(
                            pf + ".type", "content part type must be text, image_url or image, got '" + type + "'");
            }
        }
        return new ChatMessage(role, parts);
    }
}
