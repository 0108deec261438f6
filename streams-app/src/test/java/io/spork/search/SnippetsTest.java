package io.spork.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The passage with the most query words, its ellipses, and the words of a query text. */
class SnippetsTest {
    private static String words(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
    }

    @Test
    void aShortTextIsItsOwnSnippet() {
        assertEquals("The stadium lights.", Snippets.best("The stadium lights.", Set.of("stadium")));
        assertNull(Snippets.best("  ", Set.of("x")));
        assertNull(Snippets.best(null, Set.of("x")));
    }

    @Test
    void theFirstWindowWithTheMostMatchesWinsWithEllipsesWhereCut() {
        String text = words(0, 50) + " Heart, disease! " + words(52, 100);
        String snippet = Snippets.best(text, Set.of("heart", "disease"));
        assertEquals("… " + words(22, 50) + " Heart, disease! …", snippet,
                "the first window of 30 words holding both, ending at them; punctuation and case kept");
        assertEquals(words(0, 30) + " …", Snippets.best(words(0, 100), Set.of("nothing")), "no match: the beginning");
    }

    @Test
    void onlyTheBeginningOfAVeryLongTextIsScanned() {
        String text = "x ".repeat(Snippets.MAX_SCANNED_CHARS) + "needle";
        assertTrue(!Snippets.best(text, Set.of("needle")).contains("needle"));
        assertTrue(Snippets.best("a b c " + "y".repeat(Snippets.MAX_SCANNED_CHARS), Set.of("b")).endsWith(" …"), "cut: an ellipsis");
    }

    @Test
    void queryWordsAreLowerCaseLettersAndDigits() {
        assertEquals(List.of("heart", "disease", "covid", "19", "élan"), Snippets.words("Heart-disease: COVID 19, Élan!"));
        assertEquals(List.of(), Snippets.words(" ,.; "));
    }
}
