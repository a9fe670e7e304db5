package dev.verdict.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verdict.judge.ImageRef;
import dev.verdict.judge.JudgeOptions;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.Verdict;
import dev.verdict.judge.openai.OpenAiJudge;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint end to end over loopback against a tiny random model: images as data URLs, base64 and files,
 * both orders, seeded determinism, the OpenAI endpoint through the project's own {@link OpenAiJudge}, streaming,
 * metrics, and every error path answering a structured error that names the field.
 */
class ServeModelTest {
    @TempDir
    static Path dir;

    private static RewardServer server;
    private static URI base;
    private static byte[] png;

    @BeforeAll
    static void start() throws Exception {
        png = Http.png(56, 56);
        Files.write(dir.resolve("cat.png"), png);
        Limits limits =
                Limits.DEFAULT.with("maxBodyBytes", 1 << 20).with("maxVotes", 4).with("maxImagePixels", 200 * 200);
        ServeConfig config = ServeConfig.defaults("tiny")
                .with("port", 0)
                .with("imageRoot", dir)
                .with("limits", limits)
                .with("defaultMaxTokens", 6);
        server = RewardServer.start(new ModelEngine(TinyModel.bundle(dir), "tiny", true), config);
        base = server.baseUri();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, Object> judge(Object... extra) {
        Map<String, Object> m = new HashMap<>(Map.of(
                "question", "which shape is red ?",
                "images", List.of(Http.dataUrl(png)),
                "response1", "the red shape",
                "response2", "blue"));
        for (int i = 0; i < extra.length; i += 2) {
            m.put((String) extra[i], extra[i + 1]);
        }
        return m;
    }

    @Test
    void healthReadyAndModels() throws Exception {
        assertEquals("ok", Http.get(base, "/health").json().get("status").asText());
        assertEquals("ready", Http.get(base, "/ready").json().get("status").asText());
        JsonNode models = Http.get(base, "/v1/models").json();
        assertEquals("tiny", models.at("/data/0/id").asText());
        Http.Reply missing = Http.get(base, "/v2/nothing");
        assertEquals(404, missing.status());
        assertNotNull(missing.json().get("error"));
    }

    @Test
    void judgeVotesAreSeededAndReported() throws Exception {
        Http.Reply a = Http.post(base, "/v1/judge", judge("votes", 3, "temperature", 1.0, "seed", 11));
        assertEquals(200, a.status(), a.body());
        JsonNode j = a.json();
        assertEquals(3, j.get("votes").size());
        double p1 = j.get("probability_1").asDouble();
        double p2 = j.get("probability_2").asDouble();
        assertTrue(p1 >= 0 && p2 >= 0 && p1 + p2 <= 1 + 1e-9);
        assertEquals("tiny", j.get("model").asText());
        assertTrue(j.has("reasoning") && j.has("latency_ms") && j.has("format_valid"));
        Http.Reply b = Http.post(base, "/v1/judge", judge("votes", 3, "temperature", 1.0, "seed", 11));
        assertEquals(j.get("votes"), b.json().get("votes"), "the same seed gives the same votes");
        assertEquals(j.get("reasoning"), b.json().get("reasoning"));

        JsonNode both =
                Http.post(base, "/v1/judge", judge("votes", 2, "order", "both")).json();
        assertEquals(4, both.get("votes").size());
        assertEquals(2, both.get("orders").size());
        assertTrue(both.get("agreement").isBoolean());
    }

    @Test
    void imagesAsBase64AndFilesUnderTheImageRoot() throws Exception {
        String b64 = Base64.getEncoder().encodeToString(png);
        assertEquals(
                200, Http.post(base, "/v1/judge", judge("images", List.of(b64))).status());
        assertEquals(
                200,
                Http.post(base, "/v1/judge", judge("images", List.of("cat.png")))
                        .status());
        Http.Reply outside = Http.post(base, "/v1/judge", judge("images", List.of("../../etc/passwd.png")));
        assertEquals(400, outside.status());
        assertEquals("images[0]", outside.errorField());
        Http.Reply text = Http.post(base, "/v1/judge", judge("images", List.of()));
        assertEquals(200, text.status(), "text-only judging is allowed");
    }

    @Test
    void openAiJudgeAgainstOurServerMatchesTheNativeEndpoint() throws Exception {
        PairExample pair = PairExample.of(ImageRef.bytes(png), "which shape is red ?", "the red shape", "blue");
        JudgeOptions greedy = JudgeOptions.defaults().with("maxTokens", 6);
        try (OpenAiJudge client = OpenAiJudge.builder()
                .baseUrl(base + "/v1")
                .model("tiny")
                .apiKeyEnv(null)
                .maxRetries(0)
                .build()) {
            Verdict v = client.judge(pair, greedy);
            JsonNode nat = Http.post(base, "/v1/judge", judge("max_tokens", 6)).json();
            assertEquals(JudgeEndpoint.label(v.choice()), nat.get("choice").asText());
            assertEquals(v.reasoning(), nat.get("reasoning").asText(), "same prompt, same greedy output");
        }
    }

    @Test
    void chatCompletionsPlainAndStreamed() throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of(
                "model",
                "tiny",
                "seed",
                5,
                "max_tokens",
                8,
                "messages",
                List.of(Map.of(
                        "role",
                        "user",
                        "content",
                        List.of(
                                Map.of("type", "image_url", "image_url", Map.of("url", Http.dataUrl(png))),
                                Map.of("type", "text", "text", "hello which shape ?"))))));
        Http.Reply plain = Http.post(base, "/v1/chat/completions", body);
        assertEquals(200, plain.status(), plain.body());
        String content = plain.json().at("/choices/0/message/content").asText();
        int completion = plain.json().at("/usage/completion_tokens").asInt();
        assertTrue(completion >= 0 && completion <= 8);
        assertTrue(plain.json().at("/usage/prompt_tokens").asInt() > 16, "image pads count as prompt tokens");
        assertEquals("chat.completion", plain.json().get("object").asText());

