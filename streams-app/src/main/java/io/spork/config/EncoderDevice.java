package io.spork.config;

import java.util.Locale;

/** Where the encoder runs: {@code auto} picks CUDA when a GPU is present and loads, else CPU. */
public enum EncoderDevice {
    AUTO, CPU, CUDA;

    public static EncoderDevice parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ConfigKeys.ENCODER_DEVICE + " must be auto, cpu or cuda, got '" + value + "'");
        }
    }
}
