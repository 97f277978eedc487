package io.edgeai.inference.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgeai.inference.OipClient.Reply;
import io.edgeai.inference.csvtrain.SiteTrainingTestBase;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Fine-tuning against a fake data-shard export: a drifted site (a new, hotter product type) gets a better version
 * that is promoted; a candidate trained on shuffled labels is refused; rollback by promote; cancel.
 */
class FineTuneTest extends SiteTrainingTestBase {

    /** The base model's training CSV: types L and M fail above 80 °C. */
    private static String baseCsv(long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("press,temp,load,type,failed\n");
        for (int i = 0; i < 400; i++) {
            double temp = 70 + r.nextGaussian() * 8;
            double load = 50 + r.nextGaussian() * 10;
            b.append(String.format(Locale.ROOT, "P%d,%.2f,%.2f,%s,%d%n", i % 10, temp, load, i % 2 == 0 ? "L" : "M",
                    temp > 80 ? 1 : 0));
        }
        return b.toString();
    }

    private static final String BASE_MAPPING = """
            {"features": [{"column": "temp", "name": "temperature", "unit": "degC", "min": -50, "max": 300},
                          {"column": "load", "min": -100, "max": 300},
                          {"column": "type", "type": "categorical"}],
             "label": {"column": "failed", "name": "machine_failure"}, "group": "press", "epochs": 40,
             "family": "mlp"}""";

    /**
     * The labelled export of a site: with {@code hotShare} > 0 a new product type H runs 15 °C hotter and fails only
     * above 95 °C.
     */
    private static String export(int rows, double hotShare, long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("device_id,timestamp,machine_type,load,temperature,label,label_source,"
                + "label_ref\n");
        for (int i = 0; i < rows; i++) {
            boolean hot = r.nextDouble() < hotShare;
            double temp = (hot ? 85 : 70) + r.nextGaussian() * 8;
            double load = 50 + r.nextGaussian() * 10;
            boolean failed = temp > (hot ? 95 : 80);
            b.append(String.format(Locale.ROOT, "press-%d,2026-11-%02dT10:%02d:%02dZ,%s,%.2f,%.2f,%s,feedback,f%d%n",
                    i % 7, 1 + i % 28, i / 60 % 60, i % 60, hot ? "H" : i % 2 == 0 ? "L" : "M", load, temp,
                    failed ? "machine_failure" : "none", i));
        }
        return b.toString();
    }

    private void base(String model) {
        Reply reply = uploadCsv(model, baseCsv(model.hashCode()), BASE_MAPPING);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    private JsonNode runToEnd(String model, String body) {
        // The repository-extension path of the issue; /v2/models/{m}/finetune is the same endpoint (polled below).
        Reply started = client.post("/v2/repository/models/" + model + "/finetune", body);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("id").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> isFinished(client.get("/v2/models/" + model
                + "/finetune/" + id).json()));
        return client.get("/v2/repository/models/" + model + "/finetune/" + id).json();
    }

    private static boolean isFinished(JsonNode job) {
        return java.util.List.of("COMPLETED", "FAILED", "CANCELLED").contains(job.get("state").asString());
    }

    @Test
    void driftedSiteDataYieldsABetterVersionThatIsPromotedAndCanBeRolledBack() {
        base("press-drift");
        EXPORT.set(export(600, 1.0, 11)); // the site now makes only the hot product

        JsonNode job = runToEnd("press-drift", "{\"epochs\": 30, \"learningRate\": 0.01}");

        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(EXPORT_QUERY.get()).contains("sensors=temperature,load");
        JsonNode outcome = job.get("outcome");
        assertThat(outcome.get("decision").asString()).as(outcome.toString()).isEqualTo("PROMOTED");
        assertThat(outcome.get("candidate").get("f1").asDouble())
                .isGreaterThan(outcome.get("current").get("f1").asDouble());
        assertThat(outcome.get("reason").asString()).contains("not worse").contains("served as version 2");
        assertThat(job.get("progress").get("epoch").asInt()).isPositive();
        assertThat(job.get("baseVersion").asLong()).isEqualTo(1);
        assertThat(client.get("/v2/models/press-drift").json().get("versions").toString()).isEqualTo("[\"2\"]");
        JsonNode config = client.get("/v2/models/press-drift/config").json();
        assertThat(config.get("evaluation").get("comparison").get("version").asLong()).isEqualTo(1);
        // both families were tried on the same rows; the report says which won on validation and by how much
        JsonNode family = config.get("evaluation").get("family");
        assertThat(family.get("validation").has("mlp") && family.get("validation").has("trees")).isTrue();
        assertThat(family.get("margin").asDouble()).isGreaterThanOrEqualTo(0.0);
        assertThat(outcome.get("reason").asString()).contains(family.get("chosen").asString() + " kept on validation");
        if (family.get("chosen").asString().equals("mlp")) {
            assertThat(config.get("evaluation").get("training").get("warm_start_from").asLong()).isEqualTo(1);
        } else {
            assertThat(config.get("platform").asString()).isEqualTo("xgboost");
        }

        // rollback: version 1 is served again (pinned), then forward to 2 again
        Reply rollback = client.post("/v2/models/press-drift/versions/1/promote", (String) null);
        assertThat(rollback.status()).as(rollback.body()).isEqualTo(200);
        assertThat(rollback.json().get("servedVersions").toString()).isEqualTo("[\"1\"]");
        assertThat(client.get("/v2/models/press-drift").json().get("versions").toString()).isEqualTo("[\"1\"]");
        assertThat(client.post("/v2/models/press-drift/versions/2/promote", (String) null).json()
                .get("servedVersions").toString()).isEqualTo("[\"2\"]");
        assertThat(client.post("/v2/models/press-drift/versions/7/promote", (String) null).status()).isEqualTo(404);
    }

