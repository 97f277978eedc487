package io.edgeai.hub.model;

import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.hub.ModelPackage;
import io.edgeai.contracts.hub.ModelWeights;
import io.edgeai.contracts.web.InvalidRequestException;
import io.edgeai.hub.config.HubProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared model repository: numbered versions per model, each a weights file
 * ({@code <data-dir>/models/<model>/<version>/weights.edgw}, written to a temporary file, forced to disk and moved
 * into place before its index row is inserted) and an index row with its model.json, checksum, origin and rows.
 */
@Component
public class ModelStore {

    /** A version a site published. */
    static final String PUBLISHED = "PUBLISHED";
    /** A version the hub averaged from sites' versions. */
    static final String FEDERATED = "FEDERATED";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Path root;

    public ModelStore(JdbcTemplate hubJdbc, JsonMapper json, HubProperties properties) {
        this.jdbc = hubJdbc;
        this.json = json;
        this.root = properties.dataDir().resolve("models");
    }

    /**
     * One version's index entry.
     *
     * @param model   the model
     * @param version the hub's version number
     * @param site    the publishing site, null for a federated version
     * @param kind    {@link #PUBLISHED} or {@link #FEDERATED}
     * @param sha256  checksum of the weights
     * @param rows    training rows behind the weights
     * @param source  where it came from
     * @param config  the version's model.json
     * @param published when the hub stored it
     */
    public record Entry(String model, long version, String site, String kind, String sha256, long rows, String source,
                        Map<String, Object> config, Instant published) {
    }

    /** Stores checked weights as the model's next version and returns it. */
    synchronized Entry add(String model, String site, String kind, Map<String, Object> config, ModelWeights weights,
                           long rows, String source) {
        byte[] bytes = weights.encode();
        String sha = ModelWeights.sha256(bytes);
        Long max = jdbc.queryForObject("SELECT MAX(version) FROM model_version WHERE model = ?", Long.class, model);
        long version = max == null ? 1 : max + 1;
        writeDurably(file(model, version), bytes);
        Instant now = Instant.now();
        jdbc.update("INSERT INTO model_version (model, version, site_id, kind, sha256, training_rows, source, config, "
                + "published_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", model, version, site, kind, sha, rows, source,
                json.writeValueAsString(config), now.getEpochSecond() * 1_000_000 + now.getNano() / 1000);
        return entry(model, version);
    }

    public List<Entry> list(String model) {
        return jdbc.query(SELECT + (model == null ? " ORDER BY model, version" : " WHERE model = ? ORDER BY version"),
                (rs, i) -> row(rs), model == null ? new Object[0] : new Object[] {model});
    }

    Entry entry(String model, long version) {
        List<Entry> found = jdbc.query(SELECT + " WHERE model = ? AND version = ?", (rs, i) -> row(rs), model,
                version);
        if (found.isEmpty()) {
            throw new InvalidRequestException(HttpStatus.NOT_FOUND,
                    List.of(new FieldViolation("version", "model '" + model + "' has no version " + version)));
        }
        return found.get(0);
    }

    /** The weights of a version, checked against the checksum stored with it. */
    ModelWeights weights(Entry e) {
        try {
            byte[] bytes = Files.readAllBytes(file(e.model(), e.version()));
            if (!ModelWeights.sha256(bytes).equals(e.sha256())) {
                throw new IllegalStateException("the weights file of " + e.model() + " version " + e.version()
                        + " does not match its checksum");
            }
            return ModelWeights.decode(bytes);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A version as a package a site can pull. */
    ModelPackage packageOf(Entry e) {
        byte[] bytes = weights(e).encode();
        return new ModelPackage(e.model(), e.config(), Base64.getEncoder().encodeToString(bytes), e.sha256(),
                e.rows(), "hub " + e.model() + "/" + e.version() + " (" + e.source() + ")");
    }

    private static final String SELECT = "SELECT model, version, site_id, kind, sha256, training_rows, source, config, "
            + "published_us FROM model_version";

    private Entry row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long us = rs.getLong(9);
        Map<String, Object> config = json.readValue(rs.getString(8), new TypeReference<LinkedHashMap<String, Object>>() {
        });
        return new Entry(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getString(7), config, Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1000));
    }

    private Path file(String model, long version) {
        return root.resolve(model).resolve(Long.toString(version)).resolve("weights.edgw");
    }

    private static void writeDurably(Path target, byte[] bytes) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
