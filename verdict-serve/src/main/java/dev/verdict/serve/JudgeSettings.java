package dev.verdict.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verdict.judge.JudgeOptions;
import dev.verdict.judge.Order;
import java.util.Locale;

/**
 * The judging fields shared by {@code /v1/judge}, {@code /get_reward} and {@code /v1/rank}: {@code votes},
 * {@code order}, {@code temperature}, {@code top_p}, {@code seed} and {@code max_tokens}.
 *
 * @param options the judge options (order FIXED when {@code bothOrders})
 * @param bothOrders whether each pair is judged in both orders
 * @param order the order as the request named it
 */
record JudgeSettings(JudgeOptions options, boolean bothOrders, String order) {

    /** Reads the fields of {@code o}; {@code defaultOrder} applies when the request names none. */
    static JudgeSettings read(JsonNode o, ServeConfig config, String defaultOrder) {
        Limits limits = config.limits();
        int votes = RequestFields.integer(o, "votes", 1, 1, limits.maxVotes());
        double temperature = RequestFields.number(o, "temperature", votes > 1 ? 1.0 : 0.0, 0, 100);
        double topP = RequestFields.number(o, "top_p", 1.0, Double.MIN_VALUE, 1.0);
        int maxTokens = RequestFields.integer(o, "max_tokens", config.defaultMaxTokens(), 1, limits.maxTokens());
        long seed = RequestFields.seed(o, "seed", 0);
        String order = RequestFields.text(o, "order", defaultOrder).toLowerCase(Locale.ROOT);
        boolean both = order.equals("both");
        Order parsed = switch (order) {
            case "fixed", "both" -> Order.FIXED;
            case "swapped" -> Order.SWAPPED;
            case "random" -> Order.RANDOM;
            default ->
                throw ApiException.badRequest(
                        "order", "'order' must be fixed, swapped, random or both, got '" + order + "'");
        };
        JudgeOptions options = JudgeOptions.defaults()
                .with("votes", votes)
                .with("temperature", temperature)
                .with("topP", topP)
                .with("maxTokens", maxTokens)
                .with("seed", seed)
                .with("order", parsed);
        return new JudgeSettings(options, both, order);
    }
}
