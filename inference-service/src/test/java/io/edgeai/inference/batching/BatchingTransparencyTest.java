package io.edgeai.inference.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edgeai.inference.OipClient.Reply;
import io.edgeai.inference.ServerTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Under concurrent load, batching merges requests yet every caller gets exactly its own answer. */
class BatchingTransparencyTest extends ServerTestBase {

    @Test
    void concurrentResponsesEqualTheSingleRequestAnswers() throws Exception {
        Random random = new Random(7);
        List<Map<String, Object>> requests = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            int rows = 1 + random.nextInt(3);
            List<Double> data = new ArrayList<>();
            for (int k = 0; k < rows * 4; k++) {
                data.add(Math.round(random.nextGaussian() * 1000) / 100.0);
            }
            requests.add(Map.of("id", "q" + i, "inputs",
                    List.of(Map.of("name", "x", "datatype", "FP32", "shape", List.of(rows, 4), "data", data))));
        }
        // alone: one request at a time, so every execution holds exactly one request
        List<JsonNode> alone = new ArrayList<>();
        for (Map<String, Object> r : requests) {
            alone.add(client.post("/v2/models/tiny/versions/1/infer", r).json());
        }
        double executionsBefore = metric("inference_execution_count_total");
        double rowsBefore = metric("inference_count_total");

        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (Map<String, Object> r : requests) {
                replies.add(pool.submit(() -> client.post("/v2/models/tiny/versions/1/infer", r)));
            }
            for (int i = 0; i < requests.size(); i++) {
                Reply reply = replies.get(i).get();
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.json().get("id").asString()).isEqualTo("q" + i);
                JsonNode got = reply.json().get("outputs").get(0);
                JsonNode want = alone.get(i).get("outputs").get(0);
                assertThat(got.get("shape")).isEqualTo(want.get("shape"));
                assertThat(got.get("data")).hasSameSizeAs(want.get("data"));
                for (int k = 0; k < want.get("data").size(); k++) {
                    // a row's result does not depend on its batch neighbours (float kernels may differ in the ulp)
                    assertThat(got.get("data").get(k).asDouble()).isCloseTo(want.get("data").get(k).asDouble(),
                            within(1e-6));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double executions = metric("inference_execution_count_total") - executionsBefore;
        double rows = metric("inference_count_total") - rowsBefore;
        // the concurrent phase really batched: fewer executions than requests
        assertThat(executions).isLessThan(requests.size());
        assertThat(rows).isGreaterThan(executions);
    }

    @Test
    void tritonStyleMetricsArePublishedPerModelAndVersion() {
        client.post("/v2/models/tiny/infer", Map.of("inputs",
                List.of(Map.of("name", "x", "datatype", "FP32", "shape", List.of(1, 4), "data", List.of(1, 2, 3, 4)))));
        client.post("/v2/models/tiny/infer", Map.of("inputs",
                List.of(Map.of("name", "x", "datatype", "FP64", "shape", List.of(1, 4), "data", List.of(1, 2, 3, 4)))));
        String text = client.get("/actuator/prometheus").body();
        for (String name : List.of("inference_request_success_total", "inference_request_failure_total",
                "inference_count_total", "inference_execution_count_total", "inference_queue_duration_seconds_count",
                "inference_compute_duration_seconds_count", "inference_batch_size_bucket",
                "inference_request_duration_seconds_count", "inference_pending_requests")) {
            assertThat(text).contains(name + "{");
        }
        assertThat(metric("inference_request_failure_total", "reason=\"bad_input\"")).isGreaterThanOrEqualTo(1);
        assertThat(metric("inference_request_success_total")).isGreaterThanOrEqualTo(1);
    }

    private double metric(String name, String... labelParts) {
        String text = client.get("/actuator/prometheus").body();
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} ([0-9.eE+-]+)$").matcher(text);
        double sum = 0;
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("model=\"tiny\"") && labels.contains("version=\"1\"")
                    && List.of(labelParts).stream().allMatch(labels::contains)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
