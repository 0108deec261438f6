package io.spork.config;

import java.util.List;
import java.util.stream.Stream;

/**
 * The configuration keys one settings record reads, declared beside the record (its only list of
 * them). A test holds every area's keys against config/spork.properties: each one documented with
 * a default the record accepts, and each documented key read by some record.
 *
 * @param area     the record that reads them, for messages
 * @param names    the keys, in the order config/spork.properties lists them
 * @param prefixes families passed through whole (e.g. {@code kafka.}: every Kafka client setting)
 */
public record SettingKeys(String area, List<String> names, List<String> prefixes) {
    public SettingKeys {
        names = List.copyOf(names);
        prefixes = List.copyOf(prefixes);
    }

    public static SettingKeys of(String area, String... names) {
        return new SettingKeys(area, List.of(names), List.of());
    }

    public SettingKeys withPrefix(String prefix) {
        return new SettingKeys(area, names, Stream.concat(prefixes.stream(), Stream.of(prefix)).toList());
    }

    /** Whether this area reads the key, by name or through one of its prefixes. */
    public boolean covers(String key) {
        return names.contains(key) || prefixes.stream().anyMatch(key::startsWith);
    }
}
