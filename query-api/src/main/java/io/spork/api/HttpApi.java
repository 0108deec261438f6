package io.spork.api;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.spork.config.ConfigKeys;
import io.spork.config.SporkConfig;
import io.spork.encoder.QueryMode;
import io.spork.encoder.SpladeEncoder;
import io.spork.lexical.LexicalAnalyzer;
import io.spork.metrics.SporkMetrics;
import io.spork.schema.DocumentEventCodec;
import io.spork.topology.SporkStreams;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of one Spork instance (Javalin): search, documents, status, metrics, the OpenAPI
 * document and the search page. Every error answer is JSON ({@link ApiError}).
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
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

    private final Javalin app;

    private HttpApi(Javalin app) {
        this.app = app;
    }

    public static HttpApi start(SporkConfig config, SpladeEncoder encoder, SporkStreams streams, DocumentPublisher publisher,
                                SporkMetrics metrics) {
        Duration peerTimeout = Duration.ofMillis(config.getLong(ConfigKeys.HTTP_PEER_TIMEOUT_MS));
        LocalSearch local = new LocalSearch(streams, encoder.vocabulary());
        String vectorsTopic = streams.settings().topics().vectors();
        ClusterSearch cluster = new ClusterSearch(streams, local, new PeerSearchClient(peerTimeout),
                () -> publisher.partitionCount(vectorsTopic));
        HybridSearch hybrid = new HybridSearch(streams, local, new PeerSearchClient(peerTimeout), () -> publisher.partitionCount(vectorsTopic));
        SearchResource search = new SearchResource(new QueryVectors(encoder, streams.settings().encoder().queryMode() == QueryMode.INFERENCE_FREE, MAX_RAW_QUERY_TERMS), cluster, local,
                hybrid, new LexicalAnalyzer(), SearchDefaults.from(config), metrics,
                config.getInt(ConfigKeys.HTTP_MAX_K), config.getInt(ConfigKeys.HTTP_MAX_QUERY_CHARS));
        DocumentResource documents = new DocumentResource(publisher,
                new DocumentEventCodec(streams.settings().topics().maxTextBytes()), streams, encoder.vocabulary(), peerTimeout,
                new SearchableWait(streams, peerTimeout, Duration.ofMillis(config.getLong(ConfigKeys.HTTP_WAIT_TIMEOUT_MS))),
                new RecentWrites(RECENT_WRITES_TTL, RECENT_WRITES_MAX));
        StatusResource status = new StatusResource(streams, encoder);
        WriteAuthorization writes = new WriteAuthorization(config.get(ConfigKeys.HTTP_WRITE_TOKEN));
        byte[] openApi = readResource(OPENAPI_RESOURCE);
        Javalin app = Javalin.create(cfg -> {
            cfg.jetty.host = config.get(ConfigKeys.HTTP_HOST);
            cfg.jetty.port = config.getInt(ConfigKeys.HTTP_PORT);
            cfg.http.maxRequestSize = config.getLong(ConfigKeys.HTTP_MAX_BODY_BYTES);
            // A method a path does not serve is 405 (with Allow), not 404.
            cfg.http.prefer405over404 = true;
            // Room for the longest query the contract allows (http.max-query-chars of 4-byte
            // characters, percent-encoded) in the request line, so no valid request meets a 414.
            cfg.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES));
            cfg.startup.showJavalinBanner = false;
            if (HttpApi.class.getResource(SEARCH_PAGE_DIR) != null) {
                cfg.staticFiles.add(SEARCH_PAGE_DIR, Location.CLASSPATH);
            }
            cfg.routes.get("/search", search::get);
            cfg.routes.post("/search", search::post);
            cfg.routes.post(PeerSearchClient.PATH, search::internal);
            cfg.routes.post(PeerSearchClient.STATISTICS_PATH, search::internalStatistics);
            cfg.routes.post(PeerSearchClient.CANDIDATES_PATH, search::internalCandidates);
            cfg.routes.post(PeerSearchClient.DRESS_PATH, search::internalDress);
            cfg.routes.before("/documents*", writes::check);
            cfg.routes.post("/documents", documents::post);
            cfg.routes.get("/documents/{id}", documents::get);
            cfg.routes.delete("/documents/{id}", documents::delete);
            cfg.routes.get(DocumentResource.INTERNAL_PATH, documents::getInternal);
            cfg.routes.get("/stats", status::stats);
            cfg.routes.get("/health", status::health);
            cfg.routes.get("/ready", status::ready);
            cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            cfg.routes.get("/openapi.json", ctx -> {
                if (openApi == null) {
                    throw ApiException.notFound("this build has no OpenAPI document");
                }
                ctx.contentType("application/json").result(openApi);
            });
            cfg.routes.exception(ApiException.class, (e, ctx) ->
                    ctx.status(e.status()).json(new ApiError(e.status(), e.getMessage())));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
                if (e.getStatus() == 405) {
                    ctx.header("Allow", String.join(", ", e.getDetails().getOrDefault("availableMethods", "").split(",\\s*")));
                }
                ctx.status(e.getStatus()).json(new ApiError(e.getStatus(), e.getMessage()));
            });
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).json(new ApiError(500, "internal error: " + e.getMessage()));
            });
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
