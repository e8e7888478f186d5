package dev.tidemark.dialect.mysql;

/** How a canonical text value is written into the LOAD DATA stream for one target column. */
enum LoadKind {
    /** Passed through unchanged (integers, decimals, strings, JSON, enum labels, native text). */
    TEXT,
    BOOLEAN,
    /** {@code \x…} written as bare hex digits, turned into bytes by {@code UNHEX} on the server. */
    BINARY,
    FLOAT,
    DOUBLE,
    DATE,
    TIME,
    TIMESTAMP,
    /** An instant written as its UTC date and time (the session runs in UTC). */
    TIMESTAMPTZ,
    UUID
}
