package dev.verdict.train.reward;

import dev.verdict.judge.PairExample;

/**
 * Decides whether a policy's judgment is self-consistent: does the reasoning before {@code <answer>} support the
 * choice inside it? The consistency reward of R1-Reward ({@code spec/r1-reward.md} §3.4). Implementations must
 * be safe to call from several threads at once ({@link BatchRewardScorer} runs them concurrently).
 */
public interface ConsistencyJudge {
    /**
     * Judges one response.
     *
     * @param pair the item the response judged (question, responses, label, provenance such as the world's fact)
     * @param response the policy's full output text
     * @return the finding
     * @throws ConsistencyJudgeException when no finding could be obtained; the caller must exclude the sample
     */
    Consistency judge(PairExample pair, String response);

    /** A short name for logs. */
    default String name() {
        return getClass().getSimpleName();
    }
}
