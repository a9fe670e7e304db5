package dev.verdict.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.Preference;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /get_reward}, the OpenRLHF remote reward shape: {@code {query: [...], prompts?: [...], labels?:
 * [...]}} to {@code {rewards, scores, extra_logs}}. How a pairwise verdict becomes a scalar:
 *
 * <ul>
 *   <li>With a non-empty {@code labels[i]} (a reference answer): reward = the candidate's win probability over
 *       the reference, the votes of both orders pooled: wins / (wins + losses), 0.5 when no vote parses.
 *   <li>Without one: round robin among the queries that share the prompt (the rollout group): reward = the mean
 *       of the candidate's win probabilities against each other member. A prompt with a single response and no
 *       label is a 400.
 * </ul>
 *
 * Judging fields ({@code votes}, {@code order} (default {@code both}), {@code temperature}, {@code seed}, {@code
 * max_tokens}) may be given at the top level.
 */
final class RewardEndpoint {
    private final PairJudging judging;
    private final ImageInputs images;
    private final ServeConfig config;

    RewardEndpoint(PairJudging judging, ImageInputs images, ServeConfig config) {
        this.judging = judging;
        this.images = images;
        this.config = config;
    }

    /** One judgment to make: item {@code a}'s response against {@code b}'s, or against the label when b < 0. */
    private record Match(int a, int b) {}

    private record Item(QuerySplit split, List<BufferedImage> images, String label, String group) {}

    JsonNode handle(JsonNode body) {
        JsonNode o = RequestFields.object(body);
        List<String> queries = RequestFields.texts(o, "query", true);
        if (queries.isEmpty()) {
            throw ApiException.badRequest("query", "'query' is empty");
        }
        if (queries.size() > config.limits().maxQueries()) {
            throw ApiException.tooLarge(
                    "query",
                    queries.size() + " queries; at most " + config.limits().maxQueries() + " per request");
        }
        List<String> prompts = sameLength(RequestFields.texts(o, "prompts", false), queries.size(), "prompts");
        List<String> labels = sameLength(RequestFields.texts(o, "labels", false), queries.size(), "labels");
        JudgeSettings settings = JudgeSettings.read(o, config, "both");
        List<Item> items = items(queries, prompts, labels);
        List<Match> matches = matches(items);
        List<PairJudging.Judgment> results = Parallel.map(matches, m -> judge(items, m, settings));
        return response(items.size(), matches, results);
    }

    private static List<String> sameLength(List<String> list, int n, String field) {
        if (!list.isEmpty() && list.size() != n) {
            throw ApiException.badRequest(
                    field, "'" + field + "' has " + list.size() + " entries for " + n + " queries");
        }
        return list;
    }

    private List<Item> items(List<String> queries, List<String> prompts, List<String> labels) {
        List<Item> items = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            String prompt = prompts.isEmpty() ? null : prompts.get(i);
            QuerySplit s = QuerySplit.of(queries.get(i), prompt, "query[" + i + "]");
            List<BufferedImage> decoded = images.decodeAll(s.images(), "prompts[" + i + "].images");
            String label = labels.isEmpty() || labels.get(i).isBlank() ? null : labels.get(i);
            items.add(new Item(s, decoded, label, prompt != null ? prompt : s.question()));
        }
        return items;
    }

    private List<Match> matches(List<Item> items) {
        List<Match> out = new ArrayList<>();
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).label() != null) {
                out.add(new Match(i, -1));
            } else {
                groups.computeIfAbsent(items.get(i).group(), k -> new ArrayList<>())
                        .add(i);
            }
        }
        for (List<Integer> g : groups.values()) {
            if (g.size() < 2) {
                throw ApiException.badRequest(
                        "labels[" + g.getFirst() + "]",
                        "query " + g.getFirst() + " has no reference answer in 'labels' and no other response to"
                                + " the same prompt to be compared with");
            }
            if (g.size() > config.limits().maxResponses()) {
                throw ApiException.tooLarge(
                        "query",
                        "a prompt has " + g.size() + " responses; round robin takes at most "
                                + config.limits().maxResponses());
            }
            for (int x = 0; x < g.size(); x++) {
                for (int y = x + 1; y < g.size(); y++) {
                    out.add(new Match(g.get(x), g.get(y)));
                }
            }
        }
        return out;
    }

    private PairJudging.Judgment judge(List<Item> items, Match m, JudgeSettings settings) {
        Item a = items.get(m.a());
        String other = m.b() < 0 ? a.label() : items.get(m.b()).split().response();
        PairExample pair = new PairExample(
                "q" + m.a() + "-" + m.b(),
                a.group(),
                List.of(),
                a.split().question(),
                a.split().response(),
                other,
                Preference.UNKNOWN,
                "",
                "",
                Map.of());
        return judging.judge(pair, a.images(), settings.options(), settings.bothOrders());
    }

    private static JsonNode response(int n, List<Match> matches, List<PairJudging.Judgment> results) {
        double[] win = new double[n];
        double[] valid = new double[n];
        double[] agree = new double[n];
        int[] count = new int[n];
        for (int k = 0; k < matches.size(); k++) {
            Match m = matches.get(k);
            PairJudging.Judgment j = results.get(k);
            add(m.a(), j.winProbability1(), j, win, valid, agree, count);
            if (m.b() >= 0) {
                add(m.b(), 1 - j.winProbability1(), j, win, valid, agree, count);
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode rewards = out.putArray("rewards");
        ArrayNode scores = out.putArray("scores");
        ObjectNode logs = out.putObject("extra_logs");
        ArrayNode validRate = logs.putArray("verdict_valid_rate");
        ArrayNode agreement = logs.putArray("verdict_order_agreement");
        for (int i = 0; i < n; i++) {
            rewards.add(win[i] / count[i]);
            scores.add(win[i] / count[i]);
            validRate.add(valid[i] / count[i]);
            agreement.add(agree[i] / count[i]);
        }
        return out;
    }

    private static void add(
            int i, double p, PairJudging.Judgment j, double[] win, double[] valid, double[] agree, int[] count) {
        win[i] += p;
        valid[i] += j.validRate();
        agree[i] += j.agreement() ? 1 : 0;
        count[i]++;
    }
}
