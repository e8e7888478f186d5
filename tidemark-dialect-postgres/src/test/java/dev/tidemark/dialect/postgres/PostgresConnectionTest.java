package dev.tidemark.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.dialect.Dialect;
import dev.tidemark.dialect.Dialects;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.net.ServerSocket;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

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
                    assertThat(e.getMessage()).contains("out of range").doesNotContain(SECRET);
                });
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
