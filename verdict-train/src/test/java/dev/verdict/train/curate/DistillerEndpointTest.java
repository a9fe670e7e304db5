package dev.verdict.train.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verdict.judge.openai.OpenAiJudge;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distill against a real loopback OpenAI-compatible server: item a is right at once, b on the second attempt, c
 * never, d always answers HTTP 500.
 */
class DistillerEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RIGHT = "<think>the first is right</think><answer>1</answer>";
    private static final String WRONG = "<think>the second is right</think><answer>2</answer>";

    @TempDir
    Path tmp;

    private final Map<String, Integer> calls = new ConcurrentHashMap<>();
    private final AtomicBoolean dFixed = new AtomicBoolean();

    private ChatEndpoint.Reply reply(String body) {
        String id = List.of("a", "b", "c", "d").stream()
                .filter(i -> body.contains("zq-" + i + "?"))
                .findFirst()
                .orElseThrow();
        int n = calls.merge(id, 1, Integer::sum);
        return switch (id) {
            case "a" -> ChatEndpoint.Reply.ok(RIGHT);
            case "b" -> ChatEndpoint.Reply.ok(n == 1 ? WRONG : RIGHT);
            case "c" -> ChatEndpoint.Reply.ok(WRONG);
            default -> dFixed.get() ? ChatEndpoint.Reply.ok(RIGHT) : new ChatEndpoint.Reply(500, "");
        };
    }

    private static OpenAiJudge teacher(ChatEndpoint server) {
        return OpenAiJudge.builder()
                .baseUrl(server.baseUrl())
                .model("teacher")
                .apiKeyEnv(null)
                .maxRetries(1)
                .initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(10))
                .build();
    }

    private static Distiller.Options options(double maxErrorShare, boolean resume) {
        return new Distiller.Options(AttemptPlan.distillDefaults(), 4, maxErrorShare, false, resume, 0);
    }

    @Test
    void recordsAttemptsFailuresAndErrorsThenResumesTheErrors() throws Exception {
        Path data = PairFixtures.write(tmp.resolve("in"), List.of("a", "b", "c", "d"));
        Path out = tmp.resolve("out").resolve("cold.jsonl");
        try (ChatEndpoint server = new ChatEndpoint(this::reply);
                OpenAiJudge judge = teacher(server)) {
            RunSummary s = new Distiller(judge, options(0.5, false), l -> {}).run(data, out);

            assertEquals(Map.of(1, 1, 2, 1), s.attempts());
            assertEquals(1, s.failed());
            assertEquals(1, s.errors());
            Map<String, JsonNode> ok = PairFixtures.lines(out);
            assertEquals(List.of("a", "b"), ok.keySet().stream().sorted().toList());
            assertEquals(1, ok.get("a").get("meta").get("attempts").asInt());
            assertEquals(2, ok.get("b").get("meta").get("attempts").asInt());
            assertEquals(RIGHT, ok.get("b").get("meta").get("judgment").asText());
            assertEquals(
                    "openai:teacher", ok.get("b").get("meta").get("teacher").asText());
            assertEquals("fact of b", ok.get("b").get("meta").get("fact").asText());
            JsonNode c =
                    PairFixtures.lines(PairFiles.sibling(out, ".failed.jsonl")).get("c");
            assertEquals(3, c.get("meta").get("attempts").asInt());
            assertEquals(false, c.get("meta").get("distill_ok").asBoolean());
            assertEquals(WRONG, c.get("meta").get("judgment").asText());
            JsonNode err =
                    PairFixtures.lines(PairFiles.sibling(out, ".errors.jsonl")).get("d");
            assertTrue(err.get("error").asText().contains("500"), err.toString());
            assertTrue(err.get("where").asText().contains("pairs.jsonl:line 4"), err.toString());
            assertRetriesDiffer(server.bodies);

            dFixed.set(true);
            int before = server.bodies.size();
            RunSummary again = new Distiller(judge, options(0.5, true), l -> {}).run(data, out);
            assertEquals(3, again.skipped());
            assertEquals(Map.of(1, 1), again.attempts());
            assertEquals(0, again.errors());
            assertEquals(1, server.bodies.size() - before);
            assertEquals(
                    List.of("a", "b", "d"),
                    PairFixtures.lines(out).keySet().stream().sorted().toList());
            assertEquals(Map.of(), PairFixtures.lines(PairFiles.sibling(out, ".errors.jsonl")));
        }
    }

    /** b's second request samples at the retry temperature with another seed. */
    private static void assertRetriesDiffer(List<String> bodies) throws IOException {
        List<JsonNode> b = new ArrayList<>();
        for (String body : bodies) {
            if (body.contains("zq-b?")) {
                b.add(JSON.readTree(body));
            }
        }
        assertEquals(2, b.size());
        assertEquals(0.0, b.get(0).get("temperature").asDouble());
        assertEquals(0.7, b.get(1).get("temperature").asDouble());
        assertNotEquals(b.get(0).get("seed").asLong(), b.get(1).get("seed").asLong());
    }

    @Test
    void tooManyErrorsStopTheRunWithAClearMessage() throws Exception {
        Path data = PairFixtures.write(tmp.resolve("in"), List.of("a", "b", "c", "d"));
        Path out = tmp.resolve("stop.jsonl");
        try (ChatEndpoint server = new ChatEndpoint(this::reply);
                OpenAiJudge judge = teacher(server)) {
            Distiller d = new Distiller(
                    judge, new Distiller.Options(AttemptPlan.distillDefaults(), 1, 0.1, false, false, 0), l -> {});
            RunStoppedException e = assertThrows(RunStoppedException.class, () -> d.run(data, out));
            assertTrue(
                    e.getMessage().contains("1 of 4 pair(s) failed with a teacher error (more than 10%)"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("HTTP 500") || e.getMessage().contains("500"), e.getMessage());
            assertTrue(e.getMessage().contains("--resume"), e.getMessage());
            assertEquals(1, e.summary().errors());
            assertEquals(3, e.summary().judged());
            IllegalArgumentException fresh = assertThrows(IllegalArgumentException.class, () -> d.run(data, out));
            assertTrue(fresh.getMessage().contains("already exists"), fresh.getMessage());
        }
    }
}
