package dev.tidemark.capture;

import dev.tidemark.source.Position;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;

/**
 * What a {@link dev.tidemark.source.Connector} offers for point-in-time recovery when its backend can stream its
 * changes ({@code Connector.changes()}): a base snapshot anchored where a capture can start, and captures from a
 * position. PostgreSQL anchors with a logical replication slot created with an exported snapshot, MySQL/MariaDB
 * with the binlog position read under the consistent snapshot, SQLite with a held read transaction over the WAL,
 * the KV stores with the replication offset of the base they send.
 */
public interface ChangeSource {

    /**
     * Checks that the source is set up for capture (e.g. {@code wal_level=logical} and the replication right,
     * {@code binlog_format=ROW} with full row images) and says exactly what to change when it is not.
     *
     * @throws dev.tidemark.error.TidemarkException CONFIG naming the setting and the value it needs
     */
    void checkReady();

    /**
     * Opens a snapshot session whose {@link SnapshotSession#position()} is a point a capture can start from with
     * nothing missed and nothing applied twice: every transaction committed up to it is in the snapshot, every
     * later one will be delivered by {@link #openCapture} from that position.
     */
    SnapshotSession openAnchoredSnapshot(SnapshotMode mode, int parallelism);

    /**
     * Opens a capture delivering the transactions committed after {@code start}, a position of an anchored
     * snapshot or one a capture returned.
     *
     * @throws CaptureGapException when the source no longer holds the changes after {@code start}
     */
    ChangeCapture openCapture(Position start) throws Exception;
}
