package dev.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, run as a user runs it: a failure prints exactly one {@code error:} line on standard error,
 * with nothing from database drivers or cloud SDKs before it, unless TIDEMARK_LOG_LEVEL asks for them.
 */
class OneLineErrorIT {
    private static final String MARIADB = "127.0.0.1:3306";

    @TempDir
    Path dir;
    private Map<String, String> env;

    @BeforeEach
    void sqliteSource() throws Exception {
        Path source = dir.resolve("source.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source); Statement s = c.createStatement()) {
            // SQLite lets a key name a table the database does not have
            s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id))");
            s.execute("INSERT INTO orders VALUES (1, 7)");
        }
        env = new HashMap<>(Map.of("DATA_DIR", dir.resolve("data").toString(), "DATABASE_URL", "sqlite:" + source));
    }

    @Test
    void aRestoreIntoAMissingMariadbDatabaseIsOneLine() throws Exception {
        String id = snapshot();
        String missing = "tm_missing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

        Run run = tidemark(env, "snapshot", "restore", id, "--target", "mysql://root@" + MARIADB + "/" + missing, "--yes");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(6);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("error: cannot connect to MySQL/MariaDB at " + MARIADB + "/" + missing + ": ");
    }

    @Test
    void driverWarningsAreShownWhenTidemarkLogLevelAsksForThem() throws Exception {
        String id = snapshot();
        env.put("TIDEMARK_LOG_LEVEL", "warn");

        Run run = tidemark(env, "snapshot", "restore", id, "--target", "mysql://root@" + MARIADB + "/tm_missing_db", "--yes");

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.errLines()).hasSize(2);
        assertThat(run.errLines().get(0)).startsWith("WARN ").contains("1049");
        assertThat(run.errLines().get(1)).startsWith("error: cannot connect to MySQL/MariaDB");
    }

    @Test
    void aRestoreTheMariadbServerAnswersWithErrorsOnTheWayIsOneLine() throws Exception {
        String id = snapshot();
        String target = "tm_fk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + MARIADB + "/", "root", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + target);
        }
        try {
            // the key's table is in neither the snapshot nor the target: the check's query meets "no such table"
            Run run = tidemark(env, "snapshot", "restore", id, "--target", "mariadb://root@" + MARIADB + "/" + target,
                    "--yes");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(11);
            assertThat(run.errLines()).containsExactly("error: table orders violates its foreign key on (customer_id):"
                    + " key (customer_id)=(7) is not in table customers (nothing was committed; add the missing rows to"
                    + " customers or fix the rows of orders in the source)");
        } finally {
            try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + MARIADB + "/", "root", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + target);
            }
        }
    }

    @Test
    void aDeadAzureEndpointIsOneLine() throws Exception {
        env.put("SNAPSHOTS_STORAGE_PROVIDER", "azure");
        env.put("SNAPSHOTS_STORAGE_AZURE_CONTAINER", "tidemark");
        env.put("SNAPSHOTS_STORAGE_AZURE_CONNECTION_STRING",
                "DefaultEndpointsProtocol=http;AccountName=acct;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:9/acct");

        Run run = tidemark(env, "snapshot", "list");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(8);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("error: listing container tidemark at http://127.0.0.1:9/acct failed after 3 attempts: ");
    }

    @Test
    void anUnknownLogLevelIsAConfigurationError() throws Exception {
        env.put("TIDEMARK_LOG_LEVEL", "loud");

        Run run = tidemark(env, "snapshot", "list");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.errLines()).containsExactly("error: TIDEMARK_LOG_LEVEL: 'loud' is not a log level"
                + " (use one of trace, debug, info, warn, error, off)");
    }

    private String snapshot() throws Exception {
        Run run = tidemark(env, "snapshot", "create");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out().lines().reduce((first, last) -> last).orElseThrow();
    }

    record Run(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private Run tidemark(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("tidemark.jar")));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(dir, "stderr-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("tidemark %s finished", String.join(" ", args)).isTrue();
        return new Run(process.exitValue(), out, Files.readString(stderr));
    }
}
