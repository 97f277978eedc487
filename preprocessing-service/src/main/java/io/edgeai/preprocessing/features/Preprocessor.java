package io.edgeai.preprocessing.features;

import io.edgeai.contracts.Reading;
import io.edgeai.contracts.ReadingMetadata;
import io.edgeai.contracts.features.FeatureRequest;
import io.edgeai.contracts.features.FeatureResponse;
import io.edgeai.contracts.oip.InferRequest;
import io.edgeai.contracts.web.InvalidRequestException;
import io.edgeai.modelclient.UnknownModelException;
import io.edgeai.preprocessing.config.PreprocessingProperties;
import io.edgeai.preprocessing.model.ServedModel;
import io.edgeai.preprocessing.model.ServedModels;
import io.edgeai.preprocessing.validation.CheckedBatch;
import io.edgeai.preprocessing.validation.CheckedReading;
import io.edgeai.preprocessing.validation.ReadingValidator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.function.IntFunction;
import org.springframework.stereotype.Component;

/**
 * Runs a request through the stages: resolve the model's spec, validate every reading (all-or-nothing), then
 * encode. Nothing is written to device windows unless the whole batch is valid.
 */
@Component
public class Preprocessor {

    private final PreprocessingProperties properties;
    private final ServedModels specs;
    private final ReadingValidator validator;
    private final ReadingEncoder encoder;
    private final Counter encoded;
    private final Counter rejected;
    private final Timer timer;

    public Preprocessor(PreprocessingProperties properties, ServedModels specs, ReadingValidator validator,
                        ReadingEncoder encoder, MeterRegistry meters) {
        this.properties = properties;
        this.specs = specs;
        this.validator = validator;
        this.encoder = encoder;
        this.encoded = Counter.builder("edge.preprocessing.readings").tag("outcome", "encoded")
                .description("Readings turned into features").register(meters);
        this.rejected = Counter.builder("edge.preprocessing.readings").tag("outcome", "rejected")
                .description("Readings refused by validation (whole batches are refused)").register(meters);
        this.timer = Timer.builder("edge.preprocessing.batch")
                .description("Time to validate and encode one request").register(meters);
    }

    /** A validated request: the model version and the readings in spec units. */
    public record Validated(ServedModel model, List<CheckedReading> readings) {
    }

    /** Validates without touching device windows. */
    public Validated validate(FeatureRequest request) {
        return validate(request, false);
    }

    private Validated validate(FeatureRequest request, boolean recheck) {
        List<Reading> readings = readingsOf(request);
        IntFunction<String> path = request.reading() != null ? i -> "reading" : i -> "readings[" + i + "]";
        ServedModel model = resolve(request, recheck);
        CheckedBatch batch = validator.validate(readings, model.encoder().spec(), path);
        if (!batch.valid()) {
            rejected.increment(readings.size());
            throw new InvalidRequestException(batch.violations());
        }
        return new Validated(model, batch.readings());
    }

    /** Validates then encodes: the infer request for the model version, or an {@link InvalidRequestException}. */
    public FeatureResponse encode(FeatureRequest request) {
        return encode(request, false);
    }

    /**
     * Like {@link #encode(FeatureRequest)}; {@code recheck} asks inference-service which version it serves now
     * rather than trusting the cached answer (see {@link ServedModels#get(String, String, boolean)}).
     */
    public FeatureResponse encode(FeatureRequest request, boolean recheck) {
        return timer.record(() -> {
            Validated v = validate(request, recheck);
            float[] data = encoder.encode(v.model(), v.readings());
            encoded.increment(v.readings().size());
            ServedModel m = v.model();
            InferRequest infer = new InferRequest(null, List.of(new InferRequest.Input(m.inputName(), "FP32",
                    new long[] {v.readings().size(), m.encoder().width()}, data)));
            List<ReadingMetadata> metadata = v.readings().stream()
                    .map(r -> new ReadingMetadata(r.deviceId(), r.timestamp(), r.machineType()))
                    .toList();
            return new FeatureResponse(m.name(), m.version(), m.featureNames(), infer, metadata);
        });
    }

    private ServedModel resolve(FeatureRequest request, boolean recheck) {
        String model = request.model() == null || request.model().isBlank()
                ? properties.defaultModel() : request.model();
        try {
            return specs.get(model, request.version(), recheck);
        } catch (UnknownModelException e) {
            throw InvalidRequestException.of(request.version() == null ? "model" : "version", e.getMessage());
        }
    }

    private List<Reading> readingsOf(FeatureRequest request) {
        if (request.reading() != null && request.readings() != null) {
            throw InvalidRequestException.of("readings", "send either reading or readings, not both");
        }
        if (request.reading() != null) {
            return List.of(request.reading());
        }
        if (request.readings() == null || request.readings().isEmpty()) {
            throw InvalidRequestException.of("readings", "must hold at least one reading (or send a single reading)");
        }
        if (request.readings().size() > properties.maxBatchSize()) {
            throw InvalidRequestException.of("readings",
                    "must hold at most " + properties.maxBatchSize() + " readings, was " + request.readings().size());
        }
        return request.readings();
    }
}
