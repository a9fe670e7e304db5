package dev.verdict.eval.report;

/** A run folder that cannot be reported on; the message names the file (and line where there is one). */
public final class ReportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
