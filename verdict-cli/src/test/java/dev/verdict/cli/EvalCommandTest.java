package dev.verdict.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.verdict.image.Images;
import dev.verdict.judge.prompt.R1RewardPrompt;
import dev.verdict.lifecycle.StopRequest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verdict eval} against a real OpenAI-compatible HTTP server on loopback. The server reads the rendered
 * R1-Reward prompt back and answers with the position of the response marked GOOD (so a correct run scores 100
 * in any order), except for questions containing GARBLE, which get an unparsable reply.
 */
class EvalCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger withImage = new AtomicInteger();
    private final Set<String> imageUrls = ConcurrentHashMap.newKeySet();

    /** The request during which a stop is requested (0: never). */
    private volatile int stopAtRequest;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", ex -> {
            JsonNode body = JSON.readTree(ex.getRequestBody());
            if (requests.incrementAndGet() == stopAtRequest) {
                StopRequest.request("signal"); // as Ctrl-C would, while this judgment is in flight
            }
            String text = "";
            for (JsonNode part : body.at("/messages/0/content")) {
                if (part.path("type").asText().equals("image_url")) {
                    withImage.incrementAndGet();
                    imageUrls.add(part.at("/image_url/url").asText());
                } else {
                    text = part.path("text").asText();
                }
            }
            List<String> qa = R1RewardPrompt.unrender(text).orElseThrow();
            String content = qa.get(0).contains("GARBLE")
                    ? "I cannot decide between them."
                    : "<think>canned</think><answer>" + (qa.get(1).contains("GOOD") ? 1 : 2) + "</answer>";
            byte[] reply = JSON.createObjectNode()
                    .set(
                            "choices",
                            JSON.createArrayNode()
                                    .add(JSON.createObjectNode()
                                            .set(
                                                    "message",
                                                    JSON.createObjectNode()
                                                            .put("role", "assistant")
                                                            .put("content", content))))
                    .toString()
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, reply.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(reply);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** 12 pairs with one image each; the GOOD response alternates position; items 3 and 7 are GARBLE. */
    private Path data() throws IOException {
        ImageIO.write(
                new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB),
                "png",
                tmp.resolve("img.png").toFile());
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            boolean first = i % 2 == 0;
            String q = (i == 3 || i == 7 ? "GARBLE " : "") + "question " + i;
            lines.add(String.format(
                    "{\"id\":\"p%d\",\"images\":[\"img.png\"],\"question\":\"%s\",\"response_1\":\"%s\","
                            + "\"response_2\":\"%s\",\"preferred\":%d,\"category\":\"%s\"}",
                    i,
                    q,
                    first ? "GOOD one" : "bad one",
                    first ? "bad two" : "GOOD two",
                    first ? 1 : 2,
                    i < 6 ? "alpha" : "beta"));
        }
        Path f = tmp.resolve("pairs.jsonl");
        Files.write(f, lines);
        return f;
    }

    /** {@code eval} of the jsonl test data against the loopback judge server, then {@code extra}. */
    private String[] loopbackEval(String... extra) throws IOException {
        List<String> a =
                new ArrayList<>(List.of("eval", "--bench", "jsonl", "--data", data().toString(), "--judge-url", url()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    private static JsonNode metrics(Path out) throws IOException {
        return JSON.readTree(out.resolve("metrics.json").toFile());
    }

    @Test
    void bothOrdersWithVotesAgainstALoopbackServer() throws IOException {
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of(loopbackEval(
                "--judge-model",
                "canned",
                "--order",
                "both",
                "--votes",
                "3",
                "--concurrency",
                "4",
                "--out",
                out.toString()));
        assertEquals(0, run.code(), run.err());
        assertEquals(12 * 2 * 3, requests.get());
        assertEquals(12 * 2 * 3, withImage.get());
        JsonNode m = metrics(out);
        assertEquals(100.0 * 10 / 12, m.get("overall").asDouble(), 1e-9);
        assertEquals(100.0 * 2 / 12, m.get("invalid_rate").asDouble(), 1e-9);
        assertEquals(100.0 * 10 / 12, m.at("/orders/position_consistency").asDouble(), 1e-9);
        assertEquals(100.0 * 10 / 12, m.at("/orders/forward/overall").asDouble(), 1e-9);
        assertEquals(100.0 * 10 / 12, m.at("/any/3").asDouble(), 1e-9);
        assertEquals(3, m.get("voting").size());
        assertEquals("openai:canned", m.at("/config/judge").asText());
        assertEquals(24, Files.readAllLines(out.resolve("items.jsonl")).size());
        assertEquals(64, m.at("/provenance/data_sha256").asText().length());
        assertTrue(run.out().contains("position consistency"), run.out());
        assertTrue(run.err().contains("24/24 judgments"), run.err());
    }

    @Test
    void excludedPolicyAndBlindRun() throws IOException {
        Path out = tmp.resolve("blind");
        CliRun run = CliRun.of(loopbackEval("--blind", "--invalid", "excluded", "--out", out.toString()));
        assertEquals(0, run.code(), run.err());
        assertEquals(12, requests.get());
        assertEquals(12, withImage.get(), "--blind still sends an image per pair");
        assertEquals(1, imageUrls.size(), "one blank image stands in for every scene");
        BufferedImage blank = Images.fromDataUrl(imageUrls.iterator().next());
        for (int y = 0; y < blank.getHeight(); y++) {
            for (int x = 0; x < blank.getWidth(); x++) {
                assertEquals(0x808080, blank.getRGB(x, y) & 0xFFFFFF, "the blank is uniform grey");
            }
        }
        JsonNode m = metrics(out);
        assertEquals(100.0, m.get("overall").asDouble(), 1e-9);
        assertTrue(m.at("/config/blind").asBoolean());
        assertEquals("random", m.at("/config/order").asText());
    }

    @Test
    void resumeJudgesOnlyWhatIsMissing() throws IOException {
        Path out = tmp.resolve("resume");
        String[] args = loopbackEval("--out", out.toString());
        assertEquals(0, CliRun.of(args).code());
        JsonNode before = metrics(out);
        Path items = out.resolve("items.jsonl");
        List<String> lines = Files.readAllLines(items);
        Files.writeString(
                items,
                String.join("\n", lines.subList(0, 5)) + "\n" + lines.get(5).substring(0, 10));
        requests.set(0);
        CliRun again = CliRun.of(args);
        assertEquals(1, again.code(), "an existing run needs --resume");
        assertTrue(again.err().contains("--resume"), again.err());
        String[] resume = Arrays.copyOf(args, args.length + 1);
        resume[args.length] = "--resume";
        CliRun resumed = CliRun.of(resume);
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(7, requests.get());
        JsonNode after = metrics(out);
        assertEquals(before.get("overall"), after.get("overall"));
        assertEquals(before.get("categories"), after.get("categories"));
        assertFalse(Files.readString(items).contains("\n\n"));
    }

    @Test
    void aStopEndsTheEvalAfterTheJudgmentsInFlightAndAResumeFinishesIt() throws IOException {
        Path out = tmp.resolve("stopped");
        String[] args = loopbackEval("--concurrency", "1", "--out", out.toString());
        stopAtRequest = 4;
        CliRun stopped;
        try {
            stopped = CliRun.of(args);
        } finally {
            StopRequest.clear();
        }
        assertEquals(130, stopped.code(), stopped.err());
        assertTrue(stopped.err().contains("eval stopped (signal) after 4 of 12 judgments"), stopped.err());
        assertEquals(4, Files.readAllLines(out.resolve("items.jsonl")).size());
        assertFalse(Files.exists(out.resolve("metrics.json")));

        String[] resume = Arrays.copyOf(args, args.length + 1);
        resume[args.length] = "--resume";
        CliRun resumed = CliRun.of(resume);
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(12, requests.get());
        assertEquals(12, metrics(out).get("judgments").asInt());
    }

    @Test
    void missingJudgeIsAUsageError() throws IOException {
        CliRun run = CliRun.of("eval", "--bench", "jsonl", "--data", data().toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--model") || run.err().contains("--judge"), run.err());
    }
}
