package io.spork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spork.api.HttpSettings;
import io.spork.config.SporkConfig;
import io.spork.encoder.EncoderSettings;
import io.spork.encoder.SpladeEncoder;
import io.spork.kafka.KafkaSettings;
import io.spork.kafka.TopicSettings;
import io.spork.schema.SparseVector;
import io.spork.testing.Eventually;
import io.spork.testing.HttpJson;
import io.spork.testing.TestModels;
import io.spork.topology.TopologyObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches run while a stream of upserts, updates and deletes goes in. Every answer must be
 * well-formed (200, at most k hits, no id twice, best first with ties by id, complete or flagged
 * partial) and exact for the documents it reflects: each hit's score is the dot product of the
 * query with one of the texts that document was ever given. Once the writes are applied, the
 * answers equal a brute-force oracle over the final texts.
 */
class SearchWhileWritingIntegrationTest {
    private static final Duration APPLIED = Duration.ofSeconds(120);
    private static final int IDS = 60;
    private static final int OPERATIONS = 360;
    private static final int K = 10;
    private static final double SCORE_TOLERANCE = 1e-3;
    private static final List<String> QUERIES = List.of("heart patient trial", "rocket planet star", "coffee garden bird", "river mountain forest");
    private static final String[] WORDS = ("weather stadium library river mountain protein cell virus drug trial patient heart "
            + "brain memory music guitar ocean forest desert rocket planet star galaxy engine battery solar wind rain snow "
            + "bread cheese coffee tea garden flower tree bird fish horse dog cat city village bridge road train airport").split(" ");

    /** One write of the stream: an upsert of text, or a delete (text null). */
    private record Write(String id, String text) {
    }

    @TempDir
    Path dataDir;

