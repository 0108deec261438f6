package io.spork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What ships: the runtime classpath the build writes for the launcher and the image
 * (query-api/target/classpath.txt) and the application jar hold no benchmark, evaluation or
 * Lucene-baseline class and no test utility. It runs after the package phase, as an integration
 * test, because the classpath file is written there.
 */
class ShippedClasspathIT {
    /** Packages and classes of the tools module, and Kafka Streams' test utilities. */
    private static final List<String> TOOL_PREFIXES = List.of("io/spork/bench/", "io/spork/eval/", "io/spork/tools/", "io/spork/measure/",
            "org/apache/kafka/streams/processor/api/MockProcessorContext", "org/apache/kafka/streams/TopologyTestDriver");
    private static final List<String> BASELINE_CLASSES = List.of("LuceneFeatureIndex", "Bm25Retriever");

    @Test
    void theRuntimeClasspathHoldsTheProductAndNoToolClass() throws IOException {
        Path target = Path.of(System.getProperty("spork.repo.root", "..")).resolve("query-api/target");
        Path classpathFile = target.resolve(System.getProperty("spork.classpath.file", "classpath.txt"));
        assertTrue(Files.isRegularFile(classpathFile), "the package phase writes " + classpathFile);
        List<Path> entries = new ArrayList<>();
        for (String entry : Files.readString(classpathFile).strip().split(File.pathSeparator)) {
            entries.add(Path.of(entry));
        }
        entries.add(applicationJar(target));

        List<String> offending = new ArrayList<>();
        boolean sawTheLauncher = false;
        for (Path entry : entries) {
            if (entry.getFileName().toString().startsWith("spork-tools")) {
                offending.add(entry.toString());
            }
            for (String name : classNames(entry)) {
                sawTheLauncher |= name.equals("io/spork/app/SporkCli.class");
                if (TOOL_PREFIXES.stream().anyMatch(name::startsWith) || BASELINE_CLASSES.stream().anyMatch(c -> name.endsWith("/" + c + ".class"))) {
                    offending.add(entry.getFileName() + "!" + name);
                }
            }
        }
        assertTrue(sawTheLauncher, "the scan reads the application jar: " + entries);
        assertEquals(List.of(), offending, "tool classes on the runtime classpath");
    }

    private static Path applicationJar(Path target) throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "query-api-*.jar")) {
            for (Path jar : jars) {
                if (!jar.getFileName().toString().endsWith("-tests.jar")) {
                    return jar;
                }
            }
        }
        throw new AssertionError("no application jar in " + target);
    }

    private static List<String> classNames(Path entry) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(entry)) {
            try (Stream<Path> files = Files.walk(entry)) {
                files.filter(f -> f.toString().endsWith(".class")).forEach(f -> names.add(entry.relativize(f).toString().replace(File.separatorChar, '/')));
            }
        } else if (Files.isRegularFile(entry)) {
            try (ZipFile zip = new ZipFile(entry.toFile())) {
                zip.stream().filter(e -> e.getName().endsWith(".class")).forEach(e -> names.add(e.getName()));
            }
        }
        return names;
    }
}
