package dev.tidemark.dialect.mysql;

/** How one column's values are read from a result set and turned into canonical text. */
enum ValueKind {
    /** The driver's string is already the canonical form (integers, text, enum labels, JSON, native text). */
    STRING,
    /**
     * A signed integer or an unsigned one below 2^63, read as a long: the driver's text of a BIGINT column goes
     * through a BigInteger.
     */
    INTEGER,
    /** tinyint(1) holding 0 or 1. */
    BOOLEAN,
    DECIMAL,
    /** binary32: read from the binary protocol so the exact bits arrive. */
    FLOAT,
    DOUBLE,
    BYTES,
    /** DATE, TIME, DATETIME: selected as server text and re-formatted canonically (zero dates pass through). */
    TEMPORAL,
    /** TIMESTAMP: an instant, selected as text in a UTC session and given the {@code +00} suffix. */
    INSTANT,
    UUID
}
