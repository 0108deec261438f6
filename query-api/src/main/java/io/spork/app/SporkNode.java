package io.spork.app;

import io.spork.api.DocumentPublisher;
import io.spork.api.HttpApi;
import io.spork.api.HttpSettings;
import io.spork.config.SporkConfig;
import io.spork.encoder.SpladeEncoder;
import io.spork.kafka.TopicInitializer;
import io.spork.metrics.SporkMetrics;
import io.spork.topology.EngineSettings;
import io.spork.topology.SporkStreams;
import io.spork.topology.StartupLog;
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
        StartupLog.jvmStarted();
        StartupLog.reached("node start");
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            HttpSettings httpSettings = HttpSettings.from(config);
            if (httpSettings.port() == 0) {
                // Other instances must learn the real port through application.server before streams start.
                httpSettings = httpSettings.withPort(freePort());
                config = config.with(HttpSettings.PORT, Integer.toString(httpSettings.port()));
            }
            EngineSettings settings = EngineSettings.from(config);
            ModelLoad model = ModelLoad.started(settings.encoder());
            opened.push(model);
            if (settings.topics().create()) {
                TopicInitializer.ensureTopics(settings.kafka(), settings.topics());
            }
            StartupLog.reached("topics checked");
            DocumentPublisher publisher = new DocumentPublisher(settings.kafka(), settings.topics());
            opened.push(publisher);
            String vectorsTopic = settings.topics().vectors();
            SporkMetrics metrics = new SporkMetrics();
            SporkStreams streams = SporkStreams.start(settings, model, stateDir, httpSettings.applicationServer(),
                    TopologyObserver.all(metrics, observer), () -> publisher.partitionCount(vectorsTopic));
            opened.push(streams);
            StartupLog.reached("streams started");
            SpladeEncoder encoder = model.get();
            metrics.watch(streams.indexes(), encoder.stats());
            HttpApi.Engine engine = new HttpApi.Engine(settings, streams.metadata(), streams.stores(), streams.indexes(), streams::isReady, () -> streams.state().name());
            HttpApi http = HttpApi.start(config, httpSettings, encoder, engine, publisher, metrics);
            opened.push(http);
            StartupLog.reached("http listening");
            return new SporkNode(config, encoder, streams, http, publisher);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
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
