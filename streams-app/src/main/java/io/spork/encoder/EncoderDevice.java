package io.spork.encoder;

/** Where the encoder runs: {@code auto} picks CUDA when a GPU is present and loads, else CPU. */
public enum EncoderDevice {
    AUTO, CPU, CUDA
}
