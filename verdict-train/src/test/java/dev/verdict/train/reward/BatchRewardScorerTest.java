package dev.verdict.train.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.data.synth.SynthWriter;
import dev.verdict.data.synth.World;
import dev.verdict.data.synth.WorldConfig;
import dev.verdict.data.synth.WorldItem;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.Preference;
import dev.verdict.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchRewardScorerTest {
    private static final List<WorldItem> ITEMS = new World(WorldConfig.defaults(), 4).judgeItems("train", 12);

    private static PairExample labelled(int preferred) {
        return PairExample.textOnly("q", "a", "b").with("preferred", Preference.of(preferred));
    }

    private static String judgment(int choice) {
        return "<think>So Response " + choice + " is better.</think><answer>" + choice + "</answer>";
    }

    /** Teacher judgments (consistent, right), flipped answers (wrong), broken format: every total by hand. */
    @Test
    void totalsFollowTheFormulaWithTheRuleChecker() {
        List<BatchRewardScorer.Sample> samples = new ArrayList<>();
        for (WorldItem item : ITEMS.subList(0, 4)) {
            samples.add(new BatchRewardScorer.Sample(SynthWriter.toPair(item, "train"), item.judgment()));
        }
        WorldItem w = ITEMS.get(4);
        String flipped = w.judgment()
                .replace(
                        "<answer>" + w.preferred().position(),
                        "<answer>" + (3 - w.preferred().position()));
        samples.add(new BatchRewardScorer.Sample(SynthWriter.toPair(w, "train"), flipped));
        WorldItem s = ITEMS.get(5);
        // right answer, but a space before <answer>: format 0, result 1, still consistent
        samples.add(new BatchRewardScorer.Sample(
                SynthWriter.toPair(s, "train"), s.judgment().replace("</think><answer>", "</think> <answer>")));
        BatchRewardScorer scorer = new BatchRewardScorer(new WorldConsistencyChecker(), RewardConfig.DEFAULT, 4, 0.0);
        BatchRewards r = scorer.score(samples);
        assertArrayEquals(new double[] {2, 2, 2, 2, 0.5, 1.5}, r.totals(), 1e-12);
        assertEquals(5, r.judgeCalls(), "the wrong answer is not judged by default");
        assertNull(r.samples().get(4).consistency());
        assertEquals(0, r.failures());
        assertEquals(5.0 / 6, r.meanResult(), 1e-12);
        assertEquals(1.0, r.meanConsistency(), 1e-12);

        BatchRewards all = new BatchRewardScorer(
                        new WorldConsistencyChecker(), RewardConfig.DEFAULT.with("judgeIncorrect", true), 2, 0.0)
                .score(samples);
        assertEquals(6, all.judgeCalls());
        assertEquals(Consistency.INCONSISTENT, all.samples().get(4).consistency());
        assertEquals(0.5, all.samples().get(4).total(), 1e-12, "gated by result = 0");
    }

    @Test
    void withoutConsistencyNoJudgeIsNeeded() {
        RewardConfig off = RewardConfig.DEFAULT.with("consistencyWeight", 0);
        BatchRewards r = new BatchRewardScorer(null, off, 1, 0)
                .score(List.of(new BatchRewardScorer.Sample(labelled(1), judgment(1))));
        assertEquals(1.5, r.totals()[0], 1e-12);
        assertEquals(0, r.judgeCalls());
        assertThrows(IllegalArgumentException.class, () -> new BatchRewardScorer(null, RewardConfig.DEFAULT, 1, 0));
    }

    @Test
    void failedCallsAreExcludedAndCountedBelowTheThreshold() {
        AtomicInteger calls = new AtomicInteger();
        ConsistencyJudge flaky = (pair, response) -> {
            if (pair.id().equals("bad")) {
                calls.incrementAndGet();
                throw new ConsistencyJudgeException("scripted failure");
            }
            return Consistency.CONSISTENT;
        };
        List<BatchRewardScorer.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            samples.add(new BatchRewardScorer.Sample(labelled(2).with("id", i == 3 ? "bad" : "ok" + i), judgment(2)));
        }
        BatchRewards r = new BatchRewardScorer(flaky, RewardConfig.DEFAULT, 3, 0.2).score(samples);
        assertEquals(1, r.failures());
        assertEquals(10, r.judgeCalls());
        assertEquals(1, r.excludedCount());
        assertTrue(r.samples().get(3).excluded());
        assertTrue(Double.isNaN(r.totals()[3]), "excluded is NaN, never 0");
        assertFalse(r.included()[3]);
        assertTrue(r.included()[2]);
        assertEquals(2.0, r.meanTotal(), 1e-12, "the mean ignores the excluded sample");
        assertEquals(0.1, r.failureRate(), 1e-12);
        float[] totals = Tensors.toFloats(r.totalsTensor());
        assertTrue(Float.isNaN(totals[3]));
        assertEquals(2.0f, totals[0]);
        assertEquals(9.0, Tensors.item(r.includedTensor().sum()), 0.0);
    }

    @Test
    void aServerThatAlwaysFailsExcludesSamplesAndAbortsAboveTheThreshold() throws Exception {
        try (LoopbackServer server = new LoopbackServer((i, body) -> LoopbackServer.Reply.status(500));
                OpenAiConsistencyJudge judge = OpenAiConsistencyJudgeTest.judge(server, "m")) {
            List<BatchRewardScorer.Sample> samples = List.of(
                    new BatchRewardScorer.Sample(labelled(1), judgment(1)),
                    new BatchRewardScorer.Sample(labelled(1), judgment(2)), // wrong: not judged
                    new BatchRewardScorer.Sample(labelled(2), judgment(2)));
            // tolerant threshold: both judged samples are excluded, the wrong one keeps its 0
            BatchRewards r = new BatchRewardScorer(judge, RewardConfig.DEFAULT, 2, 1.0).score(samples);
            assertEquals(2, r.failures());
            assertEquals(2, r.judgeCalls());
            assertArrayEquals(new boolean[] {false, true, false}, r.included());
            assertEquals(0.5, r.totals()[1], 0.0, "wrong answer: format reward only");
            assertTrue(
                    r.samples().getFirst().failure().contains("HTTP 500"),
                    r.samples().getFirst().failure());
            assertEquals(6, server.chatRequests(), "3 tries for each judged sample");
            // strict threshold: the step aborts with a clear message
            RewardFailureRateException e = assertThrows(
                    RewardFailureRateException.class,
                    () -> new BatchRewardScorer(judge, RewardConfig.DEFAULT, 2, 0.5).score(samples));
            assertEquals(2, e.failures());
            assertEquals(2, e.calls());
            assertTrue(e.getMessage().contains("2 of 2 consistency-judge calls failed"), e.getMessage());
        }
    }

    @Test
    void concurrencyIsBounded() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        ConsistencyJudge slow = (pair, response) -> {
            int now = inFlight.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return Consistency.CONSISTENT;
        };
        List<BatchRewardScorer.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            samples.add(new BatchRewardScorer.Sample(labelled(1).with("id", "s" + i), judgment(1)));
        }
        BatchRewards r = new BatchRewardScorer(slow, RewardConfig.DEFAULT, 3, 0).score(samples);
        assertEquals(24, r.judgeCalls());
        assertTrue(peak.get() <= 3, "peak " + peak.get());
        assertTrue(peak.get() >= 2, "calls overlap: peak " + peak.get());
    }
}
