package dev.tidemark.catalog;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a snapshot, e.g. {@code 20261125T125012345Z-main-3fa2c1}: its creation time in UTC to the
 * millisecond, the source it was taken from and six random hex digits. Ids of the same source sort by
 * creation time, so a plain sort of ids is a sort by age. Every instance is valid.
 */
public record SnapshotId(String value) implements Comparable<SnapshotId> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);
    private static final Pattern FORMAT = Pattern.compile("(\\d{8}T\\d{9}Z)-([a-z][a-z0-9]{0,31})-([0-9a-f]{6})");
    private static final Pattern SOURCE = Pattern.compile("[a-z][a-z0-9]{0,31}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @throws TidemarkException of kind {@link ErrorKind#NOT_FOUND} ("not a snapshot id: …") when
     *         {@code value} does not have the form of an id: no snapshot can have that name
     */
    public SnapshotId {
        Objects.requireNonNull(value, "value");
        Matcher matcher = FORMAT.matcher(value);
        if (!matcher.matches() || !isValidTime(matcher.group(1))) {
            throw new TidemarkException(ErrorKind.NOT_FOUND, "not a snapshot id: " + printable(value),
                    "snapshot ids look like 20261125T125012345Z-main-3fa2c1; run `tidemark snapshot list`");
        }
    }

    /** A new id for a snapshot of {@code source} (a {@link dev.tidemark.source.SnapshotSource} name) taken at {@code now}. */
    public static SnapshotId create(String source, Instant now) {
        if (source == null || !SOURCE.matcher(source).matches()) {
            throw new IllegalArgumentException("invalid snapshot source name: " + source);
        }
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        String time = TIME.format(LocalDateTime.ofInstant(now.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
        return new SnapshotId(time + "-" + source + "-" + HexFormat.of().formatHex(random));
    }

    /** The id written as {@code value}; see the constructor for malformed values. */
    public static SnapshotId parse(String value) {
        return new SnapshotId(value == null ? "" : value.strip());
    }

    /** The source the snapshot was taken from, e.g. {@code main}. */
    public String source() {
        int firstDash = value.indexOf('-');
        return value.substring(firstDash + 1, value.lastIndexOf('-'));
    }

    /** When the snapshot was started, to the millisecond. */
    public Instant createdAt() {
        return LocalDateTime.parse(value.substring(0, value.indexOf('-')), TIME).toInstant(ZoneOffset.UTC);
    }

    @Override
    public int compareTo(SnapshotId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    private static boolean isValidTime(String time) {
        try {
            LocalDateTime.parse(time, TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String printable(String text) {
        if (text.isEmpty()) {
            return "(empty)";
        }
        String shortened = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }
}
