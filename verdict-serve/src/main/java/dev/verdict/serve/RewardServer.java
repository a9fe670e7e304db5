package dev.verdict.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verdict reward server: routes, admission (a full queue answers 429), body limits, structured errors and
 * metrics around the endpoints, over one {@link Batcher} that owns the model. {@link #close()} stops admitting,
 * lets in-flight requests finish (up to the drain timeout), then stops the listener and the model thread.
 */
public final class RewardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RewardServer.class);

    private final ServeConfig config;
    private final Engine engine;
    private final Batcher batcher;
    private final ServerMetrics metrics = new ServerMetrics();
    private final Semaphore admission;
    /** Model-bound requests whose handler is still running (their replies may be on the wire). */
    private final AtomicInteger sending = new AtomicInteger();

    private final ObjectMapper json;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean draining;
    private final WebServer server;

    private RewardServer(Engine engine, ServeConfig config) {
        this.config = config;
        this.engine = engine;
        this.batcher = new Batcher(engine, config.maxBatch(), config.batchWait(), metrics);
        this.admission = new Semaphore(config.maxQueue());
        metrics.gauges(batcher::depth, this::inFlight);
        this.json = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength((int)
                                Math.min(Integer.MAX_VALUE, config.limits().maxBodyBytes()))
                        .build())
                .build());
        Completions completions = new Completions(batcher, config.requestTimeout());
        PairJudging judging = new PairJudging(completions, engine.promptLayout());
        ImageInputs images = new ImageInputs(config.limits(), config.imageRoot());
        JudgeEndpoint judge = new JudgeEndpoint(judging, images, config);
        RewardEndpoint reward = new RewardEndpoint(judging, images, config);
        RankEndpoint rank = new RankEndpoint(judging, images, config);
        ChatEndpoint chat = new ChatEndpoint(completions, images, config);
        this.server = WebServer.builder()
                .host(config.host())
                .port(config.port())
                .shutdownHook(false)
                .routing(r -> routes(r, judge, reward, rank, chat))
                .build();
    }

    /** Starts a server over {@code engine}; closing the server closes the engine. */
    public static RewardServer start(Engine engine, ServeConfig config) {
        RewardServer s = new RewardServer(engine, config);
        try {
            s.server.start();
        } catch (RuntimeException e) {
            s.batcher.close();
            throw e;
        }
        LOG.info("serving {} on http://{}:{}", config.modelName(), config.host(), s.port());
        return s;
    }

    private void routes(
            HttpRouting.Builder r, JudgeEndpoint judge, RewardEndpoint reward, RankEndpoint rank, ChatEndpoint chat) {
        r.get("/health", plain("/health", () -> Reply.ok(status("ok"))))
                .get("/ready", plain("/ready", this::ready))
                .get("/metrics", plain("/metrics", this::metricsReply))
                .get("/v1/models", plain("/v1/models", () -> Reply.ok(ChatEndpoint.models(config.modelName()))))
                .post("/v1/judge", model("/v1/judge", b -> Reply.ok(judge.handle(b))))
                .post("/get_reward", model("/get_reward", b -> Reply.ok(reward.handle(b))))
                .post("/v1/rank", model("/v1/rank", b -> Reply.ok(rank.handle(b))))
                .post("/v1/chat/completions", model("/v1/chat/completions", chat::handle))
                .any(plain("other", () -> Reply.error(new ApiException(404, "no such endpoint", null))));
    }

    private JsonNode status(String s) {
        return JsonNodeFactory.instance.objectNode().put("status", s).put("model", config.modelName());
    }

    private Reply ready() {
        return draining ? Reply.json(503, status("draining")) : Reply.ok(status("ready"));
    }

    private Reply metricsReply() {
        byte[] text = metrics.render().getBytes(StandardCharsets.UTF_8);
        return res -> {
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            res.send(text);
            return 200;
        };
    }

    /** A route that needs no model and no body. */
    private Handler plain(String endpoint, Supplier<Reply> reply) {
        return (req, res) -> {
            long start = System.nanoTime();
            int status = 500;
            try {
                status = reply.get().send(res);
            } finally {
                metrics.request(endpoint, status, (System.nanoTime() - start) / 1e9);
            }
        };
    }

    /**
     * A model-bound route: admission, body limit, JSON parsing and error mapping around {@code fn}. The request's
     * queue slot is given back once its work is done and before its reply is written, so a client that waits for
     * each reply before sending the next request never meets a slot still held for its previous one.
     */
    private Handler model(String endpoint, Function<JsonNode, Reply> fn) {
        return (req, res) -> {
            long start = System.nanoTime();
            int status = 500;
            AtomicBoolean held = new AtomicBoolean(false);
            Runnable release = () -> {
                if (held.getAndSet(false)) {
                    admission.release();
                }
            };
            sending.incrementAndGet();
            try {
                Reply reply = admitAndRun(req, fn, held);
                if (reply instanceof Reply.Streamed streamed) {
                    status = streamed.send(res, release);
                } else {
                    release.run();
                    status = reply.send(res);
                }
            } catch (ApiException e) {
                release.run();
                status = sendError(res, e);
            } catch (RuntimeException | IOException e) {
                release.run();
                LOG.warn("{} failed", endpoint, e);
                status = sendError(res, new ApiException(500, "internal error; the server log has the details", null));
            } finally {
                release.run();
                sending.decrementAndGet();
                metrics.request(endpoint, status, (System.nanoTime() - start) / 1e9);
            }
        };
    }

    /** Takes a queue slot (setting {@code held}), reads and parses the body and runs {@code fn}. */
    private Reply admitAndRun(ServerRequest req, Function<JsonNode, Reply> fn, AtomicBoolean held) throws IOException {
        if (draining) {
            throw new ApiException(503, "the server is shutting down", null);
        }
        if (!admission.tryAcquire()) {
            throw new ApiException(
                    429, "the queue is full (" + config.maxQueue() + " requests admitted); retry later", null);
        }
        held.set(true);
        return fn.apply(parse(readBody(req)));
    }

    private static int sendError(ServerResponse res, ApiException e) throws IOException {
        if (res.isSent()) {
            return e.status();
        }
        return Reply.error(e).send(res);
    }

    private byte[] readBody(ServerRequest req) throws IOException {
        long max = config.limits().maxBodyBytes();
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > max) {
            throw ApiException.tooLarge(
                    "body", "the body is " + declared.getAsLong() + " bytes, over the limit of " + max + " bytes");
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (data.length > max) {
                throw ApiException.tooLarge("body", "the body is over the limit of " + max + " bytes");
            }
            return data;
        }
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest(null, "the request has no body; send a JSON object");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(null, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest(null, "cannot read the body: " + e.getMessage());
        }
    }

    private int inFlight() {
        return config.maxQueue() - admission.availablePermits();
    }

    /** The bound port (the ephemeral one when the config asked for port 0). */
    public int port() {
        return server.port();
    }

    /** {@code http://host:port}. */
    public URI baseUri() {
        return URI.create("http://" + config.host() + ":" + port());
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    public ServeConfig config() {
        return config;
    }

    /** Stops admitting, waits for in-flight requests (up to the drain timeout), then stops everything. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        draining = true;
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        while ((inFlight() > 0 || sending.get() > 0) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        server.stop();
        batcher.close();
        engine.close();
        LOG.info("stopped serving {}", config.modelName());
    }
}
