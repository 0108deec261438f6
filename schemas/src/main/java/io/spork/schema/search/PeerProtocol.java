package io.spork.schema.search;

import io.spork.schema.JsonSerde;
import java.io.IOException;

/** The wire form of the search between instances: one endpoint, a {@link PeerRequest} in, a {@link PeerResponse} out, as JSON. */
public final class PeerProtocol {
    public static final String PATH = "/internal/search";

    private PeerProtocol() {
    }

    public static byte[] write(PeerRequest request) {
        return bytes(request);
    }

    public static byte[] write(PeerResponse response) {
        return bytes(response);
    }

    /** @throws IllegalArgumentException saying what is wrong with the request */
    public static PeerRequest readRequest(byte[] json) {
        return read(json, PeerRequest.class);
    }

    /** @throws IllegalArgumentException saying what is wrong with the answer */
    public static PeerResponse readResponse(byte[] json) {
        return read(json, PeerResponse.class);
    }

    private static byte[] bytes(Object message) {
        try {
            return JsonSerde.MAPPER.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a " + message.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static <T> T read(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new IllegalArgumentException("an empty " + type.getSimpleName());
        }
        try {
            T value = JsonSerde.MAPPER.readValue(json, type);
            if (value == null) {
                throw new IllegalArgumentException("a null " + type.getSimpleName());
            }
            return value;
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException invalid ? invalid : e;
            throw new IllegalArgumentException("unreadable " + type.getSimpleName() + ": "
                    + String.valueOf(cause.getMessage()).lines().findFirst().orElse(""), e);
        }
    }
}
