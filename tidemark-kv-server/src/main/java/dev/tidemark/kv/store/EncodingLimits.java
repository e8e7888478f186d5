package dev.tidemark.kv.store;

/**
 * Up to which size hashes stay compact and sets stay integer arrays (Redis's hash-max-listpack-entries,
 * hash-max-listpack-value, set-max-intset-entries), and how large a stream node grows (stream-node-max-entries,
 * stream-node-max-bytes); one instance per keyspace, changed by CONFIG SET.
 */
public final class EncodingLimits {
    public int hashMaxEntries = 128;
    public int hashMaxValue = 64;
    public int intsetMaxEntries = 512;
    public long streamNodeMaxEntries = 100;
    public long streamNodeMaxBytes = 4096;
}
