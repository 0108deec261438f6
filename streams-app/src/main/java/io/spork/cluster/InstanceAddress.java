package io.spork.cluster;

/** Where another Spork instance's API answers: the host:port it advertises as application.server. */
public record InstanceAddress(String host, int port) {
    public InstanceAddress {
        if (host == null || host.isBlank() || port < 0 || port > 65535) {
            throw new IllegalArgumentException("an instance address needs a host and a port in 0..65535, got " + host + ":" + port);
        }
    }

    /** @param endpoint host:port, as application.server is written */
    public static InstanceAddress parse(String endpoint) {
        int colon = endpoint == null ? -1 : endpoint.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("an instance address is host:port, got '" + endpoint + "'");
        }
        try {
            return new InstanceAddress(endpoint.substring(0, colon), Integer.parseInt(endpoint.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port of instance address '" + endpoint + "' is not a number");
        }
    }

    /** The URL of a path (starting with '/') on this instance. */
    public String url(String path) {
        return "http://" + host + ":" + port + path;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
