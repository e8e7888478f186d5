package dev.tidemark.schema;

/**
 * The backend-neutral column types of archive format v1. Every value of a column of one of these
 * types has exactly one canonical text form in the archive's CSV (docs/TYPES.md).
 * {@link #NATIVE} carries a backend-specific type without a portable equivalent as text, with the
 * original declared type recorded in {@link ColumnType#nativeType()}.
 */
public enum PortableType {
    BOOLEAN,
    SMALLINT,
    INTEGER,
    BIGINT,
    /** Exact decimal with optional precision and scale. */
    DECIMAL,
    /** IEEE 754 binary32. */
    REAL,
    /** IEEE 754 binary64. */
    DOUBLE,
    /** Fixed-length character string of {@link ColumnType#length()}. */
    CHAR,
    /** Variable-length character string of at most {@link ColumnType#length()} characters. */
    VARCHAR,
    TEXT,
    /** Binary string (BLOB, bytea, VARBINARY). */
    BINARY,
    DATE,
    /** Time of day without time zone. */
    TIME,
    /** Date and time without time zone. */
    TIMESTAMP,
    /** An instant; stored in UTC in the archive. */
    TIMESTAMPTZ,
    JSON,
    UUID,
    /** One label out of {@link ColumnType#enumLabels()}. */
    ENUM,
    /** A backend-specific type carried as text. */
    NATIVE
}
