package io.edgeai.inference.csvtrain;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.features.FeatureEncoder;
import io.edgeai.features.FeatureSpec;
import io.edgeai.inference.OipClient.Reply;
import io.edgeai.inference.repository.ModelConfigCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A new model from an uploaded CSV: trained, reported, served; and every way an upload can be wrong. */
class CsvTrainTest extends SiteTrainingTestBase {

    @Test
    void binaryModelFromCsvIsTrainedReportedAndServed() {
        Reply reply = uploadCsv("bearing-overheat", SyntheticCsv.site(600, 1), SyntheticCsv.binaryMapping());

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().get("version").asString()).isEqualTo("1");
        JsonNode config = client.get("/v2/models/bearing-overheat/config").json();
        assertThat(config.get("labels").toString()).isEqualTo("[\"overheat\"]");
        JsonNode spec = config.get("feature_spec");
        assertThat(spec.get("sensors").get(0).get("name").asString()).isEqualTo("bearing_temperature");
        assertThat(spec.get("sensors").get(0).get("unit").asString()).isEqualTo("degC");
        assertThat(spec.get("categoricals").get(0).get("name").asString()).isEqualTo("machine_type");
        assertThat(config.get("thresholds").get("overheat").get("high").asDouble()).isBetween(0.0, 1.0);
        JsonNode evaluation = config.get("evaluation");
        assertThat(evaluation.get("data").get("split_method").asString()).startsWith("by group (12 groups");
        assertThat(evaluation.get("data").get("sha256").asString()).hasSize(64);
        assertThat(evaluation.get("gate").get("value").asDouble()).isGreaterThan(0.8);
        // both families were trained; the report says which won on validation and by how much
        JsonNode family = evaluation.get("family");
        assertThat(family.get("by").asString()).isEqualTo("validation");
        assertThat(family.get("validation").has("mlp") && family.get("validation").has("trees")).isTrue();
        assertThat(config.get("platform").asString())
                .isEqualTo(family.get("chosen").asString().equals("trees") ? "xgboost" : "djl");
        assertThat(family.get("margin").asDouble()).isGreaterThanOrEqualTo(0.0);

