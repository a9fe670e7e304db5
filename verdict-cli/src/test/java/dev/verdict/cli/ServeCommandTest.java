package dev.verdict.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verdict serve} starts on a tiny model, answers /health and stops cleanly. */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void serveStartsAnswersHealthAndStops() throws Exception {
        Path model = dir.resolve("m");
        CliRun init = CliRun.of("model", "init", "--preset", "tiny", "--out", model.toString());
        assertEquals(0, init.code(), init.err());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String[] args = {"serve", "--model", model.toString(), "--port", Integer.toString(port), "--max-tokens", "4"};
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of(args));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        String body = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (body == null && System.nanoTime() < deadline && !run.isDone()) {
            try {
                HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode());
                body = r.body();
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        assertTrue(
                body != null && body.contains("\"status\":\"ok\""),
                "health: " + body + " " + (run.isDone() ? run.get().err() : ""));
        assertTrue(body.contains("\"model\":\"m\""), body);
        ServeCommand.stop.countDown();
        CliRun done = run.get(30, TimeUnit.SECONDS);
        assertEquals(0, done.code(), done.err());
        assertTrue(done.out().contains("serving m on http://127.0.0.1:" + port), done.out());
        assertTrue(done.out().contains("stopped"), done.out());
    }
}
