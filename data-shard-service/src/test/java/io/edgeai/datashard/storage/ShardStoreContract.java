package io.edgeai.datashard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeai.contracts.PredictionIds;
import io.edgeai.contracts.Reading;
import io.edgeai.contracts.notes.NoteWrite;
import io.edgeai.datashard.export.LabelledReading;
import io.edgeai.datashard.export.TrainingLabels;
import io.edgeai.datashard.storage.BatchPart.AlertEventRow;
import io.edgeai.datashard.storage.BatchPart.PredictionRow;
import io.edgeai.datashard.storage.StoredRecords.Feedback;
import io.edgeai.datashard.storage.StoredRecords.StoredReading;
import io.edgeai.datashard.storage.StoredRecords.WriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

/** The behaviour every store (H2 file, PostgreSQL schema) must show; subclasses supply the database. */
abstract class ShardStoreContract {

    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    ShardStore store;

    abstract ShardStore openStore();

    @BeforeEach
    void open() {
        store = openStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Reading reading(String device, int second, double torque) {
        return new Reading(device, T0.plusSeconds(second), "M",
                Map.of("torque", new Reading.Measurement(torque, "Nm"),
                        "rpm", new Reading.Measurement(1500.0 + second, null)));
    }

    static PredictionRow prediction(String device, int second, double failure) {
        Instant t = T0.plusSeconds(second);
        return new PredictionRow(PredictionIds.of(device, t, "ai4i-failure", "1"), device, t, "ai4i-failure", "1",
                failure > 0.5 ? "FAILURE" : "OK", failure > 0.5 ? "TWF" : "none",
                Map.of("none", 1 - failure, "TWF", failure));
    }

    static AlertEventRow alert(String alertId, int second, String type, String severity, String mode) {
        return new AlertEventRow(alertId, "d1", T0.plusSeconds(second), type, severity, mode);
    }

    WriteResult write(String batchId, List<Reading> readings, List<PredictionRow> predictions,
                      List<AlertEventRow> alerts) {
        return store.batches().write(new BatchPart(batchId, "digest-" + batchId, readings, predictions, alerts));
    }

    List<StoredReading> history(String device, long fromUs, long toUs, boolean newestFirst, long offset, int limit) {
        return store.history().page(device, fromUs, toUs, newestFirst, offset, limit);
    }

    @Test
    void notesKeepTheirWordsAndEmbeddingBytesAndAreFoundByCosine() {
        float[] near = new float[384];
        near[3] = 0.6f;
        near[4] = 0.8f;
        float[] far = new float[384];
        far[100] = 1;
        NoteWrite first = new NoteWrite("n-1", "press-1", null, null, "olga", "pump smoking up\nseal?", "new seal",
                T0, new NoteWrite.Suggestion("HDF", 0.7, "maintenance-notes", "1"),
                new NoteWrite.Embedding("enc", "1", near));
        assertThat(store.notes().save(first).outcome()).isEqualTo(NoteTable.Outcome.CREATED);
        assertThat(store.notes().save(first).outcome()).isEqualTo(NoteTable.Outcome.SAME);
        store.notes().save(new NoteWrite("n-2", "press-2", null, null, "ivan", "door squeaks", null, T0.plusSeconds(1),
                null, new NoteWrite.Embedding("enc", "1", far)));
        store.notes().save(new NoteWrite("n-3", "press-2", null, null, "ivan", "no encoder then", null,
                T0.plusSeconds(2), null, null));

        assertThat(store.notes().find("n-1")).get().satisfies(n -> {
            assertThat(n.text()).isEqualTo("pump smoking up\nseal?");
            assertThat(n.suggestion().probability()).isEqualTo(0.7);
            assertThat(n.createdAt()).isEqualTo(T0);
        });
        assertThat(store.notes().ofDevice("press-2", null, 10)).extracting(n -> n.noteId())
                .containsExactly("n-3", "n-2");
        NearestNotes nearest = new NearestNotes(5);
        store.notes().scan(Vectors.unit(near),
                "enc", null, nearest);
        assertThat(nearest.scanned()).isEqualTo(2);
        assertThat(nearest.best()).extracting(NearestNotes.Hit::noteId).containsExactly("n-1", "n-2");
        assertThat(nearest.best().get(0).score()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void historyIsNewestFirstWithPredictionsAndPagesByTime() {
        List<Reading> readings = new ArrayList<>();
        List<PredictionRow> predictions = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            readings.add(reading("press-1", s, 40 + s));
            predictions.add(prediction("press-1", s, s / 10.0));
        }
        readings.add(reading("press-2", 3, 1));
        WriteResult result = write("b1", readings, predictions, List.of());
        assertThat(result.readings()).isEqualTo(11);
        assertThat(result.predictions()).isEqualTo(10);

        List<StoredReading> page = history("press-1", Long.MIN_VALUE, Long.MAX_VALUE, true, 0, 3);
        assertThat(page).extracting(StoredReading::timestamp)
                .containsExactly(T0.plusSeconds(9), T0.plusSeconds(8), T0.plusSeconds(7));
        assertThat(page.get(0).sensors().get("torque").value()).isEqualTo(49.0);
        assertThat(page.get(0).sensors().get("torque").unit()).isEqualTo("Nm");
        assertThat(page.get(0).predictions()).singleElement()
                .satisfies(p -> assertThat(p.probabilities()).containsEntry("TWF", 0.9));

        List<StoredReading> window = history("press-1", EpochMicros.of(T0.plusSeconds(2)),
                EpochMicros.of(T0.plusSeconds(5)), false, 1, 10);
        assertThat(window).extracting(StoredReading::timestamp).containsExactly(T0.plusSeconds(3), T0.plusSeconds(4));
        assertThat(store.ingested().digest("b1")).contains("digest-b1");
    }

    @Test
    void recordsStoredBeforeAreSkippedNotDuplicated() {
        write("b1", List.of(reading("d1", 1, 1), reading("d1", 2, 2)), List.of(prediction("d1", 1, 0.1)), List.of());
        WriteResult again = write("b2", List.of(reading("d1", 2, 2), reading("d1", 3, 3), reading("d1", 3, 3)),
                List.of(prediction("d1", 1, 0.1)), List.of());
        assertThat(again.readings()).isEqualTo(1);
        assertThat(again.predictions()).isZero();
        assertThat(again.duplicatesSkipped()).isEqualTo(3);
        assertThat(store.count("reading")).isEqualTo(3);
        assertThat(store.count("prediction")).isEqualTo(1);

        // No duplicate inside the batch, one against the table: the optimistic insert fails and is redone.
        WriteResult mixed = write("b3", List.of(reading("d1", 3, 3), reading("d1", 4, 4)),
                List.of(prediction("d1", 1, 0.1), prediction("d1", 4, 0.1)), List.of());
        assertThat(mixed.readings()).isEqualTo(1);
        assertThat(mixed.predictions()).isEqualTo(1);
        assertThat(mixed.duplicatesSkipped()).isEqualTo(2);
        assertThat(store.count("reading")).isEqualTo(4);
        assertThat(store.ingested().digest("b3")).isPresent();
    }

    @Test
    void statusIsTheLatestPredictionPerDevice() {
        write("b1", List.of(reading("d1", 5, 1)), List.of(prediction("d1", 5, 0.9), prediction("d2", 1, 0.1)),
                List.of());
        write("b2", List.of(reading("d1", 2, 1)), List.of(prediction("d1", 2, 0.1)), List.of());
        assertThat(store.devices().all()).satisfiesExactly(
                d1 -> {
                    assertThat(d1.deviceId()).isEqualTo("d1");
                    assertThat(d1.status()).isEqualTo("FAILURE");
                    assertThat(d1.predictedClass()).isEqualTo("TWF");
                    assertThat(d1.lastReadingAt()).isEqualTo(T0.plusSeconds(5));
                },
                d2 -> assertThat(d2.status()).isEqualTo("OK"));
    }

    @Test
    void alertsAreRaisedAcknowledgedAndClearedOnce() {
        AlertEventRow raised = alert("a-1", 1, "RAISED", "critical", "TWF");
        write("b1", List.of(reading("d1", 1, 1)), List.of(), List.of(raised));
        write("b2", List.of(), List.of(), List.of(raised));
        assertThat(store.alerts().inStates(List.of("OPEN"), 10)).singleElement()
                .satisfies(a -> assertThat(a.severity()).isEqualTo("critical"));
        assertThat(store.count("alert_event")).isEqualTo(1);

        var acked = store.alerts().acknowledge("a-1", "olga", true, "spindle worn", T0.plusSeconds(30));
        assertThat(acked).get().satisfies(a -> {
            assertThat(a.state()).isEqualTo("ACKNOWLEDGED");
            assertThat(a.acknowledgedBy()).isEqualTo("olga");
        });
        var second = store.alerts().acknowledge("a-1", "piotr", false, null, T0.plusSeconds(40));
        assertThat(second).get().satisfies(a -> assertThat(a.acknowledgedBy()).isEqualTo("olga"));

        write("b3", List.of(), List.of(),
                List.of(alert("a-1", 60, "CLEARED", null, "TWF")));
        assertThat(store.alerts().inStates(List.of("OPEN", "ACKNOWLEDGED"), 10)).isEmpty();
        assertThat(store.alerts().find("a-1")).get().satisfies(a -> {
            assertThat(a.state()).isEqualTo("CLEARED");
            assertThat(a.clearedAt()).isEqualTo(T0.plusSeconds(60));
        });
        assertThat(store.alerts().acknowledge("nope", "olga", true, null, T0)).isEmpty();
    }

    @Test
    void labelledReadingsComeFromFeedbackAndConfirmedAlerts() {
        write("b1", List.of(reading("d1", 1, 10), reading("d1", 2, 20), reading("d1", 3, 30), reading("d1", 4, 40)),
                List.of(prediction("d1", 1, 0.9), prediction("d1", 2, 0.9)),
                List.of(alert("a-1", 3, "RAISED", "warning", "HDF"), alert("a-2", 4, "RAISED", "warning", "PWF")));
        String p1 = prediction("d1", 1, 0.9).id();
        String p2 = prediction("d1", 2, 0.9).id();
        assertThat(store.predictions().find(p1)).get()
                .satisfies(p -> assertThat(p.predictedClass()).isEqualTo("TWF"));
        store.feedback().save(new Feedback("f1", p1, "d1", true, null, "olga", T0, null),
                store.predictions().find(p1).orElseThrow().readingTsUs());
        store.feedback().save(new Feedback("f2", p2, "d1", false, "none", "olga", T0, null),
                store.predictions().find(p2).orElseThrow().readingTsUs());
        assertThat(store.feedback().save(new Feedback("f2", p2, "d1", false, "OSF", "olga", T0, null), 0L))
                .isFalse();
        store.alerts().acknowledge("a-1", "olga", true, null, T0);
        store.alerts().acknowledge("a-2", "olga", false, "false alarm", T0);

        List<LabelledReading> rows = new ArrayList<>();
        TrainingLabels.of(store, null, null, null, rows::add);
        assertThat(rows).extracting(LabelledReading::timestamp, LabelledReading::failureMode, LabelledReading::source)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(T0.plusSeconds(1), "TWF", "feedback"),
                        org.assertj.core.groups.Tuple.tuple(T0.plusSeconds(2), "none", "feedback"),
                        org.assertj.core.groups.Tuple.tuple(T0.plusSeconds(3), "HDF", "alert"));
        assertThat(rows.get(0).sensors().get("torque").value()).isEqualTo(10.0);

        List<LabelledReading> filtered = new ArrayList<>();
        TrainingLabels.of(store, "d1", EpochMicros.of(T0.plusSeconds(2)), null, filtered::add);
        assertThat(filtered).hasSize(2);
    }

    @Test
    void retentionDeletesByAgeAndByRowCap() {
        List<Reading> readings = new ArrayList<>();
        List<PredictionRow> predictions = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            readings.add(reading("d1", s, s));
            predictions.add(prediction("d1", s, 0.1));
        }
        write("b1", readings, predictions, List.of());
        var first = store.retention().sliceBefore(EpochMicros.of(T0.plusSeconds(3)), 2);
        assertThat(first.deleted().readings()).isEqualTo(2);
        assertThat(first.deleted().predictions()).isEqualTo(2);
        assertThat(first.more()).isTrue();
        var rest = store.retention().sliceBefore(EpochMicros.of(T0.plusSeconds(3)), 2);
        assertThat(rest.deleted().readings()).isEqualTo(1);
        assertThat(rest.more()).isFalse();
        long capCutoff = store.retention().capCutoff(4).orElseThrow();
        assertThat(store.retention().capCutoff(10)).isEmpty();
        var byCap = store.retention().sliceBefore(capCutoff, 100);
        assertThat(byCap.deleted().readings()).isEqualTo(3);
        assertThat(history("d1", Long.MIN_VALUE, Long.MAX_VALUE, false, 0, 100))
                .extracting(StoredReading::timestamp)
                .containsExactly(T0.plusSeconds(6), T0.plusSeconds(7), T0.plusSeconds(8), T0.plusSeconds(9));
    }

