package io.edgeai.hub.aggregate;

import io.edgeai.contracts.DeviceIds;
import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.hub.AggregatePush;
import io.edgeai.contracts.hub.DailyAggregate;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What an aggregate push must satisfy before anything of it is applied; every broken rule names its field. */
final class AggregateRules {

    private static final java.util.regex.Pattern OUTBOX_ID = java.util.regex.Pattern.compile("[A-Za-z0-9-]{8,64}");

    private AggregateRules() {
    }

    static List<FieldViolation> check(AggregatePush push, Clock clock, Duration clockSkew) {
        List<FieldViolation> out = new ArrayList<>();
        if (push.outbox() == null || !OUTBOX_ID.matcher(push.outbox()).matches()) {
            out.add(new FieldViolation("outbox", "must be the outbox's id: 8 to 64 letters, digits or '-', was "
                    + (push.outbox() == null ? "missing" : "'" + push.outbox() + "'")));
        }
        if (push.seq() < 1) {
            out.add(new FieldViolation("seq", "must be 1 or more, was " + push.seq()));
        }
        DailyAggregate a = push.aggregate();
        if (a == null) {
            out.add(new FieldViolation("aggregate", "is required"));
            return out;
        }
        String device = DeviceIds.problem(a.deviceId());
        if (device != null) {
            out.add(new FieldViolation("aggregate.deviceId", device));
        }
        // A site's clock may run a little ahead; a day that has not begun anywhere within that margin is the future.
        LocalDate latest = LocalDate.ofInstant(clock.instant().plus(clockSkew), ZoneOffset.UTC);
        if (a.day() == null) {
            out.add(new FieldViolation("aggregate.day", "is required"));
        } else if (a.day().isAfter(latest)) {
            out.add(new FieldViolation("aggregate.day", "is in the future: " + a.day() + " is after the hub's "
                    + "today, " + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)));
        }
        nonNegative(out, "aggregate.readings", a.readings());
        nonNegative(out, "aggregate.alertsRaised", a.alertsRaised());
        nonNegative(out, "aggregate.alertsCleared", a.alertsCleared());
        nonNegative(out, "aggregate.feedback", a.feedback());
        nonNegative(out, "aggregate.feedbackWrong", a.feedbackWrong());
        if (a.feedbackWrong() > a.feedback()) {
            out.add(new FieldViolation("aggregate.feedbackWrong", "is more than feedback"));
        }
        for (Map.Entry<String, DailyAggregate.SensorStats> e : a.sensors().entrySet()) {
            DailyAggregate.SensorStats s = e.getValue();
            String field = "aggregate.sensors." + e.getKey();
            if (s == null || !Double.isFinite(s.min()) || !Double.isFinite(s.mean()) || !Double.isFinite(s.max())) {
                out.add(new FieldViolation(field, "needs finite min, mean and max"));
            } else if (s.count() < 1 || s.min() > s.mean() || s.mean() > s.max()) {
                out.add(new FieldViolation(field, "needs count >= 1 and min <= mean <= max"));
            }
        }
        for (Map.Entry<String, Long> e : a.modelVersions().entrySet()) {
            if (e.getValue() == null || e.getValue() < 0) {
                out.add(new FieldViolation("aggregate.modelVersions." + e.getKey(), "must be a count >= 0"));
            }
        }
        return out;
    }

    private static void nonNegative(List<FieldViolation> out, String field, long value) {
        if (value < 0) {
            out.add(new FieldViolation(field, "must be >= 0, was " + value));
        }
    }
}
