package dev.tidemark.dialect.sqlite;

import java.util.Locale;

/** The column affinity SQLite derives from a declared type (https://sqlite.org/datatype3.html §3.1). */
enum SqliteAffinity {
    INTEGER, TEXT, BLOB, REAL, NUMERIC;

    static SqliteAffinity of(String declaredType) {
        String upper = declaredType == null ? "" : declaredType.toUpperCase(Locale.ROOT);
        if (upper.contains("INT")) {
            return INTEGER;
        }
        if (upper.contains("CHAR") || upper.contains("CLOB") || upper.contains("TEXT")) {
            return TEXT;
        }
        if (upper.isBlank() || upper.contains("BLOB")) {
            return BLOB;
        }
        if (upper.contains("REAL") || upper.contains("FLOA") || upper.contains("DOUB")) {
            return REAL;
        }
        return NUMERIC;
    }

    /** Whether SQLite turns well-formed numeric text into INTEGER/REAL values on insert. */
    boolean convertsNumericText() {
        return this == INTEGER || this == NUMERIC || this == REAL;
    }
}
