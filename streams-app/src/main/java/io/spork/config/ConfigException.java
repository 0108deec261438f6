package io.spork.config;

/** A configuration value is missing or wrong; the message names the key and what it needs. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