    @Test
    void everyAnswerIsWellFormedAndExactAndTheEndStateEqualsTheOracle() throws Exception {
        List<Write> writes = writes();
        Map<String, String> finalTexts = new HashMap<>();
        Map<String, Set<String>> textsEver = new HashMap<>();
        for (Write w : writes) {
            if (w.text() == null) {
                finalTexts.remove(w.id());
            } else {
                finalTexts.put(w.id(), w.text());
                textsEver.computeIfAbsent(w.id(), id -> new HashSet<>()).add(w.text());
            }
        }
        Oracle oracle = new Oracle(TestModels.sharedEncoder(), textsEver);

        SporkConfig config = SporkConfig.builder()
                .set(EncoderSettings.MODEL_DIR, TestModels.spladeTiny().toString())
                .set(HttpSettings.PORT, "0")
                .set(TopicSettings.PARTITIONS, "3")
                .set(EncoderSettings.BATCH_DOCUMENTS, "8")
                .set(EncoderSettings.RUN_WINDOWS, "8")
                .set(KafkaSettings.MAX_POLL_RECORDS, "16")
                .build();
        try (DevStack stack = DevStack.start(config, dataDir, TopologyObserver.NONE)) {
            HttpJson http = new HttpJson(stack.node().baseUrl());
            Eventually.await("/ready", APPLIED, () -> http.get("/ready").status() == 200);

            AtomicBoolean writing = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            ExecutorService searchers = Executors.newFixedThreadPool(2);
            List<Future<Integer>> checked = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                int first = s;
                checked.add(searchers.submit(() -> {
                    int answers = 0;
                    for (int i = first; writing.get() || answers < 20; i++) {
                        String q = QUERIES.get(i % QUERIES.size());
                        problems.addAll(oracle.check(q, http.searchSplade(q, K)));
                        answers++;
                    }
                    return answers;
                }));
            }
            for (Write w : writes) {
                int status = w.text() == null ? http.delete("/documents/" + w.id()).status()
                        : http.post("/documents", "{\"id\": \"" + w.id() + "\", \"text\": \"" + w.text() + "\"}").status();
                assertEquals(202, status, "write of " + w.id());
            }
            writing.set(false);
            int answers = 0;
            for (Future<Integer> f : checked) {
                answers += f.get(APPLIED.toSeconds(), TimeUnit.SECONDS);
            }
            searchers.shutdown();
            assertEquals(List.of(), List.copyOf(problems), "answers checked while writing: " + answers);
            assertTrue(answers >= 40, "searches ran during the writes: " + answers);

            Eventually.await("every write applied", APPLIED, () -> http.get("/stats").body().get("documents").asInt() == finalTexts.size()
                    && finalTexts.entrySet().stream().allMatch(e -> {
                        HttpJson.Response doc = http.get("/documents/" + e.getKey());
                        return doc.status() == 200 && !doc.body().has("pending") && e.getValue().equals(doc.body().get("text").asText());
                    }));
            for (String q : QUERIES) {
                JsonNode answer = http.searchSplade(q, K).body();
                assertEquals(List.of(), oracle.check(q, http.searchSplade(q, K)), q);
                oracle.assertEqualsBruteForce(q, answer, finalTexts);
            }
        }
    }

    private static List<Write> writes() {
        Random random = new Random(7);
        List<Write> writes = new ArrayList<>();
        for (int i = 0; i < OPERATIONS; i++) {
            String id = "doc-" + random.nextInt(IDS);
            if (random.nextInt(4) == 0) {
                writes.add(new Write(id, null));
            } else {
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < 10; w++) {
                    text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
                }
                writes.add(new Write(id, text.toString().trim()));
            }
        }
        return writes;
    }

    /** Brute-force scores of every text each document was ever given, for each query. */
    private static final class Oracle {
        private final Map<String, Map<String, List<Double>>> scoresByQuery = new HashMap<>();
        private final SpladeEncoder encoder;

        Oracle(SpladeEncoder encoder, Map<String, Set<String>> textsEver) {
            this.encoder = encoder;
            for (String q : QUERIES) {
                SparseVector query = encoder.encode(q);
                Map<String, List<Double>> byId = new HashMap<>();
                textsEver.forEach((id, texts) -> {
                    for (String text : texts) {
                        byId.computeIfAbsent(id, x -> new ArrayList<>()).add(encoder.encode(text).dot(query));
                    }
                });
                scoresByQuery.put(q, byId);
            }
        }

        /** What is wrong with one answer; empty when it is well-formed and exact for what it reflects. */
        List<String> check(String q, HttpJson.Response r) {
            List<String> problems = new ArrayList<>();
            if (r.status() != 200) {
                return List.of(q + ": status " + r.status() + " " + r.body());
            }
            JsonNode body = r.body();
            JsonNode hits = body.get("hits");
            int answered = body.get("partitions").get("answered").asInt();
            int total = body.get("partitions").get("total").asInt();
            if (body.get("partial").asBoolean() != (answered < total)) {
                problems.add(q + ": partial=" + body.get("partial") + " with " + answered + " of " + total + " partitions");
            }
            if (hits.size() > K) {
                problems.add(q + ": " + hits.size() + " hits for k=" + K);
            }
            Set<String> seen = new HashSet<>();
            double previous = Double.POSITIVE_INFINITY;
            String previousId = "";
            for (JsonNode hit : hits) {
                String id = hit.get("id").asText();
                double score = hit.get("score").asDouble();
                if (!seen.add(id)) {
                    problems.add(q + ": " + id + " twice");
                }
                if (score > previous + SCORE_TOLERANCE || (Math.abs(score - previous) == 0 && id.compareTo(previousId) < 0)) {
                    problems.add(q + ": " + id + " (" + score + ") ranked after " + previousId + " (" + previous + ")");
                }
                List<Double> possible = scoresByQuery.get(q).getOrDefault(id, List.of());
                if (possible.stream().noneMatch(s -> Math.abs(s - score) <= SCORE_TOLERANCE)) {
                    problems.add(q + ": " + id + " scored " + score + ", none of its texts scores that: " + possible);
                }
                previous = score;
                previousId = id;
            }
            return problems;
        }

        void assertEqualsBruteForce(String q, JsonNode answer, Map<String, String> finalTexts) {
            SparseVector query = encoder.encode(q);
            List<Map.Entry<String, Double>> scored = new ArrayList<>();
            finalTexts.forEach((id, text) -> scored.add(Map.entry(id, encoder.encode(text).dot(query))));
            // A search finds the documents that share a term with the query.
            scored.removeIf(e -> e.getValue() <= 0);
            scored.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            JsonNode hits = answer.get("hits");
            assertEquals(Math.min(K, scored.size()), hits.size(), q);
            for (int r = 0; r < hits.size(); r++) {
                assertEquals(scored.get(r).getValue(), hits.get(r).get("score").asDouble(), SCORE_TOLERANCE, q + " rank " + (r + 1));
                boolean tiedAround = (r > 0 && Math.abs(scored.get(r).getValue() - scored.get(r - 1).getValue()) <= SCORE_TOLERANCE)
                        || (r + 1 < scored.size() && Math.abs(scored.get(r).getValue() - scored.get(r + 1).getValue()) <= SCORE_TOLERANCE);
                if (!tiedAround) {
                    assertEquals(scored.get(r).getKey(), hits.get(r).get("id").asText(), q + " rank " + (r + 1));
                }
            }
        }
    }
}
