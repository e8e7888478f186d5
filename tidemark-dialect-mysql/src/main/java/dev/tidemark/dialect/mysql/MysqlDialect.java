package dev.tidemark.dialect.mysql;

import dev.tidemark.dialect.Dialect;
import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A MySQL 8 or MariaDB database. The backend is detected from the server's version string on first use
 * (MariaDB before MySQL, as MariaDB also reports a MySQL-compatible version).
 */
public final class MysqlDialect implements Dialect {
    private final MysqlConnectionString target;
    private final int parallelism;
    private volatile ServerInfo server;

    public MysqlDialect(MysqlConnectionString target) {
        this(target, 2);
    }

    /** @param parallelism how many tables a snapshot may export at once, each on its own connection */
    public MysqlDialect(MysqlConnectionString target, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.target = target;
        this.parallelism = parallelism;
    }

    /** {@code mariadb} or {@code mysql}; connects once to find out. */
    @Override
    public String backend() {
        return server().backend();
    }

    @Override
    public String describe() {
        return target.describe();
    }

    @Override
    public SnapshotSession openSnapshot(SnapshotMode mode) {
        return MysqlSnapshotSession.open(target, mode, parallelism);
    }

    @Override
    public SnapshotSession openSnapshot(SnapshotMode mode, int exportParallelism) {
        return MysqlSnapshotSession.open(target, mode, Math.max(1, exportParallelism));
    }

    @Override
    public RestoreSession openRestore() {
        return MysqlRestoreSession.open(target);
    }

    @Override
    public RestoreSession openRestore(int loadParallelism) {
        return MysqlRestoreSession.open(target, Math.max(1, loadParallelism));
    }

    private ServerInfo server() {
        ServerInfo known = server;
        if (known == null) {
            Connection connection = MysqlConnections.open(target, false);
            try {
                known = ServerInfo.of(connection);
            } catch (SQLException e) {
                throw MysqlConnections.unavailable(target, e);
            } finally {
                MysqlConnections.closeQuietly(connection);
            }
            server = known;
        }
        return known;
    }
}