        body.put("stream", true);
        body.put("stream_options", Map.of("include_usage", true));
        Http.Reply sse = Http.send(HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(body))));
        assertEquals(200, sse.status());
        List<JsonNode> events = new ArrayList<>();
        boolean done = false;
        for (String block : sse.body().split("\n\n")) {
            assertTrue(block.startsWith("data: "), block);
            String data = block.substring("data: ".length());
            if (data.equals("[DONE]")) {
                done = true;
            } else {
                assertTrue(!done, "nothing after [DONE]");
                events.add(Http.JSON.readTree(data));
            }
        }
        assertTrue(done);
        assertEquals("assistant", events.getFirst().at("/choices/0/delta/role").asText());
        StringBuilder streamed = new StringBuilder();
        String finish = null;
        for (JsonNode e : events) {
            assertEquals("chat.completion.chunk", e.get("object").asText());
            JsonNode c = e.path("choices").path(0);
            streamed.append(c.path("delta").path("content").asText(""));
            if (c.hasNonNull("finish_reason")) {
                finish = c.get("finish_reason").asText();
            }
        }
        assertEquals(content, streamed.toString(), "the streamed deltas concatenate to the same seeded reply");
        assertNotNull(finish);
        assertEquals(completion, events.getLast().at("/usage/completion_tokens").asInt());
    }

    @Test
    void getRewardAndRankOnTheModel() throws Exception {
        String q = "<|im_start|>user\nwhich shape is red ?<|im_end|>\n<|im_start|>assistant\n";
        Map<String, Object> body = Map.of(
                "query", List.of(q + "red<|im_end|>", q + "blue<|im_end|>"), "labels", List.of("the red", "the red"));
        Http.Reply r = Http.post(base, "/get_reward", body);
        assertEquals(200, r.status(), r.body());
        for (JsonNode v : r.json().get("rewards")) {
            assertTrue(v.asDouble() >= 0 && v.asDouble() <= 1, r.body());
        }
        Http.Reply rank = Http.post(
                base, "/v1/rank", Map.of("question", "which ?", "responses", List.of("red", "blue", "red blue")));
        assertEquals(200, rank.status(), rank.body());
        List<Integer> order = new ArrayList<>();
        rank.json().get("order").forEach(n -> order.add(n.asInt()));
        assertEquals(List.of(0, 1, 2), order.stream().sorted().toList(), "the order is a permutation");
        assertEquals(6, rank.json().get("games").asInt());
    }

    @Test
    void errorsNameTheField() throws Exception {
        assertError(Http.post(base, "/v1/judge", "{\"question\": \"q\", "), 400, null, "malformed JSON");
        assertError(Http.post(base, "/v1/judge", "[1, 2]"), 400, null, "JSON object");
        Map<String, Object> noQuestion = judge();
        noQuestion.remove("question");
        assertError(Http.post(base, "/v1/judge", noQuestion), 400, "question", "missing");
        assertError(Http.post(base, "/v1/judge", judge("votes", "3")), 400, "votes", "integer");
        assertError(Http.post(base, "/v1/judge", judge("response1", 7)), 400, "response1", "string");
        assertError(Http.post(base, "/v1/judge", judge("votes", 50)), 400, "votes", "[1, 4]");
        assertError(Http.post(base, "/v1/judge", judge("order", "sideways")), 400, "order", "sideways");
        assertError(Http.post(base, "/v1/judge", judge("max_tokens", 100000)), 400, "max_tokens", null);
        String corrupt = "data:image/png;base64," + Base64.getEncoder().encodeToString("not a png".getBytes());
        assertError(Http.post(base, "/v1/judge", judge("images", List.of(corrupt))), 400, "images[0]", "image");
        String big = Http.dataUrl(Http.png(300, 300));
        assertError(Http.post(base, "/v1/judge", judge("images", List.of(big))), 413, "images[0]", "pixels");
        assertError(
                Http.post(base, "/v1/judge", judge("images", List.of("http://127.0.0.1:1/x.png"))),
                400,
                "images[0]",
                "cannot fetch");
        List<String> nine = Collections.nCopies(9, Http.dataUrl(png));
        assertError(Http.post(base, "/v1/judge", judge("images", nine)), 413, "images", "at most 8");
        String huge = "x".repeat(2 << 20);
        assertError(Http.post(base, "/v1/judge", judge("question", huge)), 413, "body", "limit");
        Map<String, Object> chat = Map.of("n", 2, "messages", List.of(Map.of("role", "user", "content", "hi")));
        assertError(Http.post(base, "/v1/chat/completions", chat), 400, "n", null);
        Map<String, Object> role = Map.of("messages", List.of(Map.of("role", "wizard", "content", "hi")));
        assertError(Http.post(base, "/v1/chat/completions", role), 400, "messages[0].role", "wizard");
        assertError(Http.post(base, "/get_reward", Map.of("query", "abc")), 400, "query", "array");
        assertEquals(200, Http.post(base, "/v1/judge", judge()).status(), "the model thread survives bad requests");
        String metrics = Http.get(base, "/metrics").body();
        assertTrue(metrics.contains("verdict_requests_total{endpoint=\"/v1/judge\",status=\"413\"}"), metrics);
    }

    @Test
    void metricsAreInThePrometheusTextFormat() throws Exception {
        Http.post(base, "/v1/judge", judge());
        Http.Reply m = Http.get(base, "/metrics");
        assertEquals(200, m.status());
        String text = m.body();
        for (String name : List.of(
                "verdict_requests_total",
                "verdict_request_duration_seconds_bucket{endpoint=\"/v1/judge\",le=\"+Inf\"}",
                "verdict_batch_size_count",
                "verdict_queue_depth",
                "verdict_generated_tokens_total",
                "verdict_tokens_per_second")) {
            assertTrue(text.contains(name), name + " in\n" + text);
        }
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("#") || line.matches("[a-z_]+(\\{[^}]*\\})? [0-9.eE+-]+"), "bad line: " + line);
        }
    }

    private static void assertError(Http.Reply r, int status, String field, String messagePart) {
        assertEquals(status, r.status(), r.body());
        assertNotNull(r.json(), "the error is JSON: " + r.body());
        assertEquals(field, r.errorField(), r.body());
        if (messagePart != null) {
            assertTrue(r.errorMessage().contains(messagePart), r.body());
        }
    }
}
