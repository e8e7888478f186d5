package dev.tidemark.dialect.mysql;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** Opens connections with the session settings every Tidemark connection to MySQL/MariaDB relies on. */
final class MysqlConnections {
    /**
     * Strict so a value the column cannot hold fails instead of being truncated; NO_AUTO_VALUE_ON_ZERO so an
     * auto-increment column's 0 survives a restore; no ANSI_QUOTES so backticks remain the one quote.
     */
    static final String SQL_MODE = "STRICT_ALL_TABLES,NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION,"
            + "ERROR_FOR_DIVISION_BY_ZERO";

    /** The server's ER_BAD_DB_ERROR: the database named at login does not exist. */
    private static final int UNKNOWN_DATABASE = 1049;
    private static final Pattern CONNECTION_NUMBER = Pattern.compile("^\\(conn=\\d+\\)\\s*");

    private MysqlConnections() {
    }

    /**
     * Opens a connection in UTC with utf8mb4 and strict SQL mode.
     *
     * @param allowLocalInfile whether LOAD DATA LOCAL may be used; only for restore connections, whose
     *                         input streams Tidemark generates itself
     * @throws TidemarkException DATABASE_UNAVAILABLE when the server cannot be reached or refuses the login
     */
    static Connection open(MysqlConnectionString target, boolean allowLocalInfile) {
        Connection connection;
        try {
            connection = DriverManager.getConnection(target.jdbcUrl(), target.driverProperties(allowLocalInfile));
        } catch (SQLException e) {
            throw unavailable(target, e);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET NAMES utf8mb4 COLLATE utf8mb4_bin");
            statement.execute("SET SESSION time_zone = '+00:00', SESSION sql_mode = '" + SQL_MODE + "'");
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new TidemarkException(ErrorKind.DATABASE_ERROR, "cannot set up a session on " + target.location()
                    + ": " + clean(e, target), "check the server's version and the user's privileges", e);
        }
    }

    static TidemarkException unavailable(MysqlConnectionString target, SQLException e) {
        if (e.getErrorCode() == UNKNOWN_DATABASE) {
            return new TidemarkException(ErrorKind.DATABASE_UNAVAILABLE, "cannot connect to MySQL/MariaDB at "
                    + target.location() + ": database " + target.database() + " does not exist",
                    "create the database first or fix its name in the connection string");
        }
        return new TidemarkException(ErrorKind.DATABASE_UNAVAILABLE,
                "cannot connect to MySQL/MariaDB at " + target.location() + ": " + clean(e, target),
                "check that the server is running, the database exists and the user and password are right");
    }

    /**
     * The first line of the driver's message without its connection number, with the password removed should
     * the driver ever echo it.
     */
    static String clean(SQLException e, MysqlConnectionString target) {
        String message = CONNECTION_NUMBER.matcher(TidemarkException.reasonOf(e)).replaceFirst("");
        String password = target.password();
        if (password != null && !password.isEmpty()) {
            message = message.replace(password, "***");
        }
        return message.strip();
    }

    static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is best effort: the original failure is what the user needs to see
        }
    }
}
