package dev.verdict.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits one OpenRLHF {@code /get_reward} item into the question, its images and the response to score.
 *
 * <ul>
 *   <li>Response: the text after the last {@code <|im_start|>assistant} line of the query (the decoded prompt plus
 *       rollout, special tokens kept); without that marker, the query minus the prompt when the query starts with
 *       it, else the whole query. {@code <|im_end|>} and {@code <|endoftext|>} are removed and the text trimmed.
 *   <li>Question and images: from the prompt when one is given: a JSON chat (an array of {@code {role, content}}
 *       or an object with {@code messages}: the last user turn's text parts, and its {@code image} / {@code
 *       image_url} parts as images), a chatml string (its last user turn), or plain text (the question itself).
 *       Without a prompt, the query's last user turn, with vision tokens removed.
 * </ul>
 *
 * @param question the question the response answers
 * @param response the response to score
 * @param images image references from the prompt (data URLs, base64, paths or URLs)
 */
record QuerySplit(String question, String response, List<String> images) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ASSISTANT = "<|im_start|>assistant";
    private static final String USER = "<|im_start|>user";
    private static final String END = "<|im_end|>";
    private static final Pattern VISION = Pattern.compile("<\\|vision_start\\|>.*?<\\|vision_end\\|>", Pattern.DOTALL);

    /** Splits {@code query} (with {@code prompt}, or null); errors name {@code field}. */
    static QuerySplit of(String query, String prompt, String field) {
        String response = response(query, prompt);
        if (prompt != null && !prompt.isBlank()) {
            String p = prompt.strip();
            if (p.startsWith("[") || p.startsWith("{")) {
                QuerySplit fromJson = fromJson(p, response);
                if (fromJson != null) {
                    return fromJson;
                }
            }
            String chat = lastUserTurn(p, p.length());
            return new QuerySplit(chat != null ? chat : p, response, List.of());
        }
        int assistant = query.lastIndexOf(ASSISTANT);
        String question = lastUserTurn(query, assistant < 0 ? query.length() : assistant);
        if (question == null) {
            throw ApiException.badRequest(
                    field, "cannot find the question in the query (no <|im_start|>user turn): send 'prompts' too");
        }
        return new QuerySplit(question, response, List.of());
    }

    static String response(String query, String prompt) {
        int at = query.lastIndexOf(ASSISTANT);
        String r;
        if (at >= 0) {
            int nl = query.indexOf('\n', at);
            r = nl < 0 ? query.substring(at + ASSISTANT.length()) : query.substring(nl + 1);
        } else if (prompt != null && !prompt.isEmpty() && query.startsWith(prompt)) {
            r = query.substring(prompt.length());
        } else {
            r = query;
        }
        return r.replace(END, "").replace("<|endoftext|>", "").strip();
    }

    /** The text of the last user turn that starts before {@code limit}, vision tokens removed; null if none. */
    private static String lastUserTurn(String text, int limit) {
        int at = text.lastIndexOf(USER, limit);
        if (at < 0) {
            return null;
        }
        int nl = text.indexOf('\n', at);
        int start = nl < 0 ? at + USER.length() : nl + 1;
        int end = text.indexOf(END, start);
        String turn = text.substring(start, end < 0 ? Math.max(start, limit) : end);
        return VISION.matcher(turn).replaceAll("").replace("<|image_pad|>", "").strip();
    }

    private static QuerySplit fromJson(String prompt, String response) {
        JsonNode root;
        try {
            root = JSON.readTree(prompt);
        } catch (JsonProcessingException e) {
            return null;
        }
        JsonNode messages = root.isObject() ? root.get("messages") : root;
        if (messages == null || !messages.isArray()) {
            return null;
        }
        JsonNode user = null;
        for (JsonNode m : messages) {
            if (m.isObject() && "user".equals(m.path("role").asText())) {
                user = m;
            }
        }
        if (user == null) {
            return null;
        }
        JsonNode content = user.get("content");
        if (content != null && content.isTextual()) {
            return new QuerySplit(content.textValue().strip(), response, List.of());
        }
        List<String> texts = new ArrayList<>();
        List<String> images = new ArrayList<>();
        if (content != null && content.isArray()) {
            for (JsonNode part : content) {
                String type = part.path("type").asText();
                if (type.equals("text")) {
                    texts.add(part.path("text").asText());
                } else if (type.equals("image") && part.path("image").isTextual()) {
                    images.add(part.path("image").textValue());
                } else if (type.equals("image_url")) {
                    JsonNode u = part.path("image_url");
                    images.add(u.isTextual() ? u.textValue() : u.path("url").asText());
                }
            }
        }
        return new QuerySplit(String.join("\n", texts).strip(), response, images);
    }
}
