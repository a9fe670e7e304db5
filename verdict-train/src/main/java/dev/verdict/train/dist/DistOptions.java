package dev.verdict.train.dist;

import dev.verdict.config.With;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of a {@link GlooCollective}.
 *
 * @param timeout how long any rendezvous or collective waits for the other ranks before it throws a
 *     {@link DistributedException} (default 300 s; environment variable {@code VERDICT_DIST_TIMEOUT_S})
 * @param bucketBytes gradients are all-reduced in flat buckets of about this many bytes (default 25 MB)
 */
public record DistOptions(Duration timeout, long bucketBytes) implements With<DistOptions> {
    /** The environment variable that overrides the timeout, in seconds. */
    public static final String TIMEOUT_ENV = "VERDICT_DIST_TIMEOUT_S";

    /** 300 s, 25 MB buckets. */
    public static final DistOptions DEFAULT = new DistOptions(Duration.ofSeconds(300), 25L << 20);

    public DistOptions {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (bucketBytes < 1) {
            throw new IllegalArgumentException("bucketBytes must be >= 1, got " + bucketBytes);
        }
    }

    /** The defaults, with the timeout from {@value #TIMEOUT_ENV} when set. */
    public static DistOptions fromEnvironment(Map<String, String> env) {
        String v = env.get(TIMEOUT_ENV);
        if (v == null || v.isBlank()) {
            return DEFAULT;
        }
        try {
            double seconds = Double.parseDouble(v.trim());
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new NumberFormatException("not positive");
            }
            return DEFAULT.with("timeout", Duration.ofMillis(Math.round(seconds * 1000)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    TIMEOUT_ENV + " must be a positive number of seconds, got \"" + v + "\"", e);
        }
    }

    /** The timeout in seconds, for messages. */
    public String timeoutText() {
        double s = timeout.toMillis() / 1000.0;
        return s == Math.rint(s) ? (long) s + " s" : s + " s";
    }
}
