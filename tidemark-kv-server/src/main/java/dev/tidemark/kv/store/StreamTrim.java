package dev.tidemark.kv.store;

/**
 * How XADD and XTRIM trim a stream: down to maxLen entries, or below minId; approximately (whole nodes only) or
 * exactly; deleting at most limit entries when limit is not 0.
 */
public record StreamTrim(boolean byMinId, long maxLen, StreamId minId, boolean approximate, long limit) {
}
