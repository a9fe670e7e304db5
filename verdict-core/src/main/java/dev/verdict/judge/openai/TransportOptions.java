package dev.verdict.judge.openai;

import java.time.Duration;

/**
 * The connection options every OpenAI-compatible client shares (the judge, the consistency judge): the endpoint and
 * model, API key, timeouts, retries and backoff, with one set of defaults. Each client's builder extends it and adds
 * its own.
 *
 * @param <B> the builder type the setters return
 */
public abstract class TransportOptions<B extends TransportOptions<B>> {
    private String baseUrl;
    private String model;
    private String apiKey;
    private boolean explicitKey;
    private String apiKeyEnv = "OPENAI_API_KEY";
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(180);
    private int maxRetries = 3;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(20);

    protected TransportOptions() {}

    /** This builder, typed. */
    protected abstract B self();

    /** The API root, e.g. {@code http://host:8000/v1}. */
    public B baseUrl(String url) {
        this.baseUrl = url;
        return self();
    }

    /** The model name the requests carry. */
    public B model(String name) {
        this.model = name;
        return self();
    }

    /** The API root as set (null when unset). */
    public String baseUrl() {
        return baseUrl;
    }

    /** The model name as set (null when unset). */
    public String model() {
        return model;
    }

    /** An explicit API key (null or empty: send none); wins over {@link #apiKeyEnv}. */
    public B apiKey(String key) {
        this.apiKey = key;
        this.explicitKey = true;
        return self();
    }

    /** The environment variable to read the key from (default {@code OPENAI_API_KEY}; null for none). */
    public B apiKeyEnv(String variable) {
        this.apiKeyEnv = variable;
        return self();
    }

    /** The limit for opening a connection (default 10 s). */
    public B connectTimeout(Duration d) {
        this.connectTimeout = positive(d, "connectTimeout");
        return self();
    }

    /** The limit for one request, reply included (default 180 s, as the R1-Reward client). */
    public B requestTimeout(Duration d) {
        this.requestTimeout = positive(d, "requestTimeout");
        return self();
    }

    /** Retries after the first attempt, for 429 / 5xx / timeouts / connection errors only (default 3). */
    public B maxRetries(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, got " + n);
        }
        this.maxRetries = n;
        return self();
    }

    /** The first retry's wait, doubled per retry up to {@link #maxBackoff} (default 0.5 s). */
    public B initialBackoff(Duration d) {
        this.initialBackoff = positive(d, "initialBackoff");
        return self();
    }

    /** The longest wait between retries (default 20 s). */
    public B maxBackoff(Duration d) {
        this.maxBackoff = positive(d, "maxBackoff");
        return self();
    }

    /** The transport settings these options give, the key read from the environment unless one was set. */
    public OpenAiTransport.Settings transportSettings() {
        String key = explicitKey ? apiKey : (apiKeyEnv == null ? null : System.getenv(apiKeyEnv));
        return new OpenAiTransport.Settings(
                key, connectTimeout, requestTimeout, maxRetries, initialBackoff, maxBackoff);
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
        return d;
    }
}
