package dev.verdict.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Dynamic batching, the bounded queue (429) and graceful shutdown, over a deliberately slow scripted engine. */
class ServeBatchingTest {
    private static final Map<String, Object> PAIR = Map.of("question", "q", "response1", "aa", "response2", "b");

    private static List<Http.Reply> concurrently(URI base, int n, Map<String, Object> body) throws Exception {
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Http.Reply>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                fs.add(exec.submit(() -> Http.post(base, "/v1/judge", body)));
            }
            List<Http.Reply> out = new ArrayList<>();
            for (Future<Http.Reply> f : fs) {
                out.add(f.get());
            }
            return out;
        }
    }

    @Test
    void concurrentRequestsShareBatchedModelCalls() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        engine.delayMillis = 100;
        ServeConfig config =
                ServeConfig.defaults("s").with("port", 0).with("maxBatch", 8).with("batchWait", Duration.ofMillis(20));
        try (RewardServer server = RewardServer.start(engine, config)) {
            List<Http.Reply> replies = concurrently(server.baseUri(), 8, PAIR);
            replies.forEach(r -> assertEquals(200, r.status(), r.body()));
            assertTrue(engine.largestBatch.get() > 1, "largest batch " + engine.largestBatch.get());
            assertTrue(engine.largestBatch.get() <= 8, "a batch never exceeds max-batch");
            assertTrue(engine.batches.get() < 8, "fewer model calls than requests: " + engine.batches.get());
            String metrics = Http.get(server.baseUri(), "/metrics").body();
            assertTrue(metrics.contains("verdict_requests_total{endpoint=\"/v1/judge\",status=\"200\"} 8"), metrics);
            assertTrue(metrics.contains("verdict_batch_size_count " + engine.batches.get()), metrics);
        }
    }

    @Test
    void aFullQueueAnswers429AndTheAdmittedRequestsStillSucceed() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        engine.delayMillis = 400;
        try (RewardServer server = RewardServer.start(
                engine, ServeConfig.defaults("s").with("port", 0).with("maxQueue", 1))) {
            List<Http.Reply> replies = concurrently(server.baseUri(), 4, PAIR);
            long ok = replies.stream().filter(r -> r.status() == 200).count();
            List<Http.Reply> refused =
                    replies.stream().filter(r -> r.status() == 429).toList();
            assertTrue(ok >= 1, "at least one request is admitted");
            assertEquals(4, ok + refused.size(), "every request is answered 200 or 429");
            assertTrue(!refused.isEmpty(), "with max-queue 1, concurrent requests are refused");
            assertEquals(
                    "queue_full", refused.getFirst().json().at("/error/type").asText());
            assertEquals(refused.size(), server.metrics().requests("/v1/judge", 429));
            assertEquals(200, Http.post(server.baseUri(), "/v1/judge", PAIR).status(), "admits again when idle");
        }
    }

    @Test
    void closeFinishesInFlightRequestsThenStops() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        engine.delayMillis = 500;
        RewardServer server =
                RewardServer.start(engine, ServeConfig.defaults("s").with("port", 0));
        URI base = server.baseUri();
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Http.Reply> inFlight = exec.submit(() -> Http.post(base, "/v1/judge", PAIR));
            while (engine.batches.get() == 0) {
                Thread.sleep(5);
            }
            server.close();
            assertEquals(200, inFlight.get().status(), "the in-flight request is answered");
        }
        assertTrue(engine.closed, "closing the server closes the engine");
        assertThrows(ConnectException.class, () -> Http.get(base, "/health"));
    }
}
