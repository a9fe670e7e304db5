package dev.verdict.train.run;

/** A run that cannot go on (repeated non-finite steps, too many failed rewards); the message says what to do. */
public final class TrainingAbortedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingAbortedException(String message) {
        super(message);
    }
}
