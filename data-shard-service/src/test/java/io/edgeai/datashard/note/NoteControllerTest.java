package io.edgeai.datashard.note;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.datashard.ShardSliceTest;
import io.edgeai.datashard.ShardStoresConfiguration;
import io.edgeai.datashard.sharding.ShardMetrics;
import io.edgeai.datashard.sharding.ShardRegistry;
import io.edgeai.datashard.storage.BatchPart;
import io.edgeai.datashard.storage.BatchPart.AlertEventRow;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Notes on the owner shard: stored once per id, listed per device, found by cosine, refused naming the field. */
@WebMvcTest(NoteController.class)
@Import({ShardStoresConfiguration.class, NoteSearch.class, ShardMetrics.class})
class NoteControllerTest extends ShardSliceTest {

    static final Instant T = Instant.parse("2026-11-29T08:00:00Z");

    @Autowired
    ShardRegistry shards;

    /** A 384-dimension vector mostly along {@code axis}, tilted towards {@code other} by {@code tilt}. */
    static String vector(int axis, int other, double tilt) {
        float[] v = new float[384];
        v[axis] = 1;
        v[other] += (float) tilt;
        return Arrays.toString(v);
    }

    static String note(String id, String device, String text, String extra) {
        return "{\"noteId\":\"" + id + "\",\"deviceId\":\"" + device + "\",\"author\":\"olga\",\"text\":\"" + text
                + "\",\"createdAt\":\"" + T + "\"" + (extra == null ? "" : "," + extra) + "}";
    }

    static String embedded(int axis, int other, double tilt, String model) {
        return "\"embedding\":{\"model\":\"" + model + "\",\"version\":\"1\",\"vector\":" + vector(axis, other, tilt)
                + "}";
    }

