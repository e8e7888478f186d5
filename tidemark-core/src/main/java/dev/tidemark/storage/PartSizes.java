package dev.tidemark.storage;

/**
 * Sizes of the parts (S3) or blocks (Azure) of a streamed upload, whose total size is not known in
 * advance. Parts start small, so small objects use little memory, and double every
 * {@code partsPerStep} parts up to {@code maxPartSize}, so a multi-terabyte archive still fits in
 * the service's part count limit while memory stays bounded by one part.
 */
public final class PartSizes {
    private final long firstPartSize;
    private final long maxPartSize;
    private final int partsPerStep;
    private final int maxParts;

    public PartSizes(long firstPartSize, long maxPartSize, int partsPerStep, int maxParts) {
        if (firstPartSize <= 0 || maxPartSize < firstPartSize || partsPerStep <= 0 || maxParts <= 0) {
            throw new IllegalArgumentException("invalid part sizes");
        }
        this.firstPartSize = firstPartSize;
        this.maxPartSize = maxPartSize;
        this.partsPerStep = partsPerStep;
        this.maxParts = maxParts;
    }

    /** Size of part {@code number}, counted from 1. */
    public long sizeOf(int number) {
        int doublings = Math.min((number - 1) / partsPerStep, 62);
        long size = firstPartSize;
        for (int i = 0; i < doublings && size < maxPartSize; i++) {
            size *= 2;
        }
        return Math.min(size, maxPartSize);
    }

    /** The most parts one upload may have. */
    public int maxParts() {
        return maxParts;
    }

    /** The largest object an upload can hold: the sum of every part's size. */
    public long maxObjectSize() {
        long total = 0;
        for (int part = 1; part <= maxParts; part++) {
            total += sizeOf(part);
        }
        return total;
    }
}
