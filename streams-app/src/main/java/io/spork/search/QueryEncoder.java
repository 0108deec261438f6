package io.spork.search;

import io.spork.encoder.InferenceFreeQueryEncoder;
import io.spork.encoder.SpladeEncoder;
import io.spork.encoder.Vocabulary;
import io.spork.schema.SparseVector;
import io.spork.schema.search.QueryTerm;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** Turns what a user sends into a query vector: text through the model (or its tokens alone), or raw term weights. */
public final class QueryEncoder {
    /** Largest weight of a raw query term: sums of a query's weights stay finite floats. */
    static final double MAX_TERM_WEIGHT = 1e30;

    private final Function<String, SparseVector> textEncoder;
    private final Vocabulary vocabulary;
    private final int maxTerms;

    QueryEncoder(Function<String, SparseVector> textEncoder, Vocabulary vocabulary, int maxTerms) {
        this.textEncoder = textEncoder;
        this.vocabulary = vocabulary;
        this.maxTerms = maxTerms;
    }

    /** @param inferenceFree encode query texts by tokens only (no model run), else with the model */
    public static QueryEncoder of(SpladeEncoder encoder, boolean inferenceFree, int maxTerms) {
        return new QueryEncoder(inferenceFree ? InferenceFreeQueryEncoder.of(encoder)::encode : encoder::encode, encoder.vocabulary(), maxTerms);
    }

    public SparseVector fromText(String text) {
        return textEncoder.apply(text);
    }

    /**
     * {"token-or-id": weight, ...} in the order given: a token of the vocabulary or a term id;
     * weights > 0 (NaN stands for a weight that is not a number). A key that is neither matches
     * no document (as a word no document has would): it is left out, so it does not appear among
     * the answer's query_terms.
     *
     * @throws RequestException when the terms or a weight are not valid
     */
    public SparseVector fromTerms(Map<String, Double> terms) {
        if (terms == null || terms.isEmpty()) {
            throw RequestException.invalid("'terms' must be a non-empty object of token (or term id) to weight, e.g. {\"weather\": 1.5}");
        }
        if (terms.size() > maxTerms) {
            throw RequestException.invalid("'terms' has " + terms.size() + " entries; at most " + maxTerms);
        }
        TreeMap<Integer, Float> weights = new TreeMap<>();
        for (Map.Entry<String, Double> e : terms.entrySet()) {
            double w = e.getValue();
            if (!(w > 0) || w > MAX_TERM_WEIGHT) {
                throw RequestException.invalid("weight of term '" + RequestException.abbreviate(e.getKey()) + "' must be a number > 0 and at most "
                        + MAX_TERM_WEIGHT);
            }
            OptionalInt id = termId(e.getKey());
            if (id.isPresent()) {
                // A weight too small for a float still counts, as the smallest one.
                weights.merge(id.getAsInt(), Math.max(Float.MIN_VALUE, (float) w), Float::sum);
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

    /** A vector's terms with their tokens, best first: what a query expanded to, or a document's vector. */
    public List<QueryTerm> describe(SparseVector vector) {
        List<QueryTerm> terms = new ArrayList<>(vector.size());
        for (int i = 0; i < vector.size(); i++) {
            terms.add(new QueryTerm(vocabulary.token(vector.idAt(i)), vector.idAt(i), vector.weightAt(i)));
        }
        terms.sort(Comparator.comparingDouble((QueryTerm t) -> t.weight()).reversed());
        return terms;
    }

    /** The query's whole-word tokens (WordPiece continuations and specials left out), for snippets. */
    public Set<String> snippetWords(SparseVector query) {
        Set<String> words = new HashSet<>();
        for (int i = 0; i < query.size(); i++) {
            String token = vocabulary.token(query.idAt(i));
            if (!token.startsWith("##") && !token.startsWith("[")) {
                words.add(token);
            }
        }
        return words;
    }
}
