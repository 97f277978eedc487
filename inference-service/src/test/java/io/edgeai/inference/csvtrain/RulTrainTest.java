package io.edgeai.inference.csvtrain;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.inference.OipClient.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A remaining-useful-life model from a run-to-failure CSV: trained, reported, served; and its bad inputs. */
class RulTrainTest extends SiteTrainingTestBase {

    @Test
    void rulModelIsTrainedReportedAndServedWithAnInterval() {
        Reply reply = uploadCsv("engines-rul", RunToFailureCsv.engines(12, 3), RunToFailureCsv.mapping());

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode config = client.get("/v2/models/engines-rul/config").json();
        assertThat(config.get("labels").toString()).isEqualTo("[\"rul\",\"rul_lower\",\"rul_upper\"]");
        assertThat(config.get("outputs").get(0).get("name").asString()).isEqualTo("rul");
        JsonNode regression = config.get("regression");
        assertThat(regression.get("unit").asString()).isEqualTo("cycles");
        assertThat(regression.get("cap").asDouble()).isEqualTo(125);
        assertThat(regression.get("alert").get("below").asDouble()).isEqualTo(30);
        assertThat(regression.get("interval").get("lower_offset").asDouble()).isLessThanOrEqualTo(0);
        JsonNode window = config.get("feature_spec").get("window");
        assertThat(window.get("stats").toString()).isEqualTo("[\"mean\",\"std\",\"slope\"]");
        JsonNode evaluation = config.get("evaluation");
        assertThat(evaluation.get("window").get("chosen_size").asInt()).isEqualTo(window.get("size").asInt());
        assertThat(evaluation.get("test").get("rmse").asDouble())
                .isLessThan(evaluation.get("baseline").get("rmse").asDouble());
        assertThat(evaluation.get("test").has("phm08_score")).isTrue();

        int width = config.get("inputs").get(0).get("shape").get(1).asInt();
        List<Float> data = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            data.add(0f);
        }
        Reply infer = client.post("/v2/models/engines-rul/infer", Map.of("inputs", List.of(Map.of(
                "name", "features", "datatype", "FP32", "shape", List.of(1, width), "data", data))));
        assertThat(infer.status()).as(infer.body()).isEqualTo(200);
        JsonNode out = infer.json().get("outputs").get(0);
        assertThat(out.get("name").asString()).isEqualTo("rul");
        JsonNode v = out.get("data");
        assertThat(v.size()).isEqualTo(3);
        assertThat(v.get(1).asDouble()).isLessThanOrEqualTo(v.get(0).asDouble());
        assertThat(v.get(2).asDouble()).isBetween(v.get(0).asDouble(), 125.0);
    }

    @Test
    void negativeOrMissingRulIs400NamingRowAndColumn() {
        String[] lines = RunToFailureCsv.engines(6, 4).split("\n");
        lines[9] = lines[9].replaceFirst(",\\d+$", ",-3");
        assertError(uploadCsv("r1", String.join("\n", lines), RunToFailureCsv.mapping()), 400,
                "row 10, column 'rul': -3 is negative");
        lines = RunToFailureCsv.engines(6, 4).split("\n");
        lines[4] = lines[4].replaceFirst(",\\d+$", ",");
        assertError(uploadCsv("r1", String.join("\n", lines), RunToFailureCsv.mapping()), 400,
                "row 5, column 'rul': empty label");
    }

    @Test
    void timeGoingBackWithinAGroupIs400NamingRowAndColumn() {
        String[] lines = RunToFailureCsv.engines(6, 5).split("\n");
        lines[20] = lines[20].replaceFirst("^(E\\d+),\\d+,", "$1,3,");
        assertError(uploadCsv("r2", String.join("\n", lines), RunToFailureCsv.mapping()), 400,
                "row 21, column 'cycle': time 3 is not after 19 (row 20) of group 'E001'");
    }

    @Test
    void groupShorterThanTheWindowIs400NamingTheGroupAndRow() {
        String csv = RunToFailureCsv.engines(6, 6) + "E999,1,640.1,1400.2,0.8000,2388.0,2\n"
                + "E999,2,640.1,1400.2,0.8000,2388.0,1\n";
        int row = csv.split("\n").length - 1;
        assertError(uploadCsv("r3", csv, RunToFailureCsv.mapping()), 400,
                "column 'engine', group 'E999' (starting at row " + row + "): 2 row(s), fewer than the smallest "
                        + "window (5 rows)");
    }

    @Test
    void rulLabelWithoutGroupOrTimeIs400() {
        String mapping = RunToFailureCsv.mapping().replace("\"group\": \"engine\", ", "");
        assertError(uploadCsv("r4", RunToFailureCsv.engines(6, 7), mapping), 400,
                "mapping.group and mapping.time are required for a rul label");
    }

    private static void assertError(Reply reply, int status, String fragment) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().get("error").asString()).contains(fragment);
    }
}
