package dev.verdict.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.generate.Generation;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /v1/chat/completions} (OpenAI-compatible) and {@code GET /v1/models}. Streaming ({@code stream:
 * true}) answers server-sent events: the role chunk at once, then the text in word-sized chunks once the batched
 * generation of the request has finished (the generator has no per-token callback), the finish chunk, an
 * optional usage chunk and {@code data: [DONE]}.
 */
final class ChatEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Completions completions;
    private final ImageInputs images;
    private final ServeConfig config;

    ChatEndpoint(Completions completions, ImageInputs images, ServeConfig config) {
        this.completions = completions;
        this.images = images;
        this.config = config;
    }

    static JsonNode models(String name) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("object", "list");
        ObjectNode m = root.putArray("data").addObject();
        m.put("id", name);
        m.put("object", "model");
        m.put("created", 0);
        m.put("owned_by", "verdict");
        return root;
    }

    Reply handle(JsonNode body) {
        ChatRequest req = ChatRequest.read(body, config, images);
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = System.currentTimeMillis() / 1000;
        if (req.stream()) {
            return (Reply.Streamed) (res, workDone) -> stream(res, req, id, created, workDone);
        }
        Engine.Completion c = completions.run(List.of(req.prompt())).getFirst();
        ObjectNode out = head(id, created, "chat.completion");
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", c.text());
        choice.put("finish_reason", finish(c.finish()));
        usage(out, c);
        return Reply.ok(out);
    }

    private int stream(ServerResponse res, ChatRequest req, String id, long created, Runnable workDone)
            throws IOException {
        res.status(200);
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        try (OutputStream os = res.outputStream()) {
            ObjectNode first = chunk(id, created);
            first.withArray("choices")
                    .addObject()
                    .put("index", 0)
                    .putNull("finish_reason")
                    .putObject("delta")
                    .put("role", "assistant")
                    .put("content", "");
            event(os, first);
            Engine.Completion c;
            try {
                c = completions.run(List.of(req.prompt())).getFirst();
                workDone.run();
            } catch (ApiException e) {
                workDone.run();
                ObjectNode err = JsonNodeFactory.instance.objectNode();
                err.putObject("error").put("message", e.getMessage()).put("code", e.status());
                event(os, err);
                done(os);
                return e.status();
            }
            for (String piece : pieces(c.text())) {
                ObjectNode n = chunk(id, created);
                n.withArray("choices")
                        .addObject()
                        .put("index", 0)
                        .putNull("finish_reason")
                        .putObject("delta")
                        .put("content", piece);
                event(os, n);
            }
            ObjectNode last = chunk(id, created);
            ObjectNode lc = last.withArray("choices").addObject().put("index", 0);
            lc.putObject("delta");
            lc.put("finish_reason", finish(c.finish()));
            event(os, last);
            if (req.includeUsage()) {
                ObjectNode u = chunk(id, created);
                u.putArray("choices");
                usage(u, c);
                event(os, u);
            }
            done(os);
        }
        return 200;
    }

    /** The text split after each run of whitespace, so the pieces concatenate back to it. */
    static List<String> pieces(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        return List.of(text.split("(?<=\\s)(?=\\S)"));
    }

    private ObjectNode head(String id, long created, String object) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", id);
        out.put("object", object);
        out.put("created", created);
        out.put("model", config.modelName());
        return out;
    }

    private ObjectNode chunk(String id, long created) {
        return head(id, created, "chat.completion.chunk");
    }

    private static void usage(ObjectNode out, Engine.Completion c) {
        ObjectNode u = out.putObject("usage");
        u.put("prompt_tokens", c.promptTokens());
        u.put("completion_tokens", c.completionTokens());
        u.put("total_tokens", c.promptTokens() + c.completionTokens());
    }

    private static String finish(Generation.Finish f) {
        return f == Generation.Finish.LENGTH ? "length" : "stop";
    }

    private static void event(OutputStream os, JsonNode data) throws IOException {
        os.write(("data: " + JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        os.flush();
    }

    private static void done(OutputStream os) throws IOException {
        os.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        os.flush();
    }
}
