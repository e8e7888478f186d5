package dev.tidemark.dialect.sqlite;

import dev.tidemark.source.Position;
import dev.tidemark.source.PositionType;
import dev.tidemark.source.Positions;
import java.util.Map;

/**
 * A SQLite database's file change counter (the 4-byte counter at offset 24 of the file header), which every
 * committed write transaction in rollback-journal mode increments; ordered as an unsigned number. The details
 * record the data and schema versions, page count, file size and journal mode at the same moment.
 */
public final class SqliteChangeCounter implements Position {
    static final String KIND = "sqlite-data-version";

    private final long counter;
    private final Map<String, String> details;

    SqliteChangeCounter(long counter, Map<String, String> details) {
        this.counter = counter;
        this.details = Map.copyOf(details);
    }

    public long counter() {
        return counter;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String text() {
        return Long.toString(counter);
    }

    @Override
    public Map<String, String> details() {
        return details;
    }

    @Override
    public int compareTo(Position other) {
        return Long.compare(counter, Positions.sameKind(this, other, SqliteChangeCounter.class).counter);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SqliteChangeCounter that && that.counter == counter;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(counter);
    }

    @Override
    public String toString() {
        return KIND + " " + counter;
    }

    /** Reads {@value #KIND} positions back from archives. */
    public static final class Type implements PositionType {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Position parse(String text, Map<String, String> details) {
            try {
                long counter = Long.parseLong(text);
                if (counter < 0) {
                    throw new IllegalArgumentException("a negative SQLite change counter: " + text);
                }
                return new SqliteChangeCounter(counter, details);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a SQLite change counter: " + text, e);
            }
        }
    }
}
