package dev.tidemark.dialect.nativesql;

/**
 * Native SQL that is not in the grammar it must follow. The message is the reason alone, e.g.
 * {@code unexpected ';'}; {@link NativeSqlField} turns it into the user's error naming table and field.
 */
public final class InvalidSqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidSqlException(String reason) {
        super(reason, null, false, false);
    }

    /** The reason, e.g. {@code unexpected ';'}. */
    public String reason() {
        return getMessage();
    }
}
