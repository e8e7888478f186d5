package dev.tidemark.dialect.postgres;

import dev.tidemark.dialect.Dialect;
import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import dev.tidemark.source.Connectors;

/**
 * PostgreSQL 15+ as a snapshot source and restore target. Snapshots read one REPEATABLE READ
 * transaction (exported to parallel worker connections); restores become visible in one transaction.
 */
public final class PostgresDialect implements Dialect {
    /** Default bound on the wait for the table locks of a read-only snapshot. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(30);

    private final PostgresConnectionString target;
    private final Duration lockWait;

    public PostgresDialect(PostgresConnectionString target) {
        this(target, DEFAULT_LOCK_WAIT);
    }

    /**
     * @param lockWait    how long a read-only snapshot waits for running writers before it gives up with
     *                    {@link ErrorKind#BUSY}; new writers queue behind it meanwhile, so this bounds their wait too
     */
    public PostgresDialect(PostgresConnectionString target, Duration lockWait) {
        if (lockWait.toMillis() < 1) {
            throw new IllegalArgumentException("lockWait must be at least 1 ms");
        }
        this.target = target;
        this.lockWait = lockWait;
    }

    @Override
    public String backend() {
        return "postgresql";
    }

    @Override
    public String describe() {
        return target.redacted();
    }

    /** Above 1, the session's REPEATABLE READ snapshot is exported to {@code parallelism − 1} further connections. */
    @Override
    public SnapshotSession openSnapshot(SnapshotMode mode, int parallelism) {
        return PostgresSnapshotSession.open(this, mode, Connectors.requireParallelism(parallelism));
    }

    /**
     * A restore that loads and indexes on {@code parallelism} connections in a staging schema and moves the
     * result into the target in one transaction; on one connection when that is 1 or the user may not create a
     * schema.
     */
    @Override
    public RestoreSession openRestore(int parallelism) {
        return PostgresRestoreSession.open(this, Connectors.requireParallelism(parallelism));
    }

    PostgresConnectionString target() {
        return target;
    }

    Duration lockWait() {
        return lockWait;
    }

    /**
     * Opens a connection with the session settings that make PostgreSQL's text output canonical.
     *
     * @throws TidemarkException DATABASE_UNAVAILABLE when the server cannot be reached or refuses the login
     */
    Connection connect() {
        Connection connection;
        try {
            java.util.Properties properties = target.driverProperties();
            // one Parse message per statement: the server runs no second statement hidden in one string
            properties.setProperty("preferQueryMode", "extended");
            connection = new org.postgresql.Driver().connect(target.jdbcUrl(), properties);
        } catch (SQLException e) {
            throw unavailable(e);
        }
        try (Statement statement = connection.createStatement()) {
            // standard_conforming_strings: a backslash in '…' is a plain character, as Tidemark's literals and the
            // native SQL grammar (dev.tidemark.dialect.nativesql) read it, whatever the server's configuration says
            statement.execute("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET bytea_output = 'hex';"
                    + " SET extra_float_digits = 3; SET IntervalStyle = 'iso_8601'; SET standard_conforming_strings = on");
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new TidemarkException(ErrorKind.DATABASE_ERROR, "PostgreSQL at " + target.location()
                    + " rejected the session settings: " + firstLine(e.getMessage()), "check the server's configuration", e);
        }
    }

    private TidemarkException unavailable(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String cause;
        String hint;
        if (state.equals("28P01") || state.equals("28000")) {
            cause = "authentication failed for user " + target.user();
            hint = "check the user name and password in the connection string";
        } else if (state.equals("3D000")) {
            cause = "database " + target.database() + " does not exist";
            hint = "create the database first or fix its name in the connection string";
        } else {
            cause = networkCause(e);
            hint = "check that the server is running and reachable at this host and port";
        }
        if (target.password() != null && !target.password().isEmpty()) {
            cause = cause.replace(target.password(), "***");
        }
        return new TidemarkException(ErrorKind.DATABASE_UNAVAILABLE,
                "cannot connect to PostgreSQL at " + target.location() + ": " + cause, hint, null);
    }

    /** The network-level reason, which the driver wraps in a longer, generic message. */
    private String networkCause(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException) {
                return "unknown host " + target.host();
            }
            if (t instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (t instanceof java.net.SocketTimeoutException) {
                return "no answer within " + target.properties().get("connectTimeout") + " s";
            }
        }
        String message = firstLine(e.getMessage());
        int sentenceEnd = message.indexOf(". ");
        return sentenceEnd < 0 ? message : message.substring(0, sentenceEnd + 1);
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }

    static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the connection is being abandoned; the server rolls back whatever it held
        }
    }
}