    @Test
    void aServedTreesVersionIsFineTunedAndTheFamilyIsChosenByValidation() {
        Reply reply = uploadCsv("press-trees", baseCsv(21), BASE_MAPPING.replace("\"family\": \"mlp\"",
                "\"family\": \"trees\""));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        EXPORT.set(export(600, 1.0, 13));

        JsonNode job = runToEnd("press-trees", "{\"epochs\": 30, \"learningRate\": 0.01}");

        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("COMPLETED");
        JsonNode outcome = job.get("outcome");
        assertThat(outcome.get("reason").asString()).as(outcome.toString()).containsPattern("(mlp|trees) kept on "
                + "validation, by [0-9.]+");
        if (outcome.get("decision").asString().equals("PROMOTED")) {
            JsonNode family = client.get("/v2/models/press-trees/config").json().get("evaluation").get("family");
            assertThat(family.get("validation").has("mlp") && family.get("validation").has("trees")).isTrue();
        }
    }

    @Test
    void candidateTrainedOnShuffledLabelsIsRefusedWithAReason() {
        base("press-shuffle");
        EXPORT.set(export(600, 0.0, 12));

        JsonNode job = runToEnd("press-shuffle", "{\"epochs\": 20, \"learningRate\": 0.01, \"shuffleLabels\": true}");

        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("COMPLETED");
        JsonNode outcome = job.get("outcome");
        assertThat(outcome.get("decision").asString()).as(outcome.toString()).isEqualTo("REFUSED");
        assertThat(outcome.get("reason").asString()).containsAnyOf("candidate is worse", "no epoch improved",
                "finds none of the");
        assertThat(outcome.get("candidateVersion").isNull()).isTrue();
        assertThat(client.get("/v2/models/press-shuffle").json().get("versions").toString()).isEqualTo("[\"1\"]");
    }

    @Test
    void runningJobCanBeCancelled() {
        base("press-cancel");
        EXPORT.set(export(1500, 0.5, 13));

        Reply started = client.post("/v2/models/press-cancel/finetune", "{\"epochs\": 1000, \"learningRate\": 0.0001}");
        String id = started.json().get("id").asString();
        String path = "/v2/models/press-cancel/finetune/" + id;
        await().atMost(Duration.ofSeconds(30)).until(() -> client.get(path).json().get("progress") != null
                && !client.get(path).json().get("progress").isNull());

        Reply cancelled = delete(path);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELLED".equals(client.get(path).json().get("state")
                .asString()));
        assertThat(delete(path).status()).isEqualTo(409);
        assertThat(client.get("/v2/models/press-cancel").json().get("versions").toString()).isEqualTo("[\"1\"]");
    }

    @Test
    void heldOutRowsWithoutAFailureCannotPromoteACandidate() {
        base("press-quiet");
        // Two failures in 600 rows: the stratified split keeps them out of the held-out rows, where both versions
        // then score F1 0; "not worse" must not promote on that.
        String[] lines = export(600, 0.0, 14).replace(",machine_failure,", ",none,").split("\n");
        lines[1] = lines[1].replace(",none,", ",machine_failure,");
        lines[2] = lines[2].replace(",none,", ",machine_failure,");
        EXPORT.set(String.join("\n", lines) + "\n");

        JsonNode job = runToEnd("press-quiet", "{\"epochs\": 5}");

        assertThat(job.get("state").asString()).as(job.toString()).isIn("COMPLETED", "FAILED");
        if (job.get("state").asString().equals("COMPLETED")) {
            JsonNode outcome = job.get("outcome");
            assertThat(outcome.get("decision").asString()).as(outcome.toString()).isEqualTo("REFUSED");
            assertThat(outcome.get("reason").asString()).containsAnyOf("hold no failure", "finds none of the");
        }
        assertThat(client.get("/v2/models/press-quiet").json().get("versions").toString()).isEqualTo("[\"1\"]");
    }

    @Test
    void badRequestsAreRefused() {
        assertThat(client.post("/v2/models/nope/finetune", "{}").status()).isEqualTo(404);
        base("press-bad");
        Reply epochs = client.post("/v2/models/press-bad/finetune", "{\"epochs\": 0}");
        assertThat(epochs.status()).isEqualTo(400);
        assertThat(epochs.json().get("error").asString()).contains("epochs");
        Reply family = client.post("/v2/models/press-bad/finetune", "{\"family\": \"forest\"}");
        assertThat(family.status()).isEqualTo(400);
        assertThat(family.json().get("error").asString()).contains("family").contains("forest");
        assertThat(client.get("/v2/models/press-bad/finetune/unknown").status()).isEqualTo(404);

        EXPORT.set("device_id,timestamp,machine_type,load,temperature,label,label_source,label_ref\n");
        JsonNode job = runToEnd("press-bad", "{}");
        assertThat(job.get("state").asString()).isEqualTo("FAILED");
        assertThat(job.get("error").asString()).contains("0 usable rows");
        assertThat(Map.of()).isEmpty();
    }
}
