package io.spork.tools;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house's rules over the main code of every module (this module's test classpath sees them all):
 * no package cycles, a search path without HTTP or Kafka runtime types, a product that never
 * reaches into the tools.
 */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        // The other modules come as their jars in a reactor build, their test code as *-tests.jar.
        ImportOption mainCodeOnly = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");
        main = new ClassFileImporter().withImportOption(mainCodeOnly).importPackages("io.spork");
    }

    @Test
    void thereIsNoPackageCycle() {
        slices().matching("io.spork.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void theSearchPathHasNoHttpAndNoKafkaRuntimeType() {
        noClasses().that().resideInAnyPackage("io.spork.search..", "io.spork.cluster..", "io.spork.schema..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.apache.kafka.streams..", "java.net.http..")
                .check(main);
    }

    @Test
    void theProductNeverUsesTheTools() {
        noClasses().that().resideOutsideOfPackages("io.spork.bench..", "io.spork.eval..", "io.spork.tools..", "io.spork.measure..",
                        "io.spork.files..")
                .should().dependOnClassesThat().resideInAnyPackage("io.spork.bench..", "io.spork.eval..", "io.spork.tools..",
                        "io.spork.measure..", "io.spork.files..")
                .check(main);
    }
}
