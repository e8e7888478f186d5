package dev.tidemark.dialect.mysql;

import dev.tidemark.source.KeyRange;
import dev.tidemark.source.RowSink;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A consistent snapshot of one MySQL/MariaDB database. A lock connection takes
 * {@code FLUSH TABLES <every table of the database> WITH READ LOCK} (writers to these tables wait, the rest
 * of the server is unaffected), then each worker connection starts a REPEATABLE READ transaction
 * {@code WITH CONSISTENT SNAPSHOT}; all of them therefore see the same point, which is recorded from the
 * binary log. In {@link SnapshotMode#READ_ONLY} the lock is held until {@link #close()}; in
 * {@link SnapshotMode#ONLINE} it is released as soon as the workers' snapshots exist.
 */
final class MysqlSnapshotSession implements SnapshotSession {
    /** Seconds to wait for writers to finish before the read lock is granted. */
    private static final int LOCK_WAIT_SECONDS = 60;

    /** How long a worker's result stream may stall (see {@link #open}). */
    private static final int WORKER_WRITE_TIMEOUT_SECONDS = 24 * 3600;

    private final MysqlConnectionString target;
    private final ServerInfo server;
    private final List<Connection> connections;
    private final BlockingQueue<Connection> idle;
    private Connection lockConnection;
    private BinlogPosition point;
    private MysqlSchemaReader.Result schema;
    private final List<String> warnings = new ArrayList<>();
    private boolean closed;

    private MysqlSnapshotSession(MysqlConnectionString target, ServerInfo server, Connection lockConnection,
                                 List<Connection> workers) {
        this.target = target;
        this.server = server;
        this.lockConnection = lockConnection;
        this.connections = workers;
        this.idle = new ArrayBlockingQueue<>(workers.size(), false, workers);
    }

    static MysqlSnapshotSession open(MysqlConnectionString target, SnapshotMode mode, int parallelism) {
        Connection lock = MysqlConnections.open(target, false);
        List<Connection> workers = new ArrayList<>();
        MysqlSnapshotSession session = null;
        try {
            ServerInfo server = ServerInfo.of(lock);
            Set<String> locked = lockTables(target, lock);
            for (int i = 0; i < parallelism; i++) {
                Connection worker = MysqlConnections.open(target, false);
                workers.add(worker);
                try (Statement statement = worker.createStatement()) {
                    // a worker streaming a later key range may wait while earlier ranges are written to the archive;
                    // the server would otherwise drop it after net_write_timeout (60 s by default)
                    statement.execute("SET SESSION net_write_timeout = " + WORKER_WRITE_TIMEOUT_SECONDS);
                    statement.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                    statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
                }
            }
            session = new MysqlSnapshotSession(target, server, lock, workers);
            session.point = session.readPosition(workers.get(0));
            session.schema = new MysqlSchemaReader(workers.get(0), server, locked).read();
            session.warnings.addAll(session.schema.warnings());
            if (mode == SnapshotMode.ONLINE) {
                session.releaseLock();
            }
            return session;
        } catch (SQLException e) {
            workers.forEach(MysqlConnections::closeQuietly);
            MysqlConnections.closeQuietly(lock);
            throw new TidemarkException(ErrorKind.DATABASE_ERROR, "cannot start a snapshot of " + target.location() + ": "
                    + MysqlConnections.clean(e, target),
                    "the user needs SELECT, LOCK TABLES and RELOAD privileges; long-running writes delay the lock", e);
        } catch (RuntimeException e) {
            workers.forEach(MysqlConnections::closeQuietly);
            MysqlConnections.closeQuietly(lock);
            throw e;
        }
    }

    /**
     * Locks only this database's tables: a global FLUSH TABLES WITH READ LOCK would also stop writes to every
     * other database on the server (including the target of a migration into the same server).
     */
    private static Set<String> lockTables(MysqlConnectionString target, Connection lock) throws SQLException {
        Set<String> names = new HashSet<>();
        List<String> tables = new ArrayList<>();
        try (Statement statement = lock.createStatement();
             ResultSet rs = statement.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES"
                     + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
                tables.add(MysqlDdl.quote(rs.getString(1)));
            }
        }
        if (tables.isEmpty()) {
            return names;
        }
        try (Statement statement = lock.createStatement()) {
            statement.execute("SET SESSION lock_wait_timeout = " + LOCK_WAIT_SECONDS);
            statement.execute("FLUSH TABLES " + String.join(", ", tables) + " WITH READ LOCK");
        } catch (SQLException e) {
            if (e.getErrorCode() == 1205) {
                throw new TidemarkException(ErrorKind.BUSY, "cannot lock the tables of " + target.location()
                        + " for a snapshot: writers held them for " + LOCK_WAIT_SECONDS + " s",
                        "retry when long-running transactions have finished, or use the online mode", e);
            }
            throw e;
        }
        return names;
    }

    private BinlogPosition readPosition(Connection worker) throws SQLException {
        Map<String, String> details = new LinkedHashMap<>();
        String logBin = single(worker, "SELECT @@log_bin");
        boolean binlog = "1".equals(logBin) || "ON".equalsIgnoreCase(logBin);
        if (!binlog) {
            warnings.add("binary log is off on " + target.location()
                    + ": this snapshot cannot be the starting point of point-in-time recovery (enable log_bin)");
            details.put("binlog", "off");
            return BinlogPosition.none(details);
        }
        String file;
        String position;
        if (server.mariadb()) {
            // MariaDB reports the binlog position matching this transaction's consistent snapshot exactly
            Map<String, String> status = new LinkedHashMap<>();
            try (Statement statement = worker.createStatement();
                 ResultSet rs = statement.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
                while (rs.next()) {
                    status.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
                }
            }
            file = status.get("binlog_snapshot_file");
            position = status.get("binlog_snapshot_position");
        } else {
            String[] master = masterStatus(worker);
            file = master[0];
            position = master[1];
        }
        if (file == null || position == null) {
            warnings.add("the binary log position of " + target.location() + " could not be read (SHOW MASTER STATUS "
                    + "needs the BINLOG MONITOR or REPLICATION CLIENT privilege): this snapshot cannot be the starting "
                    + "point of point-in-time recovery");
            details.put("binlog", "unknown");
            return BinlogPosition.none(details);
        }
        details.put("binlogFile", file);
        details.put("binlogPosition", position);
        String gtid = single(worker, server.mariadb() ? "SELECT @@gtid_binlog_pos" : "SELECT @@gtid_executed");
        if (gtid != null && !gtid.isBlank()) {
            details.put("gtid", gtid.replace("\n", ""));
        }
        return new BinlogPosition(file, Long.parseLong(position), details);
    }

    private String[] masterStatus(Connection worker) throws SQLException {
        String sql = "SHOW MASTER STATUS";
        try (Statement statement = worker.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : new String[] {null, null};
        } catch (SQLException renamedInMysql84) {
            try (Statement statement = worker.createStatement();
                 ResultSet rs = statement.executeQuery("SHOW BINARY LOG STATUS")) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : new String[] {null, null};
            }
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Override
    public String backendVersion() {
        return server.describe();
    }

    @Override
    public BinlogPosition position() {
        return point;
    }

    @Override
    public Schema schema() {
        return schema.schema();
    }

    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public int parallelism() {
        return connections.size();
    }

    @Override
    public void exportTable(Table table, KeyRange range, RowSink sink) throws Exception {
        List<MysqlTypeMapping.ReadPlan> plans = schema.plans().get(table.name());
        if (plans == null) {
            throw new IllegalArgumentException("table " + table.name() + " is not part of this snapshot");
        }
        Connection connection = idle.take();
        try {
            new MysqlTableExporter(connection, table, plans).export(range, sink);
        } finally {
            idle.put(connection);
        }
    }

    /**
     * Splits on the integer primary key by even key width, sized from InnoDB's estimate of the table's data
     * and index size, which is close enough to its CSV size to balance the ranges.
     */
    @Override
    public List<KeyRange> split(Table table, long targetBytes) throws Exception {
        Optional<Column> key = KeyRange.splitColumn(table);
        if (key.isEmpty() || connections.size() < 2) {
            return List.of(KeyRange.ALL);
        }
        String quotedKey = MysqlDdl.quote(key.get().name());
        Connection connection = idle.take();
        try (PreparedStatement size = connection.prepareStatement("SELECT COALESCE(DATA_LENGTH, 0) FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?");
             Statement bounds = connection.createStatement()) {
            size.setString(1, table.name());
            long bytes;
            try (ResultSet rs = size.executeQuery()) {
                bytes = rs.next() ? rs.getLong(1) : 0;
            }
            try (ResultSet rs = bounds.executeQuery("SELECT CAST(MIN(" + quotedKey + ") AS SIGNED), CAST(MAX(" + quotedKey
                    + ") AS SIGNED) FROM " + MysqlDdl.quote(table.name()))) {
                rs.next();
                long min = rs.getLong(1);
                if (rs.wasNull()) {
                    return List.of(KeyRange.ALL);
                }
                return KeyRange.evenSplit(key.get().name(), min, rs.getLong(2), bytes, targetBytes);
            }
        } finally {
            idle.put(connection);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Connection connection : connections) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("ROLLBACK");
            } catch (SQLException ignored) {
                // the transaction is read-only; closing the connection ends it as well
            }
            MysqlConnections.closeQuietly(connection);
        }
        releaseLock();
    }

    private void releaseLock() {
        if (lockConnection == null) {
            return;
        }
        try (Statement statement = lockConnection.createStatement()) {
            statement.execute("UNLOCK TABLES");
        } catch (SQLException ignored) {
            // closing the connection below releases the lock as well
        }
        MysqlConnections.closeQuietly(lockConnection);
        lockConnection = null;
    }
}
