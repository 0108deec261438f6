package io.spork.api;

/** The JSON body of every error answer: {"status": 400, "error": "what went wrong and what to do"}. */
public record ApiError(int status, String error) {
}
