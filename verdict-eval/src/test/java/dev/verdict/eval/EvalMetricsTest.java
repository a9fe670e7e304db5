package dev.verdict.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.verdict.eval.metrics.InvalidPolicy;
import dev.verdict.eval.metrics.ItemRecord;
import dev.verdict.eval.metrics.MetricOptions;
import dev.verdict.eval.metrics.Metrics;
import dev.verdict.eval.metrics.Summary;
import dev.verdict.judge.Choice;
import dev.verdict.judge.Preference;
import dev.verdict.judge.TieRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Metrics on constructed judgments: voting prefixes, tie and invalid rules, Acc+, macro, consistency. */
class EvalMetricsTest {
    private static final Choice A = Choice.ONE;
    private static final Choice B = Choice.TWO;
    private static final Choice X = Choice.INVALID;

    private static ItemRecord rec(int row, String group, String cat, String order, Choice... votes) {
        return new ItemRecord(
                row,
                "id" + row,
                group,
                cat,
                cat,
                order,
                false,
                Preference.ONE,
                List.of(votes),
                List.of(),
                X,
                false,
                "",
                List.of(),
                0,
                null);
    }

    private static ItemRecord rec(int row, String cat, Choice... votes) {
        return rec(row, "g" + row, cat, "fixed", votes);
    }

    private static ItemRecord error(int row, String cat) {
        return new ItemRecord(
                row,
                "id" + row,
                "g" + row,
                cat,
                cat,
                "fixed",
                false,
                Preference.ONE,
                List.of(),
                List.of(),
                X,
                false,
                "",
                List.of(),
                0,
                "HTTP 500");
    }

    private static final MetricOptions WRONG = MetricOptions.defaults();

    @Test
    void votingUsesPrefixesAndTheTieRule() {
        ItemRecord r = rec(0, "c", B, A, A, X, B);
        assertEquals(B, Metrics.votedAt(r, 1, WRONG));
        assertEquals(X, Metrics.votedAt(r, 2, WRONG), "1-1 tie is INVALID by default");
        assertEquals(B, Metrics.votedAt(r, 2, new MetricOptions(InvalidPolicy.WRONG, TieRule.FIRST_VALID, 0)));
        assertEquals(A, Metrics.votedAt(r, 3, WRONG));
        assertEquals(A, Metrics.votedAt(r, 4, WRONG), "invalid votes count for neither side");
        assertEquals(X, Metrics.votedAt(r, 5, WRONG), "2-2 with one invalid is a tie");
        assertEquals(X, Metrics.votedAt(rec(1, "c", X, X), 2, WRONG), "no valid vote");
        assertEquals(X, Metrics.votedAt(error(2, "c"), 1, WRONG), "an error is INVALID");
    }

    @Test
    void votingAndAnyCurves() {
        List<ItemRecord> rs = List.of(rec(0, "c", B, A, A), rec(1, "c", A, B, B), rec(2, "c", X, A, A));
        assertEquals(100.0 / 3, Metrics.summarize(rs, 1, WRONG).overall(), 1e-9, "only row 1 votes A first");
        Summary k2 = Metrics.summarize(rs, 2, WRONG);
        assertEquals(100.0 / 3, k2.overall(), 1e-9, "rows 0 and 1 tie, row 2 has one valid vote A");
        assertEquals(200.0 / 3, k2.invalidRate(), 1e-9);
        assertEquals(200.0 / 3, Metrics.summarize(rs, 3, WRONG).overall(), 1e-9);
        assertEquals(100.0 / 3, Metrics.anyAt(rs, 1), 1e-9);
        assertEquals(100.0, Metrics.anyAt(rs, 2), 1e-9);
        assertEquals(100.0, Metrics.anyAt(rs, 3), 1e-9);
        assertEquals(0.0, Metrics.anyAt(List.of(error(3, "c")), 3), 1e-9);
    }

    @Test
    void invalidPolicies() {
        List<ItemRecord> rs = new ArrayList<>();
        rs.add(rec(0, "c", A));
        rs.add(rec(1, "c", B));
        rs.add(rec(2, "c", X));
        rs.add(error(3, "c"));
        assertEquals(25.0, Metrics.summarize(rs, 1, WRONG).overall(), 1e-9);
        Summary ex = Metrics.summarize(rs, 1, new MetricOptions(InvalidPolicy.EXCLUDED, TieRule.INVALID, 0));
        assertEquals(50.0, ex.overall(), 1e-9);
        assertEquals(2, ex.all().counted());
        assertEquals(50.0, ex.invalidRate(), 1e-9);
        assertEquals(1, ex.errors());
    }

