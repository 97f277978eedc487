package io.edgeai.preprocessing.bench;

import io.edgeai.contracts.Reading;
import io.edgeai.modelclient.testsupport.FakeInferenceServer;
import io.edgeai.modelclient.testsupport.StageBench;
import io.edgeai.preprocessing.Fixtures;
import io.edgeai.preprocessing.PreprocessingApplication;
import io.edgeai.contracts.features.FeatureRequest;
import io.edgeai.preprocessing.features.Preprocessor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Throughput of preprocessing for ai4i-failure-shaped readings: in-process (validate + encode, no HTTP) and over
 * HTTP with batches of 100. Run by bench/preprocessing/run.sh; not a test.
 */
public final class PreprocessingBench {

    static final int BATCH = 100;

    public static void main(String[] args) {
        FakeInferenceServer.get().serve("ai4i-failure", "1",
                Fixtures.modelJson("ai4i-failure", "1", Fixtures.fittedAi4iSpec()));
        FeatureRequest request = new FeatureRequest("ai4i-failure", null, null, readings());
        String body = json();
        new StageBench("preprocessing", PreprocessingApplication.class, "/api/v1/preprocessing/features", BATCH)
                .main(args, ctx -> {
                    Preprocessor preprocessor = ctx.getBean(Preprocessor.class);
                    return () -> preprocessor.encode(request);
                }, () -> body);
    }

    static List<Reading> readings() {
        List<Reading> out = new ArrayList<>();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < BATCH; i++) {
            Object[] row = Fixtures.AI4I_ROWS[i % Fixtures.AI4I_ROWS.length];
            Map<String, Reading.Measurement> sensors = new LinkedHashMap<>();
            String[] units = {"K", "K", "rpm", "Nm", "min"};
            for (int s = 0; s < Fixtures.SENSORS.size(); s++) {
                sensors.put(Fixtures.SENSORS.get(s), new Reading.Measurement((Double) row[s + 1], units[s]));
            }
            out.add(new Reading("bench-" + (i % 20), t0.plusSeconds(i), (String) row[0], sensors));
        }
        return out;
    }

    static String json() {
        StringBuilder sb = new StringBuilder("{\"model\":\"ai4i-failure\",\"readings\":[");
        List<Reading> readings = readings();
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"deviceId\":\"").append(r.deviceId()).append("\",\"timestamp\":\"")
                    .append(r.timestamp()).append("\",\"machineType\":\"").append(r.machineType())
                    .append("\",\"sensors\":{");
            int s = 0;
            for (Map.Entry<String, Reading.Measurement> e : r.sensors().entrySet()) {
                sb.append(s++ == 0 ? "" : ",").append('"').append(e.getKey()).append("\":{\"value\":")
                        .append(e.getValue().value()).append(",\"unit\":\"").append(e.getValue().unit()).append("\"}");
            }
            sb.append("}}");
        }
        return sb.append("]}").toString();
    }
}
