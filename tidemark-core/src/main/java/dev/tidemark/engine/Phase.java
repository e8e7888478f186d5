package dev.tidemark.engine;

/** The step a running job is in. */
public enum Phase {
    STARTING, READING_SCHEMA, EXPORTING, LOADING, VERIFYING, INDEXING, REPLAYING, COMMITTING, DONE, FAILED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