    @Test
    void coinIsFairSeededAndStableAcrossK() {
        List<ItemRecord> rs = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            rs.add(rec(i, "c", X, X));
        }
        MetricOptions coin = new MetricOptions(InvalidPolicy.COIN, TieRule.INVALID, 7);
        double acc = Metrics.summarize(rs, 1, coin).overall();
        assertEquals(50.0, acc, 2.5);
        assertEquals(acc, Metrics.summarize(rs, 2, coin).overall(), 1e-12);
        assertEquals(acc, Metrics.summarize(rs, 1, coin).overall(), 1e-12);
        double other = Metrics.summarize(rs, 1, new MetricOptions(InvalidPolicy.COIN, TieRule.INVALID, 8))
                .overall();
        assertEquals(50.0, other, 2.5);
    }

    @Test
    void accPlusCountsAGroupOnlyWhenAllItsPairsAreRight() {
        List<ItemRecord> rs = List.of(
                rec(0, "p", "mcq", "fixed", A),
                rec(1, "p", "mcq", "fixed", A),
                rec(2, "q", "mcq", "fixed", A),
                rec(3, "q", "mcq", "fixed", B),
                rec(4, "r", "long", "fixed", A),
                rec(5, "s", "long", "fixed", X));
        Summary s = Metrics.summarize(rs, 1, WRONG);
        assertEquals(50.0, s.accPlus(), 1e-9);
        assertEquals(50.0, s.categories().get("mcq").accPlus(), 1e-9);
        assertEquals(50.0, s.categories().get("long").accPlus(), 1e-9);
        assertEquals(75.0, s.categories().get("mcq").accuracy(), 1e-9);
        assertEquals(4.0 / 6 * 100, s.overall(), 1e-9);
        Summary ex = Metrics.summarize(rs, 1, new MetricOptions(InvalidPolicy.EXCLUDED, TieRule.INVALID, 0));
        assertEquals(100.0, ex.categories().get("long").accPlus(), 1e-9, "an all-excluded group is not counted");
    }

    @Test
    void macroIsTheUnweightedMeanOfCategories() {
        List<ItemRecord> rs = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            rs.add(rec(i, "big", A));
        }
        rs.add(rec(9, "small", B));
        Summary s = Metrics.summarize(rs, 1, WRONG);
        assertEquals(90.0, s.overall(), 1e-9);
        assertEquals(50.0, s.macro(), 1e-9);
        assertEquals(50.0, s.columnMean(), 1e-9);
        assertNull(Metrics.summarize(List.of(), 1, WRONG).overall());
    }

    @Test
    void columnsMergeMultimodalRewardBenchSafety() {
        Bench b = Bench.MULTIMODAL_REWARDBENCH;
        List<ItemRecord> rs = new ArrayList<>();
        rs.add(new ItemRecord(
                0,
                "pairs_1",
                "g0",
                "safety/bias",
                b.column("safety/bias"),
                "fixed",
                false,
                Preference.ONE,
                List.of(A),
                List.of(),
                A,
                true,
                "",
                List.of(),
                0,
                null));
        rs.add(new ItemRecord(
                1,
                "hm_1",
                "g1",
                "safety/toxicity",
                b.column("safety/toxicity"),
                "fixed",
                false,
                Preference.ONE,
                List.of(B),
                List.of(),
                B,
                false,
                "",
                List.of(),
                0,
                null));
        rs.add(new ItemRecord(
                2,
                "math_1",
                "g2",
                "reasoning/math",
                b.column("reasoning/math"),
                "fixed",
                false,
                Preference.ONE,
                List.of(A),
                List.of(),
                A,
                true,
                "",
                List.of(),
                0,
                null));
        Summary s = Metrics.summarize(rs, 1, WRONG);
        assertEquals(
                List.of("reasoning/math", "safety"), List.copyOf(s.columns().keySet()));
        assertEquals(75.0, s.columnMean(), 1e-9, "mean of columns 100 (math) and 50 (safety)");
        assertEquals((100.0 + 100.0 + 0.0) / 3, s.macro(), 1e-9, "mean of the three categories");
    }

    @Test
    void positionConsistencyComparesUnderlyingResponses() {
        List<ItemRecord> rs = List.of(
                rec(0, "g0", "c", "forward", A),
                rec(0, "g0", "c", "reverse", A),
                rec(1, "g1", "c", "forward", A),
                rec(1, "g1", "c", "reverse", B),
                rec(2, "g2", "c", "forward", X),
                rec(2, "g2", "c", "reverse", X),
                rec(3, "g3", "c", "forward", B));
        assertEquals(100.0 / 3, Metrics.positionConsistency(rs, 1, WRONG), 1e-9);
        assertNull(Metrics.positionConsistency(List.of(rec(0, "c", A)), 1, WRONG));
    }
}
