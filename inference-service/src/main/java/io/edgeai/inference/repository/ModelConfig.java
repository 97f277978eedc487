package io.edgeai.inference.repository;

import io.edgeai.contracts.model.TensorSpec;
import io.edgeai.contracts.model.Regression;
import io.edgeai.contracts.model.Threshold;
import io.edgeai.features.FeatureSpec;
import io.edgeai.inference.compute.MlpArchitecture;
import io.edgeai.inference.compute.TextEncoderSpec;
import io.edgeai.inference.compute.TreeEnsembleSpec;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A version's model.json (keys in snake_case on disk): what the server needs to load and batch it, and what the
 * other services read from the configuration endpoint (labels, feature spec, thresholds).
 *
 * @param name                      model name (the folder name wins when they differ)
 * @param version                   numeric version (the folder name wins when they differ)
 * @param platform                  {@code djl}, {@code pytorch_torchscript} or {@code onnx}
 * @param description               free text for humans
 * @param inputs                    model inputs, in the order the model takes them
 * @param outputs                   model outputs, in the order the model returns them
 * @param labels                    class label of each output column
 * @param featureSpec               how raw readings become the input row (io.edgeai.features.FeatureSpec)
 * @param thresholds                default raise/clear thresholds per label
 * @param maxBatchSize              most rows merged into one execution
 * @param maxQueueDelayMicroseconds longest a request waits for others to join its batch
 * @param maxQueueSize              requests that may wait; beyond it requests are rejected at once (503)
 * @param dynamicBatching           false executes each request alone (default true)
 * @param instanceCount             executions that may run at once (default 1)
 * @param versionPolicy             which versions to serve; read from the model's newest version
 * @param architecture              the network for platform {@code djl}
 * @param defaultModelFilename      weights file inside the version folder (default model.params or the only .pt)
 * @param evaluation                the training report of this version (kept as written)
 * @param textEncoder               platform {@code onnx}: the tokenizer and pooling of a sentence encoder
 * @param encoder                   a text classifier (platform {@code djl}, input BYTES): the served encoder whose
 *                                  vectors its head was trained on
 * @param trees                     platform {@code xgboost}: the boosters, one per output column
 * @param regression                a model that predicts remaining useful life instead of probabilities: its
 *                                  unit, cap, interval and default alert rule (null for a classifier)
 */
public record ModelConfig(String name, Long version, String platform, String description, List<TensorSpec> inputs,
                          List<TensorSpec> outputs, List<String> labels, FeatureSpec featureSpec,
                          Map<String, Threshold> thresholds, Integer maxBatchSize, Long maxQueueDelayMicroseconds,
                          Integer maxQueueSize, Boolean dynamicBatching, Integer instanceCount,
                          VersionPolicy versionPolicy, MlpArchitecture architecture, String defaultModelFilename,
                          JsonNode evaluation, TextEncoderSpec textEncoder, EncoderReference encoder,
                          TreeEnsembleSpec trees, Regression regression) {

    public static final String PLATFORM_DJL = "djl";
    public static final String PLATFORM_TORCHSCRIPT = "pytorch_torchscript";
    public static final String PLATFORM_ONNX = "onnx";
    public static final String PLATFORM_XGBOOST = "xgboost";

    /** A numeric model (no text encoder, no encoder reference). */
    public ModelConfig(String name, Long version, String platform, String description, List<TensorSpec> inputs,
                       List<TensorSpec> outputs, List<String> labels, FeatureSpec featureSpec,
                       Map<String, Threshold> thresholds, Integer maxBatchSize, Long maxQueueDelayMicroseconds,
                       Integer maxQueueSize, Boolean dynamicBatching, Integer instanceCount,
                       VersionPolicy versionPolicy, MlpArchitecture architecture, String defaultModelFilename,
                       JsonNode evaluation) {
        this(name, version, platform, description, inputs, outputs, labels, featureSpec, thresholds, maxBatchSize,
                maxQueueDelayMicroseconds, maxQueueSize, dynamicBatching, instanceCount, versionPolicy, architecture,
                defaultModelFilename, evaluation, null, null, null);
    }

    /** A text model (no trees). */
    public ModelConfig(String name, Long version, String platform, String description, List<TensorSpec> inputs,
                       List<TensorSpec> outputs, List<String> labels, FeatureSpec featureSpec,
                       Map<String, Threshold> thresholds, Integer maxBatchSize, Long maxQueueDelayMicroseconds,
                       Integer maxQueueSize, Boolean dynamicBatching, Integer instanceCount,
                       VersionPolicy versionPolicy, MlpArchitecture architecture, String defaultModelFilename,
                       JsonNode evaluation, TextEncoderSpec textEncoder, EncoderReference encoder) {
        this(name, version, platform, description, inputs, outputs, labels, featureSpec, thresholds, maxBatchSize,
                maxQueueDelayMicroseconds, maxQueueSize, dynamicBatching, instanceCount, versionPolicy, architecture,
                defaultModelFilename, evaluation, textEncoder, encoder, null);
    }

    /** A model of any platform that predicts probabilities (no regression block). */
    public ModelConfig(String name, Long version, String platform, String description, List<TensorSpec> inputs,
                       List<TensorSpec> outputs, List<String> labels, FeatureSpec featureSpec,
                       Map<String, Threshold> thresholds, Integer maxBatchSize, Long maxQueueDelayMicroseconds,
                       Integer maxQueueSize, Boolean dynamicBatching, Integer instanceCount,
                       VersionPolicy versionPolicy, MlpArchitecture architecture, String defaultModelFilename,
                       JsonNode evaluation, TextEncoderSpec textEncoder, EncoderReference encoder,
                       TreeEnsembleSpec trees) {
        this(name, version, platform, description, inputs, outputs, labels, featureSpec, thresholds, maxBatchSize,
                maxQueueDelayMicroseconds, maxQueueSize, dynamicBatching, instanceCount, versionPolicy, architecture,
                defaultModelFilename, evaluation, textEncoder, encoder, trees, null);
    }

    /**
     * The model a text classifier's head was trained on.
     *
     * @param model   the encoder model's name
     * @param version the encoder version (pinned: a head is only valid on the vectors it was trained with)
     */
    public record EncoderReference(String model, Long version) {
    }

    public ModelConfig {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    public int maxBatchSizeOrDefault() {
        return maxBatchSize == null || maxBatchSize < 1 ? 32 : maxBatchSize;
    }

    public long maxQueueDelayMicrosOrDefault() {
        return maxQueueDelayMicroseconds == null || maxQueueDelayMicroseconds < 0 ? 500 : maxQueueDelayMicroseconds;
    }

    public int maxQueueSizeOrDefault() {
        return maxQueueSize == null || maxQueueSize < 1 ? 1024 : maxQueueSize;
    }

    public int instanceCountOrDefault() {
        return instanceCount == null || instanceCount < 1 ? 1 : instanceCount;
    }

    public boolean dynamicBatchingOrDefault() {
        return dynamicBatching == null || dynamicBatching;
    }
}
