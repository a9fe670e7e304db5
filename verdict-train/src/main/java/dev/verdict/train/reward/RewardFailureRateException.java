package dev.verdict.train.reward;

/**
 * Too many consistency-judge calls of one batch failed: the step must not go on (its rewards would be computed
 * from a biased subset). Carries the counts and the first failure for the message.
 */
public class RewardFailureRateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int failures;
    private final int calls;

    public RewardFailureRateException(int failures, int calls, double maxRate, String judge, String firstFailure) {
        super(("%d of %d consistency-judge calls failed (%.1f%% > the allowed %.1f%%) with %s; first failure: %s."
                        + " Check that the judge endpoint is up and reachable, or raise the failure-rate"
                        + " threshold.")
                .formatted(failures, calls, 100.0 * failures / calls, 100.0 * maxRate, judge, firstFailure));
        this.failures = failures;
        this.calls = calls;
    }

    public int failures() {
        return failures;
    }

    public int calls() {
        return calls;
    }
}
