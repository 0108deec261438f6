package io.spork.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Holds settings records against config/spork.properties, the one documented source of defaults.
 * Each area is given as its declared keys and the function that reads the record; any module's
 * test may add its own areas (the API's HTTP and search records) to the same check.
 */
public final class DocumentedSettings {
    private final List<SettingKeys> areas = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> documented = SporkConfig.loadDefaults();

    /**
     * Reads the record from the documented defaults through a copy that notes each key read, and
     * notes a problem when the defaults are refused, a declared key is undocumented, or the record
     * reads a key it does not declare (or declares one it never reads).
     */
    public DocumentedSettings area(SettingKeys keys, Function<SporkConfig, ?> reader) {
        areas.add(keys);
        for (String key : keys.names()) {
            if (!documented.containsKey(key)) {
                problems.add(keys.area() + " declares " + key + ", which config/spork.properties does not document");
            }
        }
        Set<String> read = new HashSet<>();
        try {
            reader.apply(SporkConfig.defaults().readsInto(read));
        } catch (ConfigException e) {
            problems.add(keys.area() + " refuses the documented defaults: " + e.getMessage());
            return this;
        }
        Set<String> declared = new TreeSet<>(keys.names());
        keys.prefixes().forEach(prefix -> declared.add(prefix + "*"));
        Set<String> readNames = new TreeSet<>(read);
        // A key in a declared prefix family counts as read when the family is.
        declared.removeIf(key -> !readNames.contains(key) && keys.prefixes().stream()
                .anyMatch(prefix -> key.startsWith(prefix) && readNames.contains(prefix + "*")));
        if (!readNames.equals(declared)) {
            Set<String> undeclared = new TreeSet<>(readNames);
            undeclared.removeAll(declared);
            Set<String> unread = new TreeSet<>(declared);
            unread.removeAll(readNames);
            problems.add(keys.area() + " reads keys it does not declare " + undeclared + " and declares keys it does not read " + unread);
        }
        return this;
    }

    /** Notes every documented key under one of these prefixes that no area given so far reads. */
    public DocumentedSettings everyDocumentedKeyRead(Collection<String> prefixes) {
        for (String key : new TreeSet<>(documented.keySet())) {
            boolean owned = prefixes.stream().anyMatch(key::startsWith);
            if (owned && areas.stream().noneMatch(area -> area.covers(key))) {
                problems.add("config/spork.properties documents " + key + ", which no settings record reads");
            }
        }
        return this;
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }
}
