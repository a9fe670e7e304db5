package dev.verdict.train.curate;

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
import java.util.function.Function;

/**
 * A real OpenAI-compatible HTTP server on 127.0.0.1 (ephemeral port): every {@code POST /v1/chat/completions}
 * body goes to a function returning the status and, for 200, the assistant's message.
 */
final class ChatEndpoint implements AutoCloseable {
    /** A status and, for 200, the message content. */
    record Reply(int status, String content) {
        static Reply ok(String content) {
            return new Reply(200, content);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    final List<String> bodies = new CopyOnWriteArrayList<>();

    ChatEndpoint(Function<String, Reply> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(pool);
        server.createContext("/v1/chat/completions", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            Reply r = script.apply(body);
            if (r.status() == 200) {
                String escaped = r.content().replace("\\", "\\\\").replace("\"", "\\\"");
                send(
                        ex,
                        200,
                        "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + escaped
                                + "\"}}]}");
            } else {
                send(ex, r.status(), "{\"error\":\"scripted " + r.status() + "\"}");
            }
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

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
