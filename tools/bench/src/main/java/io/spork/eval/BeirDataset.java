package io.spork.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A BEIR data set as {@link BeirReader} read it: the corpus, the query texts and the test qrels.
 *
 * @param directory   where it was read from
 * @param corpus      every line of corpus.jsonl, in file order
 * @param queryTexts  query id to text, every line of queries.jsonl
 * @param qrels       the judgements of qrels/test.tsv; their queries are the ones evaluated
 */
public record BeirDataset(Path directory, List<BeirDocument> corpus, Map<String, String> queryTexts, Qrels qrels) {

    /** The queries of qrels/test.tsv, in the order they first appear there, with their texts. */
    public List<EvalQuery> testQueries() {
        return queriesOf(qrels);
    }

    /** The queries judged in some qrels (of any split), in their order there, with their texts. */
    public List<EvalQuery> queriesOf(Qrels judged) {
        List<EvalQuery> queries = new ArrayList<>();
        for (String id : judged.queryIds()) {
            String text = queryTexts.get(id);
            if (text == null) {
                throw new EvalException("query '" + id + "' of " + directory.resolve(BeirReader.QRELS_FILE)
                        + " has no line in " + directory.resolve(BeirReader.QUERIES_FILE));
            }
            queries.add(new EvalQuery(id, text));
        }
        return queries;
    }

    /** How many different document ids the corpus holds (a repeated id replaces the earlier line). */
    public int distinctDocumentCount() {
        Set<String> ids = new LinkedHashSet<>();
        corpus.forEach(d -> ids.add(d.id()));
        return ids.size();
    }
}
