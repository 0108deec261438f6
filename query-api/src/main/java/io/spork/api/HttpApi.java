package io.spork.api;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.spork.cluster.ClusterMetadata;
import io.spork.cluster.LocalStores;
import io.spork.config.SporkConfig;
import io.spork.encoder.QueryMode;
import io.spork.encoder.SpladeEncoder;
import io.spork.topology.LocalIndexes;
import io.spork.lexical.LexicalAnalyzer;
import io.spork.metrics.SporkMetrics;
import io.spork.schema.DocumentEventCodec;
import io.spork.schema.search.PeerProtocol;
import io.spork.search.ClusterSearch;
import io.spork.search.LocalShard;
import io.spork.search.QueryEncoder;
import io.spork.search.RequestException;
import io.spork.search.SearchDefaults;
import io.spork.topology.EngineSettings;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The HTTP API of one Spork instance (Javalin): search, documents, status, metrics, the OpenAPI
 * document and the search page. Every error answer is JSON ({@link ErrorResponses}).
 */
public final class HttpApi implements AutoCloseable {
    /** The search page served at "/"; a build without it still serves the API. */
    private static final String SEARCH_PAGE_DIR = "/public";
    private static final String OPENAPI_RESOURCE = "/io/spork/api/openapi.json";
    /** Raw queries are bounded like encoded ones: far beyond any real SPLADE query. */
    private static final int MAX_RAW_QUERY_TERMS = 1024;
    private static final int MAX_REQUEST_HEADER_BYTES = 64 * 1024;
    /**
     * Writes are applied within about a second. Kept briefly: a write made later through another
     * instance (or straight to Kafka) is not seen here and is hidden from this instance's GET
     * until the entry expires.
     */
    private static final Duration RECENT_WRITES_TTL = Duration.ofSeconds(15);
    private static final int RECENT_WRITES_MAX = 100_000;

    /** What the API serves from the running engine, without its Kafka types. */
    public record Engine(EngineSettings settings, ClusterMetadata metadata, LocalStores stores, LocalIndexes indexes, BooleanSupplier ready, Supplier<String> state) {
    }

    private final Javalin app;

    private HttpApi(Javalin app) {
        this.app = app;
    }

    public static HttpApi start(SporkConfig config, HttpSettings http, SpladeEncoder encoder, Engine engine, DocumentPublisher publisher,
                                SporkMetrics metrics) {
        QueryEncoder queries = QueryEncoder.of(encoder, engine.settings().encoder().queryMode() == QueryMode.INFERENCE_FREE, MAX_RAW_QUERY_TERMS);
        LocalShard local = new LocalShard(engine.metadata(), engine.stores(), encoder.vocabulary());
        PeerClient peers = new PeerClient(http.peerTimeout());
        ClusterSearch cluster = new ClusterSearch(engine.metadata(), local, peers);
        SearchResource search = new SearchResource(queries, new LexicalAnalyzer(), cluster, local, SearchDefaults.from(config), metrics,
                http.maxK(), http.maxQueryChars());
        DocumentResource documents = new DocumentResource(publisher,
                new DocumentEventCodec(engine.settings().topics().maxTextBytes()), engine.metadata(), engine.stores(), queries,
                peers, new SearchableWait(engine.metadata(), engine.stores(), peers, http.waitTimeout()),
                new RecentWrites(RECENT_WRITES_TTL, RECENT_WRITES_MAX), DocumentResource.PARTITION_WAIT);
        StatusResource status = new StatusResource(engine.ready(), engine.state(), engine.indexes(), encoder);
        WriteAuthorization writes = new WriteAuthorization(http.writeToken());
        byte[] openApi = readResource(OPENAPI_RESOURCE);
        Javalin app = Javalin.create(cfg -> {
            cfg.jetty.host = http.host();
            cfg.jetty.port = http.port();
            cfg.http.maxRequestSize = http.maxBodyBytes();
            // A method a path does not serve is 405 (with Allow), not 404.
            cfg.http.prefer405over404 = true;
            // Room for the longest query the contract allows (http.max-query-chars of 4-byte
            // characters, percent-encoded) in the request line, so no valid request meets a 414.
            cfg.jetty.modifyHttpConfiguration(h -> h.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES));
            cfg.startup.showJavalinBanner = false;
            if (HttpApi.class.getResource(SEARCH_PAGE_DIR) != null) {
                cfg.staticFiles.add(SEARCH_PAGE_DIR, Location.CLASSPATH);
            }
            cfg.routes.get("/search", search::get);
            cfg.routes.post("/search", search::post);
            cfg.routes.post(PeerProtocol.PATH, search::internal);
            cfg.routes.before("/documents*", writes::check);
            cfg.routes.post("/documents", documents::post);
            cfg.routes.get("/documents/{id}", documents::get);
            cfg.routes.delete("/documents/{id}", documents::delete);
            cfg.routes.get(PeerClient.DOCUMENT_PATH, documents::getInternal);
            cfg.routes.get("/stats", status::stats);
            cfg.routes.get("/health", status::health);
            cfg.routes.get("/ready", status::ready);
            cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            cfg.routes.get("/openapi.json", ctx -> {
                if (openApi == null) {
                    throw RequestException.notFound("this build has no OpenAPI document");
                }
                ctx.contentType("application/json").result(openApi);
            });
            ErrorResponses.install(cfg.routes);
        });
        app.start();
        return new HttpApi(app);
    }

    private static byte[] readResource(String name) {
        try (InputStream in = HttpApi.class.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
