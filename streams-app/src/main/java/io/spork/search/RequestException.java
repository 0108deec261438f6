package io.spork.search;

/**
 * A request Spork refuses or cannot answer now, with a message saying what to do. It carries a
 * reason, not a protocol status: the HTTP layer maps each reason to its status code in one place.
 */
public final class RequestException extends RuntimeException {
    /** Why a request is not answered. */
    public enum Reason {
        /** The request is malformed or out of range: the caller must change it. */
        INVALID,
        /** A write without the configured token. */
        UNAUTHORIZED,
        /** What it names does not exist. */
        NOT_FOUND,
        /** Kafka or another instance did not answer: retry later. */
        UNAVAILABLE
    }

    private final Reason reason;

    public RequestException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public static RequestException invalid(String message) {
        return new RequestException(Reason.INVALID, message);
    }

    public static RequestException notFound(String message) {
        return new RequestException(Reason.NOT_FOUND, message);
    }

    public static RequestException unavailable(String message) {
        return new RequestException(Reason.UNAVAILABLE, message);
    }

    public Reason reason() {
        return reason;
    }

    /** A user's value as quoted in a message: long ones cut to 60 characters. */
    public static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
