package dev.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pitr commands' answers without a change log: one line, the documented exit codes, nothing written. */
class PitrCommandTest {
    @TempDir
    Path dir;

    private CliRunner cli() {
        return new CliRunner().env("DATA_DIR", dir.resolve("data").toString())
                .env("DATABASE_URL", "sqlite:" + dir.resolve("app.db"));
    }

    @Test
    void aFreshSetupHasNoWindowAndNothingToRestore() {
        CliRunner.Result window = cli().run("pitr", "window");
        assertThat(window.exitCode()).isZero();
        assertThat(window.out()).contains("nothing can be restored to a point in time yet");

        CliRunner.Result restore = cli().run("pitr", "restore", "--time", "2026-12-03T14:00:00Z",
                "--target", "sqlite:" + dir.resolve("copy.db"), "--yes");
        assertThat(restore.exitCode()).isEqualTo(4);
        assertThat(restore.err()).hasLineCount(1).contains("outside the restorable window");
        assertThat(dir.resolve("copy.db")).doesNotExist();
    }

    @Test
    void mistakesAreOneLineUsageErrors() {
        CliRunner.Result badTime = cli().run("pitr", "restore", "--time", "yesterday", "--yes");
        assertThat(badTime.exitCode()).isEqualTo(2);
        assertThat(badTime.err()).hasLineCount(1).contains("--time: 'yesterday' is not a point in time");

        CliRunner.Result off = cli().run("pitr", "run");
        assertThat(off.exitCode()).isEqualTo(2);
        assertThat(off.err()).hasLineCount(1).contains("point-in-time recovery is off for every source");

        CliRunner.Result both = cli().run("pitr", "restore", "--time", "2026-12-03T14:00:00Z", "--position", "0/1", "--yes");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).hasLineCount(1).contains("give either a time or a position");
    }
}
