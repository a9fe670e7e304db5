package dev.verdict.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an outside client can learn or reach through {@code verdict serve}, over loopback: errors name the field and
 * the client's own input but no byte of a server file and no server path; a symbolic link inside the image root
 * cannot lead out of it; and a client that keeps at most max-queue requests in flight is never refused.
 */
class ServeHardeningTest {
    @TempDir
    Path dir;

    private static Map<String, Object> judge(List<String> images) {
        return Map.of("question", "q", "response1", "aa", "response2", "b", "images", images);
    }

    @Test
    void imageErrorsCarryNoFileBytesAndNoServerPaths() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("notes.txt"), "secret\n", StandardCharsets.UTF_8);
        Files.writeString(root.resolve("notes.png"), "secret\n", StandardCharsets.UTF_8);
        try (RewardServer server = RewardServer.start(
                new ScriptedEngine(), ServeConfig.defaults("s").with("port", 0).with("imageRoot", root))) {
            for (String ref : List.of("notes.txt", "notes.png", "missing.png", "%2e%2e/outside.png", "./sub/x.png")) {
                Http.Reply r = Http.post(server.baseUri(), "/v1/judge", judge(List.of(ref)));
                assertEquals(400, r.status(), r.body());
                assertEquals("images[0]", r.errorField());
                String message = r.errorMessage();
                assertTrue(message.contains(ref), "names the client's own input: " + message);
                assertFalse(r.body().contains(root.toString()), "no server path: " + r.body());
                assertFalse(r.body().contains(dir.toString()), "no server path: " + r.body());
                assertFalse(r.body().contains("73 65 63"), "no byte of the file: " + r.body());
                assertFalse(r.body().toLowerCase(Locale.ROOT).contains("secret"), r.body());
            }
            Http.Reply text = Http.post(server.baseUri(), "/v1/judge", judge(List.of("notes.txt")));
            assertTrue(text.errorMessage().contains("not an image in a supported format"), text.errorMessage());
        }
    }

    @Test
    void aSymlinkOutOfTheImageRootIsRefusedLikeDotDot() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.write(elsewhere.resolve("x.png"), Http.png(8, 8));
        Files.write(root.resolve("inside.png"), Http.png(8, 8));
        Files.createSymbolicLink(root.resolve("link.png"), elsewhere.resolve("x.png"));
        Files.createSymbolicLink(root.resolve("dir"), elsewhere);
        Files.createSymbolicLink(root.resolve("same.png"), root.resolve("inside.png"));
        try (RewardServer server = RewardServer.start(
                new ScriptedEngine(), ServeConfig.defaults("s").with("port", 0).with("imageRoot", root))) {
            URI base = server.baseUri();
            assertEquals(
                    200,
                    Http.post(base, "/v1/judge", judge(List.of("inside.png"))).status());
            assertEquals(
                    200,
                    Http.post(base, "/v1/judge", judge(List.of("same.png"))).status(),
                    "a link inside");
            Http.Reply dotDot = Http.post(base, "/v1/judge", judge(List.of("../elsewhere/x.png")));
            for (String ref : List.of("link.png", "dir/x.png")) {
                Http.Reply r = Http.post(base, "/v1/judge", judge(List.of(ref)));
                assertEquals(400, r.status(), ref + ": " + r.body());
                assertEquals(dotDot.errorMessage().replace("../elsewhere/x.png", ref), r.errorMessage());
                assertTrue(r.errorMessage().contains("outside the image root"), r.errorMessage());
            }
        }
    }

    @Test
    void clientsInLockstepAtMaxQueueAreNeverRefusedAndOneMoreIs() throws Exception {
        int n = 64;
        ScriptedEngine engine = new ScriptedEngine();
        engine.busyMillis = 3;
        try (RewardServer server = RewardServer.start(
                engine,
                ServeConfig.defaults("s")
                        .with("port", 0)
                        .with("maxQueue", n)
                        .with("maxBatch", n)
                        .with("batchWait", Duration.ofMillis(1)))) {
            int[] exact = lockstep(server.baseUri(), n, 8);
            assertEquals(n * 8, exact[0], "every request of " + n + " clients in lockstep is answered 200");
            assertEquals(0, exact[1], "no 429 while at most max-queue requests are in flight");
            engine.delayMillis = 20;
            int[] over = lockstep(server.baseUri(), n + 1, 6);
            assertEquals((n + 1) * 6, over[0] + over[1], "every request is answered 200 or 429");
            assertTrue(over[1] > 0, "with one client more than max-queue some requests are refused");
        }
    }

    /** {@code clients} threads, each sending {@code requests} judge requests one after another: {200s, 429s}. */
    private static int[] lockstep(URI base, int clients, int requests) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/judge"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(judge(List.of()))));
        try (HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
                ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<int[]>> fs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                fs.add(exec.submit(() -> {
                    int[] counts = new int[2];
                    for (int i = 0; i < requests; i++) {
                        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            counts[0]++;
                        } else if (r.statusCode() == 429) {
                            counts[1]++;
                        } else {
                            throw new AssertionError("unexpected " + r.statusCode() + ": " + r.body());
                        }
                    }
                    return counts;
                }));
            }
            int[] total = new int[2];
            for (Future<int[]> f : fs) {
                int[] c = f.get();
                total[0] += c[0];
                total[1] += c[1];
            }
            return total;
        }
    }
}
