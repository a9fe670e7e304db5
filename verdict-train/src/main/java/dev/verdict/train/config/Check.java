package dev.verdict.train.config;

/** Validation for config records: a failed check is an IllegalArgumentException that names the key. */
public final class Check {
    private Check() {}

    /** Throws {@code IllegalArgumentException(message)} unless {@code ok}. */
    public static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
