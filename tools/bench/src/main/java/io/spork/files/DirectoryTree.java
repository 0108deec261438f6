package io.spork.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Removes the scratch directories that benchmarks and evaluations leave behind (stores, brokers, indexes). */
public final class DirectoryTree {
    private DirectoryTree() {
    }

    /**
     * Deletes a directory and everything below it, deepest first; nothing happens when it does not exist.
     *
     * @throws UncheckedIOException naming the directory, when an entry cannot be removed
     */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.walk(dir)) {
            List<Path> deepestFirst = entries.sorted(Comparator.reverseOrder()).toList();
            for (Path p : deepestFirst) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
    }
}
