package dev.tidemark.dialect;

import dev.tidemark.source.Connector;

/**
 * A SQL database backend: a {@link Connector} whose sessions carry a relational schema. Its snapshot sessions
 * export tables in primary-key order and split large tables by an integer key; its restore sessions create the
 * tables in {@link dev.tidemark.source.RestoreSession#prepare}, and secondary indexes, unique and foreign keys and
 * sequence values in {@link dev.tidemark.source.RestoreSession#finish}. Implementations live in one module per
 * backend ({@code tidemark-dialect-sqlite}, …) and pass the dialect contract tests ({@code DialectContractTest}
 * in the core test-jar).
 */
public interface Dialect extends Connector {
}
