package dev.verdict.serve;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The server's Prometheus metrics, rendered in the text exposition format (version 0.0.4): requests by endpoint
 * and status, request latency and batch size histograms, queue depth, in-flight requests, generated tokens and
 * the tokens/s of the last batch.
 */
public final class ServerMetrics {
    static final double[] LATENCY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120};
    static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final Histogram batchSize = new Histogram(BATCH_BUCKETS);
    private final LongAdder generatedTokens = new LongAdder();
    private final DoubleAdder generationSeconds = new DoubleAdder();
    private volatile double lastTokensPerSecond;
    private volatile IntSupplier queueDepth = () -> 0;
    private volatile IntSupplier inFlight = () -> 0;

    /** Where the gauges read from. */
    void gauges(IntSupplier queue, IntSupplier active) {
        this.queueDepth = queue;
        this.inFlight = active;
    }

    /** One finished HTTP request. */
    public void request(String endpoint, int status, double seconds) {
        requests.computeIfAbsent(endpoint + "\u0000" + status, k -> new LongAdder())
                .increment();
        latency.computeIfAbsent(endpoint, k -> new Histogram(LATENCY_BUCKETS)).observe(seconds);
    }

    /** One batched model call. */
    public void batch(int size, long tokens, double seconds) {
        batchSize.observe(size);
        generatedTokens.add(tokens);
        generationSeconds.add(seconds);
        lastTokensPerSecond = seconds > 0 ? tokens / seconds : 0;
    }

    /** Requests counted so far for {@code endpoint} answered with {@code status}. */
    public long requests(String endpoint, int status) {
        LongAdder a = requests.get(endpoint + "\u0000" + status);
        return a == null ? 0 : a.sum();
    }

    /** Mean generation requests per batched model call so far (0 before the first). */
    public double meanBatchSize() {
        return batchSize.mean();
    }

    /** The exposition text. */
    public String render() {
        StringBuilder out = new StringBuilder(4096);
        out.append("# HELP verdict_requests_total HTTP requests by endpoint and status.\n");
        out.append("# TYPE verdict_requests_total counter\n");
        for (var e : new TreeMap<>(requests).entrySet()) {
            String[] k = e.getKey().split("\u0000");
            out.append("verdict_requests_total{endpoint=\"")
                    .append(k[0])
                    .append("\",status=\"")
                    .append(k[1])
                    .append("\"} ")
                    .append(e.getValue().sum())
                    .append('\n');
        }
        out.append("# HELP verdict_request_duration_seconds HTTP request latency by endpoint.\n");
        out.append("# TYPE verdict_request_duration_seconds histogram\n");
        for (var e : new TreeMap<>(latency).entrySet()) {
            e.getValue().render(out, "verdict_request_duration_seconds", "endpoint=\"" + e.getKey() + "\"");
        }
        out.append("# HELP verdict_batch_size Generation requests per batched model call.\n");
        out.append("# TYPE verdict_batch_size histogram\n");
        batchSize.render(out, "verdict_batch_size", "");
        gauge(out, "verdict_queue_depth", "Generation requests waiting for the model thread.", queueDepth.getAsInt());
        gauge(out, "verdict_requests_in_flight", "Model-bound HTTP requests admitted.", inFlight.getAsInt());
        out.append("# HELP verdict_generated_tokens_total Tokens generated.\n");
        out.append("# TYPE verdict_generated_tokens_total counter\n");
        out.append("verdict_generated_tokens_total ")
                .append(generatedTokens.sum())
                .append('\n');
        out.append("# HELP verdict_generation_seconds_total Seconds the model thread spent generating.\n");
        out.append("# TYPE verdict_generation_seconds_total counter\n");
        out.append("verdict_generation_seconds_total ")
                .append(num(generationSeconds.sum()))
                .append('\n');
        gauge(out, "verdict_tokens_per_second", "Generated tokens/s of the last batch.", lastTokensPerSecond);
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        out.append(name).append(' ').append(num(value)).append('\n');
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** A cumulative histogram with fixed upper bounds. */
    static final class Histogram {
        private final double[] bounds;
        private final LongAdder[] counts;
        private final DoubleAdder sum = new DoubleAdder();
        private final LongAdder count = new LongAdder();

        Histogram(double[] bounds) {
            this.bounds = bounds.clone();
            this.counts = new LongAdder[bounds.length];
            for (int i = 0; i < bounds.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        void observe(double v) {
            for (int i = 0; i < bounds.length; i++) {
                if (v <= bounds[i]) {
                    counts[i].increment();
                    break;
                }
            }
            sum.add(v);
            count.increment();
        }

        double mean() {
            long n = count.sum();
            return n == 0 ? 0 : sum.sum() / n;
        }

        void render(StringBuilder out, String name, String labels) {
            String sep = labels.isEmpty() ? "" : labels + ",";
            long cumulative = 0;
            for (int i = 0; i < bounds.length; i++) {
                cumulative += counts[i].sum();
                out.append(name).append("_bucket{").append(sep).append("le=\"").append(num(bounds[i]));
                out.append("\"} ").append(cumulative).append('\n');
            }
            String braces = labels.isEmpty() ? "" : "{" + labels + "}";
            out.append(name)
                    .append("_bucket{")
                    .append(sep)
                    .append("le=\"+Inf\"} ")
                    .append(count.sum());
            out.append('\n');
            out.append(name)
                    .append("_sum")
                    .append(braces)
                    .append(' ')
                    .append(num(sum.sum()))
                    .append('\n');
            out.append(name)
                    .append("_count")
                    .append(braces)
                    .append(' ')
                    .append(count.sum())
                    .append('\n');
        }
    }
}
