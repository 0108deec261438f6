package io.spork.api;

import io.spork.cluster.InstanceAddress;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Reads a document from the instance whose partition holds it ({@code GET /internal/documents/{id}}). */
final class PeerDocuments {
    static final String PATH = "/internal/documents/{id}";

    private final HttpClient client;
    private final Duration timeout;

    PeerDocuments(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The owner's answer as it came: 200 with the document, 404, or 503 while its partition moves. */
    HttpResponse<byte[]> fetch(InstanceAddress owner, String id) throws IOException, InterruptedException {
        String url = owner.url(PATH.replace("{id}", URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")));
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
