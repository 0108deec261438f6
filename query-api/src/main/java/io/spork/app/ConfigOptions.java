package io.spork.app;

import io.spork.api.HttpSettings;
import io.spork.config.SporkConfig;
import io.spork.search.SearchDefaults;
import io.spork.topology.EngineSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every command that runs Spork takes: the configuration file and the HTTP port. The
 * configuration is the documented defaults, then the file, then SPORK_* environment variables, then
 * these options.
 */
public final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "a properties file over config/spork.properties' defaults")
    Path file;

    @Option(names = "--port", paramLabel = "N", description = "the HTTP port (http.port)")
    String port;

    /** The configuration as far as these options go, for a command to add its own keys to. */
    public SporkConfig.Builder builder() {
        SporkConfig.Builder builder = SporkConfig.builder();
        if (file != null) {
            builder.file(file);
        }
        builder.environment(System.getenv());
        if (port != null) {
            builder.set(HttpSettings.PORT, port);
        }
        return builder;
    }

    public SporkConfig config() {
        return checked(builder());
    }

    /** Builds the configuration and has every area check its keys, so a bad value is refused before a broker or a model starts. */
    static SporkConfig checked(SporkConfig.Builder builder) {
        SporkConfig config = builder.build();
        EngineSettings.from(config);
        HttpSettings.from(config);
        SearchDefaults.from(config);
        return config;
    }

    boolean hasFile() {
        return file != null;
    }
}
