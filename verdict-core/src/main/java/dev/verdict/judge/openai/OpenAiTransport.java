package dev.verdict.judge.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verdict.judge.JudgeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of every client of an OpenAI-compatible server: bearer authentication, a per-request timeout,
 * and bounded retries with exponential backoff (doubling from {@code initialBackoff}, capped at {@code
 * maxBackoff}, a numeric {@code Retry-After} honoured) on HTTP 429, 5xx, timeouts and connection errors only.
 * Any other status, or retries running out, is an exception built by the caller's factory, so each client
 * throws its own {@link JudgeException} type. Thread-safe.
 */
public final class OpenAiTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiTransport.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT = 300;

    /**
     * @param apiKey sent as a bearer token; null or empty sends none
     * @param maxRetries retries after the first attempt
     */
    public record Settings(
            String apiKey,
            Duration connectTimeout,
            Duration requestTimeout,
            int maxRetries,
            Duration initialBackoff,
            Duration maxBackoff) {}

    private final Settings settings;
    private final BiFunction<String, Throwable, ? extends JudgeException> errors;
    private final HttpClient http;

    /** @param errors builds the exception to throw from a message and an optional cause */
    public OpenAiTransport(Settings settings, BiFunction<String, Throwable, ? extends JudgeException> errors) {
        this.settings = settings;
        this.errors = errors;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Sends {@code body} as JSON with POST (or a GET when it is null), retrying transient failures.
     *
     * @return the body of the HTTP 200 reply
     */
    public String send(URI uri, String body) {
        String method = body == null ? "GET" : "POST";
        String problem = "no attempt";
        String retryAfter = null;
        for (int attempt = 0; attempt <= settings.maxRetries(); attempt++) {
            if (attempt > 0) {
                pause(attempt, uri, problem, retryAfter);
                retryAfter = null;
            }
            HttpResponse<String> response;
            try {
                response = http.send(request(uri, body), HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                problem = "timed out after " + settings.requestTimeout().toMillis() + " ms";
                continue;
            } catch (IOException e) {
                problem = "connection error: " + e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw errors.apply("interrupted while calling " + uri, e);
            }
            int status = response.statusCode();
            if (status == 200) {
                return response.body();
            }
            problem = "HTTP " + status + ": " + excerpt(response.body());
            if (status != 429 && status < 500) {
                throw errors.apply(method + " " + uri + " failed with " + problem, null);
            }
            retryAfter = response.headers().firstValue("Retry-After").orElse(null);
        }
        throw errors.apply(
                method + " " + uri + " failed after " + (settings.maxRetries() + 1) + " attempts; last: " + problem,
                null);
    }

    /** The JSON of a reply from {@code uri}. */
    public JsonNode parse(URI uri, String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw errors.apply(uri + " returned HTTP 200 with invalid JSON: " + excerpt(body), e);
        }
    }

    /**
     * {@code choices[0].message.content} of a chat completion: a string, or the concatenated text of content
     * parts.
     */
    public String messageContent(URI uri, String body) {
        JsonNode content =
                parse(uri, body).path("choices").path(0).path("message").path("content");
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            content.forEach(part -> sb.append(part.path("text").asText("")));
            return sb.toString();
        }
        throw errors.apply(uri + " returned HTTP 200 without choices[0].message.content: " + excerpt(body), null);
    }

    private HttpRequest request(URI uri, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout());
        if (body == null) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        String key = settings.apiKey();
        if (key != null && !key.isEmpty()) {
            b.header("Authorization", "Bearer " + key);
        }
        return b.build();
    }

    private void pause(int attempt, URI uri, String problem, String retryAfter) {
        long max = settings.maxBackoff().toMillis();
        long millis = Math.min(max, settings.initialBackoff().toMillis() << Math.min(attempt - 1, 20));
        if (retryAfter != null) {
            try {
                millis = Math.min(max, Long.parseLong(retryAfter.trim()) * 1000);
            } catch (NumberFormatException ignored) {
                // an HTTP-date Retry-After: keep the exponential delay
            }
        }
        LOG.warn("{} ({}); retry {}/{} in {} ms", uri, problem, attempt, settings.maxRetries(), millis);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw errors.apply("interrupted while waiting to retry " + uri, e);
        }
    }

    /** The start of a reply body, for error messages. */
    public static String excerpt(String body) {
        String b = body == null ? "" : body.strip();
        return b.length() <= EXCERPT ? b : b.substring(0, EXCERPT) + "...";
    }

    /** Releases the HTTP client's connections and threads. */
    @Override
    public void close() {
        http.close();
    }
}