    @Test
    void aPartThatFailsLeavesNothingAndItsDeviceIsStillAddedLater() {
        PredictionRow tooLong = new PredictionRow("p-long", "d9", T0, "m".repeat(200), "1", "OK", "none",
                Map.of("none", 1.0));
        assertThatThrownBy(() -> write("b1", List.of(reading("d9", 1, 1)), List.of(tooLong), List.of()))
                .isInstanceOf(DataAccessException.class);
        assertThat(store.count("reading")).isZero();
        assertThat(store.ingested().digest("b1")).isEmpty();
        assertThat(store.devices().all()).isEmpty();

        write("b1", List.of(reading("d9", 1, 1)), List.of(prediction("d9", 1, 0.1)), List.of());
        assertThat(store.devices().all()).singleElement()
                .satisfies(d -> assertThat(d.predictionId()).isEqualTo(prediction("d9", 1, 0.1).id()));
    }

    @Test
    void tablesRefuseWritesOutsideAWriteTransaction() {
        assertThatThrownBy(() -> store.readings().insert(List.of(reading("d1", 1, 1)), true))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.count("reading")).isZero();
    }

    @Test
    void timestampsKeepMicrosecondPrecision() {
        Instant precise = Instant.parse("2026-11-28T10:00:00.123456Z");
        write("b1", List.of(new Reading("d1", precise, null, Map.of("t", new Reading.Measurement(1.0, null)))),
                List.of(), List.of());
        assertThat(history("d1", Long.MIN_VALUE, Long.MAX_VALUE, true, 0, 1).get(0).timestamp())
                .isEqualTo(precise);
    }

    @Test
    void daySummariesCountTheDayAndReadItAgainOnlyWhenSomethingOfThatDayWasWritten() {
        java.time.LocalDate day = java.time.LocalDate.of(2026, 11, 28);
        write("b1", List.of(reading("d1", 1, 10), reading("d1", 2, 30), reading("d2", 3, 5)),
                List.of(prediction("d1", 1, 0.9), prediction("d1", 2, 0.1)),
                List.of(alert("a-1", 2, "RAISED", "warning", "HDF")));
        List<io.edgeai.contracts.hub.DailyAggregate> first = store.aggregates().of(day);
        assertThat(first).extracting(io.edgeai.contracts.hub.DailyAggregate::deviceId).containsExactly("d1", "d2");
        io.edgeai.contracts.hub.DailyAggregate d1 = first.get(0);
        assertThat(d1.readings()).isEqualTo(2);
        assertThat(d1.sensors().get("torque")).isEqualTo(new io.edgeai.contracts.hub.DailyAggregate.SensorStats(
                2, 10, 20, 30));
        assertThat(d1.modelVersions()).containsEntry("ai4i-failure/1", 2L);
        assertThat(d1.alertsRaised()).isEqualTo(1);
        long reads = store.aggregates().reads();

        // nothing of that day written: answered without reading the day again; another day's write changes nothing
        assertThat(store.aggregates().of(day)).isEqualTo(first);
        write("b2", List.of(reading("d1", 86_400, 99)), List.of(), List.of());
        assertThat(store.aggregates().of(day)).isEqualTo(first);
        assertThat(store.aggregates().reads()).isEqualTo(reads);

        // a late reading of that day, and feedback on one of its predictions: read again, with them
        write("b3", List.of(reading("d1", 4, 50)), List.of(), List.of());
        assertThat(store.aggregates().of(day).get(0).readings()).isEqualTo(3);
        String p1 = prediction("d1", 1, 0.9).id();
        store.feedback().save(new Feedback("f1", p1, "d1", false, "none", "olga", T0.plusSeconds(86_400 * 2), null),
                store.predictions().find(p1).orElseThrow().readingTsUs());
        io.edgeai.contracts.hub.DailyAggregate withFeedback = store.aggregates().of(day).get(0);
        assertThat(withFeedback.feedback()).isEqualTo(1);
        assertThat(withFeedback.feedbackWrong()).isEqualTo(1);
        assertThat(store.aggregates().reads()).isEqualTo(reads + 2);
    }
}
