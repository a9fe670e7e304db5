package dev.verdict.judge;

/** A judge could not produce a judgment (transport, HTTP status, malformed reply, missing image). */
public class JudgeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JudgeException(String message) {
        super(message);
    }

    public JudgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
