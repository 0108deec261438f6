package io.spork.index;

/** What one search did, for tests and diagnostics: windows read and skipped, candidates, rescorings. */
final class SearchStats {
    long windows;
    long skippedWindows;
    long skippedSegments;
    long candidates;
    long rescored;

    /** Adds another search's counts to these. */
    void add(SearchStats other) {
        windows += other.windows;
        skippedWindows += other.skippedWindows;
        skippedSegments += other.skippedSegments;
        candidates += other.candidates;
        rescored += other.rescored;
    }

    @Override
    public String toString() {
        return "windows " + windows + ", skipped " + skippedWindows + ", skipped segments " + skippedSegments
                + ", candidates " + candidates + ", rescored " + rescored;
    }
}
