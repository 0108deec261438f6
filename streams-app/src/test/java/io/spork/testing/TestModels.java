package io.spork.testing;

import io.spork.config.SporkConfig;
import io.spork.encoder.EncoderSettings;
import io.spork.encoder.SpladeEncoder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The bundled model for tests: models/splade-tiny of this repository, loaded once per JVM. */
public final class TestModels {
    private static SpladeEncoder shared;

    private TestModels() {
    }

    public static Path repoRoot() {
        String root = System.getProperty("spork.repo.root");
        Path dir = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("models/splade-tiny"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find models/splade-tiny above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    public static Path spladeTiny() {
        return repoRoot().resolve("models/splade-tiny");
    }

    /** Defaults with the model directory pointing at the bundled model. */
    public static SporkConfig config() {
        return SporkConfig.builder().set("encoder.model-dir", spladeTiny().toString()).build();
    }

    /** One encoder shared by the tests of this JVM: loading it takes about a second. */
    public static synchronized SpladeEncoder sharedEncoder() {
        if (shared == null) {
            shared = SpladeEncoder.open(EncoderSettings.from(config()));
        }
        return shared;
    }
}