    private MvcTestResult post(String path, String body) {
        return mvc.post().uri(path).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    @Test
    void aNoteIsStoredOnceARetryAnswersItAgainAndAnotherNoteUnderItsIdIsAConflict() {
        String device = mine(1);
        String body = note("n-1", device, "pump smoking up\\nstopped it", embedded(0, 1, 0.1, "enc")
                + ",\"suggestion\":{\"failureMode\":\"HDF\",\"probability\":0.82,\"model\":\"maintenance-notes\","
                + "\"version\":\"2\"},\"action\":\"replaced the seal\"");
        assertThat(post("/api/v1/notes", body)).hasStatus(HttpStatus.CREATED).bodyJson()
                .satisfies(j -> {
                    assertThat(j).extractingPath("$.text").isEqualTo("pump smoking up\nstopped it");
                    assertThat(j).extractingPath("$.suggestion.failureMode").isEqualTo("HDF");
                    assertThat(j).extractingPath("$.embeddingModel").isEqualTo("enc");
                    assertThat(j).extractingPath("$.action").isEqualTo("replaced the seal");
                });
        assertThat(post("/api/v1/notes", body)).hasStatusOk();
        assertThat(post("/api/v1/notes", note("n-1", device, "something else", null)))
                .hasStatus(HttpStatus.CONFLICT).bodyJson().extractingPath("$.errors[0].field").isEqualTo("noteId");
        assertThat(shards.forDevice("d", device).count("note")).isEqualTo(1);
    }

    @Test
    void aDevicesNotesAreListedNewestFirstAndByAlert() {
        String device = mine(2);
        shards.forDevice("d", device).batches().write(new BatchPart("b-notes", "d", List.of(), List.of(),
                List.of(new AlertEventRow("alert-1", device, T, "RAISED", "critical", "TWF"))));
        post("/api/v1/notes", note("n-old", device, "first", null).replace(T.toString(), T.minusSeconds(60).toString()));
        post("/api/v1/notes", note("n-new", device, "second", "\"alertId\":\"alert-1\""));
        assertThat(mvc.get().uri("/api/v1/devices/{d}/notes", device)).hasStatusOk().bodyJson()
                .satisfies(j -> {
                    assertThat(j).extractingPath("$.count").isEqualTo(2);
                    assertThat(j).extractingPath("$.items[0].noteId").isEqualTo("n-new");
                    assertThat(j).extractingPath("$.items[1].noteId").isEqualTo("n-old");
                });
        assertThat(mvc.get().uri("/api/v1/devices/{d}/notes?alertId=alert-1", device)).hasStatusOk().bodyJson()
                .extractingPath("$.items[*].noteId").asArray().containsExactly("n-new");
    }

    @Test
    void badNotesAreRefusedNamingTheFieldAndNothingIsStored() {
        String device = mine(3);
        assertThat(post("/api/v1/notes", note("n-2", device, "  ", null))).hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("text");
        assertThat(post("/api/v1/notes", note("n-2", device, "x".repeat(4001), null)))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field").isEqualTo("text");
        assertThat(post("/api/v1/notes", note("n-2", device, "ok", "\"alertId\":\"a/b\"")))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field").isEqualTo("alertId");
        assertThat(post("/api/v1/notes", note("n-2", device, "ok", "\"alertId\":\"no-such-alert\"")))
                .hasStatus(HttpStatus.NOT_FOUND).bodyJson().extractingPath("$.errors[0].field").isEqualTo("alertId");
        assertThat(post("/api/v1/notes", note("n-2", device, "ok", "\"predictionId\":\"nope\"")))
                .hasStatus(HttpStatus.NOT_FOUND).bodyJson().extractingPath("$.errors[0].field")
                .isEqualTo("predictionId");
        assertThat(post("/api/v1/notes", note("n-2", "bad device", "ok", null)))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field").isEqualTo("deviceId");
        assertThat(post("/api/v1/notes", note("n-2", device, "ok", "\"embedding\":{\"model\":\"enc\","
                + "\"vector\":[0,0,0]}"))).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .extractingPath("$.errors[0].field").isEqualTo("embedding.vector");
        assertThat(post("/api/v1/notes", note("n-2", theirs(1), "ok", null)))
                .hasStatus(HttpStatus.MISDIRECTED_REQUEST);
        assertThat(shards.forDevice("d", device).count("note")).isZero();
    }

    @Test
    void similarNotesAreRankedByCosineOverEveryOwnedShardAndOnlyForTheSameEncoder() {
        String a = mine(10);
        String b = mine(11);
        post("/api/v1/notes", note("s-near", a, "spraying out slurry", embedded(5, 6, 0.2, "enc")));
        post("/api/v1/notes", note("s-far", b, "badge reader broken", embedded(9, 10, 0.1, "enc")));
        post("/api/v1/notes", note("s-mid", b, "leaking slurry", embedded(6, 5, 0.9, "enc")));
        post("/api/v1/notes", note("s-other-encoder", a, "same words", embedded(5, 6, 0.2, "other")));
        post("/api/v1/notes", note("s-self", a, "query note", embedded(5, 6, 0.21, "enc")));

        String query = "{\"embedding\":" + vector(5, 6, 0.21) + ",\"model\":\"enc\",\"k\":2,"
                + "\"excludeNoteId\":\"s-self\"}";
        assertThat(post("/api/v1/notes/similar", query)).hasStatusOk().bodyJson().satisfies(j -> {
            assertThat(j).extractingPath("$.items[*].note.noteId").asArray().containsExactly("s-near", "s-mid");
            assertThat(j).extractingPath("$.items[0].score").asNumber().satisfies(s ->
                    assertThat(s.doubleValue()).isGreaterThan(0.99));
            assertThat(j).extractingPath("$.items[0].note.text").isEqualTo("spraying out slurry");
        });
        assertThat(post("/api/v1/notes/similar", "{\"embedding\":[1,0],\"model\":\"enc\",\"k\":0}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field").isEqualTo("k");
        assertThat(post("/api/v1/notes/similar", "{\"model\":\"enc\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field")
                .isEqualTo("embedding");
    }
}
