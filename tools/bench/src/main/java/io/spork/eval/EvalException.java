package io.spork.eval;

/** The evaluation cannot go on: a missing or malformed data set file, a bad option, a failed stack. */
public final class EvalException extends RuntimeException {
    public EvalException(String message) {
        super(message);
    }

    public EvalException(String message, Throwable cause) {
        super(message, cause);
    }
}
