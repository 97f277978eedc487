package io.edgeai.e2e;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The house rules every module keeps (docs/architecture.md): no package cycles inside a module, and no main class
 * over 300 lines. It reads each module's compiled classes and sources, so it runs after the reactor built them.
 */
class ArchitectureTest {

    private static final int MAX_MAIN_CLASS_LINES = 300;
    private static final Path ROOT = Path.of(System.getProperty("edge.repo.dir", "..")).toAbsolutePath().normalize();

    /** Every Maven module of the suite that has main Java code, by its folder name. */
    static List<String> modules() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(dir -> Files.isDirectory(dir.resolve("src/main/java/io/edgeai")))
                    .map(dir -> dir.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void packagesOfAModuleHaveNoCycles(String name) throws IOException {
        Path module = ROOT.resolve(name);
        Path classes = module.resolve("target/classes");
        assumeTrue(Files.isDirectory(classes.resolve("io/edgeai")), "not compiled yet: " + classes);
        JavaClasses imported = new ClassFileImporter().importPath(classes);
        slices().matching("io.edgeai." + basePackage(module) + ".(**)").should().beFreeOfCycles()
                .allowEmptyShould(true).check(imported);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void noMainClassIsOverThreeHundredLines(String name) throws IOException {
        Path module = ROOT.resolve(name);
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
            List<String> tooLong = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> lines(f) > MAX_MAIN_CLASS_LINES)
                    .map(f -> module.relativize(f) + " (" + lines(f) + " lines)")
                    .toList();
            assertThat(tooLong).as("main classes over %d lines", MAX_MAIN_CLASS_LINES).isEmpty();
        }
    }

    private static String basePackage(Path module) throws IOException {
        try (Stream<Path> packages = Files.list(module.resolve("src/main/java/io/edgeai"))) {
            List<Path> found = packages.filter(Files::isDirectory).toList();
            assertThat(found).as("one base package under io.edgeai in %s", module).hasSize(1);
            return found.get(0).getFileName().toString();
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
