package io.edgeai.datashard.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.contracts.PredictionIds;
import io.edgeai.contracts.Reading;
import io.edgeai.datashard.ShardSliceTest;
import io.edgeai.datashard.ShardStoresConfiguration;
import io.edgeai.datashard.sharding.ShardRegistry;
import io.edgeai.datashard.storage.BatchPart;
import io.edgeai.datashard.storage.BatchPart.PredictionRow;
import io.edgeai.datashard.storage.ShardStore;
import io.edgeai.datashard.storage.StoredRecords.Feedback;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;

/** The labelled CSV a fine-tuning run downloads: safe to open in a spreadsheet, refused with the field named. */
@WebMvcTest(LabelledExportController.class)
@Import(ShardStoresConfiguration.class)
class LabelledExportControllerTest extends ShardSliceTest {

    static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

    @Autowired
    ShardRegistry shards;

    @Test
    void aLabelThatLooksLikeAFormulaIsExportedAsText() {
        String device = mine(8);
        ShardStore store = shards.forDevice("deviceId", device);
        String id = PredictionIds.of(device, T, "m", "1");
        store.batches().write(new BatchPart("b-csv", "d",
                List.of(new Reading(device, T, "L", Map.of("torque", new Reading.Measurement(40.5, "Nm")))),
                List.of(new PredictionRow(id, device, T, "m", "1", "OK", "none", Map.of("none", 1.0))), List.of()));
        store.feedback().save(new Feedback("fb-csv", id, device, false, "=HYPERLINK(1,2)", "olga", T, null),
                store.predictions().find(id).orElseThrow().readingTsUs());

        assertThat(mvc.get().uri("/api/v1/export/labelled?deviceId={d}&sensors=torque,rpm", device)).hasStatusOk()
                .hasContentTypeCompatibleWith("text/csv")
                .body().asString().isEqualTo("device_id,timestamp,machine_type,torque,rpm,label,label_source,"
                        + "label_ref\n" + device + "," + T + ",L,40.5,,\"'=HYPERLINK(1,2)\",feedback,fb-csv\n");
    }

    @Test
    void badFiltersAreRefusedNamingTheParameter() {
        assertThat(mvc.get().uri("/api/v1/export/labelled?sensors=a,,b")).hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("sensors");
        assertThat(mvc.get().uri("/api/v1/export/labelled?from=2026-11-28T10:00:00Z&to=2026-11-28T09:00:00Z"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field").isEqualTo("to");
        assertThat(mvc.get().uri("/api/v1/export/labelled?deviceId={d}", theirs(0)))
                .hasStatus(HttpStatus.MISDIRECTED_REQUEST);
    }
}
