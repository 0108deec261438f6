package io.spork.eval;

/**
 * One line of a BEIR {@code corpus.jsonl}.
 *
 * @param id    the {@code _id} field
 * @param title the {@code title} field, empty when absent
 * @param text  the {@code text} field, empty when absent
 */
public record BeirDocument(String id, String title, String text) {
    /** Title and text in one string, the way both the BM25 baseline and Spork's encoder see a document. */
    public String titleAndText() {
        return title + " " + text;
    }

    /** Neither a title nor a text: Spork's validation refuses such an event. */
    public boolean isBlank() {
        return title.isBlank() && text.isBlank();
    }
}
