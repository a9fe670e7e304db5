package dev.verdict.lifecycle;

import java.util.Optional;

/** Work ended early because a stop was requested (Ctrl-C, SIGTERM); the message says what was kept. */
public final class StoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoppedException(String message) {
        super(message);
    }

    /**
     * The stop behind {@code t}, if {@code t} or one of its causes is one: code that turns a failure into a
     * recorded error (an eval item, a distilled pair) must let a stop through instead.
     */
    public static Optional<StoppedException> in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StoppedException s) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Throws the stop behind {@code t}, if there is one (see {@link #in}). */
    public static void rethrowIfIn(Throwable t) {
        Optional<StoppedException> s = in(t);
        if (s.isPresent()) {
            throw s.get();
        }
    }
}
