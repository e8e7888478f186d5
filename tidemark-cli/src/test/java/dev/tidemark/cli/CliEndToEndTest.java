package dev.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.dialect.sqlite.SqliteTestDb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walkthrough of the README, run as a user would, against real SQLite files. */
class CliEndToEndTest {
    private static final String ID_PATTERN = "\\d{8}T\\d{9}Z-main-[0-9a-f]{6}";

    @TempDir
    Path dir;
    Path app;
    CliRunner cli;

    @BeforeEach
    void createApplicationDatabase() throws Exception {
        app = dir.resolve("app.db");
        SqliteTestDb.exec(app,
                "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email VARCHAR(200) UNIQUE, bio TEXT)",
                "CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER NOT NULL REFERENCES users(id),"
                        + " total NUMERIC(12,2), paid BOOLEAN, created DATETIME, note TEXT)",
                "CREATE INDEX orders_user ON orders(user_id)",
                "INSERT INTO users VALUES (1, 'Ada', 'ada@example.com', NULL), (2, 'Bob, \"the\" builder', NULL, ''),"
                        + " (3, 'Zoë 🚀', 'z@example.com', 'line1\nline2')",
                "INSERT INTO orders (user_id, total, paid, created, note) VALUES (1, 12.50, 1, '2024-02-29 23:59:59.123456', NULL),"
                        + " (1, 0.01, 0, '1969-07-20 20:17:40', ''), (3, 99999.99, NULL, NULL, 'tab\there')");
        cli = new CliRunner()
                .env("DATA_DIR", dir.resolve("data").toString())
                .env("DATABASE_URL", "sqlite:" + app);
    }

    @Test
    void createListShowRestoreVerifyDownloadDelete() throws Exception {
        var created = cli.run("snapshot", "create");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        String id = created.lastLine();
        assertThat(id).matches(ID_PATTERN);

        var list = cli.run("snapshot", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains(id).contains("sqlite");

        JsonNode listed = new ObjectMapper().readTree(cli.run("snapshot", "list", "--json").out());
        assertThat(listed.isArray()).isTrue();
        assertThat(listed.get(0).get("id").asText()).isEqualTo(id);
        assertThat(listed.get(0).get("rows").asLong()).isEqualTo(6);

        JsonNode shown = new ObjectMapper().readTree(cli.run("snapshot", "show", id, "--json").out());
        assertThat(shown.get("tables").asInt()).isEqualTo(2);

        Path restored = dir.resolve("restored.db");
        var unconfirmed = cli.run("snapshot", "restore", id, "--target", "sqlite:" + restored);
        assertThat(unconfirmed.exitCode()).as(unconfirmed.toString()).isEqualTo(10);
        assertThat(unconfirmed.err().lines()).hasSize(1);
        assertThat(restored).doesNotExist();

        var restore = cli.run("snapshot", "restore", id, "--target", "sqlite:" + restored, "--yes");
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        for (String table : List.of("users", "orders")) {
            assertThat(SqliteTestDb.exactRows(restored, table)).isEqualTo(SqliteTestDb.exactRows(app, table)).isNotEmpty();
        }

        var conflict = cli.run("snapshot", "restore", id, "--target", "sqlite:" + restored, "--yes");
        assertThat(conflict.exitCode()).as(conflict.toString()).isEqualTo(7);
        assertThat(conflict.err()).contains("--replace");
        var replaced = cli.run("snapshot", "restore", id, "--target", "sqlite:" + restored, "--yes", "--replace");
        assertThat(replaced.exitCode()).as(replaced.toString()).isZero();

        var verify = cli.run("snapshot", "verify", id);
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("intact");

        Path download = dir.resolve("copy.tar.zst");
        var downloaded = cli.run("snapshot", "download", id, "-o", download.toString());
        assertThat(downloaded.exitCode()).as(downloaded.toString()).isZero();
        Path stored = storedArchive(id);
        assertThat(Files.readAllBytes(download)).isEqualTo(Files.readAllBytes(stored));

        var deleted = cli.run("snapshot", "delete", id);
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        var gone = cli.run("snapshot", "show", id);
        assertThat(gone.exitCode()).isEqualTo(4);
        assertThat(cli.run("snapshot", "list", "--json").out().strip()).isEqualTo("[ ]");
    }

    @Test
    void downloadingASnapshotWhoseArchiveWentAwayIsNotFoundAndLeavesNoFile() throws Exception {
        String id = cli.run("snapshot", "create").lastLine();
        Files.delete(storedArchive(id));

        Path download = dir.resolve("copy.tar.zst");
        var gone = cli.run("snapshot", "download", id, "-o", download.toString());
        assertThat(gone.exitCode()).as(gone.toString()).isEqualTo(4);
        assertThat(gone.err().lines()).hasSize(1).first().asString().startsWith("error: no snapshot " + id);
        assertThat(download).doesNotExist();
        assertThat(download.resolveSibling("copy.tar.zst.partial")).doesNotExist();
    }

    @Test
    void damagedArchiveIsRejectedAndTheTargetStaysAsItWas() throws Exception {
        String id = cli.run("snapshot", "create").lastLine();
        Path target = dir.resolve("target.db");
        assertThat(cli.run("snapshot", "restore", id, "--target", "sqlite:" + target, "--yes").exitCode()).isZero();
        SqliteTestDb.exec(target, "INSERT INTO users VALUES (4, 'only in target', NULL, NULL)");
        String before = sha256(target);

        Path stored = storedArchive(id);
        try (RandomAccessFile file = new RandomAccessFile(stored.toFile(), "rw")) {
            long middle = file.length() / 2;
            file.seek(middle);
            int b = file.read();
            file.seek(middle);
            file.write(b ^ 0x5a);
        }

        var verify = cli.run("snapshot", "verify", id);
        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(5);
        assertThat(verify.err().lines()).hasSize(1);

        var restore = cli.run("snapshot", "restore", id, "--target", "sqlite:" + target, "--yes", "--replace");
        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(5);
        assertThat(restore.err().lines()).hasSize(1);
        assertThat(sha256(target)).isEqualTo(before);
    }

    @Test
    void migrateCopiesEveryTable() throws Exception {
        Path target = dir.resolve("migrated.db");
        var migrated = cli.run("migrate", "--from", "sqlite:" + app, "--to", "sqlite:" + target, "--yes");
        assertThat(migrated.exitCode()).as(migrated.toString()).isZero();
        for (String table : List.of("users", "orders")) {
            assertThat(SqliteTestDb.exactRows(target, table)).isEqualTo(SqliteTestDb.exactRows(app, table));
        }
    }

    @Test
    void errorsAreOneLineWithDocumentedExitCodes() {
        assertThat(cli.run("snapshot", "frobnicate").exitCode()).isEqualTo(2);

        var unknown = cli.run("snapshot", "show", "20200101T000000000Z-main-abcdef");
        assertThat(unknown.exitCode()).isEqualTo(4);
        assertThat(unknown.err().lines()).hasSize(1);

        var badPort = new CliRunner().env("DATA_DIR", dir.toString()).env("PORT", "eighty").run("snapshot", "list");
        assertThat(badPort.exitCode()).isEqualTo(3);
        assertThat(badPort.err()).contains("PORT").hasLineCount(1);

        var disabled = new CliRunner().env("DATA_DIR", dir.resolve("data").toString())
                .env("DATABASE_URL", "sqlite:" + app).env("SNAPSHOTS_ENABLED", "0").run("snapshot", "create");
        assertThat(disabled.exitCode()).isEqualTo(9);
        assertThat(disabled.err()).contains("SNAPSHOTS_ENABLED=0");

        var missing = new CliRunner().env("DATA_DIR", dir.resolve("data").toString())
                .env("DATABASE_URL", "sqlite:" + dir.resolve("nope.db")).run("snapshot", "create");
        assertThat(missing.exitCode()).isEqualTo(6);
        assertThat(missing.err()).hasLineCount(1);
        assertThat(dir.resolve("nope.db")).doesNotExist();
    }

    @Test
    void secretsInConnectionStringsAreNeverPrinted() {
        var result = cli.run("migrate", "--from", "postgresql://admin:hunter2@127.0.0.1:1/db",
                "--to", "sqlite:" + dir.resolve("x.db"), "--yes");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.out() + result.err()).doesNotContain("hunter2");
    }

