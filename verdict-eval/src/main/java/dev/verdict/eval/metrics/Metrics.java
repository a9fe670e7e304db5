package dev.verdict.eval.metrics;

import dev.verdict.judge.Choice;
import dev.verdict.judge.Voting;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The benchmark metrics as pure functions of the judgments in {@code items.jsonl} ({@code spec/benchmarks.md}
 * §1-3; definitions on {@link Summary}).
 *
 * <p>Voting@K uses the first K samples of each judgment (a prefix of the run's samples), voted by
 * {@link Voting#decide} with the run's tie rule: invalid votes count for neither side, no valid vote or a tie
 * (under {@code TieRule.INVALID}) is INVALID and scored by the invalid policy. Any@K is correct iff at least one of
 * the first K votes names the preferred response; its denominator is every judgment (the invalid policy does not
 * apply: an invalid vote is simply not a correct one). A judge error is a judgment with no votes: INVALID at every
 * K, never correct for any@K.
 */
public final class Metrics {
    private Metrics() {}

    /** The voted choice of {@code r} over its first {@code k} samples (all of them when k exceeds their number). */
    public static Choice votedAt(ItemRecord r, int k, MetricOptions opt) {
        if (r.failed() || r.votes().isEmpty()) {
            return Choice.INVALID;
        }
        return Voting.decide(r.votes().subList(0, Math.min(k, r.votes().size())), opt.tieRule());
    }

    /** All figures at voting@{@code k}. */
    public static Summary summarize(List<ItemRecord> records, int k, MetricOptions opt) {
        Map<String, List<ItemRecord>> byCategory = groupBy(records, ItemRecord::category);
        Map<String, CategoryFigures> categories = new TreeMap<>();
        byCategory.forEach((c, rs) -> categories.put(c, figures(rs, k, opt)));
        Map<String, Double> columns = new TreeMap<>();
        groupBy(records, ItemRecord::column)
                .forEach((c, rs) -> columns.put(c, figures(rs, k, opt).accuracy()));
        CategoryFigures all = figures(records, k, opt);
        int invalid = 0;
        int errors = 0;
        for (ItemRecord r : records) {
            invalid += votedAt(r, k, opt) == Choice.INVALID ? 1 : 0;
            errors += r.failed() ? 1 : 0;
        }
        return new Summary(
                all,
                all.accuracy(),
                mean(categories.values().stream().map(CategoryFigures::accuracy).toList()),
                all.accPlus(),
                mean(new ArrayList<>(columns.values())),
                categories,
                columns,
                records.isEmpty() ? 0.0 : 100.0 * invalid / records.size(),
                errors);
    }

    /** Accuracy and group accuracy of {@code records} at voting@{@code k}. */
    public static CategoryFigures figures(List<ItemRecord> records, int k, MetricOptions opt) {
        int counted = 0;
        int correct = 0;
        Map<String, int[]> groups = new LinkedHashMap<>(); // group -> {counted, correct}
        for (ItemRecord r : records) {
            Scoring.Outcome o =
                    Scoring.score(votedAt(r, k, opt), r.label(), opt.policy(), opt.seed(), r.row(), r.order());
            if (o == Scoring.Outcome.EXCLUDED) {
                continue;
            }
            int[] g = groups.computeIfAbsent(r.group(), x -> new int[2]);
            counted++;
            g[0]++;
            if (o == Scoring.Outcome.CORRECT) {
                correct++;
                g[1]++;
            }
        }
        int groupsCorrect =
                (int) groups.values().stream().filter(g -> g[0] == g[1]).count();
        return new CategoryFigures(
                records.size(),
                counted,
                correct,
                percent(correct, counted),
                groups.size(),
                groupsCorrect,
                percent(groupsCorrect, groups.size()));
    }

    /** Any@{@code k}: percent of judgments with at least one correct vote among the first k. */
    public static Double anyAt(List<ItemRecord> records, int k) {
        int hit = 0;
        for (ItemRecord r : records) {
            List<Choice> prefix = r.votes().subList(0, Math.min(k, r.votes().size()));
            if (!r.failed() && prefix.stream().anyMatch(v -> v.matches(r.label()))) {
                hit++;
            }
        }
        return percent(hit, records.size());
    }

    /**
     * Position consistency at voting@{@code k}: over the rows judged in both the {@code forward} and the
     * {@code reverse} pass, the percent whose two voted choices are valid and name the same underlying response
     * (choices are already in the pair's own order). Null when no row has both passes.
     */
    public static Double positionConsistency(List<ItemRecord> records, int k, MetricOptions opt) {
        Map<Integer, Choice> forward = new HashMap<>();
        Map<Integer, Choice> reverse = new HashMap<>();
        for (ItemRecord r : records) {
            if (r.order().equals("forward")) {
                forward.put(r.row(), votedAt(r, k, opt));
            } else if (r.order().equals("reverse")) {
                reverse.put(r.row(), votedAt(r, k, opt));
            }
        }
        int both = 0;
        int same = 0;
        for (Map.Entry<Integer, Choice> f : forward.entrySet()) {
            Choice rev = reverse.get(f.getKey());
            if (rev == null) {
                continue;
            }
            both++;
            if (f.getValue() != Choice.INVALID && f.getValue() == rev) {
                same++;
            }
        }
        return percent(same, both);
    }

    /** The largest number of samples any judgment has (Kmax), at least 1. */
    public static int maxVotes(List<ItemRecord> records) {
        return Math.max(
                1, records.stream().mapToInt(r -> r.votes().size()).max().orElse(1));
    }

    /** 100 * num / den, or null when den is 0. */
    public static Double percent(int num, int den) {
        return den == 0 ? null : 100.0 * num / den;
    }

    /** The mean of the non-null values, or null when there is none. */
    static Double mean(List<Double> values) {
        List<Double> present = values.stream().filter(v -> v != null).toList();
        return present.isEmpty()
                ? null
                : present.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static Map<String, List<ItemRecord>> groupBy(List<ItemRecord> rs, Function<ItemRecord, String> key) {
        Map<String, List<ItemRecord>> m = new TreeMap<>();
        for (ItemRecord r : rs) {
            m.computeIfAbsent(key.apply(r), x -> new ArrayList<>()).add(r);
        }
        return m;
    }
}
