package io.spork.kafka;

import io.spork.config.ConfigException;
import io.spork.config.SettingKeys;
import io.spork.config.SporkConfig;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Spork's three topics, how they are created, and what the documents topic accepts
 * (config/spork.properties, "Kafka" and "Validation").
 *
 * @param maxTextBytes an event whose title and text hold more UTF-8 bytes than this goes to the dead-letter topic
 */
public record TopicSettings(String documents, String deadLetters, String vectors, int partitions, int replicationFactor,
                            boolean create, long maxTextBytes) {
    public static final String DOCUMENTS = "topics.documents";
    public static final String DLQ = "topics.dlq";
    public static final String VECTORS = "topics.vectors";
    public static final String PARTITIONS = "topics.partitions";
    public static final String REPLICATION_FACTOR = "topics.replication-factor";
    public static final String CREATE = "topics.create";
    public static final String MAX_TEXT_BYTES = "validation.max-text-bytes";
    public static final SettingKeys KEYS = SettingKeys.of("TopicSettings", DOCUMENTS, DLQ, VECTORS, PARTITIONS, REPLICATION_FACTOR,
            CREATE, MAX_TEXT_BYTES);

    /** Kafka's rule for topic names. */
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public static TopicSettings from(SporkConfig config) {
        Map<String, String> names = new TreeMap<>();
        for (String key : new String[] {DOCUMENTS, DLQ, VECTORS}) {
            String name = config.get(key);
            if (!TOPIC_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
                throw new ConfigException(key + " must be a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -), got '" + name + "'");
            }
            String other = names.put(name, key);
            if (other != null) {
                throw new ConfigException(key + " and " + other + " must name different topics, both are '" + name + "'");
            }
        }
        int replication = config.intAtLeast(REPLICATION_FACTOR, 1);
        if (replication > Short.MAX_VALUE) {
            throw new ConfigException(REPLICATION_FACTOR + " must be at most " + Short.MAX_VALUE + ", got " + replication);
        }
        return new TopicSettings(config.get(DOCUMENTS), config.get(DLQ), config.get(VECTORS), config.intAtLeast(PARTITIONS, 1),
                replication, config.getBoolean(CREATE), config.longAtLeast(MAX_TEXT_BYTES, 1));
    }
}
