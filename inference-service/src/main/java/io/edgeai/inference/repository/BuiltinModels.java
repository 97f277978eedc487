package io.edgeai.inference.repository;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models that ship with the service rather than with the repository folder: the all-MiniLM-L6-v2 sentence
 * encoders, whose weights and tokenizer.json come from Maven Central jars on the classpath (90 MB and 23 MB: never
 * committed to git; the images carry the jars). Each enabled model missing from the repository is written as version
 * 1 (model.json from this service's resources, files from the jars) under a hidden name and renamed into place, like
 * {@link RepositorySeeder}; nothing already there is overwritten. A repository that cannot be written (read-only) is
 * served without them, with a warning.
 */
final class BuiltinModels {

    private static final Logger log = LoggerFactory.getLogger(BuiltinModels.class);

    /** Every built-in model: version-folder file name to classpath resource (model.json is always ours). */
    static final Map<String, Map<String, String>> FILES = Map.of(
            "all-minilm-l6-v2", Map.of(
                    "model.onnx", "all-minilm-l6-v2.onnx",
                    "tokenizer.json", "all-minilm-l6-v2-tokenizer.json"),
            "all-minilm-l6-v2-int8", Map.of(
                    "model.onnx", "all-minilm-l6-v2-q.onnx",
                    "tokenizer.json", "all-minilm-l6-v2-q-tokenizer.json"));

    private BuiltinModels() {
    }

    /** Writes the enabled built-in models the repository lacks. */
    static void seed(List<String> enabled, Path repository) {
        for (String name : enabled) {
            Map<String, String> files = FILES.get(name);
            if (files == null) {
                throw new IllegalArgumentException("unknown built-in model '" + name + "' (edge.inference.builtin-"
                        + "models); known: " + FILES.keySet());
            }
            Path target = repository.resolve(name).resolve("1");
            if (Files.exists(target)) {
                continue;
            }
            try {
                if (write(name, files, target)) {
                    log.info("seeded built-in model {} version 1 from the classpath", name);
                }
            } catch (IOException e) {
                // e.g. a read-only repository baked into an image: serve what is there rather than not start
                log.warn("cannot write built-in model {} into {} ({}): not served", name, repository, e.toString());
            }
        }
    }

    private static boolean write(String name, Map<String, String> files, Path target) throws IOException {
        ClassLoader loader = BuiltinModels.class.getClassLoader();
        for (String resource : files.values()) {
            if (loader.getResource(resource) == null) {
                log.warn("built-in model {} is not on the classpath ({} missing): not served", name, resource);
                return false;
            }
        }
        Files.createDirectories(target.getParent());
        // A unique hidden name: replicas sharing one repository volume may seed at the same time; one rename wins.
        Path staging = Files.createTempDirectory(target.getParent(), ".1.seeding-");
        try {
            copy(loader, "builtin-models/" + name + "/1/model.json", staging.resolve("model.json"));
            for (Map.Entry<String, String> f : files.entrySet()) {
                copy(loader, f.getValue(), staging.resolve(f.getKey()));
            }
            staging.toFile().setReadable(true, false);
            staging.toFile().setExecutable(true, false);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            if (Files.exists(target)) {
                return false; // another process seeded it first
            }
            throw e;
        } finally {
            deleteTree(staging);
        }
    }

    private static void copy(ClassLoader loader, String resource, Path to) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("classpath resource " + resource + " is missing");
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
