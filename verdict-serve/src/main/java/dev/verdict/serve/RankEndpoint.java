package dev.verdict.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.Preference;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/rank}: Best-of-N. {@code {question, images?, responses: [...], method?: round_robin|knockout,
 * votes?, temperature?, seed?, max_tokens?}} to {@code {order, best, wins, games, method, latency_ms, model}};
 * every match is judged in both orders ({@link Tournament}).
 */
final class RankEndpoint {
    private final PairJudging judging;
    private final ImageInputs images;
    private final ServeConfig config;

    RankEndpoint(PairJudging judging, ImageInputs images, ServeConfig config) {
        this.judging = judging;
        this.images = images;
        this.config = config;
    }

    JsonNode handle(JsonNode body) {
        long start = System.nanoTime();
        JsonNode o = RequestFields.object(body);
        String question = RequestFields.text(o, "question");
        List<String> responses = RequestFields.texts(o, "responses", true);
        if (responses.size() < 2) {
            throw ApiException.badRequest("responses", "'responses' needs at least 2 entries, got " + responses.size());
        }
        if (responses.size() > config.limits().maxResponses()) {
            throw ApiException.tooLarge(
                    "responses",
                    responses.size() + " responses; at most " + config.limits().maxResponses() + " per request");
        }
        String method = RequestFields.text(o, "method", "round_robin");
        if (!method.equals("round_robin") && !method.equals("knockout")) {
            throw ApiException.badRequest("method", "'method' must be round_robin or knockout, got '" + method + "'");
        }
        if (o.has("order")) {
            throw ApiException.badRequest("order", "ranking always judges both orders; drop 'order'");
        }
        JudgeSettings settings = JudgeSettings.read(o, config, "both");
        List<BufferedImage> decoded = images.decodeAll(RequestFields.texts(o, "images", false), "images");
        Tournament.Match match = (a, b) -> judging.judge(
                new PairExample(
                        "r" + a + "-" + b,
                        "rank",
                        List.of(),
                        question,
                        responses.get(a),
                        responses.get(b),
                        Preference.UNKNOWN,
                        "",
                        "",
                        Map.of()),
                decoded,
                settings.options(),
                true);
        Tournament.Result r = method.equals("knockout")
                ? Tournament.knockout(responses.size(), match)
                : Tournament.roundRobin(responses.size(), match);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode order = out.putArray("order");
        r.order().forEach(order::add);
        out.put("best", r.order().getFirst());
        ArrayNode wins = out.putArray("wins");
        for (int w : r.wins()) {
            wins.add(w);
        }
        out.put("games", r.games());
        out.put("method", method);
        out.put("latency_ms", (System.nanoTime() - start) / 1_000_000);
        out.put("model", config.modelName());
        return out;
    }
}
