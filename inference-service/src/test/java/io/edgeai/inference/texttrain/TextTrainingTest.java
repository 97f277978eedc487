package io.edgeai.inference.texttrain;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.inference.OipClient;
import io.edgeai.inference.TextModelTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A text classifier trained from a CSV of labelled notes, end to end in the inference service. */
class TextTrainingTest extends TextModelTestBase {

    private static final String MAPPING = "{\"features\": [{\"column\": \"note\", \"type\": \"text\"}], "
            + "\"label\": {\"column\": \"failure_mode\"}, \"encoder\": \"" + INT8 + "\", \"epochs\": 60}";

    @Test
    void trainsOnNotesAndLabelsNewOnes() {
        String csv = SyntheticNotes.csv(SyntheticNotes.generate(240, 7));
        OipClient.Reply r = client.train("notes-test", csv, MAPPING);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode config = r.json().get("config");
        assertThat(config.get("labels").toString()).isEqualTo("[\"bearing\",\"belt_drive\",\"blockage\","
                + "\"electrical\",\"leak\",\"overheating\"]");
        assertThat(config.get("encoder").get("model").asString()).isEqualTo(INT8);
        assertThat(config.get("encoder").get("version").asLong()).isEqualTo(1);
        JsonNode evaluation = config.get("evaluation");
        assertThat(evaluation.get("accuracy").asDouble()).isGreaterThan(0.75);
        assertThat(evaluation.get("macro_f1").asDouble()).isGreaterThan(0.7);
        assertThat(evaluation.get("per_class").get("leak").get("support").asInt()).isPositive();
        assertThat(evaluation.get("head").get("candidates")).hasSize(2);
        assertThat(evaluation.get("encoder").get("model").asString()).isEqualTo(INT8);

        OipClient.Reply infer = client.post("/v2/models/notes-test/infer", texts(
                "Pump 4 is leaking slurry all over the floor from the seal",
                "terrible grinding and squealing from the motor bearing",
                "the breaker trips every time we start it and there were sparks"));
        assertThat(infer.status()).as(infer.body()).isEqualTo(200);
        JsonNode outputs = infer.json().get("outputs");
        assertThat(outputs.get(0).get("name").asString()).isEqualTo("probabilities");
        assertThat(outputs.get(0).get("shape").toString()).isEqualTo("[3,6]");
        assertThat(outputs.get(1).get("name").asString()).isEqualTo("label");
        assertThat(outputs.get(1).get("datatype").asString()).isEqualTo("BYTES");
        assertThat(outputs.get(1).get("data").toString()).isEqualTo("[\"leak\",\"bearing\",\"electrical\"]");
        assertThat(infer.json().get("parameters").get("truncated").toString()).isEqualTo("[false,false,false]");

        // the classifier chains the served encoder: without it, a 503 that names it; back when it is back
        assertThat(client.post("/v2/repository/models/" + INT8 + "/unload", "{}").status()).isEqualTo(200);
        try {
            OipClient.Reply orphan = client.post("/v2/models/notes-test/infer", texts("pump leaking"));
            assertThat(orphan.status()).as(orphan.body()).isEqualTo(503);
            assertThat(orphan.json().get("error").asString()).contains("needs encoder '" + INT8 + "' version 1");
        } finally {
            assertThat(client.post("/v2/repository/models/" + INT8 + "/load", "{}").status()).isEqualTo(200);
        }
        assertThat(client.post("/v2/models/notes-test/infer", texts("pump leaking")).status()).isEqualTo(200);
    }

    @Test
    void refusesWhatCannotTrainAClassifier() {
        String csv = SyntheticNotes.csv(SyntheticNotes.generate(60, 3));
        assertRejected(client.train("bad-1", csv, MAPPING.replace("\"note\"", "\"remark\"")), "[remark]");
        assertRejected(client.train("bad-2", csv, MAPPING.replace(INT8, "no-such-encoder")),
                "mapping.encoder", "no-such-encoder");
        assertRejected(client.train("bad-3", csv, MAPPING.replace(INT8, "notes-none")), "mapping.encoder");
        String oneClass = "note,failure_mode\n" + "\"pump leaking\",leak\n".repeat(40);
        assertRejected(client.train("bad-4", oneClass, MAPPING), "one class");
        String rare = csv + "\"odd one\",gremlins\n";
        assertRejected(client.train("bad-5", rare, MAPPING), "gremlins", "fewer than 5");
        String empty = csv + "\"  \",leak\n";
        assertRejected(client.train("bad-6", empty, MAPPING), "row 62", "column 'note'", "empty text");
        assertRejected(client.train("bad-7", csv, MAPPING.replace("\"type\": \"text\"}",
                "\"type\": \"text\"}, {\"column\": \"x\"}")), "exactly one column of type text");
        assertThat(client.get("/v2/models/bad-1").status()).isEqualTo(404);
    }

    @Test
    void notesWithCommasQuotesAndLineBreaksAreOneRowEach() {
        List<SyntheticNotes.Note> notes = new java.util.ArrayList<>(SyntheticNotes.generate(60, 11));
        notes.add(new SyntheticNotes.Note("seal \"weeping\", then\npouring out", "leak"));
        String csv = SyntheticNotes.csv(notes);
        OipClient.Reply r = client.train("notes-multiline", csv, MAPPING);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("config").get("evaluation").get("data").get("rows").asInt()).isEqualTo(61);
    }

    private static void assertRejected(OipClient.Reply r, String... fragments) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("error").asString()).contains(fragments);
    }
}
