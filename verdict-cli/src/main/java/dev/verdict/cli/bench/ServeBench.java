package dev.verdict.cli.bench;

import dev.verdict.generate.ModelBundle;
import dev.verdict.serve.ModelEngine;
import dev.verdict.serve.RewardServer;
import dev.verdict.serve.ServeConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.imageio.ImageIO;

/**
 * Load on {@code verdict serve} over loopback: concurrent clients each send {@code /v1/judge} requests (one image,
 * one greedy vote) until the request budget or the time limit is spent; reports requests/s, latency percentiles,
 * errors and the mean batch the model thread ran.
 */
final class ServeBench {
    private static final Logger HELIDON = Logger.getLogger("io.helidon");

    private ServeBench() {}

    /**
     * One load run.
     *
     * @param maxBatch the server's --max-batch
     * @param requests requests answered (any status)
     * @param errors requests not answered 200 (or failed to connect)
     * @param seconds wall time of the timed phase
     * @param p50 median latency in seconds
     * @param p99 99th-percentile latency in seconds
     * @param meanBatch mean generations per batched model call
     */
    record Result(int maxBatch, int requests, int errors, double seconds, double p50, double p99, double meanBatch) {
        double requestsPerSecond() {
            return requests / seconds;
        }
    }

    static Result run(ModelBundle bundle, int maxBatch, int clients, int requests, Duration limit, int maxTokens) {
        ServeConfig config = ServeConfig.defaults("bench")
                .with("port", 0)
                .with("maxBatch", maxBatch)
                .with("maxQueue", Math.max(clients, 1))
                .with("defaultMaxTokens", maxTokens);
        HELIDON.setLevel(Level.WARNING);
        String image = dataUrl();
        try (RewardServer server = RewardServer.start(new ModelEngine(bundle, "bench", false), config);
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build()) {
            URI uri = server.baseUri().resolve("/v1/judge");
            for (int i = 0; i < 2; i++) {
                send(http, uri, body(image, i)); // warm up libtorch and the connection
            }
            AtomicInteger ticket = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            long deadline = System.nanoTime() + limit.toNanos();
            long start = System.nanoTime();
            try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < clients; c++) {
                    exec.submit(() -> {
                        for (int n = ticket.getAndIncrement();
                                n < requests && System.nanoTime() < deadline;
                                n = ticket.getAndIncrement()) {
                            long t0 = System.nanoTime();
                            if (send(http, uri, body(image, n)) != 200) {
                                errors.incrementAndGet();
                            }
                            latencies.add((System.nanoTime() - t0) / 1e9);
                        }
                    });
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] sorted =
                    latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Result(
                    maxBatch,
                    sorted.length,
                    errors.get(),
                    seconds,
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.99),
                    server.metrics().meanBatchSize());
        }
    }

    private static int send(HttpClient http, URI uri, String body) {
        try {
            HttpRequest r = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofMinutes(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Request n: the questions and responses vary in length so batches mix prompt lengths. */
    private static String body(String image, int n) {
        String extra = " big".repeat(n % 5);
        return "{\"question\":\"what color is the circle" + extra + "?\",\"images\":[\"" + image
                + "\"],\"response1\":\"the circle is red\",\"response2\":\"it is blue" + extra + "\",\"seed\":" + n
                + "}";
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static String dataUrl() {
        BufferedImage img = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
        int[] px = new int[56 * 56];
        Arrays.setAll(px, i -> Math.hypot(i % 56 - 28, i / 56 - 28) < 20 ? 0xC04040 : 0xF0F0F0);
        img.setRGB(0, 0, 56, 56, px, 0, 56);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
