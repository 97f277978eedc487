package io.edgeai.inference.repository;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models that ship with the service rather than with the repository folder: the all-MiniLM-L6-v2 sentence
 * encoders, whose weights and tokenizer.json come from Maven Central jars on the classpath (90 MB and 23 MB: never
 * committed to git; the images carry the jars). Each enabled model missing from the repository is written as version
 * 1 (model.json from this service's resources, files from the jars) through {@link VersionStaging}, like
 * {@link RepositorySeeder} (replicas sharing a repository may seed at once); nothing already there is overwritten. A
 * repository that cannot be written (read-only) is served without them, with a warning.
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
        return VersionStaging.publish(target, staging -> {
            copy(loader, "builtin-models/" + name + "/1/model.json", staging.resolve("model.json"));
            for (Map.Entry<String, String> f : files.entrySet()) {
                copy(loader, f.getValue(), staging.resolve(f.getKey()));
            }
        });
    }

    private static void copy(ClassLoader loader, String resource, Path to) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("classpath resource " + resource + " is missing");
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