    @Test
    void declinedConfirmationChangesNothing() throws Exception {
        String id = cli.run("snapshot", "create").lastLine();
        Path target = dir.resolve("declined.db");
        var declined = cli.interactive("n\n").run("snapshot", "restore", id, "--target", "sqlite:" + target);
        assertThat(declined.exitCode()).isEqualTo(10);
        assertThat(target).doesNotExist();
    }

    @Test
    void pruneKeepsTheNewestSnapshotsAndSaysWhatItDeletes() {
        CliRunner keepTwo = cli.env("SNAPSHOTS_KEEP_LAST", "2");
        String first = cli.run("snapshot", "prune").err();
        assertThat(first).contains("deleted 0");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var created = new CliRunner().env("DATA_DIR", dir.resolve("data").toString())
                    .env("DATABASE_URL", "sqlite:" + app).run("snapshot", "create");
            ids.add(created.lastLine());
        }
        var dryRun = keepTwo.run("snapshot", "prune", "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out().strip()).isEqualTo("would delete " + ids.get(0));
        assertThat(cli.run("snapshot", "list").out()).contains(ids.get(0));

        var pruned = keepTwo.run("snapshot", "prune");
        assertThat(pruned.out().strip()).isEqualTo("deleted " + ids.get(0));
        assertThat(cli.run("snapshot", "list").out()).doesNotContain(ids.get(0)).contains(ids.get(1), ids.get(2));

        String fourth = keepTwo.run("snapshot", "create").lastLine();
        assertThat(keepTwo.run("snapshot", "list").out()).contains(fourth, ids.get(2)).doesNotContain(ids.get(1));
    }

    @Test
    void versionAndHelp() {
        assertThat(cli.run("--version").out()).startsWith("tidemark ");
        var help = cli.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("snapshot").contains("migrate");
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private Path storedArchive(String id) throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("data").resolve("snapshots"))) {
            return files.filter(p -> p.getFileName().toString().startsWith(id) && p.toString().endsWith(".tar.zst"))
                    .findFirst().orElseThrow();
        }
    }
}
