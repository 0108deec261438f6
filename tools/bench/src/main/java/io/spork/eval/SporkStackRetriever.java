package io.spork.eval;

import io.spork.kafka.KafkaSettings;
import io.spork.kafka.TopicSettings;
import io.spork.search.SearchMode;
import io.spork.app.DevStack;
import io.spork.app.SporkNode;
import io.spork.api.HttpSettings;
import io.spork.config.SporkConfig;
import io.spork.files.DirectoryTree;
import io.spork.topology.TopologyObserver;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates Spork end to end, the way a user would run it: a fresh embedded stack (broker, topology,
 * HTTP API) in a temporary directory, every document produced to the documents topic, a wait until
 * all are searchable, then every query through {@code GET /search} in each search mode asked for.
 * The stack and its directory are removed at the end. Run it with {@code ./spork eval --beir DIR --mode all}.
 */
final class SporkStackRetriever {
    private static final String TEMP_DIR_PREFIX = "spork-eval-";
    private static final String ANY_FREE_PORT = "0";

    private final SporkConfig config;
    private final PrintStream progress;

    SporkStackRetriever(SporkConfig config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
    }

    /** What a stack session gets: the API of a stack holding the whole corpus, and how the ingest went. */
    interface Session<T> {
        T run(SearchApiClient client, long documentsIndexed, long ingestNanos);
    }

    /**
     * Runs every query in every mode, the modes interleaved query by query (so load on the machine
     * falls on all of them alike), then, with more than one mode, a latency pass at {@code latencyK}.
     */
    MultiModeOutcome retrieve(List<BeirDocument> corpus, List<EvalQuery> queries, int hits, List<SearchMode> modes, int latencyK) {
        return withStack(corpus, queries, hits, (client, indexed, ingestNanos) -> {
            Map<SearchMode, Run> runs = new EnumMap<>(SearchMode.class);
            Map<SearchMode, long[]> latencies = new EnumMap<>(SearchMode.class);
            modes.forEach(m -> {
                runs.put(m, new Run());
                latencies.put(m, new long[queries.size()]);
            });
            for (int i = 0; i < queries.size(); i++) {
                EvalQuery query = queries.get(i);
                for (SearchMode mode : modes) {
                    long sent = System.nanoTime();
                    List<RankedHit> answer = client.search(query.text(), hits, mode.tag());
                    latencies.get(mode)[i] = System.nanoTime() - sent;
                    runs.get(mode).put(query.id(), answer);
                }
            }
            Map<SearchMode, RetrievalOutcome> outcomes = new EnumMap<>(SearchMode.class);
            modes.forEach(m -> outcomes.put(m, RetrievalOutcome.of(runs.get(m), indexed, ingestNanos, latencies.get(m))));
            Map<SearchMode, LatencySummary> atLatencyK = new EnumMap<>(SearchMode.class);
            if (modes.size() > 1) {
                progress.printf("spork eval: latency pass, every query at k=%d in each mode, interleaved%n", latencyK);
                Map<SearchMode, long[]> pass = new EnumMap<>(SearchMode.class);
                modes.forEach(m -> pass.put(m, new long[queries.size()]));
                for (int i = 0; i < queries.size(); i++) {
                    for (SearchMode mode : modes) {
                        long sent = System.nanoTime();
                        client.search(queries.get(i).text(), latencyK, mode.tag());
                        pass.get(mode)[i] = System.nanoTime() - sent;
                    }
                }
                modes.forEach(m -> atLatencyK.put(m, LatencySummary.ofNanos(pass.get(m))));
            }
            return new MultiModeOutcome(outcomes, atLatencyK);
        });
    }

    /** Ingests the corpus into a fresh stack, waits until all of it is searchable, runs the session, removes the stack. */
    <T> T withStack(List<BeirDocument> corpus, List<EvalQuery> queries, int hits, Session<T> session) {
        List<BeirDocument> accepted = acceptedDocuments(corpus);
        long expected = accepted.stream().map(BeirDocument::id).distinct().count();
        Path dataDir = createTempDir();
        try (DevStack stack = DevStack.start(stackConfig(queries, hits, dataDir), dataDir, TopologyObserver.NONE)) {
            SporkNode node = stack.node();
            progress.printf("spork eval: fresh stack at %s (data in %s); sending %d documents%n",
                    node.baseUrl(), dataDir, accepted.size());
            long start = System.nanoTime();
            CorpusProducer.produce(node.config(), accepted);
            long searchable = new IndexWaiter(node.streams().indexes()::documentCount,
                    node.encoder().stats()::documents, progress).awaitDocuments(expected, start);
            progress.printf("spork eval: %d documents searchable after %.1f s; sending %d queries%n",
                    expected, (searchable - start) / 1e9, queries.size());
            return session.run(new SearchApiClient(node.baseUrl()), node.streams().indexes().documentCount(), searchable - start);
        } finally {
            deleteRecursively(dataDir);
        }
    }

    /** The configuration of the evaluation's own stack: free port, state in the temporary directory, limits that fit. */
    private SporkConfig stackConfig(List<EvalQuery> queries, int hits, Path dataDir) {
        int longestQuery = queries.stream().mapToInt(q -> q.text().length()).max().orElse(0);
        return config.with(HttpSettings.PORT, ANY_FREE_PORT)
                .with(KafkaSettings.STATE_DIR, dataDir.resolve("state").toString())
                .with(HttpSettings.MAX_K, Integer.toString(Math.max(hits, config.getInt(HttpSettings.MAX_K))))
                .with(HttpSettings.MAX_QUERY_CHARS,
                        Integer.toString(Math.max(longestQuery, config.getInt(HttpSettings.MAX_QUERY_CHARS))));
    }

    /**
     * The documents Spork's validation accepts: those with a title or a text, within
     * validation.max-text-bytes. The others would only go to the dead-letter topic; they are reported.
     */
    private List<BeirDocument> acceptedDocuments(List<BeirDocument> corpus) {
        long maxBytes = TopicSettings.from(config).maxTextBytes();
        List<BeirDocument> accepted = new ArrayList<>(corpus.size());
        Set<String> refused = new HashSet<>();
        for (BeirDocument doc : corpus) {
            long bytes = doc.title().getBytes(StandardCharsets.UTF_8).length + doc.text().getBytes(StandardCharsets.UTF_8).length;
            if (doc.isBlank() || bytes > maxBytes) {
                refused.add(doc.id());
            } else {
                accepted.add(doc);
            }
        }
        if (!refused.isEmpty()) {
            progress.printf("spork eval: skipping %d documents that are blank or over %s=%d bytes%n",
                    refused.size(), TopicSettings.MAX_TEXT_BYTES, maxBytes);
        }
        return accepted;
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory(TEMP_DIR_PREFIX);
        } catch (IOException e) {
            throw new EvalException("cannot create a temporary directory for the stack: " + e.getMessage(), e);
        }
    }

    private void deleteRecursively(Path dir) {
        try {
            DirectoryTree.delete(dir);
        } catch (java.io.UncheckedIOException e) {
            progress.println("spork eval: could not remove " + dir + " completely: " + e.getMessage());
        }
    }
}
