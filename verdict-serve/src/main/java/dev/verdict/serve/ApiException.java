package dev.verdict.serve;

/**
 * A request the server refuses: the HTTP status, a message for the client and the request field at fault
 * (null when no single field is). Rendered as {@code {"error": {"message": ..., "field": ...}}}.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;

    public ApiException(int status, String message, String field) {
        super(message);
        this.status = status;
        this.field = field;
    }

    /** 400 Bad Request naming {@code field}. */
    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, message, field);
    }

    /** 413 Payload Too Large naming {@code field}. */
    public static ApiException tooLarge(String field, String message) {
        return new ApiException(413, message, field);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
