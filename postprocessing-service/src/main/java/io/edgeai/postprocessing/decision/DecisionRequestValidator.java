package io.edgeai.postprocessing.decision;

import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.ReadingMetadata;
import io.edgeai.contracts.decision.DecisionRequest;
import io.edgeai.contracts.oip.InferResponse.OutputTensor;
import io.edgeai.contracts.web.InvalidRequestException;
import io.edgeai.postprocessing.config.PostprocessingProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Checks a decision request and turns its outputs into one probability row per reading; lists every bad field.
 */
@Component
public class DecisionRequestValidator {

    private final PostprocessingProperties properties;

    public DecisionRequestValidator(PostprocessingProperties properties) {
        this.properties = properties;
    }

    /** Checks that need no model config: model name, readings, and the presence of probabilities. */
    public void checkShape(DecisionRequest request) {
        List<FieldViolation> v = new ArrayList<>();
        if (request.modelName() == null || request.modelName().isBlank()) {
            v.add(new FieldViolation("modelName", "must name the model that produced the outputs"));
        }
        if (request.readings() == null || request.readings().isEmpty()) {
            v.add(new FieldViolation("readings", "must hold one entry per probability row"));
        } else if (request.readings().size() > properties.maxBatchSize()) {
            v.add(new FieldViolation("readings", "must hold at most " + properties.maxBatchSize()
                    + " readings, was " + request.readings().size()));
        }
        boolean hasOutputs = request.outputs() != null && !request.outputs().isEmpty();
        boolean hasRows = request.probabilities() != null && !request.probabilities().isEmpty();
        if (hasOutputs == hasRows) {
            v.add(new FieldViolation(hasOutputs ? "probabilities" : "outputs",
                    "send the model outputs either as outputs (OIP) or as probabilities rows, exactly one"));
        }
        if (request.labels() != null && request.labels().isEmpty()) {
            v.add(new FieldViolation("labels", "must name at least one class when given"));
        }
        if (!v.isEmpty()) {
            throw new InvalidRequestException(v);
        }
    }

    /**
     * The probability rows, validated against {@code labels}, plus checks of every reading's metadata.
     *
     * @param outputName the tensor to read from {@code outputs} when there are several (null: the first)
     */
    public double[][] rows(DecisionRequest request, List<String> labels, String outputName) {
        return rows(request, labels, outputName, false);
    }

    /**
     * As {@link #rows(DecisionRequest, List, String)}; with {@code quantities} the values are remaining useful
     * lives (finite, not negative) instead of probabilities.
     */
    public double[][] rows(DecisionRequest request, List<String> labels, String outputName, boolean quantities) {
        List<FieldViolation> v = new ArrayList<>();
        int n = request.readings().size();
        int width = labels.size();
        double[][] rows = request.outputs() != null && !request.outputs().isEmpty()
                ? fromOutputs(request.outputs(), outputName, n, width, v, quantities)
                : fromRows(request.probabilities(), n, width, v, quantities);
        checkReadings(request.readings(), v);
        if (!v.isEmpty()) {
            throw new InvalidRequestException(v);
        }
        return rows;
    }

    private double[][] fromRows(List<List<Double>> probabilities, int n, int width, List<FieldViolation> v,
                                boolean quantities) {
        if (probabilities.size() != n) {
            v.add(new FieldViolation("probabilities", "must hold " + n + " rows, one per reading, was "
                    + probabilities.size()));
            return null;
        }
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            List<Double> row = probabilities.get(i);
            if (row == null || row.size() != width) {
                v.add(new FieldViolation("probabilities[" + i + "]", "must hold " + width
                        + " values, one per label"));
                continue;
            }
            rows[i] = new double[width];
            for (int j = 0; j < width; j++) {
                Double p = row.get(j);
                if (p == null || !valid(p, quantities)) {
                    v.add(new FieldViolation("probabilities[" + i + "][" + j + "]", rule(quantities) + p));
                } else {
                    rows[i][j] = p;
                }
            }
        }
        return rows;
    }

    private double[][] fromOutputs(List<OutputTensor> outputs, String outputName, int n, int width,
                                   List<FieldViolation> v, boolean quantities) {
        int index = 0;
        if (outputs.size() > 1 && outputName != null) {
            index = -1;
            for (int i = 0; i < outputs.size(); i++) {
                if (outputName.equals(outputs.get(i).name())) {
                    index = i;
                }
            }
            if (index < 0) {
                v.add(new FieldViolation("outputs", "has no tensor named " + outputName));
                return null;
            }
        }
        String at = "outputs[" + index + "]";
        OutputTensor tensor = outputs.get(index);
        List<Double> flat = new ArrayList<>();
        if (tensor == null || tensor.data() == null || !flatten(tensor.data(), flat)) {
            v.add(new FieldViolation(at + ".data", "must be an array of numbers"));
            return null;
        }
        if (tensor.shape() != null && !tensor.shape().equals(List.of((long) n, (long) width))) {
            v.add(new FieldViolation(at + ".shape", "must be [" + n + ", " + width
                    + "] (readings x labels), was " + tensor.shape()));
            return null;
        }
        if (flat.size() != n * width) {
            v.add(new FieldViolation(at + ".data", "must hold " + (n * width) + " values (" + n + " readings x "
                    + width + " labels), was " + flat.size()));
            return null;
        }
        double[][] rows = new double[n][width];
        for (int k = 0; k < flat.size(); k++) {
            double p = flat.get(k);
            if (!valid(p, quantities)) {
                v.add(new FieldViolation(at + ".data[" + k + "]", rule(quantities) + p));
            }
            rows[k / width][k % width] = p;
        }
        return rows;
    }

    private static boolean valid(double p, boolean quantities) {
        return quantities ? p >= 0 && Double.isFinite(p) : p >= 0 && p <= 1;
    }

    private static String rule(boolean quantities) {
        return quantities ? "must be a remaining useful life (a finite number, 0 or more), was "
                : "must be a probability in [0, 1], was ";
    }

    private static boolean flatten(List<?> data, List<Double> out) {
        for (Object o : data) {
            if (o instanceof Number num) {
                out.add(num.doubleValue());
            } else if (o instanceof List<?> inner) {
                if (!flatten(inner, out)) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return true;
    }

    private void checkReadings(List<ReadingMetadata> readings, List<FieldViolation> v) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < readings.size(); i++) {
            ReadingMetadata r = readings.get(i);
            String at = "readings[" + i + "]";
            if (r == null) {
                v.add(new FieldViolation(at, "must not be null"));
                continue;
            }
            if (r.deviceId() == null || r.deviceId().isBlank()) {
                v.add(new FieldViolation(at + ".deviceId", "must not be empty"));
            } else if (r.deviceId().length() > 64) {
                v.add(new FieldViolation(at + ".deviceId", "must be at most 64 characters"));
            }
            if (r.timestamp() == null) {
                v.add(new FieldViolation(at + ".timestamp", "must be an ISO-8601 instant"));
            }
            if (r.deviceId() != null && r.timestamp() != null) {
                Integer first = seen.putIfAbsent(r.deviceId() + '\u0000' + r.timestamp(), i);
                if (first != null) {
                    v.add(new FieldViolation(at, "duplicates readings[" + first + "]: same deviceId and timestamp"));
                }
            }
        }
    }
}
