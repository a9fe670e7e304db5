package dev.verdict.train.reward;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) that answers {@code /v1/chat/completions} and {@code
 * /v1/models} from a script: the n-th chat request (0-based) gets {@code script.reply(n)}.
 */
final class LoopbackServer implements AutoCloseable {
    /** What to answer: a status and a body, optionally after a delay. */
    record Reply(int status, String body, long delayMillis) {
        static Reply ok(String content) {
            String escaped = content.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
            return new Reply(
                    200,
                    "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + escaped
                            + "\"}}]}",
                    0);
        }

        static Reply status(int status) {
            return new Reply(status, "{\"error\":\"scripted " + status + "\"}", 0);
        }
    }

    interface Script {
        Reply reply(int index, String requestBody);
    }

    private final HttpServer server;
    private final AtomicInteger chatRequests = new AtomicInteger();
    private final AtomicInteger modelRequests = new AtomicInteger();
    final List<String> bodies = new CopyOnWriteArrayList<>();

    LoopbackServer(Script script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/v1/chat/completions", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            Reply r = script.reply(chatRequests.getAndIncrement(), body);
            if (r.delayMillis() > 0) {
                try {
                    Thread.sleep(r.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            send(ex, r.status(), r.body());
        });
        server.createContext("/v1/models", ex -> {
            modelRequests.incrementAndGet();
            send(ex, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"judge-7b\",\"object\":\"model\"}]}");
        });
        server.start();
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    int chatRequests() {
        return chatRequests.get();
    }

    int modelRequests() {
        return modelRequests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
