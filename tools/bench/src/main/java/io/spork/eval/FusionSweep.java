package io.spork.eval;

import io.spork.search.SearchDefaults;
import io.spork.config.SporkConfig;
import io.spork.index.ScoredDocument;
import io.spork.schema.search.SearchHit;
import io.spork.search.Fusion;
import io.spork.search.FusionMethod;
import io.spork.search.FusionSettings;
import io.spork.search.SearchMode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./spork eval --beir DIR --sweep}: tunes the fusion on the train queries and reports the
 * test queries beside, from one ingest. Every train and test query is sent once in splade and once
 * in bm25 mode for each side's top-N (N = search.fusion.candidates) through the live API; the
 * fusions are then computed offline by the same {@link Fusion} the API runs, for every method and
 * a grid of weights (and RRF constants). The weight to pick is the best on train; test is only reported.
 */
final class FusionSweep {
    private static final int WEIGHT_STEPS = 20;
    private static final int[] RRF_KS = {10, 20, 40, 60, 100};

    private final SporkConfig config;
    private final PrintStream progress;

    FusionSweep(SporkConfig config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
    }

    void run(BeirDataset data, EvalOptions options, PrintStream out) {
        Qrels train = BeirReader.readSplit(options.beirDir(), BeirReader.TRAIN_SPLIT);
        Qrels test = data.qrels();
        List<EvalQuery> queries = new ArrayList<>(data.queriesOf(train));
        queries.addAll(data.queriesOf(test));
        int n = config.getInt(SearchDefaults.FUSION_CANDIDATES);
        progress.printf("spork eval: sweep over %d train + %d test queries, top-%d of each side%n",
                train.queryCount(), test.queryCount(), n);
        Map<String, List<ScoredDocument>> splade = new LinkedHashMap<>();
        Map<String, List<ScoredDocument>> bm25 = new LinkedHashMap<>();
        new SporkStackRetriever(config, progress).withStack(data.corpus(), queries, n, (client, indexed, nanos) -> {
            for (EvalQuery q : queries) {
                splade.put(q.id(), scored(client.search(q.text(), n, SearchMode.SPLADE.tag())));
                bm25.put(q.id(), scored(client.search(q.text(), n, SearchMode.BM25.tag())));
            }
            line(out, "sweep.splade", train, test, sideRun(splade));
            line(out, "sweep.bm25", train, test, sideRun(bm25));
            FusionSettings base = new FusionSettings(FusionMethod.ZSCORE, 0.5, 60, n);
            List<FusionSettings> bests = new ArrayList<>();
            for (FusionMethod method : new FusionMethod[] {FusionMethod.ZSCORE, FusionMethod.MINMAX}) {
                bests.add(sweepWeights(out, method.tag(), base.withMethod(method), splade, bm25, train, test));
            }
            for (int rrfK : RRF_KS) {
                FusionSettings best = sweepWeights(out, "rrf" + rrfK, base.withMethod(FusionMethod.RRF).withRrfK(rrfK), splade, bm25, train, test);
                if (rrfK == 60) {
                    bests.add(best);
                }
            }
            // The best-on-train settings once more, through the live API on the test queries: the same figure as offline.
            List<EvalQuery> testQueries = data.queriesOf(test);
            for (FusionSettings best : bests) {
                String parameters = String.format(Locale.ROOT, "&mode=hybrid&fusion=%s&weight=%.2f&rrf_k=%d&candidates=%d",
                        best.method().tag(), best.spladeWeight(), best.rrfK(), n);
                Run live = new Run();
                for (EvalQuery q : testQueries) {
                    live.put(q.id(), client.searchWith(q.text(), EvalScores.NDCG_CUTOFF, parameters));
                }
                out.printf(Locale.ROOT, "sweep.live_test.%s: %s test_ndcg@10=%.4f%n", best.method().tag(), parameters,
                        RetrievalMetrics.meanNdcg(test, live, EvalScores.NDCG_CUTOFF));
            }
            return null;
        });
    }

    /** @return the settings with the weight best on train */
    private FusionSettings sweepWeights(PrintStream out, String name, FusionSettings settings, Map<String, List<ScoredDocument>> splade,
                                        Map<String, List<ScoredDocument>> bm25, Qrels train, Qrels test) {
        double bestTrain = -1;
        String best = "";
        FusionSettings bestSettings = settings;
        for (int step = 0; step <= WEIGHT_STEPS; step++) {
            double w = (double) step / WEIGHT_STEPS;
            Run run = fused(splade, bm25, settings.withSpladeWeight(w));
            String label = String.format(Locale.ROOT, "sweep.%s.w%.2f", name, w);
            double t = line(out, label, train, test, run);
            if (t > bestTrain) {
                bestTrain = t;
                bestSettings = settings.withSpladeWeight(w);
                best = String.format(Locale.ROOT, "weight=%.2f train_ndcg@10=%.4f test_ndcg@10=%.4f",
                        w, t, RetrievalMetrics.meanNdcg(test, run, EvalScores.NDCG_CUTOFF));
            }
        }
        out.println("sweep.best_on_train." + name + ": " + best);
        return bestSettings;
    }

    /** Prints train and test nDCG@10 of a run; returns the train figure. */
    private static double line(PrintStream out, String label, Qrels train, Qrels test, Run run) {
        double t = RetrievalMetrics.meanNdcg(train, run, EvalScores.NDCG_CUTOFF);
        out.printf(Locale.ROOT, "%s: train_ndcg@10=%.4f test_ndcg@10=%.4f%n", label, t,
                RetrievalMetrics.meanNdcg(test, run, EvalScores.NDCG_CUTOFF));
        return t;
    }

    private static Run fused(Map<String, List<ScoredDocument>> splade, Map<String, List<ScoredDocument>> bm25, FusionSettings settings) {
        Run run = new Run();
        splade.forEach((query, s) -> {
            List<RankedHit> hits = new ArrayList<>();
            for (SearchHit hit : Fusion.fuse(hits(s), hits(bm25.get(query)), settings)) {
                hits.add(new RankedHit(hit.id(), (float) hit.score()));
            }
            run.put(query, hits);
        });
        return run;
    }

    private static List<SearchHit> hits(List<ScoredDocument> side) {
        return side.stream().map(d -> SearchHit.of(d.id(), d.score())).toList();
    }

    /** One side alone, as a run. */
    private static Run sideRun(Map<String, List<ScoredDocument>> side) {
        Run run = new Run();
        side.forEach((query, hits) -> run.put(query, hits.stream().map(d -> new RankedHit(d.id(), d.score())).toList()));
        return run;
    }

    private static List<ScoredDocument> scored(List<RankedHit> hits) {
        return hits.stream().map(h -> new ScoredDocument(h.docId(), h.score())).toList();
    }
}
