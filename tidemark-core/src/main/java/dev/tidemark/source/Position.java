package dev.tidemark.source;

import java.util.Map;

/**
 * A point in one source's history: where a snapshot read its data, and where point-in-time recovery starts
 * replaying changes. Each backend has its own kind of position (a PostgreSQL LSN, a MySQL/MariaDB binlog file
 * and offset with its GTID set, a SQLite change counter, a Redis replication id and offset), implemented in
 * that backend's module and read back from archives through its {@link PositionType}.
 *
 * <p>Contract: positions of one {@link #kind()} from one source are totally ordered by {@link #compareTo}, in
 * the order the source committed them; {@link #text()} is a stable form that {@link PositionType#parse} turns
 * back into an equal position (together with {@link #details()}); {@code equals} agrees with
 * {@code compareTo}. Comparing positions of different kinds, or a position that cannot be ordered (one read
 * from an archive whose kind no installed backend knows), throws {@link IllegalArgumentException}.
 */
public interface Position extends Comparable<Position> {

    /** The kind as recorded in manifests, e.g. {@code postgresql-lsn}; names the {@link PositionType} that parses it. */
    String kind();

    /** The position in the backend's own notation, e.g. {@code 0/16B3748} or {@code mysql-bin.000003:1543}; may be empty. */
    String text();

    /** Further facts for people and for resuming (e.g. a GTID set, the exported snapshot's name); never null. */
    default Map<String, String> details() {
        return Map.of();
    }

    /** Whether point-in-time recovery can start from here (false when, e.g., the binary log was off). */
    default boolean resumable() {
        return true;
    }
}
