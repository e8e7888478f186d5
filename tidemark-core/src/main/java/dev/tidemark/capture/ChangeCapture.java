package dev.tidemark.capture;

import dev.tidemark.source.Position;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A stream of the committed transactions of one source after a {@link Position}, open from
 * {@link ChangeSource#openCapture} until {@link #close()}: the change log point-in-time recovery keeps.
 *
 * <p>Contract, which every backend's capture passes (a contract test suite in the core test-jar):
 * <ul>
 *   <li>{@link #poll} returns whole committed transactions only, each once, in commit order, each with a
 *       position strictly greater than the one before and than the start position; a transaction that committed
 *       at or before the start position is never returned, and none after it is skipped.</li>
 *   <li>Every transaction carries the source's commit time (or, where the source records none, the time the
 *       capture received it, said so in the backend's documentation).</li>
 *   <li>Nothing is released upstream (a replication slot's confirmed position, binlog retention, WAL frames)
 *       beyond the last position given to {@link #commitPosition}: the caller calls it only once every
 *       transaction up to that position is durably stored, so a crash of Tidemark loses no acknowledged
 *       change. After a restart at that position, the stream continues with the next transaction.</li>
 *   <li>A change of the captured tables' structure (DDL) ends the stream with {@link SchemaChangedException}
 *       after the last transaction before it, so the caller can take a new base snapshot and open a new
 *       capture from that base's position.</li>
 *   <li>When the source can no longer deliver what follows the start position (a dropped slot, a purged
 *       binlog, a lost WAL), {@link #poll} fails with {@link CaptureGapException} naming what was lost.</li>
 * </ul>
 * Implementations are not required to be thread-safe: one thread polls and commits.
 */
public interface ChangeCapture extends AutoCloseable {

    /**
     * The next committed transaction, waiting up to {@code timeout} for one; empty when none arrived in time (the
     * caller then seals what it has, sends a heartbeat, or polls again).
     *
     * @throws SchemaChangedException when the captured tables' structure changed
     * @throws CaptureGapException    when changes after the start position are no longer available
     */
    Optional<ChangeTransaction> poll(Duration timeout) throws Exception;

    /**
     * A position up to which every committed transaction has been delivered, also when none was (a quiet source
     * that reports how far its log has moved, as PostgreSQL's keepalives do), or the last delivered position:
     * the recorder stores it so the recovery point keeps up with the clock and the source can release its log.
     */
    Position caughtUpTo();

    /**
     * When the source was at {@link #caughtUpTo()}, by the source's own clock where it reports one (PostgreSQL's
     * keepalives carry the server's time), or null when it reports none: then the recorder takes the commit time
     * of the last transaction delivered, and a quiet source's window grows only as far as that.
     */
    default Instant caughtUpAt() {
        return null;
    }

    /**
     * Tells the source that every transaction up to and including {@code position} is durably stored, so it may
     * release them (Debezium's {@code commitOffset}). Positions given are never lower than earlier ones.
     */
    void commitPosition(Position position) throws Exception;

    /** Ends the stream and releases its connection; what was not committed stays available upstream. Idempotent. */
    @Override
    void close();
}
