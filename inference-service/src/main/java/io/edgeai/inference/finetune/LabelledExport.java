package io.edgeai.inference.finetune;

import io.edgeai.features.FeatureSpec;
import io.edgeai.inference.client.DataShardClient;
import io.edgeai.inference.training.core.GateMetric;
import io.edgeai.inference.training.core.LabelledRows;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Reads data-shard's labelled export ({@code GET /api/v1/export/labelled}) as rows of a model: the spec's sensors,
 * {@code machine_type}, and the export's label (a failure mode) mapped onto the model's labels. The HTTP call is
 * {@link DataShardClient}'s.
 */
@Component
public class LabelledExport {

    /** Labels that mean "nothing was wrong". */
    static final Set<String> HEALTHY = Set.of("", "none", "no_failure", "no failure", "normal", "ok", "healthy",
            "no_fault", "false", "0");

    private final DataShardClient client;

    public LabelledExport(DataShardClient client) {
        this.client = client;
    }

    /** The labelled rows of the request's devices and time range; rows without every spec sensor are skipped. */
    public Export fetch(FeatureSpec spec, List<String> labels, FineTuneRequest request) {
        List<String> devices = request.devices() == null || request.devices().isEmpty() ? java.util.Collections
                .singletonList(null) : request.devices();
        String sensors = spec.sensors().stream().map(FeatureSpec.SensorSpec::name).collect(Collectors.joining(","));
        List<LabelledRows.Row> rows = new ArrayList<>();
        MessageDigest sha = sha256();
        int skipped = 0;
        for (String device : devices) {
            byte[] body = client.labelledExport(sensors, device, request.from(), request.to());
            if (body == null) {
                continue;
            }
            sha.update(body);
            skipped += parse(new String(body, StandardCharsets.UTF_8), spec, labels, rows);
        }
        return new Export(new LabelledRows(List.copyOf(rows), labels, HexFormat.of().formatHex(sha.digest()),
                "data-shard labelled export" + (request.devices() == null ? "" : " of " + request.devices())
                        + (request.from() == null ? "" : " from " + request.from())
                        + (request.to() == null ? "" : " to " + request.to())), skipped);
    }

    /**
     * @param rows    the usable rows
     * @param skipped rows without a value for every sensor or with a label the model cannot represent
     */
    public record Export(LabelledRows rows, int skipped) {
    }

    /** Appends the CSV's usable rows; returns how many were skipped. */
    static int parse(String csv, FeatureSpec spec, List<String> labels, List<LabelledRows.Row> out) {
        int skipped = 0;
        try (BufferedReader reader = new BufferedReader(new StringReader(csv))) {
            String headerLine = reader.readLine();
            if (headerLine == null) {
                return 0;
            }
            List<String> header = List.of(headerLine.split(",", -1));
            int device = header.indexOf("device_id");
            int time = header.indexOf("timestamp");
            int type = header.indexOf("machine_type");
            int label = header.indexOf("label");
            if (device < 0 || label < 0) {
                throw new IllegalStateException("the labelled export has no device_id or label column: " + header);
            }
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                Map<String, Double> sensors = new HashMap<>();
                boolean complete = true;
                for (FeatureSpec.SensorSpec s : spec.sensors()) {
                    int i = header.indexOf(s.name());
                    try {
                        sensors.put(s.name(), Double.parseDouble(cells[i]));
                    } catch (RuntimeException e) {
                        complete = false;
                    }
                }
                int[] y = labelVector(labels, cells[label]);
                if (!complete || y == null) {
                    skipped++;
                    continue;
                }
                Map<String, String> categoricals = type < 0 || cells[type].isEmpty() ? Map.of()
                        : Map.of("machine_type", cells[type]);
                out.add(new LabelledRows.Row(sensors, categoricals, y, cells[device], time < 0 ? null : cells[time]));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return skipped;
    }

    /**
     * The model's 0/1 labels for an exported label: a model label sets itself (and {@code machine_failure}, which
     * every failure mode implies); a healthy word sets none; another failure sets {@code machine_failure}, or makes
     * the row unusable (null) for a model without it.
     */
    static int[] labelVector(List<String> labels, String value) {
        int[] y = new int[labels.size()];
        String v = value.trim();
        if (HEALTHY.contains(v.toLowerCase(Locale.ROOT))) {
            return y;
        }
        int overall = labels.indexOf(GateMetric.OVERALL_LABEL);
        int k = -1;
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).equalsIgnoreCase(v)) {
                k = i;
            }
        }
        if (k < 0 && overall < 0) {
            return labels.size() == 1 && v.equalsIgnoreCase("fault") ? new int[] {1} : null;
        }
        if (k >= 0) {
            y[k] = 1;
        }
        if (overall >= 0) {
            y[overall] = 1;
        }
        return y;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
