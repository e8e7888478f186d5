package dev.tidemark.dialect.postgres;

import dev.tidemark.source.Position;
import dev.tidemark.source.PositionType;
import dev.tidemark.source.Positions;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL write-ahead log position (an LSN), written as PostgreSQL prints it ({@code 0/16B3748}:
 * the high and low 32 bits in hex). Ordered as the server wrote the WAL; equal when the LSNs are, whatever the details.
 */
public final class PostgresLsn implements Position {
    static final String KIND = "postgresql-lsn";
    private static final Pattern TEXT = Pattern.compile("([0-9A-Fa-f]{1,8})/([0-9A-Fa-f]{1,8})");

    private final long value;
    private final Map<String, String> details;

    PostgresLsn(long value, Map<String, String> details) {
        this.value = value;
        this.details = Map.copyOf(details);
    }

    /** The LSN {@code text} ({@code X/X}) names. */
    static PostgresLsn parse(String text, Map<String, String> details) {
        Matcher matcher = TEXT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL LSN: " + text);
        }
        return new PostgresLsn(Long.parseLong(matcher.group(1), 16) << 32 | Long.parseLong(matcher.group(2), 16), details);
    }

    /** The LSN as one unsigned 64-bit number. */
    public long value() {
        return value;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String text() {
        return Long.toHexString(value >>> 32).toUpperCase(java.util.Locale.ROOT) + "/"
                + Long.toHexString(value & 0xFFFF_FFFFL).toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public Map<String, String> details() {
        return details;
    }

    @Override
    public int compareTo(Position other) {
        return Long.compareUnsigned(value, Positions.sameKind(this, other, PostgresLsn.class).value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PostgresLsn lsn && lsn.value == value;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return KIND + " " + text();
    }

    /** Reads {@value #KIND} positions back from archives. */
    public static final class Type implements PositionType {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Position parse(String text, Map<String, String> details) {
            return PostgresLsn.parse(text, details);
        }
    }
}
