package dev.tidemark.migration;

/** The database backends a cross-backend test runs on. */
public enum Backend {
    SQLITE, POSTGRESQL, MARIADB;

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
