package io.edgeai.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One running server shared by the protocol-level tests (one Spring context): a repository holding the test model
 * {@code tiny} and a copy of the committed {@code ai4i-failure}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServerTestBase {

    protected static final Path REPO = TestModels.newRepository("server");

    static {
        TestModels.tinyMlp(REPO, "tiny", 1);
        TestModels.tinyTrees(REPO, "trees", 1);
        copy(Path.of("..", "models", "ai4i-failure"), REPO.resolve("ai4i-failure"));
        copy(resource("torchscript/mlp"), REPO.resolve("mlp"));
        copy(resource("torchscript/typed"), REPO.resolve("typed"));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("edge.inference.builtin-models", () -> ""); // the encoders have their own test class
        registry.add("edge.inference.model-repository", REPO::toString);
        registry.add("edge.inference.poll-interval", () -> "0s");
    }

    @LocalServerPort
    protected int port;
    protected OipClient client;

    @BeforeEach
    void connect() {
        client = new OipClient(port);
    }

    /** A test resource folder as a path. */
    public static Path resource(String name) {
        try {
            return Path.of(ServerTestBase.class.getClassLoader().getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void copy(Path from, Path to) {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
