package io.spork.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates Spork's topics when they are missing: documents, the dead-letter topic, and vectors (compacted). */
public final class TopicInitializer {
    private static final Logger LOG = LoggerFactory.getLogger(TopicInitializer.class);
    private static final long TIMEOUT_SECONDS = 60;

    private TopicInitializer() {
    }

    /** Instances starting together race to create the topics: one that another created first is fine. */
    private static void createAll(Admin admin, List<NewTopic> topics)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> created : admin.createTopics(topics).values().entrySet()) {
            try {
                created.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    public static void ensureTopics(KafkaSettings kafka, TopicSettings topics) {
        int partitions = topics.partitions();
        short replication = (short) topics.replicationFactor();
        List<NewTopic> wanted = new ArrayList<>();
        wanted.add(new NewTopic(topics.documents(), partitions, replication));
        wanted.add(new NewTopic(topics.deadLetters(), partitions, replication));
        wanted.add(new NewTopic(topics.vectors(), partitions, replication)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        try (Admin admin = Admin.create(kafka.common())) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                createAll(admin, missing);
                LOG.info("created topics {} with {} partitions", missing.stream().map(NewTopic::name).toList(), partitions);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create Spork's topics: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka at " + kafka.bootstrapServers() + " did not answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
