package io.spork.index;

/** What searches did, for tests, diagnostics and the query benchmark: windows read and skipped, candidates, rescorings. */
public final class SearchStats {
    long windows;
    long skippedWindows;
    long skippedSegments;
    long candidates;
    long rescored;
    long pending;
    long refinedBlocks;

    /** Windows of ordinals that held a query term (read or skipped). */
    public long windows() {
        return windows;
    }

    /** Windows skipped because their bound could not reach the top-k. */
    public long skippedWindows() {
        return skippedWindows;
    }

    public long skippedSegments() {
        return skippedSegments;
    }

    /** Documents whose upper bound could still reach the top-k when their window was read. */
    public long candidates() {
        return candidates;
    }

    /** Candidates rescored from their stored floats. */
    public long rescored() {
        return rescored;
    }

    /** Documents whose essential terms' bound plus the non-essential bounds could reach the top-k (refined against the rest). */
    public long pending() {
        return pending;
    }

    /** Blocks of non-essential terms decoded to refine pending documents. */
    public long refinedBlocks() {
        return refinedBlocks;
    }

    /** Adds another search's counts to these. */
    void add(SearchStats other) {
        windows += other.windows;
        skippedWindows += other.skippedWindows;
        skippedSegments += other.skippedSegments;
        candidates += other.candidates;
        rescored += other.rescored;
        pending += other.pending;
        refinedBlocks += other.refinedBlocks;
    }

    @Override
    public String toString() {
        return "windows " + windows + ", skipped " + skippedWindows + ", skipped segments " + skippedSegments
                + ", candidates " + candidates + ", rescored " + rescored + ", pending " + pending + ", refined blocks " + refinedBlocks;
    }
}
