package dev.tidemark.source;

import java.util.List;

/**
 * Applies committed row changes to the tables of a {@link RestoreSession}, as point-in-time recovery does after
 * loading a base snapshot: called after {@link RestoreSession#finish} (indexes and keys exist, so changes find
 * their rows by key) and before {@link RestoreSession#commit}, whose all-or-nothing it shares.
 *
 * <p>Contract: changes are applied in the order given, transactions whole (the caller never stops inside one); values convert to the target's
 * types exactly as {@link RestoreSession#load} converts them; an {@link RowChange#UNCHANGED} value keeps the
 * row's current one. An update or delete that finds no row with its key, or an insert whose key exists, means
 * the change log does not continue the base: it fails with {@link dev.tidemark.error.ErrorKind#ARCHIVE_INVALID}
 * naming the table and key, and the restore commits nothing.
 */
public interface ChangeApplier {

    /**
     * Applies changes in order: a committed transaction's, or a run of them (a large transaction may come in
     * several calls; all calls of one restore share its all-or-nothing).
     */
    void apply(List<RowChange> changes) throws Exception;

    /**
     * Called once after the last change: brings what the changes do not carry up to date, e.g. moves sequences and
     * auto-increment counters past the highest key inserted. The default does nothing.
     */
    default void done() throws Exception {
    }
}
