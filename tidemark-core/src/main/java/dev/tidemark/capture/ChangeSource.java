package dev.tidemark.capture;

import dev.tidemark.source.Position;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;

/**
 * What a {@link dev.tidemark.source.Connector} offers for point-in-time recovery when its backend can stream its
 * changes; a connector that can implements this interface too. PostgreSQL anchors with a logical replication slot
 * created with an exported snapshot, MySQL/MariaDB with the binlog position read under the consistent snapshot,
 * SQLite with a held read transaction over the WAL, the KV stores with the replication offset of the base they
 * send.
 *
 * <p>A capture has a name ({@code captureName}: lower-case letters, digits and {@code _}, at most 40
 * characters), chosen by the caller and stable across restarts, under which the source keeps what the capture
 * needs upstream (PostgreSQL: the replication slot of that name).
 */
public interface ChangeSource {

    /**
     * Checks that the source is set up for capture (e.g. {@code wal_level=logical} and the replication right,
     * {@code binlog_format=ROW} with full row images, tables with a key or a replica identity) and says exactly
     * what to change when it is not.
     *
     * @throws dev.tidemark.error.TidemarkException CONFIG naming the setting and the value it needs
     */
    void checkReady();

    /**
     * Opens a snapshot session whose {@link SnapshotSession#position()} is a point the capture {@code captureName}
     * can start from with nothing missed and nothing applied twice: every transaction committed up to it is in
     * the snapshot, every later one will be delivered by {@link #openCapture} from that position. What the source
     * kept for an earlier anchor of that name is replaced.
     */
    SnapshotSession openAnchoredSnapshot(String captureName, SnapshotMode mode, int parallelism);

    /**
     * Opens the capture {@code captureName}, delivering the transactions committed after {@code start}: the
     * position of its anchored snapshot, or one it delivered or reported as caught up to since.
     *
     * @throws CaptureGapException when the source no longer holds the changes after {@code start}
     */
    ChangeCapture openCapture(String captureName, Position start) throws Exception;

    /** Drops what the source keeps for {@code captureName} (point-in-time recovery turned off). Idempotent. */
    void release(String captureName) throws Exception;
}
