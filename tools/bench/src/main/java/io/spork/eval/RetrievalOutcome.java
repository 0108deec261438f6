package io.spork.eval;

/**
 * What one model's evaluation produced: the run and the efficiency figures of getting it.
 *
 * @param run                      the hits of every query (before --remove-query and the cut to k)
 * @param documentsIndexed         distinct documents that ended up searchable
 * @param ingestDocsPerSecond      documentsIndexed / timeToSearchableSeconds
 * @param timeToSearchableSeconds  from the first document sent to the last one searchable
 * @param latency                  per-query latency
 */
public record RetrievalOutcome(Run run, long documentsIndexed, double ingestDocsPerSecond,
                               double timeToSearchableSeconds, LatencySummary latency) {

    static RetrievalOutcome of(Run run, long documentsIndexed, long ingestNanos, long[] latenciesNanos) {
        double seconds = ingestNanos / 1e9;
        return new RetrievalOutcome(run, documentsIndexed, seconds > 0 ? documentsIndexed / seconds : 0, seconds,
                LatencySummary.ofNanos(latenciesNanos));
    }
}
