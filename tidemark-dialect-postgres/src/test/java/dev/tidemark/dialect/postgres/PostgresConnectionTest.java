package dev.tidemark.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.dialect.Dialect;
import dev.tidemark.dialect.Dialects;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresConnectionTest {
    private static final String SECRET = "s3cret-Pw";

    @Test
    void parsesUrlForms() {
        var url = PostgresConnectionString.parse("postgresql://app:p%40ss@db.example:6543/main?sslmode=require&connect_timeout=5");
        assertThat(url.host()).isEqualTo("db.example");
        assertThat(url.port()).isEqualTo(6543);
        assertThat(url.database()).isEqualTo("main");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("p@ss");
        assertThat(url.properties()).containsEntry("sslmode", "require").containsEntry("connectTimeout", "5");
        assertThat(url.toString()).doesNotContain("p%40ss");

        var jdbc = PostgresConnectionString.parse("jdbc:postgresql://[::1]/shop?user=u&password=" + SECRET + "&currentSchema=sales");
        assertThat(jdbc.host()).isEqualTo("::1");
        assertThat(jdbc.port()).isEqualTo(5432);
        assertThat(jdbc.user()).isEqualTo("u");
        assertThat(jdbc.currentSchema()).isEqualTo("sales");
        assertThat(jdbc.properties()).containsEntry("connectTimeout", "10");
        assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/shop");

        var raw = PostgresConnectionString.parse("postgresql://app:a/b+c=@d@db.example:6543/main");
        assertThat(raw.password()).isEqualTo("a/b+c=@d");
        assertThat(raw.host()).isEqualTo("db.example");
        assertThat(raw.database()).isEqualTo("main");
        assertThat(raw.redacted()).isEqualTo("postgresql://app:***@db.example:6543/main");
        assertThat(PostgresConnectionString.parse("postgresql://db.example:6543/main").redacted())
                .isEqualTo("postgresql://db.example:6543/main");
        assertThat(PostgresConnectionString.parse("postgresql://app@db.example/main?password=" + SECRET).redacted())
                .doesNotContain(SECRET);

        var local = PostgresConnectionString.parse("jdbc:postgresql:shop");
        assertThat(local.host()).isEqualTo("localhost");
        assertThat(local.database()).isEqualTo("shop");

        Dialect dialect = Dialects.forUrl("postgres://app:" + SECRET + "@localhost/main");
        assertThat(dialect).isInstanceOf(PostgresDialect.class);
        assertThat(dialect.backend()).isEqualTo("postgresql");
        assertThat(dialect.describe()).isEqualTo("postgres://app:***@localhost/main");
    }

    @Test
    void refusesDriverPropertiesOutsideTheAllowList() {
        for (String url : new String[] {
            "postgresql://app:" + SECRET + "@localhost/db?socketFactory=com.evil.Factory",
            "jdbc:postgresql://localhost/db?password=" + SECRET + "&sslfactory=x",
            "jdbc:postgresql://localhost/db?loggerFile=/tmp/pw.log&password=" + SECRET,
            "postgresql://app:" + SECRET + "@localhost/db?options=-c%20log_statement=all"}) {
            assertThatThrownBy(() -> Dialects.forUrl(url)).isInstanceOfSatisfying(TidemarkException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
                assertThat(e.getMessage()).contains("is not allowed").doesNotContain(SECRET);
                assertThat(e.hint()).isNotBlank();
            });
        }
        assertThatThrownBy(() -> PostgresConnectionString.parse("postgresql://app:" + SECRET + "@localhost:99999/db"))
                .isInstanceOfSatisfying(TidemarkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
                    assertThat(e.getMessage()).contains("the port is not a number from 1 to 65535").doesNotContain(SECRET);
                });
    }

    /** Every way of hiding a driver option or a second part in the database name, with the problem named. */
    static Stream<Arguments> smuggledOptions() {
        Stream<String[]> paths = Stream.of(
                new String[] {"/db%3Foptions%3D-c%20session_replication_role%3Dreplica", "may not contain '?'"},
                new String[] {"/db%3fuser%3dpostgres", "may not contain '?'"},
                new String[] {"/x%3Fpassword%3D" + SECRET, "may not contain '?'"},
                new String[] {"/db%26socketFactory%3Dx.Y", "may not contain '&'"},
                new String[] {"/db%23x", "may not contain '#'"},
                new String[] {"/db%2F..%2Fpostgres", "may not contain '/'"},
                new String[] {"/db/postgres", "may not contain '/'"},
                new String[] {"/template1%00options%00-c", "may not contain a control character (U+0000)"},
                new String[] {"/db%3Bx", "may not contain ';'"},
                new String[] {"/db;sslfactory=x", "may not contain ';'"},
                new String[] {"/db%5Cx", "may not contain '\\'"},
                new String[] {"/db%3Dx", "may not contain '='"},
                new String[] {"/db%253Fuser%253Dpostgres", "may not contain '%'"},
                new String[] {"/db?dbname=x%3Fuser%3Dpostgres", "may not contain '?'"},
                new String[] {"/db?currentSchema=public%00options%00-c%20session_replication_role%3Dreplica",
                        "the value of currentSchema may not contain a control character (U+0000)"},
                new String[] {"/db?ApplicationName=x%0Ay", "the value of ApplicationName may not contain a control character"},
                new String[] {"/db?options=-c%20log_statement%3Dall", "driver property options is not allowed"},
                new String[] {"/db?sslpasswordcallback=x.Y", "driver property sslpasswordcallback is not allowed"},
                new String[] {"/db?service=other", "driver property service is not allowed"},
                new String[] {"/db?sslmode=disable&loggerFile=/tmp/pw.log", "driver property loggerFile is not allowed"},
                new String[] {"/" + "d".repeat(64), "the database name is longer than PostgreSQL's 63 bytes"},
                new String[] {"/" + "ü".repeat(32), "the database name is longer than PostgreSQL's 63 bytes"});
        return paths.flatMap(path -> Stream.of("postgresql://", "postgres://", "jdbc:postgresql://")
                .map(scheme -> Arguments.of(scheme + "app:" + SECRET + "@127.0.0.1:5432" + path[0], path[1])));
    }

    @ParameterizedTest
    @MethodSource("smuggledOptions")
    void optionsHiddenInTheStringAreRefused(String url, String problem) {
        assertThatThrownBy(() -> Dialects.forUrl(url)).isInstanceOfSatisfying(TidemarkException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
            assertThat(e.getMessage()).startsWith("invalid PostgreSQL connection string ").contains(problem)
                    .contains("app:***@127.0.0.1:5432/");
            assertThat(e.oneLine()).doesNotContain(SECRET).doesNotContain("\n").doesNotContain("\u0000");
        });
    }

    @Test
    void otherDriverUrlFormsAreRefused() {
        for (String url : new String[] {"jdbc:postgresql://h1,h2/db", "jdbc:postgresql://h1:5432,h2:5432/db",
                "jdbc:postgresql:db%3Fuser%3Dpostgres", "jdbc:postgresql:db/other", "postgresql://::1/db",
                "postgresql://" + "u".repeat(64) + "@h/db"}) {
            assertThatThrownBy(() -> Dialects.forUrl(url)).as(url)
                    .isInstanceOfSatisfying(TidemarkException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tm_%s", "tm-%s-$x", "tm %s with spaces", "tm_%s_Zöe_データ_🚀", "TM_%s_MixedCase", "tm_%s_a+b@c"})
    void legitimateNamesConnectToThatDatabase(String pattern) throws Exception {
        String name = String.format(pattern, Long.toString(System.nanoTime(), 36));
        String quoted = "\"" + name.replace("\"", "\"\"") + "\"";
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
            admin.createStatement().execute("CREATE DATABASE " + quoted);
            try {
                for (String url : new String[] {"postgresql://postgres@127.0.0.1:5432/" + encoded(name),
                        "jdbc:postgresql://127.0.0.1:5432/" + encoded(name) + "?user=postgres",
                        "postgresql://postgres@127.0.0.1:5432/?dbname=" + encoded(name)}) {
                    PostgresDialect dialect = (PostgresDialect) Dialects.forUrl(url);
                    assertThat(dialect.target().database()).isEqualTo(name);
                    try (Connection connection = dialect.connect();
                         ResultSet rs = connection.createStatement().executeQuery("SELECT current_database()")) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo(name);
                    }
                }
            } finally {
                admin.createStatement().execute("DROP DATABASE " + quoted + " WITH (FORCE)");
            }
        }
    }

    @Test
    void aSmuggledUserOrSessionOptionNeverReachesTheServer() throws Exception {
        try (ScratchDatabase db = new ScratchDatabase()) {
            for (String url : new String[] {"postgresql://tm_nobody@127.0.0.1:5432/" + db.name + "%3Fuser%3Dpostgres",
                    "postgresql://postgres@127.0.0.1:5432/" + db.name + "%00options%00-c%20default_transaction_read_only%3Don",
                    "postgresql://postgres@127.0.0.1:5432/" + db.name
                            + "?currentSchema=public%00options%00-c%20session_replication_role%3Dreplica"}) {
                assertThatThrownBy(() -> Dialects.forUrl(url).openRestore(1).close())
                        .isInstanceOfSatisfying(TidemarkException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG));
            }
        }
    }

    @Test
    void unreachablePortIsReportedAsUnavailable() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }
        String url = "postgresql://postgres:" + SECRET + "@127.0.0.1:" + freePort + "/test";
        assertUnavailable(url, e -> assertThat(e.getMessage()).contains("127.0.0.1:" + freePort + "/test"));
    }

    @Test
    void wrongPasswordIsReportedWithoutThePassword() throws Exception {
        try (FakePasswordRejectingServer server = new FakePasswordRejectingServer()) {
            String url = "postgresql://app:" + SECRET + "@127.0.0.1:" + server.port() + "/shop";
            assertUnavailable(url, e -> {
                assertThat(e.getMessage()).contains("authentication failed for user app").contains(":" + server.port() + "/shop");
                assertThat(e.hint()).contains("password");
            });
        }
    }

    @Test
    void missingDatabaseIsReportedAsUnavailable() {
        String url = "postgresql://postgres:" + SECRET + "@127.0.0.1:5432/tm_no_such_database";
        assertUnavailable(url, e -> assertThat(e.getMessage()).contains("database tm_no_such_database does not exist"));
    }

    /** Every byte outside plain ASCII letters and digits percent-encoded, as a cautious client writes it. */
    private static String encoded(String name) {
        StringBuilder text = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')) {
                text.append((char) b);
            } else {
                text.append(String.format("%%%02X", b & 0xff));
            }
        }
        return text.toString();
    }

    private static void assertUnavailable(String url, Consumer<TidemarkException> more) {
        Dialect dialect = Dialects.forUrl(url);
        for (Runnable open : new Runnable[] {() -> dialect.openSnapshot(SnapshotMode.READ_ONLY, 1).close(),
                                             () -> dialect.openRestore(1).close()}) {
            assertThatThrownBy(open::run).isInstanceOfSatisfying(TidemarkException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.DATABASE_UNAVAILABLE);
                assertThat(e.oneLine()).doesNotContain(SECRET).doesNotContain("\n");
                assertThat(e.getMessage()).startsWith("cannot connect to PostgreSQL at ");
                more.accept(e);
            });
        }
    }
}
