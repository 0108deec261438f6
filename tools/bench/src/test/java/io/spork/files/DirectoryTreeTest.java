package io.spork.files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTreeTest {
    @TempDir
    Path dir;

    @Test
    void removesADirectoryWithEverythingBelowIt() throws Exception {
        Path tree = dir.resolve("stack");
        Files.createDirectories(tree.resolve("state/0_1/rocksdb"));
        Files.writeString(tree.resolve("state/0_1/rocksdb/000001.sst"), "x");
        Files.writeString(tree.resolve("broker.log"), "y");
        DirectoryTree.delete(tree);
        assertFalse(Files.exists(tree));
        assertTrue(Files.exists(dir), "only the tree asked for goes");
    }

    @Test
    void aMissingDirectoryIsNothingToDo() {
        DirectoryTree.delete(dir.resolve("never-made"));
        assertTrue(Files.exists(dir));
    }
}
