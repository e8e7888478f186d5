package dev.tidemark.dialect;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Where in the source's history a snapshot was taken, so point-in-time recovery can replay changes
 * from there.
 *
 * @param kind       "postgresql-lsn", "mysql-binlog", "mysql-gtid", "sqlite-data-version", ...
 * @param position   the position in the backend's own notation, e.g. {@code 0/16B3748} or {@code mysql-bin.000003:1543}
 * @param details    further backend facts (e.g. GTID set, WAL file, SQLite file change counter)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ConsistencyPoint(String kind, String position, Map<String, String> details) {
    public ConsistencyPoint {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
