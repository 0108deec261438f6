package io.spork.eval;

/**
 * A query to evaluate: one query id of {@code qrels/test.tsv} with its text from {@code queries.jsonl}.
 *
 * @param id   the {@code _id} of the query
 * @param text the query text sent to the search engine
 */
public record EvalQuery(String id, String text) {
}
