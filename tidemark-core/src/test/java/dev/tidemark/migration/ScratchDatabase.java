package dev.tidemark.migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A new, empty database on one backend, dropped again on close: a file for SQLite, a database on the
 * local PostgreSQL or MariaDB server. Loads SQL scripts with the backend's own command-line client, so
 * test data gets in without Tidemark. Public for the CLI and server tests, which need real databases too.
 */
public final class ScratchDatabase implements AutoCloseable {
    private static final String PG = "127.0.0.1:5432";
    private static final String MARIADB = "127.0.0.1:3306";

    private final Backend backend;
    private final String name;
    private final Path sqliteFile;

    private ScratchDatabase(Backend backend, String name, Path sqliteFile) {
        this.backend = backend;
        this.name = name;
        this.sqliteFile = sqliteFile;
    }

    public static ScratchDatabase create(Backend backend, Path dir) throws SQLException {
        String name = "tm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        switch (backend) {
            case SQLITE:
                return new ScratchDatabase(backend, name, dir.resolve(name + ".db"));
            case POSTGRESQL:
                try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PG + "/postgres", "postgres", "");
                     Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
                }
                return new ScratchDatabase(backend, name, null);
            case MARIADB:
                try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + MARIADB + "/", "root", "");
                     Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                }
                return new ScratchDatabase(backend, name, null);
            default:
                throw new IllegalArgumentException(backend.toString());
        }
    }

    Backend backend() {
        return backend;
    }

    /** The database name on its server (the file name without {@code .db} for SQLite). */
    public String name() {
        return name;
    }

    /** The connection string Tidemark takes. */
    public String url() {
        return switch (backend) {
            case SQLITE -> "sqlite:" + sqliteFile;
            case POSTGRESQL -> "postgresql://postgres@" + PG + "/" + name;
            case MARIADB -> "mariadb://root@" + MARIADB + "/" + name;
        };
    }

    /** A plain JDBC connection, independent of Tidemark. */
    public Connection connect() throws SQLException {
        return switch (backend) {
            case SQLITE -> DriverManager.getConnection("jdbc:sqlite:" + sqliteFile);
            case POSTGRESQL -> DriverManager.getConnection("jdbc:postgresql://" + PG + "/" + name, "postgres", "");
            case MARIADB -> DriverManager.getConnection("jdbc:mariadb://" + MARIADB + "/" + name, "root", "");
        };
    }

    /** The names of the tables in the database (PostgreSQL: in schema {@code public}). */
    public List<String> tables() throws SQLException {
        try (Connection c = connect()) {
            return NativeRows.tables(backend, c);
        }
    }

    void execute(String... statements) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /**
     * Runs a SQL script with the backend's own client (sqlite3, psql, mysql), leaving out the lines for
     * which {@code skip} is true (e.g. a script's own CREATE DATABASE / connect lines).
     */
    void runScript(Path script, Predicate<String> skip, Path workDir) throws IOException, InterruptedException {
        List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8).stream()
                .filter(skip.negate()).toList();
        Path filtered = Files.createTempFile(workDir, "script", ".sql");
        Files.write(filtered, lines, StandardCharsets.UTF_8);
        List<String> command = switch (backend) {
            case SQLITE -> List.of("sqlite3", "-bail", sqliteFile.toString(), ".read " + filtered);
            case POSTGRESQL -> List.of("psql", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-d", name,
                    "-v", "ON_ERROR_STOP=1", "-q", "-f", filtered.toString());
            case MARIADB -> List.of("mysql", "-h", "127.0.0.1", "-P", "3306", "-u", "root", "--default-character-set=utf8mb4",
                    name, "-e", "source " + filtered);
        };
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command.subList(0, 1)) + " failed loading " + script.getFileName()
                    + ": " + output);
        }
    }

    @Override
    public void close() throws SQLException {
        switch (backend) {
            case SQLITE:
                break;
            case POSTGRESQL:
                try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PG + "/postgres", "postgres", "");
                     Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
                break;
            case MARIADB:
                try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + MARIADB + "/", "root", "");
                     Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + name);
                }
                break;
            default:
                throw new IllegalStateException();
        }
    }

    @Override
    public String toString() {
        return backend.label() + " " + name.toLowerCase(Locale.ROOT);
    }
}