        // served: a hot bearing scores high, a cool one low, through the protocol
        FeatureEncoder encoder = new FeatureEncoder(ModelConfigCodec.mapper().treeToValue(spec, FeatureSpec.class));
        float[] hot = encoder.encode(Map.of("bearing_temperature", 95.0, "vibration", 4.0), Map.of("machine_type", "A"),
                null);
        float[] cool = encoder.encode(Map.of("bearing_temperature", 50.0, "vibration", 4.0),
                Map.of("machine_type", "B"), null);
        float[] both = new float[hot.length * 2];
        System.arraycopy(hot, 0, both, 0, hot.length);
        System.arraycopy(cool, 0, both, hot.length, cool.length);
        List<Float> data = new java.util.ArrayList<>();
        for (float f : both) {
            data.add(f);
        }
        Reply infer = client.post("/v2/models/bearing-overheat/infer", Map.of("inputs", List.of(Map.of(
                "name", "features", "datatype", "FP32", "shape", List.of(2, hot.length), "data", data))));
        assertThat(infer.status()).as(infer.body()).isEqualTo(200);
        JsonNode p = infer.json().get("outputs").get(0).get("data");
        assertThat(p.get(0).asDouble()).isGreaterThan(0.8);
        assertThat(p.get(1).asDouble()).isLessThan(0.2);
    }

    @Test
    void multiclassModelFromMultipartUploadHasOneOutputPerFault() {
        String mapping = """
                {"features": [{"column": "bearing_temp_c"}, {"column": "vibration_mm_s"}],
                 "label": {"column": "status", "faultValues": ["OVERHEAT", "JAM"], "multiclass": true},
                 "epochs": 40}""";
        Reply reply = uploadMultipart("bearing-modes", SyntheticCsv.site(600, 2), mapping);

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode config = reply.json().get("config");
        assertThat(config.get("labels").toString()).isEqualTo("[\"OVERHEAT\",\"JAM\"]");
        assertThat(config.get("feature_spec").get("sensors").get(1).get("name").asString())
                .isEqualTo("vibration_mm_s");
        assertThat(config.get("evaluation").get("data").get("split_method").asString()).startsWith("rows stratified");
        assertThat(config.get("evaluation").get("per_class").get("JAM").get("f1").asDouble()).isGreaterThan(0.5);
        assertThat(client.get("/v2/models/bearing-modes/ready").status()).isEqualTo(200);
    }

    @Test
    void theMappingCanNameTheFamily() {
        String mapping = SyntheticCsv.binaryMapping().trim();
        Reply reply = uploadCsv("bearing-trees", SyntheticCsv.site(300, 9),
                mapping.substring(0, mapping.length() - 1) + ", \"family\": \"trees\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode config = reply.json().get("config");
        assertThat(config.get("platform").asString()).isEqualTo("xgboost");
        assertThat(config.get("evaluation").get("family").get("by").asString()).isEqualTo("mapping");
        assertThat(config.get("evaluation").get("family").get("validation").has("mlp")).isFalse();
        assertThat(client.get("/v2/models/bearing-trees/ready").status()).isEqualTo(200);

        assertError(uploadCsv("m7", SyntheticCsv.site(100, 9), mapping.substring(0, mapping.length() - 1)
                + ", \"family\": \"forest\"}"), 400, "mapping.family must be mlp, trees or auto");
    }

    @Test
    void mappingNamingMissingColumnsIs400() {
        String mapping = """
                {"features": [{"column": "bearing_temp"}], "label": {"column": "state", "faultValues": ["X"]}}""";
        assertError(uploadCsv("m1", SyntheticCsv.site(100, 3), mapping), 400, "[bearing_temp, state]");
    }

    @Test
    void labelWithOneClassIs400() {
        String csv = SyntheticCsv.site(100, 4).replace("OVERHEAT", "OK");
        assertError(uploadCsv("m2", csv, SyntheticCsv.binaryMapping()), 400, "one class only");
    }

    @Test
    void tooFewRowsIs400NamingTheMinimum() {
        assertError(uploadCsv("m3", SyntheticCsv.site(20, 5), SyntheticCsv.binaryMapping()), 400,
                "20 data rows; at least 50");
    }

    @Test
    void nonNumericValueIs400WithRowAndColumn() {
        String[] lines = SyntheticCsv.site(100, 6).split("\n");
        lines[7] = lines[7].replaceFirst("^(U\\d+,\\d+,)[^,]+", "$1hot");
        assertError(uploadCsv("m4", String.join("\n", lines), SyntheticCsv.binaryMapping()), 400,
                "row 8, column 'bearing_temp_c': 'hot' is not a number");
    }

    @Test
    void missingOrBrokenMappingIs400() {
        assertError(uploadCsv("m5", SyntheticCsv.site(100, 7), null), 400, "mapping is required");
        assertError(uploadCsv("m5", SyntheticCsv.site(100, 7), "{\"features\": [}"), 400, "mapping is not valid");
        assertError(uploadCsv("m5", SyntheticCsv.site(100, 7), "{\"feature\": []}"), 400, "mapping is not valid");
        assertError(uploadCsv("m5", SyntheticCsv.site(100, 7), """
                {"features": [{"column": "line", "type": "categorical"}, {"column": "unit_id", "type": "categorical"}],
                 "label": {"column": "status", "faultValues": ["JAM"]}}"""), 400, "only one categorical column");
        assertError(uploadCsv("m5", SyntheticCsv.site(100, 7), """
                {"features": [{"column": "vibration_mm_s"}],
                 "label": {"column": "status", "faultValues": ["JAM", "FIRE"], "multiclass": true}}"""), 400,
                "[FIRE] never occur");
        assertError(uploadMultipart("m5", SyntheticCsv.site(100, 7), null), 400, "mapping is required");
    }

    @Test
    void tooFewGroupsIs400() {
        String csv = SyntheticCsv.site(200, 8).replaceAll("(?m)^U\\d+", "U1");
        assertError(uploadCsv("m6", csv, SyntheticCsv.binaryMapping()), 400, "at least 3");
    }

    @Test
    void emptyOrOversizedUploadIs4xx() {
        assertError(uploadCsv("m7", "", SyntheticCsv.binaryMapping()), 400, "empty");
        String big = SyntheticCsv.site(8000, 9); // ~270 KB, the test limit is 200 KB
        assertError(uploadCsv("m7", big, SyntheticCsv.binaryMapping()), 413, "larger than");
        assertError(uploadMultipart("m7", big, SyntheticCsv.binaryMapping()), 413, "larger than");
    }

    @Test
    void existingModelOrBadNameIsRefused() {
        assertThat(uploadCsv("dup", SyntheticCsv.site(300, 10), SyntheticCsv.binaryMapping()).status())
                .isEqualTo(201);
        assertError(uploadCsv("dup", SyntheticCsv.site(300, 10), SyntheticCsv.binaryMapping()), 409,
                "already exists");
        assertError(uploadCsv(".hidden", SyntheticCsv.site(300, 10), SyntheticCsv.binaryMapping()), 400,
                "model name");
    }

    private static void assertError(Reply reply, int status, String fragment) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().get("error").asString()).contains(fragment);
    }
}
