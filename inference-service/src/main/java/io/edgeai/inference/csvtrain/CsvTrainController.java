package io.edgeai.inference.csvtrain;

import io.edgeai.contracts.model.ModelNames;
import io.edgeai.inference.config.RepositoryProperties;
import io.edgeai.inference.config.SiteTrainingProperties;
import io.edgeai.inference.repository.ModelConfigCodec;
import io.edgeai.inference.repository.ModelRepository;
import io.edgeai.inference.repository.ServedVersions;
import io.edgeai.inference.texttrain.TextClassifierTrainer;
import io.edgeai.inference.texttrain.TextEncoders;
import io.edgeai.inference.texttrain.TextTable;
import io.edgeai.inference.texttrain.TextTrainingOptions;
import io.edgeai.inference.repository.VersionFolderWriter;
import io.edgeai.inference.training.core.TrainingExecutor;
import io.edgeai.inference.training.core.TrainingRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v2/repository/models/{model}/train}: a new model from an uploaded CSV and a column mapping. The upload
 * is streamed to a temporary file (size-limited), checked row by row in the request (every problem is a 4xx naming
 * the column or row), trained on the training executor, written as version 1 and served before the answer. A mapping
 * whose feature is of type {@code text} trains a text classifier on the served sentence encoder instead.
 */
@RestController
public class CsvTrainController {

    private static final JsonMapper MAPPING = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final ModelRepository repository;
    private final Path root;
    private final SiteTrainingProperties properties;
    private final TrainingExecutor executor;
    private final ServedVersions served;

    public CsvTrainController(ModelRepository repository, RepositoryProperties repositoryProperties,
                              SiteTrainingProperties properties, TrainingExecutor executor, ServedVersions served) {
        this.repository = repository;
        this.served = served;
        this.root = repositoryProperties.modelRepository();
        this.properties = properties;
        this.executor = executor;
    }

    /** Multipart: part {@code file} (the CSV) and part or query parameter {@code mapping} (JSON). */
    @PostMapping(path = "/v2/repository/models/{model}/train", consumes = "multipart/form-data")
    public ResponseEntity<Object> trainMultipart(@PathVariable String model, @RequestPart("file") MultipartFile file,
                                                 @RequestPart(name = "mapping", required = false) String mappingPart,
                                                 @RequestParam(name = "mapping", required = false) String mappingQuery)
            throws IOException {
        checkName(model);
        ColumnMapping mapping = mapping(mappingPart != null ? mappingPart : mappingQuery);
        if (file.getSize() > properties.maxUploadSize().toBytes()) {
            throw tooLarge();
        }
        try (InputStream in = file.getInputStream()) {
            return train(model, in, file.getOriginalFilename(), mapping);
        }
    }

    /** Raw body: {@code Content-Type: text/csv}, the mapping as query parameter {@code mapping} (JSON). */
    @PostMapping(path = "/v2/repository/models/{model}/train", consumes = {"text/csv", "text/plain"})
    public ResponseEntity<Object> trainRaw(@PathVariable String model,
                                           @RequestParam(name = "mapping", required = false) String mappingQuery,
                                           HttpServletRequest request) throws IOException {
        checkName(model);
        ColumnMapping mapping = mapping(mappingQuery);
        if (request.getContentLengthLong() > properties.maxUploadSize().toBytes()) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            return train(model, in, "upload.csv", mapping);
        }
    }

    private ResponseEntity<Object> train(String model, InputStream body, String fileName, ColumnMapping mapping)
            throws IOException {
        if (Files.exists(root.resolve(model))) {
            throw new TrainingRejectedException(HttpStatus.CONFLICT, "model '" + model + "' already exists; "
                    + "fine-tune it (POST /v2/models/" + model + "/finetune) or choose another name");
        }
        Path csv = Files.createTempFile("edge-train-", ".csv");
        try {
            copyLimited(body, csv);
            String name = fileName == null || fileName.isBlank() ? "upload.csv" : Path.of(fileName).getFileName()
                    .toString();
            long version = mapping.text() ? trainText(model, csv, name, mapping) : trainNumeric(model, csv, name, mapping);
            repository.load(model, null);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("model", model);
            answer.put("version", Long.toString(version));
            answer.put("state", "READY");
            answer.put("config", ModelConfigCodec.mapper().readTree(
                    Files.readAllBytes(root.resolve(model).resolve(Long.toString(version)).resolve("model.json"))));
            return ResponseEntity.status(HttpStatus.CREATED).body(answer);
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private long trainNumeric(String model, Path csv, String name, ColumnMapping mapping) throws IOException {
        CsvTable table = CsvTable.read(csv, name, mapping, properties.minRows());
        if (mapping.rul()) {
            return await(() -> {
                checkStillNew(model);
                RulTrainer.Trained trained = RulTrainer.train(model, table, mapping);
                return VersionFolderWriter.write(root, model, null, trained.config(), trained.files());
            });
        }
        return await(() -> {
            checkStillNew(model);
            CsvModelTrainer.Trained trained = CsvModelTrainer.train(model, table, mapping, properties.defaultEpochs());
            return VersionFolderWriter.write(root, model, null, trained.config(), trained.files());
        });
    }

    private long trainText(String model, Path csv, String name, ColumnMapping mapping) throws IOException {
        TextTrainingOptions options = TextMappings.options(mapping);
        String encoderName = mapping.encoder() == null || mapping.encoder().isBlank() ? ColumnMapping.DEFAULT_ENCODER
                : mapping.encoder().trim();
        TextClassifierTrainer.Encoder encoder = TextEncoders.resolve(served, encoderName, model);
        TextTable table = TextTable.read(csv, name, options.textColumn(), options.labelColumn(), properties.minRows());
        return await(() -> {
            checkStillNew(model);
            TextClassifierTrainer.Trained trained = TextClassifierTrainer.train(model, table, options, encoder);
            return VersionFolderWriter.write(root, model, trained.config(), trained.parameters());
        });
    }

    private void checkStillNew(String model) {
        if (Files.exists(root.resolve(model))) {
            throw new TrainingRejectedException(HttpStatus.CONFLICT, "model '" + model + "' was created meanwhile");
        }
    }

    private <T> T await(java.util.concurrent.Callable<T> run) {
        try {
            return executor.submit(run).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingRejectedException(HttpStatus.SERVICE_UNAVAILABLE, "interrupted while training");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void copyLimited(InputStream in, Path target) throws IOException {
        long limit = properties.maxUploadSize().toBytes();
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > limit) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
        }
        if (total == 0) {
            throw new TrainingRejectedException("the CSV is empty: a header row is expected");
        }
    }

    private TrainingRejectedException tooLarge() {
        return new TrainingRejectedException(HttpStatus.CONTENT_TOO_LARGE, "the CSV is larger than "
                + properties.maxUploadSize() + " (edge.inference.site-training.max-upload-size)");
    }

    static ColumnMapping mapping(String json) {
        if (json == null || json.isBlank()) {
            throw new TrainingRejectedException("a column mapping is required (part 'mapping' or query parameter "
                    + "'mapping', JSON)");
        }
        try {
            return MAPPING.readValue(json, ColumnMapping.class);
        } catch (JacksonException e) {
            throw new TrainingRejectedException("mapping is not valid: " + e.getOriginalMessage());
        }
    }

    static void checkName(String model) {
        if (!ModelNames.isValid(model)) {
            throw new TrainingRejectedException("model name must be 1-64 letters, digits, '_', '.' or '-', "
                    + "not starting with '.'");
        }
    }
}
