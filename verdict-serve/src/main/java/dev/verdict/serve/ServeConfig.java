package dev.verdict.serve;

import dev.verdict.config.With;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the server listens, batches and bounds requests.
 *
 * @param host address to bind (loopback by default)
 * @param port TCP port, 0 for an ephemeral one
 * @param maxBatch most generation requests the model thread runs in one batched call
 * @param maxQueue most model-bound HTTP requests admitted at once (running or waiting); more answer 429
 * @param batchWait how long the model thread waits for more requests after the first of a batch
 * @param modelName the name reported in responses and {@code /v1/models}
 * @param imageRoot directory that image file paths are resolved in, or null to refuse file paths
 * @param limits request limits
 * @param defaultMaxTokens new-token budget of a judgment or completion when the request names none
 * @param requestTimeout longest a request waits for the model before answering 504
 * @param drainTimeout longest {@code close()} waits for in-flight requests
 */
public record ServeConfig(
        String host,
        int port,
        int maxBatch,
        int maxQueue,
        Duration batchWait,
        String modelName,
        Path imageRoot,
        Limits limits,
        int defaultMaxTokens,
        Duration requestTimeout,
        Duration drainTimeout)
        implements With<ServeConfig> {

    public ServeConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(limits, "limits");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("max batch must be >= 1, got " + maxBatch);
        }
        if (maxQueue < 1) {
            throw new IllegalArgumentException("max queue must be >= 1, got " + maxQueue);
        }
        if (defaultMaxTokens < 1 || defaultMaxTokens > limits.maxTokens()) {
            throw new IllegalArgumentException(
                    "default max tokens must be in [1, " + limits.maxTokens() + "], got " + defaultMaxTokens);
        }
    }

    /** Loopback, port 8080, batches of 8 within 5 ms, 64 admitted requests, default limits, 1024 tokens. */
    public static ServeConfig defaults(String modelName) {
        return new ServeConfig(
                "127.0.0.1",
                8080,
                8,
                64,
                Duration.ofMillis(5),
                modelName,
                null,
                Limits.DEFAULT,
                1024,
                Duration.ofMinutes(10),
                Duration.ofSeconds(30));
    }
}
