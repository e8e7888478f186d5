package dev.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.dialect.sqlite.SqliteTestDb;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table far larger than the heap snapshots and restores: the packaged jar runs with -Xmx256m on a
 * 5,000,000-row table, so any per-row accumulation fails with OutOfMemoryError.
 */
class LargeTableIT {
    private static final int ROWS = 5_000_000;

    @TempDir
    Path dir;

    @Test
    void fiveMillionRowsSnapshotAndRestoreInA256MegabyteHeap() throws Exception {
        Path source = dir.resolve("big.db");
        fill(source);
        Map<String, String> env = Map.of("DATA_DIR", dir.resolve("data").toString(), "DATABASE_URL", "sqlite:" + source);

        Process create = tidemark(env, "snapshot", "create");
        String out = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(create.waitFor(20, TimeUnit.MINUTES)).isTrue();
        assertThat(create.exitValue()).as(out + errors(create)).isZero();
        List<String> lines = out.lines().toList();
        String id = lines.get(lines.size() - 1);

        Path target = dir.resolve("restored.db");
        Process restore = tidemark(env, "snapshot", "restore", id, "--target", "sqlite:" + target, "--yes");
        restore.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(restore.waitFor(20, TimeUnit.MINUTES)).isTrue();
        assertThat(restore.exitValue()).as(errors(restore)).isZero();

        try (Connection c = SqliteTestDb.connect(target); Statement s = c.createStatement()) {
            s.execute("ATTACH DATABASE '" + source + "' AS src");
            assertThat(count(s, "SELECT count(*) FROM main.events")).isEqualTo(ROWS);
            assertThat(count(s, "SELECT count(*) FROM (SELECT * FROM src.events EXCEPT SELECT * FROM main.events)")).isZero();
            assertThat(count(s, "SELECT count(*) FROM (SELECT * FROM main.events EXCEPT SELECT * FROM src.events)")).isZero();
        }
    }

    private static void fill(Path file) throws Exception {
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

    private Process tidemark(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-jar", System.getProperty("tidemark.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("stderr-" + args[1] + ".txt").toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    private String errors(Process process) throws Exception {
        try (var files = Files.list(dir)) {
            StringBuilder text = new StringBuilder();
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith("stderr-")).toList()) {
                text.append(Files.readString(p));
            }
            return text.toString();
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
