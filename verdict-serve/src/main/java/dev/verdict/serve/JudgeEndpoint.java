package dev.verdict.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.judge.Choice;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.Preference;
import dev.verdict.judge.Verdict;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/judge}: {@code {question, images?, response1, response2, votes?, order?, temperature?, top_p?,
 * seed?, max_tokens?}} to {@code {choice, votes, reasoning, probability_1, probability_2, format_valid, order,
 * latency_ms, model}}, plus {@code agreement} and {@code orders} when {@code order} is {@code both}.
 */
final class JudgeEndpoint {
    private final PairJudging judging;
    private final ImageInputs images;
    private final ServeConfig config;

    JudgeEndpoint(PairJudging judging, ImageInputs images, ServeConfig config) {
        this.judging = judging;
        this.images = images;
        this.config = config;
    }

    JsonNode handle(JsonNode body) {
        long start = System.nanoTime();
        JsonNode o = RequestFields.object(body);
        String question = RequestFields.text(o, "question");
        String response1 = RequestFields.text(o, "response1");
        String response2 = RequestFields.text(o, "response2");
        JudgeSettings settings = JudgeSettings.read(o, config, "fixed");
        List<BufferedImage> decoded = images.decodeAll(RequestFields.texts(o, "images", false), "images");
        PairExample pair = new PairExample(
                "request", "request", List.of(), question, response1, response2, Preference.UNKNOWN, "", "", Map.of());
        PairJudging.Judgment j = judging.judge(pair, decoded, settings.options(), settings.bothOrders());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("choice", label(j.choice()));
        votes(out.putArray("votes"), j.votes());
        Verdict first = j.verdicts().getFirst();
        out.put("reasoning", first.reasoning());
        out.put("probability_1", j.probability(Choice.ONE));
        out.put("probability_2", j.probability(Choice.TWO));
        out.put(
                "format_valid",
                j.verdicts().stream()
                        .mapToDouble(Verdict::formatValidFraction)
                        .average()
                        .orElse(0));
        out.put("order", settings.order());
        if (settings.bothOrders()) {
            out.put("agreement", j.agreement());
            ArrayNode orders = out.putArray("orders");
            for (Verdict v : j.verdicts()) {
                ObjectNode n = orders.addObject();
                n.put("order", v.presentedSwapped() ? "swapped" : "fixed");
                n.put("choice", label(v.choice()));
                votes(n.putArray("votes"), v.votes());
                n.put("reasoning", v.reasoning());
            }
        }
        out.put("latency_ms", (System.nanoTime() - start) / 1_000_000);
        out.put("model", config.modelName());
        return out;
    }

    private static void votes(ArrayNode into, List<Choice> votes) {
        votes.forEach(c -> into.add(label(c)));
    }

    /** "1", "2" or "invalid". */
    static String label(Choice c) {
        return switch (c) {
            case ONE -> "1";
            case TWO -> "2";
            case INVALID -> "invalid";
        };
    }
}
