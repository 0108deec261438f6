package io.spork.testing;

import io.spork.encoder.SpladeEncoder;
import io.spork.schema.SparseVector;
import io.spork.schema.VectorRecord;
import io.spork.schema.VectorRecordSerde;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Documents encoded once by the bundled model in the test, produced straight to the vectors topic
 * (so only the index stage works), with the exhaustive oracle their searches must equal, and the
 * changelog records an instance's log says it replayed ({@code RestoreLog}).
 */
public final class EncodedCorpus {
    private static final String[] WORDS = ("weather stadium library river mountain protein cell virus drug trial patient heart "
            + "brain memory music guitar ocean forest desert rocket planet star galaxy engine battery solar wind rain snow "
            + "bread cheese coffee tea garden flower tree bird fish horse dog cat city village bridge road train airport").split(" ");
    private static final List<String> QUERIES = List.of("heart patient trial", "rocket planet star", "coffee garden bird",
            "river mountain snow", "music guitar memory");
    private static final Pattern REPLAYED = Pattern.compile("restored (\\S+) partition \\d+: (\\d+) changelog records replayed");
    private static final int K = 10;

    private final List<String> texts = new ArrayList<>();
    private final List<SparseVector> vectors = new ArrayList<>();

    private EncodedCorpus(int size, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < size; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 10; w++) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            texts.add(text.toString().trim());
        }
        SpladeEncoder encoder = TestModels.sharedEncoder();
        for (int from = 0; from < size; from += 64) {
            vectors.addAll(encoder.encode(texts.subList(from, Math.min(size, from + 64))));
        }
    }

    public static EncodedCorpus of(int size, long seed) {
        return new EncodedCorpus(size, seed);
    }

    public static String id(int i) {
        return "doc-" + i;
    }

    /** Produces documents [from, to) to the vectors topic, acknowledged by every replica. */
    public void produce(String bootstrap, String topic, int from, int to) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = from; i < to; i++) {
                VectorRecord record = new VectorRecord(id(i), null, texts.get(i), Map.of(), Integer.toHexString(texts.get(i).hashCode()), 0L,
                        vectors.get(i));
                producer.send(new ProducerRecord<>(topic, record.id(), VectorRecordSerde.write(record)));
            }
            producer.flush();
        }
    }

    /**
     * Searches documents [0, count) through the API and returns what differs from the exhaustive
     * float oracle (empty when every top-10 is exact): ids by rank where scores are apart, scores
     * within float rounding.
     */
    public List<String> inexactSearches(HttpJson http, int count) {
        SpladeEncoder encoder = TestModels.sharedEncoder();
        List<String> wrong = new ArrayList<>();
        for (String q : QUERIES) {
            SparseVector query = encoder.encode(q);
            List<Map.Entry<String, Double>> scored = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                scored.add(Map.entry(id(i), vectors.get(i).dot(query)));
            }
            scored.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            HttpJson.Response answer = http.searchSplade(q, K);
            if (answer.status() != 200 || answer.body().get("partial").asBoolean()) {
                wrong.add(q + ": answer " + answer.status() + " " + answer.body());
                continue;
            }
            List<String> hits = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            answer.body().get("hits").forEach(h -> {
                hits.add(h.get("id").asText());
                scores.add(h.get("score").asDouble());
            });
            if (hits.size() != K) {
                wrong.add(q + ": " + hits.size() + " hits");
                continue;
            }
            for (int r = 0; r < K; r++) {
                double expected = scored.get(r).getValue();
                if (Math.abs(expected - scores.get(r)) > 1e-4 * Math.max(1, expected)) {
                    wrong.add(q + ": score at rank " + (r + 1) + " " + scores.get(r) + ", oracle " + expected);
                }
                boolean tiedAbove = r > 0 && Math.abs(expected - scored.get(r - 1).getValue()) <= 1e-4 * Math.max(1, expected);
                boolean tiedBelow = Math.abs(expected - scored.get(r + 1).getValue()) <= 1e-4 * Math.max(1, expected);
                if (!tiedAbove && !tiedBelow && !scored.get(r).getKey().equals(hits.get(r))) {
                    wrong.add(q + ": id at rank " + (r + 1) + " " + hits.get(r) + ", oracle " + scored.get(r).getKey());
                }
            }
        }
        return wrong;
    }

    /** Changelog records an instance's log says it replayed into stores whose name starts with the prefix. */
    public static long replayed(Path log, String storePrefix) throws IOException {
        long total = 0;
        for (String line : Files.readAllLines(log)) {
            Matcher m = REPLAYED.matcher(line);
            if (m.find() && m.group(1).startsWith(storePrefix)) {
                total += Long.parseLong(m.group(2));
            }
        }
        return total;
    }
}
