package dev.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.dialect.sqlite.SqliteTestDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables far larger than the heap snapshot and restore: the packaged jar runs with -Xmx256m on a
 * 5,000,000-row table of each backend, so any per-row accumulation fails with OutOfMemoryError.
 */
class LargeTableIT {
    private static final int ROWS = 5_000_000;
    private static final String PG = "127.0.0.1:5432";
    private static final String MARIADB = "127.0.0.1:3306";

    @TempDir
    Path dir;

    @Test
    void sqlite() throws Exception {
        Path source = dir.resolve("big.db");
        fillSqlite(source);
        Path target = dir.resolve("restored.db");
        snapshotAndRestore("sqlite:" + source, "sqlite:" + target);

        try (Connection c = SqliteTestDb.connect(target); Statement s = c.createStatement()) {
            s.execute("ATTACH DATABASE '" + source + "' AS src");
            assertThat(count(s, "SELECT count(*) FROM main.events")).isEqualTo(ROWS);
            assertThat(count(s, "SELECT count(*) FROM (SELECT * FROM src.events EXCEPT SELECT * FROM main.events)")).isZero();
            assertThat(count(s, "SELECT count(*) FROM (SELECT * FROM main.events EXCEPT SELECT * FROM src.events)")).isZero();
        }
    }

    @Test
    void postgresql() throws Exception {
        String source = scratchName();
        String target = scratchName();
        try {
            pgAdmin("CREATE DATABASE " + source, "CREATE DATABASE " + target);
            try (Connection c = pg(source); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE events (id bigint PRIMARY KEY, user_id integer NOT NULL, kind varchar(32),"
                        + " payload text, amount numeric(12,2), at timestamptz)");
                s.execute("INSERT INTO events SELECT i, i % 100000, 'kind-' || (i % 17),"
                        + " CASE WHEN i % 11 = 0 THEN NULL ELSE 'payload, \"quoted\" ' || md5(i::text) END,"
                        + " (i % 100000) + (i % 100) / 100.0, timestamptz '2024-01-01 00:00:00+00' + i * interval '1 second'"
                        + " FROM generate_series(1, " + ROWS + ") i");
            }
            snapshotAndRestore("postgresql://postgres@" + PG + "/" + source, "postgresql://postgres@" + PG + "/" + target);
            String checksum = "SELECT count(*), sum(('x' || substr(md5(e::text), 1, 15))::bit(60)::bigint) FROM events e";
            assertThat(rows(pg(target), checksum)).isEqualTo(rows(pg(source), checksum)).startsWith(ROWS + "|");
        } finally {
            pgAdmin("DROP DATABASE IF EXISTS " + source + " WITH (FORCE)", "DROP DATABASE IF EXISTS " + target + " WITH (FORCE)");
        }
    }

    @Test
    void mariadb() throws Exception {
        String source = scratchName();
        String target = scratchName();
        try {
            mariadbAdmin("CREATE DATABASE " + source, "CREATE DATABASE " + target);
            try (Connection c = mariadb(source); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE events (id BIGINT PRIMARY KEY, user_id INT NOT NULL, kind VARCHAR(32),"
                        + " payload TEXT, amount DECIMAL(12,2), at DATETIME(6))");
                s.execute("INSERT INTO events SELECT seq, seq % 100000, CONCAT('kind-', seq % 17),"
                        + " IF(seq % 11 = 0, NULL, CONCAT('payload, \"quoted\" ', MD5(seq))),"
                        + " (seq % 100000) + (seq % 100) / 100, TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq SECOND"
                        + " FROM seq_1_to_" + ROWS);
            }
            snapshotAndRestore("mariadb://root@" + MARIADB + "/" + source, "mariadb://root@" + MARIADB + "/" + target);
            String checksum = "SELECT count(*), SUM(CRC32(CONCAT_WS('|', id, user_id, kind, IFNULL(payload, '<null>'),"
                    + " amount, at))) FROM events";
            assertThat(rows(mariadb(target), checksum)).isEqualTo(rows(mariadb(source), checksum)).startsWith(ROWS + "|");
        } finally {
            mariadbAdmin("DROP DATABASE IF EXISTS " + source, "DROP DATABASE IF EXISTS " + target);
        }
    }

    /** Runs the packaged jar with a 256 MB heap: snapshot of {@code source}, restore into {@code target}. */
    private void snapshotAndRestore(String source, String target) throws Exception {
        Map<String, String> env = Map.of("DATA_DIR", dir.resolve("data").toString(), "DATABASE_URL", source);
        List<String> created = tidemark(env, "snapshot", "create");
        String id = created.get(created.size() - 1);
        tidemark(env, "snapshot", "restore", id, "--target", target, "--yes");
    }

    private List<String> tidemark(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-jar", System.getProperty("tidemark.jar")));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(dir, "stderr-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.MINUTES)).as("tidemark %s finished", args[1]).isTrue();
        assertThat(process.exitValue()).as("tidemark %s: %s", args[1], Files.readString(stderr)).isZero();
        return out.lines().toList();
    }

    private static void fillSqlite(Path file) throws Exception {
        try (Connection c = SqliteTestDb.connect(file); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=OFF");
            s.execute("PRAGMA synchronous=OFF");
            s.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, kind VARCHAR(32),"
                    + " payload TEXT, amount NUMERIC(12,2), at DATETIME)");
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= ROWS; i++) {
                    insert.setLong(1, i);
                    insert.setLong(2, i % 100_000);
                    insert.setString(3, "kind-" + (i % 17));
                    insert.setString(4, i % 11 == 0 ? null : "payload, \"quoted\" " + Integer.toHexString(i * 31));
                    insert.setString(5, (i % 100_000) + "." + String.format("%02d", i % 100));
                    insert.setString(6, "2024-01-01 00:00:" + String.format("%02d", i % 60));
                    insert.addBatch();
                    if (i % 10_000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            c.commit();
        }
    }

    private static String scratchName() {
        return "tm_big_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static Connection pg(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + PG + "/" + database, "postgres", "");
    }

    private static Connection mariadb(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + MARIADB + "/" + database, "root", "");
    }

    private static void pgAdmin(String... statements) throws SQLException {
        try (Connection c = pg("postgres"); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static void mariadbAdmin(String... statements) throws SQLException {
        try (Connection c = mariadb(""); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** The result of a one-row query as "a|b|…", closing the connection. */
    private static String rows(Connection connection, String sql) throws SQLException {
        try (connection; Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.append(i > 1 ? "|" : "").append(rs.getString(i));
            }
            return row.toString();
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
