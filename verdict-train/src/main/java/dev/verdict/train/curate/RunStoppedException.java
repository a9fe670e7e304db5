package dev.verdict.train.curate;

/**
 * A run stopped early because too many items failed; everything finished before the stop is written, and a
 * {@code --resume} continues from there. Carries the summary of what was done.
 */
public final class RunStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient RunSummary summary;

    public RunStoppedException(String message, RunSummary summary) {
        super(message);
        this.summary = summary;
    }

    /** What the run did before it stopped. */
    public RunSummary summary() {
        return summary;
    }
}
