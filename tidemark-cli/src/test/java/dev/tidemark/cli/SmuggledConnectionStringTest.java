package dev.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.dialect.sqlite.SqliteTestDb;
import dev.tidemark.migration.ScratchDatabase;
import dev.tidemark.migration.SmuggledTargets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Connection strings that hide driver options in the database name or a parameter are refused by every
 * command before it asks, connects or writes, against the real MariaDB and PostgreSQL servers.
 */
class SmuggledConnectionStringTest {
    @TempDir
    Path dir;

    static List<SmuggledTargets.Target> targets() {
        return SmuggledTargets.all();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void everyCommandRefusesAndTheTargetStaysEmpty(SmuggledTargets.Target smuggled) throws Exception {
        Path app = dir.resolve("app.db");
        SqliteTestDb.exec(app, "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)", "INSERT INTO users VALUES (1, 'Ada')");
        CliRunner cli = new CliRunner().env("DATA_DIR", dir.resolve("data").toString()).env("DATABASE_URL", "sqlite:" + app);
        String id = cli.run("snapshot", "create").lastLine();
        try (ScratchDatabase target = ScratchDatabase.create(smuggled.backend(), dir)) {
            String url = smuggled.url(target);
            List<CliRunner.Result> results = List.of(
                    cli.run("snapshot", "restore", id, "--target", url, "--yes"),
                    cli.run("snapshot", "restore", id, "--target", url, "--yes", "--replace"),
                    cli.run("migrate", "--from", "sqlite:" + app, "--to", url, "--yes"),
                    cli.run("migrate", "--from", url, "--to", "sqlite:" + dir.resolve("copy.db"), "--yes"),
                    new CliRunner().env("DATA_DIR", dir.resolve("data").toString()).env("DATABASE_URL", "sqlite:" + app)
                            .interactive("y\n").run("snapshot", "restore", id, "--target", url),
                    new CliRunner().env("DATA_DIR", dir.resolve("data").toString()).env("DATABASE_URL", url)
                            .run("snapshot", "create"));
            for (CliRunner.Result result : results) {
                assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
                assertThat(result.err()).as(result.toString()).hasLineCount(1).matches("(?s)error: (DATABASE_URL: )?invalid .*")
                        .contains(smuggled.problem());
                assertThat(result.out() + result.err()).doesNotContain(SmuggledTargets.SECRET).doesNotContain("\u0000")
                        .doesNotContain("Restore snapshot");
            }
            assertThat(target.tables()).isEmpty();
        }
        assertThat(dir.resolve("copy.db")).doesNotExist();
    }
}
