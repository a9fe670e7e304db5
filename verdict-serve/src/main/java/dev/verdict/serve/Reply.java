package dev.verdict.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;

/** What an endpoint answers: it writes itself to the response and returns the status it sent. */
interface Reply {
    ObjectMapper JSON = new ObjectMapper();

    int send(ServerResponse res) throws IOException;

    /**
     * A reply that does its work while it writes (a stream): it calls {@code workDone} once the work is done and
     * before its last bytes go out, so the server can give back the request's queue slot in time.
     */
    interface Streamed extends Reply {
        int send(ServerResponse res, Runnable workDone) throws IOException;

        @Override
        default int send(ServerResponse res) throws IOException {
            return send(res, () -> {});
        }
    }

    /** A JSON body with {@code status}. */
    static Reply json(int status, JsonNode body) {
        return res -> {
            res.status(status);
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(JSON.writeValueAsBytes(body));
            return status;
        };
    }

    static Reply ok(JsonNode body) {
        return json(200, body);
    }

    /** The structured error {@code {"error": {"message", "field", "type"}}}. */
    static Reply error(ApiException e) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode err = root.putObject("error");
        err.put("message", e.getMessage());
        if (e.field() == null) {
            err.putNull("field");
        } else {
            err.put("field", e.field());
        }
        err.put("type", type(e.status()));
        Reply json = json(e.status(), root);
        if (e.status() != 429 && e.status() != 503) {
            return json;
        }
        return res -> {
            res.header(HeaderNames.RETRY_AFTER, "1");
            return json.send(res);
        };
    }

    private static String type(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 404 -> "not_found";
            case 413 -> "request_too_large";
            case 429 -> "queue_full";
            case 503 -> "unavailable";
            case 504 -> "timeout";
            default -> "server_error";
        };
    }
}
