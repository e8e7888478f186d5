package dev.tidemark.source;

import java.util.List;

/**
 * Applies committed row changes to the tables of a {@link RestoreSession}, as point-in-time recovery does after
 * loading a base snapshot: called after {@link RestoreSession#finish} (indexes and keys exist, so changes find
 * their rows by key) and before {@link RestoreSession#commit}, whose all-or-nothing it shares.
 *
 * <p>Contract: changes are applied in the order given, each transaction whole; values convert to the target's
 * types exactly as {@link RestoreSession#load} converts them; an {@link RowChange#UNCHANGED} value keeps the
 * row's current one. An update or delete that finds no row with its key, or an insert whose key exists, means
 * the change log does not continue the base: it fails with {@link dev.tidemark.error.ErrorKind#ARCHIVE_INVALID}
 * naming the table and key, and the restore commits nothing.
 */
public interface ChangeApplier {

    /** Applies the changes of one committed transaction, in order. */
    void apply(List<RowChange> transaction) throws Exception;
}
