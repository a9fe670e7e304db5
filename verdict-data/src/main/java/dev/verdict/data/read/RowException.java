package dev.verdict.data.read;

/** A record that cannot be mapped to a pair: names the field and the reason. */
public final class RowException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String field;

    public RowException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
