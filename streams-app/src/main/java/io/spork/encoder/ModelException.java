package io.spork.encoder;

/** The model cannot be loaded or run; the message says what to fix. */
public final class ModelException extends RuntimeException {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
