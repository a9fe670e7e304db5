package dev.verdict.train.reward;

import dev.verdict.judge.PairExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a rollout batch: format and result per sample ({@link Rewards}), the consistency judge with at most
 * {@code concurrency} calls in flight, and the total {@code R = result × (1 + w_c × c) + w_f × format}.
 *
 * <p>A judge call that throws {@link ConsistencyJudgeException} (after the judge's own retries) is counted and
 * its sample <b>excluded</b> ({@link RewardBreakdown#excluded()}, total NaN), never scored as 0. When the share
 * of failed calls exceeds {@code maxFailureRate}, {@link #score} throws {@link RewardFailureRateException} and
 * the step must be abandoned. Any other exception from a judge is a bug and propagates.
 */
public final class BatchRewardScorer {
    private static final Logger LOG = LoggerFactory.getLogger(BatchRewardScorer.class);

    /**
     * One sample to score.
     *
     * @param pair the item the policy judged (label, and provenance for rule judges)
     * @param response the policy's output text
     */
    public record Sample(PairExample pair, String response) {
        public Sample {
            Objects.requireNonNull(pair, "pair");
            Objects.requireNonNull(response, "response");
        }
    }

    private final ConsistencyJudge judge;
    private final RewardConfig config;
    private final int concurrency;
    private final double maxFailureRate;

    /**
     * @param judge the consistency judge; may be null only when {@code config} does not use consistency
     * @param config weights and switches
     * @param concurrency the most judge calls in flight (≥ 1)
     * @param maxFailureRate the largest tolerated share of failed judge calls, in [0, 1]
     */
    public BatchRewardScorer(ConsistencyJudge judge, RewardConfig config, int concurrency, double maxFailureRate) {
        this.config = Objects.requireNonNull(config, "config");
        if (judge == null && config.usesConsistency()) {
            throw new IllegalArgumentException("a consistency weight of " + config.consistencyWeight()
                    + " needs a consistency judge (set the weight to 0 to train without one)");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
        }
        if (!(maxFailureRate >= 0 && maxFailureRate <= 1)) {
            throw new IllegalArgumentException("maxFailureRate must be in [0, 1], got " + maxFailureRate);
        }
        this.judge = judge;
        this.concurrency = concurrency;
        this.maxFailureRate = maxFailureRate;
    }

    /**
     * Scores every sample.
     *
     * @throws RewardFailureRateException when too many judge calls failed
     */
    public BatchRewards score(List<Sample> samples) {
        int n = samples.size();
        double[] format = new double[n];
        double[] result = new double[n];
        List<Future<Consistency>> findings = new ArrayList<>(n);
        Semaphore permits = new Semaphore(concurrency);
        int calls = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                Sample s = samples.get(i);
                format[i] = Rewards.format(s.response());
                result[i] = Rewards.result(s.response(), s.pair().preferred());
                boolean call = config.usesConsistency() && (result[i] > 0 || config.judgeIncorrect());
                findings.add(call ? pool.submit(() -> judgeWithPermit(permits, s)) : null);
                calls += call ? 1 : 0;
            }
        }
        List<RewardBreakdown> out = new ArrayList<>(n);
        int failures = 0;
        String firstFailure = null;
        for (int i = 0; i < n; i++) {
            Future<Consistency> f = findings.get(i);
            if (f == null) {
                out.add(breakdown(format[i], result[i], null));
                continue;
            }
            try {
                out.add(breakdown(format[i], result[i], f.get()));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof ConsistencyJudgeException failure)) {
                    throw new IllegalStateException("consistency judge " + judge.name() + " crashed", e.getCause());
                }
                failures++;
                String why = samples.get(i).pair().id() + ": " + failure.getMessage();
                firstFailure = firstFailure == null ? why : firstFailure;
                LOG.debug("consistency judge failed for {}", why);
                out.add(new RewardBreakdown(format[i], result[i], null, Double.NaN, Double.NaN, why));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while scoring rewards", e);
            }
        }
        if (failures > 0) {
            LOG.warn("{} of {} consistency-judge calls failed; those samples are excluded", failures, calls);
            if ((double) failures / calls > maxFailureRate) {
                throw new RewardFailureRateException(failures, calls, maxFailureRate, judge.name(), firstFailure);
            }
        }
        return new BatchRewards(out, calls, failures);
    }

    private Consistency judgeWithPermit(Semaphore permits, Sample s) throws InterruptedException {
        permits.acquire();
        try {
            return Objects.requireNonNull(judge.judge(s.pair(), s.response()), "judge returned null");
        } finally {
            permits.release();
        }
    }

    private RewardBreakdown breakdown(double format, double result, Consistency c) {
        double value = c == null ? 0.0 : c.value(config.scale());
        return new RewardBreakdown(format, result, c, value, Rewards.combine(result, value, format, config), null);
    }
}
