package io.edgeai.datashard.storage;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/** Which of some ids a table already holds, asked in chunks so no IN list outgrows what the databases accept. */
final class ExistingIds {

    private static final int IN_CHUNK = 500;

    private ExistingIds() {
    }

    static Set<String> in(JdbcTemplate jdbc, String table, String column, List<String> ids) {
        Set<String> found = new HashSet<>();
        List<String> distinct = ids.stream().distinct().toList();
        for (int i = 0; i < distinct.size(); i += IN_CHUNK) {
            List<String> chunk = distinct.subList(i, Math.min(distinct.size(), i + IN_CHUNK));
            String marks = chunk.stream().map(x -> "?").collect(Collectors.joining(","));
            found.addAll(jdbc.queryForList("SELECT " + column + " FROM " + table + " WHERE " + column
                    + " IN (" + marks + ")", String.class, chunk.toArray()));
        }
        return found;
    }
}
