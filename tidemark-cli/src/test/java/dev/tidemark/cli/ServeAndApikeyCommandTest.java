package dev.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.server.auth.ApiKeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tidemark serve} start-up checks and {@code tidemark apikey}. */
class ServeAndApikeyCommandTest {
    @TempDir
    Path dir;

    private CliRunner cli() {
        return new CliRunner().env("DATA_DIR", dir.resolve("data").toString())
                .env("DATABASE_URL", "sqlite:" + dir.resolve("app.db"));
    }

    @Test
    void anInvalidScheduleStopsStartUpWithExitCode3NamingTheVariable() {
        var result = cli().env("SNAPSHOTS_MAIN_SCHEDULE", "61 * * * *").run("serve", "--port", "1");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).contains("SNAPSHOTS_MAIN_SCHEDULE").contains("61");

        var redis = cli().env("SNAPSHOTS_REDIS_SCHEDULE", "* * * * MON-XYZ").run("serve", "--port", "1");
        assertThat(redis.exitCode()).as(redis.toString()).isEqualTo(3);
        assertThat(redis.err()).contains("SNAPSHOTS_REDIS_SCHEDULE");
    }

    @Test
    void apikeyCreatePrintsTheKeyOnceAndRevokeDisablesIt() throws Exception {
        var created = cli().run("apikey", "create", "backup-script");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        String key = created.lastLine();
        assertThat(key).startsWith("tmk_").hasSizeGreaterThan(40);
        ApiKeyStore store = new ApiKeyStore(dir.resolve("data"));
        assertThat(store.check(key)).contains("backup-script");
        assertThat(Files.readString(dir.resolve("data/server/api-keys.json"))).doesNotContain(key);

        assertThat(cli().run("apikey", "list").out()).contains("backup-script").doesNotContain(key);
        var duplicate = cli().run("apikey", "create", "backup-script");
        assertThat(duplicate.exitCode()).isEqualTo(7);

        var revoked = cli().run("apikey", "revoke", "backup-script");
        assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
        assertThat(store.check(key)).isEmpty();
        assertThat(cli().run("apikey", "revoke", "backup-script").exitCode()).isEqualTo(4);
    }
}
