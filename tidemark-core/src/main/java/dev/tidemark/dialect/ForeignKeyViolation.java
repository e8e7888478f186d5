package dev.tidemark.dialect;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.ForeignKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The one way every restore reports rows that break a declared foreign key, whichever backend found them:
 * {@code table orders violates foreign key orders_customer_fk: key (customer_id)=(42) is not in table customers}.
 * Keys follow MATCH SIMPLE, as in every supported backend: a key with a NULL column references nothing and is
 * never a violation.
 */
public final class ForeignKeyViolation {
    private static final int MAX_VALUE_CHARS = 60;

    private ForeignKeyViolation() {
    }

    /**
     * @param table  the referencing table
     * @param values the offending key's values in the order of {@code fk.columns()}, or null when the backend did
     *               not say which key it was
     */
    public static TidemarkException of(String table, ForeignKey fk, List<String> values) {
        String key = "(" + String.join(", ", fk.columns()) + ")";
        String offending = values == null ? "a key " + key : "key " + key + "=(" + printable(values) + ")";
        return new TidemarkException(ErrorKind.DATABASE_ERROR, "table " + table + " violates " + describe(fk) + ": "
                + offending + " is not in table " + fk.referencedTable(),
                "nothing was committed; add the missing rows to " + fk.referencedTable() + " or fix the rows of "
                        + table + " in the source");
    }

    /** The key by its name, or by its columns when the source gave it none. */
    private static String describe(ForeignKey fk) {
        return fk.name() == null || fk.name().isEmpty() ? "its foreign key on (" + String.join(", ", fk.columns()) + ")"
                : "foreign key " + fk.name();
    }

    /**
     * A query returning the key columns of one row of {@code child} whose key is complete (no NULL column) and
     * has no match in {@code parent}, or no row when every key is satisfied. The referenced columns carry a
     * primary key or unique index, so the query is one scan of {@code child} with an index lookup per row.
     *
     * @param quote  the backend's identifier quoting
     * @param child  the referencing table, quoted (and qualified where needed)
     * @param parent the referenced table, quoted; null when it does not exist, so every complete key is a violation
     */
    public static String firstViolationSql(UnaryOperator<String> quote, String child, ForeignKey fk, String parent) {
        List<String> keyColumns = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        List<String> matches = new ArrayList<>();
        for (int i = 0; i < fk.columns().size(); i++) {
            String column = "c." + quote.apply(fk.columns().get(i));
            keyColumns.add(column);
            conditions.add(column + " IS NOT NULL");
            if (parent != null) {
                matches.add("p." + quote.apply(fk.referencedColumns().get(i)) + " = " + column);
            }
        }
        if (parent != null) {
            conditions.add("NOT EXISTS (SELECT 1 FROM " + parent + " p WHERE " + String.join(" AND ", matches) + ")");
        }
        return "SELECT " + String.join(", ", keyColumns) + " FROM " + child + " c WHERE "
                + String.join(" AND ", conditions) + " LIMIT 1";
    }

    private static String printable(List<String> values) {
        List<String> shown = new ArrayList<>();
        for (String value : values) {
            String text = value == null ? "NULL" : value.replaceAll("\\p{Cntrl}", "?");
            shown.add(text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS) + "…" : text);
        }
        return String.join(", ", shown);
    }
}
