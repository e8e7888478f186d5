package dev.tidemark.dialect.postgres;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A private schema a parallel restore builds its tables in, on several connections whose work is committed as
 * it goes: COPY and index builds of one table can then run at the same time, which one transaction cannot do.
 * Nothing in the target schema changes until the restore's own transaction moves the finished tables over
 * ({@code ALTER TABLE … SET SCHEMA}) and commits, so the restore stays all-or-nothing.
 *
 * <p>The schema is named {@code _tm_restore_<random>}. Its owner holds a session-level advisory lock on that
 * name for as long as it lives; a schema whose lock is free belongs to a restore that was killed, and the next
 * parallel restore drops it.
 */
final class PostgresStaging implements AutoCloseable {
    static final String PREFIX = "_tm_restore_";
    /** First key of the advisory locks: "tm". */
    private static final int LOCK_CLASS = 0x746d;

    private final PostgresDialect dialect;
    private final int parallelism;
    private final String name;
    private final BlockingQueue<Connection> idle = new LinkedBlockingQueue<>();
    private final List<Connection> opened = new ArrayList<>();
    private Connection owner;
    private boolean created;
    private boolean closed;

    private PostgresStaging(PostgresDialect dialect, int parallelism) {
        this.dialect = dialect;
        this.parallelism = parallelism;
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        this.name = PREFIX + HexFormat.of().formatHex(random);
    }

    /**
     * A staging area with {@code parallelism} loader connections, or null when the user may not create a schema
     * in the database (the restore then runs on one connection).
     */
    static PostgresStaging openIfPermitted(PostgresDialect dialect, Connection probe, int parallelism) throws SQLException {
        try (Statement statement = probe.createStatement();
             ResultSet rs = statement.executeQuery("SELECT has_database_privilege(current_database(), 'CREATE')")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return null;
            }
        }
        return new PostgresStaging(dialect, parallelism);
    }

    String name() {
        return name;
    }

    int parallelism() {
        return parallelism;
    }

    /** Drops schemas left by killed restores, then creates this one and takes its lock. */
    void create() throws SQLException {
        owner = open();
        try (Statement statement = owner.createStatement()) {
            removeLeftovers(statement);
            statement.execute("SELECT pg_advisory_lock(" + LOCK_CLASS + ", hashtext(" + literal(name) + "))");
            statement.execute("CREATE SCHEMA " + PostgresDdl.quote(name));
            created = true;
        }
    }

    private void removeLeftovers(Statement statement) throws SQLException {
        List<String> leftovers = new ArrayList<>();
        try (PreparedStatement ps = owner.prepareStatement("SELECT nspname FROM pg_namespace WHERE starts_with(nspname, ?)")) {
            ps.setString(1, PREFIX);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    leftovers.add(rs.getString(1));
                }
            }
        }
        for (String leftover : leftovers) {
            String key = LOCK_CLASS + ", hashtext(" + literal(leftover) + ")";
            try (ResultSet rs = statement.executeQuery("SELECT pg_try_advisory_lock(" + key + ")")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    continue; // a running restore owns it
                }
            }
            try {
                statement.execute("DROP SCHEMA IF EXISTS " + PostgresDdl.quote(leftover) + " CASCADE");
            } finally {
                statement.execute("SELECT pg_advisory_unlock(" + key + ")");
            }
        }
    }

    /** Runs the one statement {@code sql} on the owner connection; its effect is committed at once. */
    void execute(String sql) throws SQLException {
        try (Statement statement = owner.createStatement()) {
            PostgresStatements.execute(statement, sql);
        }
    }

    /** A loader connection for the calling thread, waiting while all {@link #parallelism} are in use. */
    Connection borrow() throws InterruptedException {
        Connection connection = idle.poll();
        if (connection != null) {
            return connection;
        }
        synchronized (opened) {
            if (closed) {
                throw new IllegalStateException("the restore session is closed");
            }
            if (opened.size() < parallelism) {
                Connection fresh = open();
                opened.add(fresh);
                return fresh;
            }
        }
        return idle.take();
    }

    void giveBack(Connection connection) {
        idle.add(connection);
    }

    /**
     * Runs the statements of each wave at the same time on up to {@link #parallelism} connections, larger
     * waves' statements in the order given; a wave starts when the one before it has finished. The first
     * failure stops the rest and is thrown.
     */
    void runWaves(List<List<String>> waves) throws Exception {
        ExecutorService builders = Executors.newFixedThreadPool(parallelism, r -> {
            Thread thread = new Thread(r, "tidemark-index");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (List<String> wave : waves) {
                List<Future<?>> running = new ArrayList<>();
                for (String sql : wave) {
                    running.add(builders.submit(() -> {
                        Connection connection = borrow();
                        try (Statement statement = connection.createStatement()) {
                            PostgresStatements.execute(statement, sql);
                        } finally {
                            giveBack(connection);
                        }
                        return null;
                    }));
                }
                for (Future<?> build : running) {
                    try {
                        build.get();
                    } catch (ExecutionException e) {
                        running.forEach(other -> other.cancel(true));
                        throw e.getCause() instanceof Exception cause ? cause : e;
                    }
                }
            }
        } finally {
            builders.shutdownNow();
        }
    }

    private Connection open() {
        Connection connection = dialect.connect();
        try (Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            // the staging tables are new and nobody else writes them: waiting on a commit's flush buys nothing
            statement.execute("SET synchronous_commit = off");
            // type names written unqualified (a PostgreSQL source's own column types) find the enums created here
            statement.execute("SELECT set_config('search_path', " + literal(PostgresDdl.quote(name))
                    + " || ', ' || current_setting('search_path'), false)");
            return connection;
        } catch (SQLException e) {
            PostgresDialect.closeQuietly(connection);
            throw new TidemarkException(ErrorKind.DATABASE_ERROR, "cannot start a loader connection to "
                    + dialect.describe() + ": " + PostgresDialect.firstLine(e.getMessage()), "check the user's privileges", e);
        }
    }

    /**
     * Closes the loader connections and drops what is left of the staging schema (all of it when the restore
     * did not commit, an empty schema when it did). Idempotent; a failure leaves the schema to the next restore.
     */
    @Override
    public void close() {
        synchronized (opened) {
            if (closed) {
                return;
            }
            closed = true;
            opened.forEach(PostgresDialect::closeQuietly);
        }
        if (owner == null) {
            return;
        }
        if (created) {
            try (Statement statement = owner.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + PostgresDdl.quote(name) + " CASCADE");
            } catch (SQLException ignored) {
                // the lock ends with the connection below, so the next parallel restore removes the schema
            }
        }
        PostgresDialect.closeQuietly(owner);
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
