package io.spork.topology;

/**
 * What the encode stage remembers of a document: the version of its last applied event (null
 * when events carry none) and the hash of its content (null once deleted). Stored as
 * "version|hash" in the content-hash store.
 */
record AppliedVersion(Long version, String hash) {
    private static final char SEPARATOR = '|';

    boolean deleted() {
        return hash == null;
    }

    String encode() {
        return (version == null ? "" : version.toString()) + SEPARATOR + (hash == null ? "" : hash);
    }

    static AppliedVersion decode(String stored) {
        if (stored == null) {
            return null;
        }
        int at = stored.indexOf(SEPARATOR);
        if (at < 0) {
            // Written before versions existed: the value is the bare hash.
            return new AppliedVersion(null, stored);
        }
        String v = stored.substring(0, at);
        String h = stored.substring(at + 1);
        return new AppliedVersion(v.isEmpty() ? null : Long.valueOf(v), h.isEmpty() ? null : h);
    }
}
