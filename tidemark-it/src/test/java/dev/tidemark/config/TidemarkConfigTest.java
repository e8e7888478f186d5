package dev.tidemark.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.source.SnapshotMode;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tidemark.env.Secret;
import dev.tidemark.source.SnapshotSource;
import dev.tidemark.storage.local.LocalStorageSettings;

class TidemarkConfigTest {
    static final String PUBLIC_KEY = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";
    static final String SECRET_KEY = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX";

    @TempDir
    Path temp;

    @Test
    void emptyEnvironmentGivesTheDocumentedDefaults() {
        TidemarkConfig config = TidemarkConfig.fromEnvironment(Map.of());

        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.databaseUrl()).isEqualTo("sqlite:./data/main.db");
        assertThat(config.connection(SnapshotSource.REDIS)).isEmpty();
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.adminPassword()).isEmpty();
        assertThat(config.snapshotsEnabled()).isTrue();
        assertThat(config.schedule(SnapshotSource.MAIN)).isEmpty();
        assertThat(config.schedule(SnapshotSource.REDIS)).isEmpty();
        assertThat(config.agePublicKeys()).isEmpty();
        assertThat(config.encryptsSnapshots()).isFalse();
        assertThat(config.ageSecretKey()).isEmpty();
        assertThat(config.storage().provider()).isEqualTo("local");
        assertThat(localDir(config)).isEqualTo(Path.of("./data/snapshots"));
        assertThat(config.snapshotMode()).isEqualTo(SnapshotMode.READ_ONLY);
        assertThat(config.parallelism()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.partSize()).isEqualTo(64L * 1024 * 1024);
        assertThat(config.compressionLevel()).isEqualTo(3);
        assertThat(config.keepLast()).isEmpty();
        assertThat(config.keepDays()).isEmpty();
    }

    @Test
    void dataDirMovesTheDefaultDatabaseAndSnapshotFolder() {
        TidemarkConfig config = TidemarkConfig.fromEnvironment(Map.of("DATA_DIR", "/srv/tidemark"));

        assertThat(config.databaseUrl()).isEqualTo("sqlite:/srv/tidemark/main.db");
        assertThat(localDir(config)).isEqualTo(Path.of("/srv/tidemark/snapshots"));
    }

    @Test
    void everyVariableIsRead() {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", "/var/lib/tm");
        env.put("DATABASE_URL", "postgresql://app:pw@db:5432/app");
        env.put("REDIS_URL", "redis://:pw@cache:6379/2");
        env.put("HOST", "0.0.0.0");
        env.put("PORT", "9090");
        env.put("ADMIN_PASSWORD", "correct horse");
        env.put("SNAPSHOTS_ENABLED", "false");
        env.put("SNAPSHOTS_MAIN_SCHEDULE", " 0  3 * * * ");
        env.put("SNAPSHOTS_REDIS_SCHEDULE", "*/15 * * * 1-5");
        env.put("SNAPSHOTS_AGE_PUBLIC_KEY", PUBLIC_KEY + " , " + PUBLIC_KEY.replace('q', 'p'));
        env.put("SNAPSHOTS_AGE_SECRET_KEY", SECRET_KEY);
        env.put("SNAPSHOTS_STORAGE_PROVIDER", "LOCAL");
        env.put("SNAPSHOTS_STORAGE_LOCAL_DIR", "/backups");
        env.put("SNAPSHOTS_MODE", "online");
        env.put("SNAPSHOTS_PARALLELISM", "3");
        env.put("SNAPSHOTS_PART_SIZE", "16M");
        env.put("SNAPSHOTS_COMPRESSION_LEVEL", "19");
        env.put("SNAPSHOTS_KEEP_LAST", "0");
        env.put("SNAPSHOTS_KEEP_DAYS", "30");

        TidemarkConfig config = TidemarkConfig.fromEnvironment(env);

        assertThat(config.databaseUrl()).isEqualTo("postgresql://app:pw@db:5432/app");
        assertThat(config.connection(SnapshotSource.REDIS)).contains("redis://:pw@cache:6379/2");
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.adminPassword()).map(Secret::reveal).contains("correct horse");
        assertThat(config.snapshotsEnabled()).isFalse();
        assertThat(config.schedule(SnapshotSource.MAIN)).contains("0 3 * * *");
        assertThat(config.schedule(SnapshotSource.REDIS)).contains("*/15 * * * 1-5");
        assertThat(config.agePublicKeys()).containsExactly(PUBLIC_KEY, PUBLIC_KEY.replace('q', 'p'));
        assertThat(config.ageSecretKey()).map(Secret::reveal).contains(SECRET_KEY);
        assertThat(config.storage().provider()).isEqualTo("local");
        assertThat(localDir(config)).isEqualTo(Path.of("/backups"));
        assertThat(config.snapshotMode()).isEqualTo(SnapshotMode.ONLINE);
        assertThat(config.parallelism()).isEqualTo(3);
        assertThat(config.partSize()).isEqualTo(16L << 20);
        assertThat(config.compressionLevel()).isEqualTo(19);
        assertThat(config.keepLast()).contains(0);
        assertThat(config.keepDays()).contains(30);
    }

    @Test
    void invalidValuesAreReportedWithTheVariableName() {
        Map<String, String> expectedMessages = new java.util.LinkedHashMap<>();
        expectedMessages.put("PORT=0", "PORT: '0' is not a port number (1–65535)");
        expectedMessages.put("PORT=http", "PORT: 'http' is not a port number (1–65535)");
        expectedMessages.put("PORT=65536", "PORT: '65536' is not a port number (1–65535)");
        expectedMessages.put("HOST=my host", "HOST: 'my host' is not a host name or address");
        expectedMessages.put("DATABASE_URL=oracle://db/x", "DATABASE_URL: unsupported connection string scheme 'oracle'");
        expectedMessages.put("DATABASE_URL=mysql://", "DATABASE_URL: invalid MySQL/MariaDB connection string mysql:///: "
                + "the host is missing");
        expectedMessages.put("DATABASE_URL=sqlite:", "DATABASE_URL: SQLite connection string 'sqlite:' does not name a "
                + "database file");
        expectedMessages.put("REDIS_URL=http://cache:6379", "REDIS_URL: not a redis:// or rediss:// URL");
        expectedMessages.put("REDIS_URL=redis://cache:6379/x", "REDIS_URL: the database after the host must be a number");
        expectedMessages.put("SNAPSHOTS_ENABLED=yes", "SNAPSHOTS_ENABLED: 'yes' is not 1, 0, true or false");
        expectedMessages.put("SNAPSHOTS_MAIN_SCHEDULE=0 3 * *", "SNAPSHOTS_MAIN_SCHEDULE: '0 3 * *' has 4 fields, "
                + "a cron expression has 5 (minute hour day-of-month month day-of-week)");
        expectedMessages.put("SNAPSHOTS_REDIS_SCHEDULE=0 0 3 * * ?", "SNAPSHOTS_REDIS_SCHEDULE: '0 0 3 * * ?' has 6 fields, "
                + "a cron expression has 5 (minute hour day-of-month month day-of-week)");
        expectedMessages.put("SNAPSHOTS_AGE_PUBLIC_KEY=" + PUBLIC_KEY + ",ssh-ed25519",
                "SNAPSHOTS_AGE_PUBLIC_KEY: key 2 is not an age public key (age1…)");
        expectedMessages.put("SNAPSHOTS_AGE_PUBLIC_KEY= , ", "SNAPSHOTS_AGE_PUBLIC_KEY: holds no age public key");
        expectedMessages.put("SNAPSHOTS_STORAGE_PROVIDER=gcs", "SNAPSHOTS_STORAGE_PROVIDER: unknown provider 'gcs'");
        expectedMessages.put("SNAPSHOTS_STORAGE_PROVIDER=s3", "SNAPSHOTS_STORAGE_PROVIDER: unknown provider 's3'");
        expectedMessages.put("SNAPSHOTS_STORAGE_PROVIDER=Azure", "SNAPSHOTS_STORAGE_PROVIDER: unknown provider 'azure'");
        expectedMessages.put("SNAPSHOTS_MODE=readonly", "SNAPSHOTS_MODE: 'readonly' is not read-only or online");
        expectedMessages.put("SNAPSHOTS_PARALLELISM=0", "SNAPSHOTS_PARALLELISM: '0' is not a number of workers (1–1024)");
        expectedMessages.put("SNAPSHOTS_PART_SIZE=512", "SNAPSHOTS_PART_SIZE: '512' is below the minimum of 1K");
        expectedMessages.put("SNAPSHOTS_PART_SIZE=1T", "SNAPSHOTS_PART_SIZE: '1T' is not a size");
        expectedMessages.put("SNAPSHOTS_PART_SIZE=99999999999G", "SNAPSHOTS_PART_SIZE: '99999999999G' is too large");
        expectedMessages.put("SNAPSHOTS_COMPRESSION_LEVEL=22", "SNAPSHOTS_COMPRESSION_LEVEL: '22' is not a zstd level (1–19)");
        expectedMessages.put("SNAPSHOTS_KEEP_LAST=-1", "SNAPSHOTS_KEEP_LAST: '-1' is not a count (0 or more)");
        expectedMessages.put("SNAPSHOTS_KEEP_DAYS=7d", "SNAPSHOTS_KEEP_DAYS: '7d' is not a number of days (0 or more)");

        expectedMessages.forEach((assignment, message) -> {
            int equals = assignment.indexOf('=');
            Map<String, String> env = Map.of(assignment.substring(0, equals), assignment.substring(equals + 1));
            assertThatThrownBy(() -> TidemarkConfig.fromEnvironment(env)).as(assignment)
                    .isInstanceOfSatisfying(TidemarkException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
                        assertThat(e.getMessage()).isEqualTo(message);
                        assertThat(e.hint()).isNotBlank();
                    });
        });
    }

    @Test
    void secretValuesNeverAppearInErrors() {
        List<Map<String, String>> environments = List.of(
                Map.of("ADMIN_PASSWORD", "hunter2-SECRETVALUE\u0007"),
                Map.of("SNAPSHOTS_AGE_SECRET_KEY", "AGE-SECRET-KEY-1SECRETVALUE-lowercase"),
                Map.of("SNAPSHOTS_AGE_SECRET_KEY", "age1SECRETVALUE"),
                Map.of("SNAPSHOTS_AGE_PUBLIC_KEY", "AGE-SECRET-KEY-1SECRETVALUE"),
                Map.of("DATABASE_URL", "postgresql:user:SECRETVALUE@db/app"),
                Map.of("DATABASE_URL", "ftp://user:SECRETVALUE@db/app"),
                Map.of("DATABASE_URL", "mysql://u:SECRETVALUE@db/a", "POSTGRES_URL", "mysql://u:other@db/a"),
                Map.of("REDIS_URL", "http://user:SECRETVALUE@cache"),
                Map.of("REDIS_URL", "redis://user:SECRETVALUE@/"),
                Map.of("REDIS_URL", "redis://user:SECRET VALUE@cache"));
        for (Map<String, String> env : environments) {
            String variable = env.keySet().stream().sorted().findFirst().orElseThrow();
            assertThatThrownBy(() -> TidemarkConfig.fromEnvironment(env)).as(env.toString())
                    .isInstanceOfSatisfying(TidemarkException.class, e -> {
                        assertThat(e.getMessage()).startsWith(variable + ": ");
                        assertThat(e.oneLine()).doesNotContain("SECRETVALUE").doesNotContain("SECRET VALUE");
                    });
        }
    }

    @Test
    void toStringShowsSettingsButNoSecret() {
        TidemarkConfig config = TidemarkConfig.fromEnvironment(Map.of(
                "DATABASE_URL", "postgresql://app:SECRETVALUE@db:5432/app",
                "REDIS_URL", "redis://default:SECRETVALUE@cache:6379",
                "ADMIN_PASSWORD", "SECRETVALUE",
                "SNAPSHOTS_AGE_SECRET_KEY", SECRET_KEY,
                "SNAPSHOTS_AGE_PUBLIC_KEY", PUBLIC_KEY));

        assertThat(config.toString())
                .doesNotContain("SECRETVALUE").doesNotContain(SECRET_KEY)
                .contains("main=postgresql://app:***@db:5432/app", "adminPassword=***", "ageSecretKey=***", PUBLIC_KEY);
        assertThat(config.adminPassword().orElseThrow()).hasToString("***");
    }

    @Test
    void valuesCanComeFromFilesWithoutTheirTrailingNewline() throws Exception {
        Path password = Files.writeString(temp.resolve("password"), "from a file\n");
        Path key = Files.writeString(temp.resolve("key.txt"),
                "# created: 2026-11-25T12:00:00Z\n# public key: " + PUBLIC_KEY + "\n" + SECRET_KEY + "\n");
        Path url = Files.writeString(temp.resolve("url"), "mysql://root@127.0.0.1:3306/test\r\n");

        TidemarkConfig config = TidemarkConfig.fromEnvironment(Map.of(
                "ADMIN_PASSWORD_FILE", password.toString(),
                "SNAPSHOTS_AGE_SECRET_KEY_FILE", key.toString(),
                "DATABASE_URL_FILE", url.toString()));

        assertThat(config.adminPassword().orElseThrow().reveal()).isEqualTo("from a file");
        assertThat(config.ageSecretKey().orElseThrow().reveal()).isEqualTo(SECRET_KEY);
        assertThat(config.databaseUrl()).isEqualTo("mysql://root@127.0.0.1:3306/test");
    }

    @Test
    void fileVariantErrorsNameTheFileVariable() throws Exception {
        Path port = Files.writeString(temp.resolve("port"), "eighty\n");
        Path empty = Files.writeString(temp.resolve("empty"), "\n");
        Path missing = temp.resolve("missing");

        assertConfigError(Map.of("PORT_FILE", port.toString()), "PORT_FILE: 'eighty' is not a port number (1–65535)");
        assertConfigError(Map.of("ADMIN_PASSWORD_FILE", missing.toString()),
                "ADMIN_PASSWORD_FILE: cannot read " + missing + ": no such file");
        assertConfigError(Map.of("ADMIN_PASSWORD_FILE", temp.toString()),
                "ADMIN_PASSWORD_FILE: cannot read " + temp + ": it is a folder");
        assertConfigError(Map.of("ADMIN_PASSWORD_FILE", empty.toString()), "ADMIN_PASSWORD_FILE: " + empty + " is empty");
        assertConfigError(Map.of("ADMIN_PASSWORD", "x", "ADMIN_PASSWORD_FILE", port.toString()),
                "ADMIN_PASSWORD: both ADMIN_PASSWORD and ADMIN_PASSWORD_FILE are set");
    }

    @Test
    void storageVariablesFallBackToTheirNamesWithoutSnapshotsPrefix() throws Exception {
        TidemarkConfig fallback = TidemarkConfig.fromEnvironment(Map.of(
                "STORAGE_PROVIDER", "local", "STORAGE_LOCAL_DIR", "/fallback"));
        assertThat(localDir(fallback)).isEqualTo(Path.of("/fallback"));

        TidemarkConfig preferred = TidemarkConfig.fromEnvironment(Map.of(
                "STORAGE_PROVIDER", "s3", "SNAPSHOTS_STORAGE_PROVIDER", "local",
                "STORAGE_LOCAL_DIR", "/fallback", "SNAPSHOTS_STORAGE_LOCAL_DIR", "/preferred"));
        assertThat(preferred.storage().provider()).isEqualTo("local");
        assertThat(localDir(preferred)).isEqualTo(Path.of("/preferred"));

        Path dir = Files.writeString(temp.resolve("dir"), "/from-file\n");
        assertThat(localDir(TidemarkConfig.fromEnvironment(Map.of("STORAGE_LOCAL_DIR_FILE", dir.toString()))))
                .isEqualTo(Path.of("/from-file"));

        assertConfigError(Map.of("STORAGE_PROVIDER", "s3"), "STORAGE_PROVIDER: unknown provider 's3'");
    }

    @Test
    void anyInstalledBackendCanBeTheMainDatabase() {
        assertThat(TidemarkConfig.fromEnvironment(Map.of("DATABASE_URL", "extradb:inventory")).databaseUrl())
                .isEqualTo("extradb:inventory");
        assertConfigError(Map.of("DATABASE_URL", "otherdb:inventory"),
                "DATABASE_URL: unsupported connection string scheme 'otherdb'");
    }

    @Test
    void postgresUrlIsAnAliasOfDatabaseUrl() {
        assertThat(TidemarkConfig.fromEnvironment(Map.of("POSTGRES_URL", "postgres://u@h/db")).databaseUrl())
                .isEqualTo("postgres://u@h/db");
        assertThat(TidemarkConfig.fromEnvironment(Map.of("POSTGRES_URL", "postgres://u@h/db", "DATABASE_URL", "postgres://u@h/db"))
                .databaseUrl()).isEqualTo("postgres://u@h/db");
        assertConfigError(Map.of("POSTGRES_URL", "postgres://u@h/a", "DATABASE_URL", "postgres://u@h/b"),
                "DATABASE_URL: differs from POSTGRES_URL, its alias");
        assertThat(TidemarkConfig.fromEnvironment(Map.of("DATABASE_URL", "jdbc:mariadb://h:3306/db")).databaseUrl())
                .isEqualTo("jdbc:mariadb://h:3306/db");
    }

    @Test
    void partSizesAcceptBinarySuffixes() {
        Map<String, Long> sizes = Map.of("1K", 1024L, "1k", 1024L, "64M", 64L << 20, "2G", 2L << 30,
                "16MiB", 16L << 20, "8 MB", 8L << 20, "1048576", 1L << 20);
        sizes.forEach((text, bytes) -> assertThat(TidemarkConfig.fromEnvironment(Map.of("SNAPSHOTS_PART_SIZE", text)).partSize())
                .as(text).isEqualTo(bytes));
    }

    @Test
    void blankValuesCountAsUnset() {
        TidemarkConfig config = TidemarkConfig.fromEnvironment(Map.of("PORT", "", "REDIS_URL", " ", "SNAPSHOTS_ENABLED", ""));
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.connection(SnapshotSource.REDIS)).isEmpty();
        assertThat(config.snapshotsEnabled()).isTrue();
    }

    @Test
    void copiesOverrideSingleSettings() {
        TidemarkConfig config = TidemarkConfig.fromEnvironment(Map.of("ADMIN_PASSWORD", "pw"));

        TidemarkConfig target = config.toBuilder().databaseUrl("postgresql://other/db").build();
        assertThat(target.databaseUrl()).isEqualTo("postgresql://other/db");
        assertThat(target.adminPassword()).isEqualTo(config.adminPassword());
        assertThat(target).isEqualTo(config.toBuilder().databaseUrl("postgresql://other/db").build());
        assertThat(config.toBuilder().connection(SnapshotSource.REDIS, Optional.of("redis://h:1")).build()
                .connection(SnapshotSource.REDIS)).contains("redis://h:1");
        assertThat(config.toBuilder().http("0.0.0.0", 1).build().port()).isEqualTo(1);
        assertThat(localDir(config.toBuilder().storage(new LocalStorageSettings(Path.of("/x"))).build())).isEqualTo(Path.of("/x"));
        assertThat(config.toBuilder().snapshotMode(SnapshotMode.ONLINE).build().snapshotMode()).isEqualTo(SnapshotMode.ONLINE);
        assertThat(config.toBuilder().ageKeys(List.of(PUBLIC_KEY), Optional.empty()).build().encryptsSnapshots()).isTrue();
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void secretsCompareByValueAndPrintAsStars() {
        assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).isNotEqualTo(Secret.of("b")).hasToString("***");
        assertThat(String.valueOf(Optional.of(Secret.of("a")))).doesNotContain("a]");
    }

    private static void assertConfigError(Map<String, String> env, String message) {
        assertThatThrownBy(() -> TidemarkConfig.fromEnvironment(env)).isInstanceOfSatisfying(TidemarkException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private static Path localDir(TidemarkConfig config) {
        return ((LocalStorageSettings) config.storage()).folder();
    }
}
