package dev.tidemark.capture;

import dev.tidemark.source.Position;
import dev.tidemark.source.RowChange;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One committed transaction of a source, as a {@link ChangeCapture} delivers it.
 *
 * @param position   where the transaction committed; restoring to it includes the transaction
 * @param commitTime when it committed, as the source recorded it
 * @param changes    its row changes in the order they were made; never empty
 */
public record ChangeTransaction(Position position, Instant commitTime, List<RowChange> changes) {
    public ChangeTransaction {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(commitTime, "commitTime");
        changes = List.copyOf(changes);
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a transaction holds at least one change");
        }
    }
}
