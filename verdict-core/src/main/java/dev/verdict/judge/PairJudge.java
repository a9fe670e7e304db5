package dev.verdict.judge;

/**
 * Judges which of two responses is better. Implementations: the baselines ({@link BaselineJudge}), a remote
 * OpenAI-compatible endpoint ({@code judge.openai.OpenAiJudge}) and, through {@link SamplingJudge}, the local model.
 *
 * <p>A judge never turns a failure (network error, bad HTTP status, unreadable image) into a verdict: it throws
 * {@link JudgeException}. An output the parser cannot read is not a failure: it is an INVALID vote.
 */
public interface PairJudge extends AutoCloseable {

    /** Judges {@code pair} under {@code options}. */
    Verdict judge(PairExample pair, JudgeOptions options);

    /** Judges with {@link JudgeOptions#defaults()}. */
    default Verdict judge(PairExample pair) {
        return judge(pair, JudgeOptions.defaults());
    }

    /** A short name for reports ({@code first}, {@code openai:<model>}, ...). */
    String name();

    @Override
    default void close() {}
}
