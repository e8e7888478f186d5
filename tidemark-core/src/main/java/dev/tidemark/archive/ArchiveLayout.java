package dev.tidemark.archive;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names of the entries inside an archive (docs/FORMAT.md, "Entries"). */
final class ArchiveLayout {
    static final String HEADER = "header.json";
    static final String MANIFEST = "manifest.json";
    static final int MAX_SAFE_NAME_LENGTH = 60;

    private static final Pattern PART_PATH =
            Pattern.compile("data/(\\d{4,9})-([A-Za-z0-9_-]{0,60})/(\\d{5,9})\\.csv");

    private ArchiveLayout() {
    }

    /** A data part's location, parsed from its entry name. */
    record PartLocation(int tableNumber, String safeName, int partNumber) {
    }

    /**
     * The table name with every code point outside {@code [A-Za-z0-9_-]} replaced by {@code _}, cut to
     * 60 characters. Only for readable directory names: the table number makes the path unique.
     */
    static String safeName(String tableName) {
        StringBuilder safe = new StringBuilder();
        tableName.codePoints().limit(MAX_SAFE_NAME_LENGTH).forEach(cp -> safe.append(
                (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || cp == '_' || cp == '-'
                        ? (char) cp : '_'));
        return safe.toString();
    }

    /** {@code data/<NNNN>-<safe-name>/<NNNNN>.csv}, table and part numbered from 1. */
    static String partPath(int tableNumber, String tableName, int partNumber) {
        return String.format(Locale.ROOT, "data/%04d-%s/%05d.csv", tableNumber, safeName(tableName), partNumber);
    }

    /** The location encoded in a part's entry name, or null when the name is not a data part's. */
    static PartLocation parsePartPath(String entryName) {
        Matcher m = PART_PATH.matcher(entryName);
        if (!m.matches()) {
            return null;
        }
        return new PartLocation(Integer.parseInt(m.group(1)), m.group(2), Integer.parseInt(m.group(3)));
    }

    /** Why an entry name may never appear in an archive (it could escape the extraction directory), or null. */
    static String unsafeNameReason(String entryName) {
        if (entryName.isEmpty()) {
            return "it is empty";
        }
        if (entryName.startsWith("/")) {
            return "it is an absolute path";
        }
        if (entryName.indexOf('\\') >= 0) {
            return "it contains a backslash";
        }
        for (String segment : entryName.split("/", -1)) {
            if (segment.equals("..")) {
                return "it contains '..'";
            }
        }
        if (entryName.length() > 1 && entryName.charAt(1) == ':') {
            return "it is an absolute path";
        }
        return null;
    }

    /** The entry name made safe to print: control characters escaped, at most 120 characters. */
    static String printable(String entryName) {
        StringBuilder out = new StringBuilder();
        entryName.codePoints().limit(120).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return entryName.codePointCount(0, entryName.length()) > 120 ? out + "…" : out.toString();
    }
}
