package dev.verdict.judge.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.verdict.judge.Choice;
import dev.verdict.judge.ImageRef;
import dev.verdict.judge.JudgeException;
import dev.verdict.judge.JudgeOptions;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.Preference;
import dev.verdict.judge.Verdict;
import dev.verdict.judge.prompt.R1RewardPrompt;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the client against a real HTTP server on the loopback interface that replays scripted replies. */
class OpenAiJudgeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0};

    /** One scripted reply: status, body, optional delay. */
    private record Reply(int status, String body, long delayMillis) {}

    private HttpServer server;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> authHeaders = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.add(JSON.readTree(ex.getRequestBody().readAllBytes()));
        authHeaders.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
        Reply r = script.poll();
        if (r == null) {
            r = new Reply(500, "{\"error\":\"script exhausted\"}", 0);
        }
        if (r.delayMillis() > 0) {
            try {
                Thread.sleep(r.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        try {
            ex.sendResponseHeaders(r.status(), body.length);
            ex.getResponseBody().write(body);
        } catch (IOException ignored) {
            // the client gave up (timeout test)
        } finally {
            ex.close();
        }
    }

    private static String completion(String content) {
        return JSON.createObjectNode()
                .set(
                        "choices",
                        JSON.createArrayNode()
                                .add(JSON.createObjectNode()
                                        .set(
                                                "message",
                                                JSON.createObjectNode()
                                                        .put("role", "assistant")
                                                        .put("content", content))))
                .toString();
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
    }

    private OpenAiJudge.Builder judge() {
        return OpenAiJudge.builder()
                .baseUrl(baseUrl())
                .model("r1-reward")
                .apiKey("sk-test")
                .initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(20))
                .requestTimeout(Duration.ofSeconds(5));
    }

    private static PairExample pair() {
        return new PairExample(
                "item-7",
                "g",
                List.of(ImageRef.bytes(PNG)),
                "How many circles?",
                "Two.",
                "Three.",
                Preference.TWO,
                "perception",
                "",
                Map.of());
    }

    @Test
    void sendsImagesAsDataUrlsAndParsesCannedCompletions() {
        script.add(new Reply(200, completion("<think>there are three</think><answer>2</answer>"), 0));
        script.add(new Reply(200, completion("<think>hmm</think><answer>1</answer>"), 0));
        script.add(new Reply(200, completion("<think>three</think><answer>2</answer>"), 0));
        try (OpenAiJudge j = judge().build()) {
            Verdict v = j.judge(pair(), JudgeOptions.votes(3).with("seed", 40).with("maxTokens", 256));
            assertEquals(Choice.TWO, v.choice());
            assertEquals(List.of(Choice.TWO, Choice.ONE, Choice.TWO), v.votes());
            assertEquals("there are three", v.reasoning());
        }
        assertEquals(3, requests.size());
        JsonNode req = requests.getFirst();
        assertEquals("r1-reward", req.path("model").asText());
        assertEquals(1.0, req.path("temperature").asDouble());
        assertEquals(256, req.path("max_tokens").asInt());
        assertEquals(40, req.path("seed").asLong());
        assertEquals(41, requests.get(1).path("seed").asLong());
        JsonNode content = req.path("messages").path(0).path("content");
        assertEquals("image_url", content.path(0).path("type").asText());
        assertEquals(
                "data:image/png;base64," + Base64.getEncoder().encodeToString(PNG),
                content.path(0).path("image_url").path("url").asText());
        assertEquals(
                R1RewardPrompt.render("How many circles?", "Two.", "Three."),
                content.path(1).path("text").asText());
        assertEquals("Bearer sk-test", authHeaders.getFirst());
    }

    @Test
    void retriesServerErrorsThenSucceeds() {
        script.add(new Reply(500, "{\"error\":\"boom\"}", 0));
        script.add(new Reply(503, "busy", 0));
        script.add(new Reply(200, completion("<think>ok</think><answer>1</answer>"), 0));
        try (OpenAiJudge j = judge().maxRetries(3).build()) {
            assertEquals(Choice.ONE, j.judge(pair()).choice());
        }
        assertEquals(3, requests.size());
    }

    @Test
    void retries429() {
        script.add(new Reply(429, "{\"error\":\"rate limited\"}", 0));
        script.add(new Reply(200, completion("<think>ok</think><answer>2</answer>"), 0));
        try (OpenAiJudge j = judge().build()) {
            assertEquals(Choice.TWO, j.judge(pair()).choice());
        }
        assertEquals(2, requests.size());
    }

    @Test
    void clientErrorsAreNotRetriedAndNameUrlAndStatus() {
        script.add(new Reply(400, "{\"error\":\"bad model\"}", 0));
        script.add(new Reply(200, completion("<think>ok</think><answer>2</answer>"), 0));
        try (OpenAiJudge j = judge().build()) {
            JudgeException e = assertThrows(JudgeException.class, () -> j.judge(pair()));
            assertTrue(e.getMessage().contains(baseUrl() + "chat/completions"), e.getMessage());
            assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
            assertTrue(e.getMessage().contains("bad model"), e.getMessage());
        }
        assertEquals(1, requests.size());
    }

    @Test
    void exhaustedRetriesThrowInsteadOfAVerdict() {
        for (int i = 0; i < 5; i++) {
            script.add(new Reply(502, "bad gateway", 0));
        }
        try (OpenAiJudge j = judge().maxRetries(2).build()) {
            JudgeException e = assertThrows(JudgeException.class, () -> j.judge(pair()));
            assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
            assertTrue(e.getMessage().contains("HTTP 502"), e.getMessage());
        }
        assertEquals(3, requests.size());
    }

    @Test
    void aSlowReplyTimesOutAndIsRetried() {
        script.add(new Reply(200, completion("<think>late</think><answer>1</answer>"), 1500));
        script.add(new Reply(200, completion("<think>fast</think><answer>2</answer>"), 0));
        try (OpenAiJudge j =
                judge().requestTimeout(Duration.ofMillis(300)).maxRetries(1).build()) {
            Verdict v = j.judge(pair());
            assertEquals(Choice.TWO, v.choice());
            assertEquals("fast", v.reasoning());
        }
        script.clear();
        script.add(new Reply(200, completion("<think>late</think><answer>1</answer>"), 1500));
        script.add(new Reply(200, completion("<think>late</think><answer>1</answer>"), 1500));
        try (OpenAiJudge j =
                judge().requestTimeout(Duration.ofMillis(300)).maxRetries(1).build()) {
            JudgeException e = assertThrows(JudgeException.class, () -> j.judge(pair()));
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        }
    }

    @Test
    void connectionRefusedIsAnError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (OpenAiJudge j = OpenAiJudge.builder()
                .baseUrl("http://127.0.0.1:" + port + "/v1")
                .model("m")
                .maxRetries(1)
                .initialBackoff(Duration.ofMillis(5))
                .build()) {
            JudgeException e = assertThrows(JudgeException.class, () -> j.judge(pair()));
            assertTrue(e.getMessage().contains("connection error"), e.getMessage());
            assertTrue(e.getMessage().contains(":" + port + "/v1/chat/completions"), e.getMessage());
        }
    }

    @Test
    void malformedReplyAndMissingImageAreErrors() {
        script.add(new Reply(200, "{\"choices\":[]}", 0));
        try (OpenAiJudge j = judge().build()) {
            assertThrows(JudgeException.class, () -> j.judge(pair()));
            JudgeException e = assertThrows(JudgeException.class, () -> j.judge(pair().with("images", List.of())));
            assertTrue(e.getMessage().contains("item-7 has no image"), e.getMessage());
        }
        script.add(new Reply(200, completion("no tags at all"), 0));
        try (OpenAiJudge j = judge().requireImages(false).build()) {
            Verdict v = j.judge(pair().with("images", List.of()));
            assertEquals(Choice.INVALID, v.choice());
            assertTrue(
                    requests.getLast().path("messages").path(0).path("content").size() == 1);
        }
    }

    @Test
    void aFileThatIsNoImageIsNeverSentToTheRemoteJudge() throws IOException {
        Path notes = Files.createTempFile("notes", ".png");
        try {
            Files.writeString(notes, "secret text\n");
            script.add(new Reply(200, completion("<think>x</think><answer>1</answer>"), 0));
            try (OpenAiJudge j = judge().build()) {
                JudgeException e = assertThrows(
                        JudgeException.class, () -> j.judge(pair().with("images", List.of(ImageRef.path(notes)))));
                assertTrue(e.getMessage().contains("not a PNG, JPEG, GIF, WebP or BMP image"), e.getMessage());
            }
            assertEquals(0, requests.size(), "no request left the process");
        } finally {
            Files.deleteIfExists(notes);
        }
    }
}
