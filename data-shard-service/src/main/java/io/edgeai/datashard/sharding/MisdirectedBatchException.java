package io.edgeai.datashard.sharding;

import io.edgeai.contracts.FieldViolation;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A batch with records of devices other instances own; refused whole (421), naming each record and its owner. */
public class MisdirectedBatchException extends RuntimeException {

    private final List<FieldViolation> violations;
    private final Map<String, Integer> owners;

    /**
     * @param violations one per misdirected record, naming its deviceId field
     * @param owners     the owning instance of each misdirected device
     */
    public MisdirectedBatchException(List<FieldViolation> violations, Map<String, Integer> owners) {
        super(violations.size() + " record(s) of devices owned by other instances");
        this.violations = List.copyOf(violations);
        // Sorted by device id, so the answer lists them in a stable order.
        this.owners = Collections.unmodifiableMap(new TreeMap<>(owners));
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    public Map<String, Integer> owners() {
        return owners;
    }
}
