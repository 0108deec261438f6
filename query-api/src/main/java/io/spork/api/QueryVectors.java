package io.spork.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.spork.encoder.InferenceFreeQueryEncoder;
import io.spork.encoder.SpladeEncoder;
import io.spork.encoder.Vocabulary;
import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;

/** Turns what a user sends into a query vector: text through the model, or raw term weights. */
final class QueryVectors {
    private final Function<String, SparseVector> textEncoder;
    private final Vocabulary vocabulary;
    private final int maxTerms;

    /**
     * @param inferenceFree encode query texts by tokens only (no model run), else with the model
     */
    QueryVectors(SpladeEncoder encoder, boolean inferenceFree, int maxTerms) {
        this.textEncoder = inferenceFree ? InferenceFreeQueryEncoder.of(encoder)::encode : encoder::encode;
        this.vocabulary = encoder.vocabulary();
        this.maxTerms = maxTerms;
    }

    SparseVector fromText(String text) {
        return textEncoder.apply(text);
    }

    /** Largest weight of a raw query term: sums of a query's weights stay finite floats. */
    static final double MAX_TERM_WEIGHT = 1e30;

    /**
     * {"token-or-id": weight, ...}: a token of the vocabulary or a term id; weights > 0. A key
     * that is neither matches no document (as a word no document has would): it is left out
     * and so does not appear among the answer's query_terms.
     */
    SparseVector fromTerms(JsonNode terms) {
        if (terms == null || !terms.isObject() || terms.isEmpty()) {
            throw ApiException.badRequest("'terms' must be a non-empty object of token (or term id) to weight, e.g. {\"weather\": 1.5}");
        }
        if (terms.size() > maxTerms) {
            throw ApiException.badRequest("'terms' has " + terms.size() + " entries; at most " + maxTerms);
        }
        TreeMap<Integer, Float> weights = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = terms.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode w = e.getValue();
            if (!w.isNumber() || !(w.doubleValue() > 0) || w.doubleValue() > MAX_TERM_WEIGHT) {
                throw ApiException.badRequest("weight of term '" + RequestParams.abbreviate(e.getKey()) + "' must be a number > 0 and at most "
                        + MAX_TERM_WEIGHT);
            }
            OptionalInt id = termId(e.getKey());
            if (id.isPresent()) {
                // A weight too small for a float still counts, as the smallest one.
                weights.merge(id.getAsInt(), Math.max(Float.MIN_VALUE, w.floatValue()), Float::sum);
            }
        }
        return SparseVector.fromSorted(weights);
    }

    private OptionalInt termId(String key) {
        OptionalInt id = vocabulary.id(key);
        if (id.isPresent()) {
            return id;
        }
        try {
            int numeric = Integer.parseInt(key);
            if (numeric >= 0 && numeric < vocabulary.size()) {
                return OptionalInt.of(numeric);
            }
        } catch (NumberFormatException notANumber) {
            // neither a token nor a term id
        }
        return OptionalInt.empty();
    }

    /** The query's terms with their tokens, best first: what the query expanded to. */
    List<QueryTerm> describe(SparseVector query) {
        List<QueryTerm> terms = new ArrayList<>(query.size());
        for (int i = 0; i < query.size(); i++) {
            terms.add(new QueryTerm(vocabulary.token(query.idAt(i)), query.idAt(i), query.weightAt(i)));
        }
        terms.sort(Comparator.comparingDouble((QueryTerm t) -> t.weight()).reversed());
        return terms;
    }
}
