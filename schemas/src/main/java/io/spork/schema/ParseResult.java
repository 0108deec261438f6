package io.spork.schema;

/** Outcome of reading an event: the value, or a reason a user can act on. */
public sealed interface ParseResult<T> {

    record Valid<T>(T value) implements ParseResult<T> {
    }

    record Invalid<T>(String reason) implements ParseResult<T> {
    }

    static <T> ParseResult<T> valid(T value) {
        return new Valid<>(value);
    }

    static <T> ParseResult<T> invalid(String reason) {
        return new Invalid<>(reason);
    }
}
