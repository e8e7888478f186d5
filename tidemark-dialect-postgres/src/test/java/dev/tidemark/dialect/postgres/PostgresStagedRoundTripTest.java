package dev.tidemark.dialect.postgres;

/**
 * The same round trip through a parallel restore, which builds the tables in a staging schema and moves them
 * into the target at the end: names, types, keys, indexes, enums and sequences must come out the same.
 */
class PostgresStagedRoundTripTest extends PostgresRoundTripTest {
    @Override
    int restoreParallelism() {
        return 3;
    }
}
