package dev.verdict.train.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verdict.judge.PairExample;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The LLM consistency judge against a real HTTP server on loopback. */
class OpenAiConsistencyJudgeTest {
    static final PairExample PAIR = PairExample.textOnly("q", "a", "b");
    static final String RESPONSE = "<think>first\nsecond\nthird\nSo Response 2 is better.</think><answer>2</answer>";

    static OpenAiConsistencyJudge judge(LoopbackServer server, String model) {
        return OpenAiConsistencyJudge.builder()
                .baseUrl(server.baseUrl())
                .model(model)
                .apiKey(null)
                .maxRetries(2)
                .initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(20))
                .requestTimeout(Duration.ofMillis(1500))
                .build();
    }

    @Test
    void successSendsThePaperSettingsAndReadsTheDigit() throws Exception {
        try (LoopbackServer server = new LoopbackServer((i, body) -> LoopbackServer.Reply.ok("Output: 1"));
                OpenAiConsistencyJudge judge = judge(server, "qwen-judge")) {
            assertEquals(Consistency.CONSISTENT, judge.judge(PAIR, RESPONSE));
            assertEquals(1, server.chatRequests());
            JsonNode body = new ObjectMapper().readTree(server.bodies.getFirst());
            assertEquals("qwen-judge", body.path("model").asText());
            assertEquals(0.1, body.path("temperature").asDouble(), 1e-12);
            assertEquals(4096, body.path("max_tokens").asInt());
            String prompt = body.path("messages").path(0).path("content").asText();
            assertTrue(prompt.contains("second; third; So Response 2 is better.</think>"), prompt);
            assertTrue(prompt.contains("Response 2 is better\nOutput:"), prompt);
            assertTrue(!prompt.contains("first"), "only the last 3 lines: " + prompt);
        }
    }

    @Test
    void zeroMeansInconsistentAndTheModelIsDiscovered() throws Exception {
        try (LoopbackServer server = new LoopbackServer((i, body) -> LoopbackServer.Reply.ok("0"));
                OpenAiConsistencyJudge judge = judge(server, null)) {
            assertEquals(Consistency.INCONSISTENT, judge.judge(PAIR, RESPONSE));
            assertEquals(Consistency.INCONSISTENT, judge.judge(PAIR, RESPONSE));
            assertEquals(1, server.modelRequests(), "looked up once");
            assertEquals(
                    "judge-7b",
                    new ObjectMapper()
                            .readTree(server.bodies.getFirst())
                            .path("model")
                            .asText());
        }
    }

    @Test
    void serverErrorsAndRateLimitsAreRetried() throws Exception {
        try (LoopbackServer server = new LoopbackServer((i, body) -> switch (i) {
                    case 0 -> LoopbackServer.Reply.status(500);
                    case 1 -> LoopbackServer.Reply.status(429);
                    default -> LoopbackServer.Reply.ok("1");
                });
                OpenAiConsistencyJudge judge = judge(server, "m")) {
            assertEquals(Consistency.CONSISTENT, judge.judge(PAIR, RESPONSE));
            assertEquals(3, server.chatRequests());
        }
    }

    @Test
    void aTimeoutIsRetried() throws Exception {
        try (LoopbackServer server = new LoopbackServer((i, body) ->
                        i == 0 ? new LoopbackServer.Reply(200, "{}", 3000) : LoopbackServer.Reply.ok("1"));
                OpenAiConsistencyJudge judge = judge(server, "m")) {
            assertEquals(Consistency.CONSISTENT, judge.judge(PAIR, RESPONSE));
            assertEquals(2, server.chatRequests());
        }
    }

    @Test
    void aServerThatAlwaysFailsRaisesATypedExceptionAfterTheRetries() throws Exception {
        try (LoopbackServer server = new LoopbackServer((i, body) -> LoopbackServer.Reply.status(503));
                OpenAiConsistencyJudge judge = judge(server, "m")) {
            ConsistencyJudgeException e =
                    assertThrows(ConsistencyJudgeException.class, () -> judge.judge(PAIR, RESPONSE));
            assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
            assertEquals(3, server.chatRequests(), "1 try + 2 retries");
        }
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        try (LoopbackServer server = new LoopbackServer((i, body) -> LoopbackServer.Reply.status(400));
                OpenAiConsistencyJudge judge = judge(server, "m")) {
            assertThrows(ConsistencyJudgeException.class, () -> judge.judge(PAIR, RESPONSE));
            assertEquals(1, server.chatRequests());
        }
    }

    @Test
    void unreadableRepliesAreAskedThreeTimesThenUndetermined() throws Exception {
        try (LoopbackServer server = new LoopbackServer((i, body) -> LoopbackServer.Reply.ok("They agree."));
                OpenAiConsistencyJudge judge = judge(server, "m")) {
            assertEquals(Consistency.UNDETERMINED, judge.judge(PAIR, RESPONSE));
            assertEquals(3, server.chatRequests());
        }
    }

    @Test
    void aReplyWithoutContentIsAFailure() throws Exception {
        try (LoopbackServer server = new LoopbackServer((i, body) -> new LoopbackServer.Reply(200, "{\"x\":1}", 0));
                OpenAiConsistencyJudge judge = judge(server, "m")) {
            assertThrows(ConsistencyJudgeException.class, () -> judge.judge(PAIR, RESPONSE));
        }
    }
}
