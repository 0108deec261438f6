package io.spork.encoder;

/**
 * Cuts windows sorted by length into model runs. A run costs its rows times its longest window
 * (every row is padded to it) plus a fixed cost per run, and holds at most {@code maxRows} rows and
 * {@code maxTokens} padded tokens. Cutting every {@code maxRows} rows, as a plain loop does, puts a
 * run's boundary wherever the count falls, so one long window can pad fifteen short ones; this cut
 * chooses the boundaries that cost least in all (dynamic programming over the sorted lengths, at
 * most {@code maxRows} candidates per end), so runs end where the lengths jump.
 */
public final class RunCut {
    /**
     * What a model run costs beyond its padded tokens, in padded tokens: launching it and its
     * operators' fixed work. It keeps the cut from splitting a run for a saving of a few tokens.
     */
    static final int RUN_COST_TOKENS = 64;

    private RunCut() {
    }

    /**
     * @param sortedLengths window lengths, ascending
     * @return the end (exclusive) of each run, ascending; the last is {@code sortedLengths.length}
     */
    public static int[] ends(int[] sortedLengths, int maxRows, long maxTokens) {
        int n = sortedLengths.length;
        long[] cost = new long[n + 1];
        int[] start = new int[n + 1];
        for (int end = 1; end <= n; end++) {
            long longest = sortedLengths[end - 1];
            cost[end] = Long.MAX_VALUE;
            // A run of one row is always allowed, so every window is encoded even beyond maxTokens.
            for (int rows = 1; rows <= Math.min(maxRows, end); rows++) {
                if (rows > 1 && rows * longest > maxTokens) {
                    break;
                }
                long total = cost[end - rows] + rows * longest + RUN_COST_TOKENS;
                if (total < cost[end]) {
                    cost[end] = total;
                    start[end] = end - rows;
                }
            }
        }
        int runs = 0;
        for (int end = n; end > 0; end = start[end]) {
            runs++;
        }
        int[] ends = new int[runs];
        for (int end = n, i = runs - 1; end > 0; end = start[end], i--) {
            ends[i] = end;
        }
        return ends;
    }
}
