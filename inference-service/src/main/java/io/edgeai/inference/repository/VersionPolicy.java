package io.edgeai.inference.repository;

import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Which versions of a model are served, as in Triton: the latest {@code n} (the default, n = 1), a pinned list, or
 * all. Exactly one of the three is set.
 */
public record VersionPolicy(Latest latest, Specific specific, Map<String, Object> all) {

    /** Serve the newest {@code numVersions} versions. */
    public record Latest(Integer numVersions) {
    }

    /** Serve exactly these versions (those present on disk). */
    public record Specific(List<Long> versions) {
    }

    public static final VersionPolicy DEFAULT = new VersionPolicy(new Latest(1), null, null);

    /** The versions of {@code available} this policy serves. */
    public NavigableSet<Long> select(NavigableSet<Long> available) {
        TreeSet<Long> out = new TreeSet<>();
        if (specific != null) {
            for (Long v : specific.versions() == null ? List.<Long>of() : specific.versions()) {
                if (available.contains(v)) {
                    out.add(v);
                }
            }
        } else if (all != null) {
            out.addAll(available);
        } else {
            int n = latest == null || latest.numVersions() == null ? 1 : Math.max(1, latest.numVersions());
            for (Long v : available.descendingSet()) {
                if (out.size() == n) {
                    break;
                }
                out.add(v);
            }
        }
        return out;
    }
}
