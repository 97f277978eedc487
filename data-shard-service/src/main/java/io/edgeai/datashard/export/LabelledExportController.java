package io.edgeai.datashard.export;

import io.edgeai.contracts.Reading;
import io.edgeai.datashard.sharding.ShardRegistry;
import io.edgeai.datashard.storage.EpochMicros;
import io.edgeai.datashard.storage.ShardStore;
import io.edgeai.datashard.web.FieldRules;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Labelled readings as CSV for fine-tuning: one row per reading that has a label, one column per sensor.
 *
 * <p>With {@code sensors=a,b,c} the columns are fixed up front and rows stream shard by shard as they are read;
 * without it the columns are the union of the labelled readings' sensors, which needs the rows in memory first
 * (labels are operator-made, so they are few compared with readings).
 */
@RestController
public class LabelledExportController {

    static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final ShardRegistry shards;

    public LabelledExportController(ShardRegistry shards) {
        this.shards = shards;
    }

    @GetMapping("/api/v1/export/labelled")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String deviceId,
                                                        @RequestParam(required = false) Instant from,
                                                        @RequestParam(required = false) Instant to,
                                                        @RequestParam(required = false) String sensors) {
        FieldRules rules = new FieldRules();
        if (deviceId != null) {
            rules.deviceId("deviceId", deviceId);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            rules.add("to", "must be after from");
        }
        if (sensors != null && !sensors.matches("[A-Za-z0-9_.\\-]+(,[A-Za-z0-9_.\\-]+)*")) {
            rules.add("sensors", "must be a comma-separated list of sensor names");
        }
        rules.throwIfAny();
        List<ShardStore> stores = deviceId == null ? List.copyOf(shards.owned())
                : List.of(shards.forDevice("deviceId", deviceId));
        Long fromUs = from == null ? null : EpochMicros.of(from);
        Long toUs = to == null ? null : EpochMicros.of(to);

        StreamingResponseBody body = out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            if (sensors != null) {
                List<String> columns = Arrays.asList(sensors.split(","));
                header(w, columns);
                for (ShardStore store : stores) {
                    TrainingLabels.of(store, deviceId, fromUs, toUs, row -> write(w, columns, row));
                }
            } else {
                List<LabelledReading> rows = new ArrayList<>();
                Set<String> columns = new TreeSet<>();
                for (ShardStore store : stores) {
                    TrainingLabels.of(store, deviceId, fromUs, toUs, row -> {
                        rows.add(row);
                        columns.addAll(row.sensors().keySet());
                    });
                }
                List<String> ordered = List.copyOf(columns);
                header(w, ordered);
                rows.forEach(row -> write(w, ordered, row));
            }
            w.flush();
        };
        return ResponseEntity.ok().contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"labelled.csv\"")
                .body(body);
    }

    private static void header(Writer w, List<String> sensors) throws IOException {
        w.write("device_id,timestamp,machine_type");
        for (String s : sensors) {
            w.write(',');
            w.write(csv(s));
        }
        w.write(",label,label_source,label_ref\n");
    }

    private static void write(Writer w, List<String> sensors, LabelledReading row) {
        try {
            StringBuilder sb = new StringBuilder(128);
            sb.append(csv(row.deviceId())).append(',').append(row.timestamp()).append(',')
                    .append(csv(row.machineType()));
            for (String s : sensors) {
                Reading.Measurement m = row.sensors().get(s);
                sb.append(',');
                if (m != null && m.value() != null) {
                    sb.append(m.value());
                }
            }
            sb.append(',').append(csv(row.failureMode())).append(',').append(row.source()).append(',')
                    .append(csv(row.reference())).append('\n');
            w.write(sb.toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** RFC 4180 quoting, and a leading quote mark against spreadsheet formula injection. */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
