package dev.verdict.train.reward;

import dev.verdict.judge.JudgeException;

/** A consistency judge could not give a finding (transport error, HTTP status, exhausted retries, bad reply). */
public class ConsistencyJudgeException extends JudgeException {
    private static final long serialVersionUID = 1L;

    public ConsistencyJudgeException(String message) {
        super(message);
    }

    public ConsistencyJudgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
