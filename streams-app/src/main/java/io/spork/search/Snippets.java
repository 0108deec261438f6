package io.spork.search;

import java.util.Set;

/**
 * Picks the passage of a stored text that shares the most words with the query's tokens: a
 * window of words, the first best one, with an ellipsis where the text was cut.
 */
public final class Snippets {
    static final int WINDOW_WORDS = 30;
    /** Only the beginning of very long texts is scanned: a snippet must be cheap. */
    static final int MAX_SCANNED_CHARS = 20_000;

    private Snippets() {
    }

    /** The lower-case words (letters and digits) of a query text, as snippets compare them. */
    public static java.util.List<String> words(String text) {
        java.util.List<String> words = new java.util.ArrayList<>();
        for (String w : text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{Nd}]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    static String best(String text, Set<String> queryTokens) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String scanned = text.length() > MAX_SCANNED_CHARS ? text.substring(0, MAX_SCANNED_CHARS) : text;
        String[] words = scanned.strip().split("\\s+");
        boolean[] match = new boolean[words.length];
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            word.setLength(0);
            for (int c = 0; c < words[i].length(); c++) {
                char ch = words[i].charAt(c);
                if (Character.isLetterOrDigit(ch)) {
                    word.append(Character.toLowerCase(ch));
                }
            }
            match[i] = word.length() > 0 && queryTokens.contains(word.toString());
        }
        int bestStart = 0;
        int bestCount = -1;
        int count = 0;
        for (int i = 0; i < words.length; i++) {
            if (match[i]) {
                count++;
            }
            if (i >= WINDOW_WORDS && match[i - WINDOW_WORDS]) {
                count--;
            }
            int start = Math.max(0, i - WINDOW_WORDS + 1);
            if (count > bestCount) {
                bestCount = count;
                bestStart = start;
            }
        }
        int end = Math.min(words.length, bestStart + WINDOW_WORDS);
        String snippet = String.join(" ", java.util.Arrays.copyOfRange(words, bestStart, end));
        return (bestStart > 0 ? "… " : "") + snippet + (end < words.length || scanned.length() < text.length() ? " …" : "");
    }
}
