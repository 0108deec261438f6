package io.spork.lexical;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Lucene's {@link EnglishAnalyzer} (standard tokenizer, possessives, lower case, English stop
 * words, Porter stemmer) over a document's title and text in one field, joined by a space, as
 * Pyserini's "BM25 flat" indexes BEIR. The same analysis reads queries. Thread-safe: Lucene's
 * analyzer keeps one token stream per thread.
 */
public final class LexicalAnalyzer implements AutoCloseable {
    /** The field name given to the analyzer; EnglishAnalyzer treats every field alike. */
    static final String FIELD = "contents";

    private final Analyzer analyzer = new EnglishAnalyzer();

    /** Title and text as one field: the title, a space, the text (either may be null). */
    public AnalyzedText document(String title, String text) {
        String joined = (title == null ? "" : title) + " " + (text == null ? "" : text);
        Map<String, Integer> frequencies = new TreeMap<>();
        int length = 0;
        for (Token token : tokens(joined)) {
            frequencies.merge(token.term(), 1, Integer::sum);
            // Lucene's norm discounts overlapping tokens (position increment 0); English has none, but be exact.
            if (token.positionIncrement() != 0) {
                length++;
            }
        }
        return new AnalyzedText(frequencies, length);
    }

    /** The query's analysed terms, in order, a repeated term once per occurrence. */
    public List<String> queryTerms(String text) {
        List<String> terms = new ArrayList<>();
        for (Token token : tokens(text)) {
            terms.add(token.term());
        }
        return terms;
    }

    private record Token(String term, int positionIncrement) {
    }

    private List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(FIELD, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(new Token(term.toString(), increment.getPositionIncrement()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a text in memory failed", e);
        }
        return tokens;
    }

    @Override
    public void close() {
        analyzer.close();
    }
}
