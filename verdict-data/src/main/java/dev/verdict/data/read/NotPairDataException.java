package dev.verdict.data.read;

/**
 * A file whose layout was to be detected holds something other than preference pairs; the message says in one
 * line what its first record holds and which layouts are read.
 */
public final class NotPairDataException extends IllegalArgumentException {
    public NotPairDataException(String message) {
        super(message);
    }
}
