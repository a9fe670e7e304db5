package dev.verdict.config;

/**
 * Gives a record a copy-with method, {@code options.with("seed", 7L, "votes", 5)}, through {@link Records#with}: one
 * generic implementation instead of a hand-written method per component.
 *
 * @param <T> the record itself
 */
public interface With<T extends Record> {
    /** A copy with the named components replaced (name, value, name, value, ...); validated like {@code new}. */
    @SuppressWarnings("unchecked")
    default T with(Object... namesAndValues) {
        return Records.with((T) this, namesAndValues);
    }
}
