package dev.tidemark.dialect.mysql;

import dev.tidemark.source.Position;
import dev.tidemark.source.PositionType;
import dev.tidemark.source.Positions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MySQL/MariaDB binary log position: a binlog file and the offset in it ({@code mysql-bin.000003:1543}), with
 * the server's GTID set at that point in {@link #details()} ({@code gtid}) where GTIDs are on. Ordered by the
 * file's sequence number, then the offset. A snapshot taken while the binary log was off has no file: it is
 * kept for the record but is not {@link #resumable()} and cannot be ordered.
 */
public final class BinlogPosition implements Position {
    static final String KIND = "mysql-binlog";
    /** Written by earlier releases when GTIDs were on: the GTID set as the position, file and offset in the details. */
    static final String GTID_KIND = "mysql-gtid";
    private static final Pattern TEXT = Pattern.compile("(.+):(\\d{1,19})");
    private static final Pattern SEQUENCE = Pattern.compile("(.*?)(\\d+)$");

    private final String file;
    private final long offset;
    private final Map<String, String> details;

    BinlogPosition(String file, long offset, Map<String, String> details) {
        this.file = file;
        this.offset = offset;
        this.details = Map.copyOf(details);
    }

    /** The position of a snapshot taken without a binary log. */
    static BinlogPosition none(Map<String, String> details) {
        return new BinlogPosition(null, 0, details);
    }

    static BinlogPosition parse(String text, Map<String, String> details) {
        if (text.isEmpty()) {
            return none(details);
        }
        Matcher matcher = TEXT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a binlog position (file:offset): " + text);
        }
        return new BinlogPosition(matcher.group(1), Long.parseLong(matcher.group(2)), details);
    }

    /** The binlog file, or null when the binary log was off. */
    public String file() {
        return file;
    }

    public long offset() {
        return offset;
    }

    /** The GTID set at this position, or null when GTIDs are off. */
    public String gtidSet() {
        String gtid = details.get("gtid");
        return gtid == null || gtid.isBlank() ? null : gtid;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String text() {
        return file == null ? "" : file + ":" + offset;
    }

    @Override
    public Map<String, String> details() {
        return details;
    }

    @Override
    public boolean resumable() {
        return file != null;
    }

    @Override
    public int compareTo(Position other) {
        BinlogPosition that = Positions.sameKind(this, other, BinlogPosition.class);
        if (file == null || that.file == null) {
            if (file == null && that.file == null) {
                return 0;
            }
            throw new IllegalArgumentException("a snapshot taken without a binary log has no place in it");
        }
        int byFile = compareFiles(file, that.file);
        return byFile != 0 ? byFile : Long.compare(offset, that.offset);
    }

    /** Binlog files are numbered {@code base.000001}, {@code base.000002}, …; the number may outgrow its padding. */
    private static int compareFiles(String a, String b) {
        Matcher left = SEQUENCE.matcher(a);
        Matcher right = SEQUENCE.matcher(b);
        if (left.matches() && right.matches() && left.group(1).equals(right.group(1))) {
            return new java.math.BigInteger(left.group(2)).compareTo(new java.math.BigInteger(right.group(2)));
        }
        return a.compareTo(b);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BinlogPosition that && Objects.equals(file, that.file) && offset == that.offset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, offset);
    }

    @Override
    public String toString() {
        return KIND + " " + (file == null ? "(binary log off)" : text());
    }

    /** Reads {@value #KIND} positions back from archives. */
    public static final class Type implements PositionType {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Position parse(String text, Map<String, String> details) {
            return BinlogPosition.parse(text, details);
        }
    }

    /** Reads the {@value #GTID_KIND} positions of earlier archives: file and offset come from their details. */
    public static final class GtidType implements PositionType {
        @Override
        public String kind() {
            return GTID_KIND;
        }

        @Override
        public Position parse(String text, Map<String, String> details) {
            Map<String, String> facts = new LinkedHashMap<>(details);
            facts.putIfAbsent("gtid", text);
            String file = details.getOrDefault("binlogFile", "");
            String offset = details.getOrDefault("binlogPosition", "");
            return BinlogPosition.parse(file.isEmpty() ? "" : file + ":" + offset, facts);
        }
    }
}
