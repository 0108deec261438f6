package io.spork.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain-text GETs (the Prometheus endpoint) for end-to-end tests. */
public final class HttpText {
    private final HttpClient client = HttpClient.newHttpClient();
    private final String baseUrl;

    public HttpText(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String get(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
