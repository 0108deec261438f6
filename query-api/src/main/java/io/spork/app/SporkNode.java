package io.spork.app;

import io.spork.api.DocumentPublisher;
import io.spork.api.HttpApi;
import io.spork.config.ConfigKeys;
import io.spork.config.SporkConfig;
import io.spork.encoder.SpladeEncoder;
import io.spork.kafka.TopicInitializer;
import io.spork.metrics.SporkMetrics;
import io.spork.topology.EngineSettings;
import io.spork.topology.SporkStreams;
import io.spork.topology.TopologyObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Spork instance against a Kafka cluster: the encoder, the topics, the Kafka Streams
 * topology and the HTTP API, started in that order and closed in reverse.
 */
public final class SporkNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SporkNode.class);

    private final SporkConfig config;
    private final SpladeEncoder encoder;
    private final SporkStreams streams;
    private final HttpApi http;
    private final DocumentPublisher publisher;

    private SporkNode(SporkConfig config, SpladeEncoder encoder, SporkStreams streams, HttpApi http, DocumentPublisher publisher) {
        this.config = config;
        this.encoder = encoder;
        this.streams = streams;
        this.http = http;
        this.publisher = publisher;
    }

    /**
     * @param stateDir where the RocksDB state stores live
     */
    public static SporkNode start(SporkConfig config, Path stateDir, TopologyObserver observer) {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            if (config.getInt(ConfigKeys.HTTP_PORT) == 0) {
                // Other instances must learn the real port through application.server before streams start.
                config = config.with(ConfigKeys.HTTP_PORT, Integer.toString(freePort()));
            }
            EngineSettings settings = EngineSettings.from(config);
            SpladeEncoder encoder = SpladeEncoder.open(settings.encoder());
            opened.push(encoder);
            if (settings.topics().create()) {
                TopicInitializer.ensureTopics(settings.kafka(), settings.topics());
            }
            DocumentPublisher publisher = new DocumentPublisher(settings.kafka(), settings.topics());
            opened.push(publisher);
            String advertised = advertisedHost(config) + ":" + config.getInt(ConfigKeys.HTTP_PORT);
            SporkMetrics metrics = new SporkMetrics();
            SporkStreams streams = SporkStreams.start(settings, encoder, stateDir, advertised, TopologyObserver.all(metrics, observer));
            opened.push(streams);
            metrics.watch(streams.indexes(), encoder.stats());
            HttpApi http = HttpApi.start(config, encoder, streams, publisher, metrics);
            opened.push(http);
            return new SporkNode(config, encoder, streams, http, publisher);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    private static String advertisedHost(SporkConfig config) {
        String advertised = config.get(ConfigKeys.HTTP_ADVERTISED_HOST);
        if (!advertised.isBlank()) {
            return advertised;
        }
        String host = config.get(ConfigKeys.HTTP_HOST);
        return host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the HTTP API", e);
        }
    }

    public SporkConfig config() {
        return config;
    }

    /** The streams application's settings, as read at start. */
    public EngineSettings settings() {
        return streams.settings();
    }

    public SpladeEncoder encoder() {
        return encoder;
    }

    public SporkStreams streams() {
        return streams;
    }

    public int httpPort() {
        return http.port();
    }

    public String baseUrl() {
        return "http://localhost:" + http.port();
    }

    /** Stops in reverse order of start; the encoder is closed only once no stream thread can use it. */
    @Override
    public void close() {
        try {
            http.close();
        } catch (RuntimeException e) {
            LOG.warn("stopping the HTTP server failed: {}", e.getMessage());
        }
        boolean streamsStopped = streams.stop();
        publisher.close();
        if (streamsStopped) {
            encoder.close();
        } else {
            // Closing the ONNX Runtime session under a running model call crashes the JVM.
            LOG.warn("leaving the encoder open: a stream thread may still be running the model");
        }
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable r = resources.pop();
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", r.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
