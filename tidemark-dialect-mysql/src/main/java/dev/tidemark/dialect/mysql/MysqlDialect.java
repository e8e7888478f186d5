package dev.tidemark.dialect.mysql;

import dev.tidemark.dialect.Dialect;
import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import java.sql.Connection;
import java.sql.SQLException;
import dev.tidemark.source.Connectors;

/**
 * A MySQL 8 or MariaDB database. The backend is detected from the server's version string on first use
 * (MariaDB before MySQL, as MariaDB also reports a MySQL-compatible version).
 */
public final class MysqlDialect implements Dialect {
    private final MysqlConnectionString target;
    private volatile ServerInfo server;

    public MysqlDialect(MysqlConnectionString target) {
        this.target = target;
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

    /** Exports on {@code parallelism} connections, each in a consistent-snapshot transaction opened under the lock. */
    @Override
    public SnapshotSession openSnapshot(SnapshotMode mode, int parallelism) {
        return MysqlSnapshotSession.open(target, mode, Connectors.requireParallelism(parallelism));
    }

    @Override
    public RestoreSession openRestore(int parallelism) {
        return MysqlRestoreSession.open(target, Connectors.requireParallelism(parallelism));
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
