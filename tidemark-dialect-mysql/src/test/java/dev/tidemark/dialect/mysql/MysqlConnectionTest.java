package dev.tidemark.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.dialect.Dialect;
import dev.tidemark.dialect.Dialects;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Connection strings are parsed strictly and every connection failure is one clear line without secrets. */
class MysqlConnectionTest {

    @Test
    void parsesEveryScheme() {
        for (String url : new String[] {"mysql://app:s3cr%40t@db.example:3307/shop?connectTimeout=5000",
                "mariadb://app:s3cr%40t@db.example:3307/shop?connectTimeout=5000",
                "jdbc:mysql://db.example:3307/shop?user=app&password=s3cr%40t&connectTimeout=5000",
                "jdbc:mariadb://app:s3cr%40t@db.example:3307/shop?connectTimeout=5000"}) {
            MysqlConnectionString parsed = MysqlConnectionString.parse(url).orElseThrow();
            assertThat(parsed.host()).isEqualTo("db.example");
            assertThat(parsed.port()).isEqualTo(3307);
            assertThat(parsed.database()).isEqualTo("shop");
            assertThat(parsed.user()).isEqualTo("app");
            assertThat(parsed.password()).isEqualTo("s3cr@t");
            assertThat(parsed.properties()).containsEntry("connectTimeout", "5000");
            assertThat(parsed.describe()).doesNotContain("s3cr");
        }
        assertThat(MysqlConnectionString.parse("postgresql://x/y")).isEmpty();
        assertThat(MysqlConnectionString.parse("mysql://h/db").orElseThrow().port()).isEqualTo(3306);
    }

    @Test
    void theDialectIsFoundThroughTheServiceLoader() {
        Dialect dialect = Dialects.forUrl("mariadb://root:hunter2@127.0.0.1:3306/test");
        assertThat(dialect).isInstanceOf(MysqlDialect.class);
        assertThat(dialect.describe()).doesNotContain("hunter2").contains("127.0.0.1:3306/test");
        assertThat(Dialects.forUrl("jdbc:mysql://root@127.0.0.1:3306/test").backend()).isEqualTo("mariadb");
    }

    @Test
    void dangerousDriverPropertiesAreRefused() {
        for (String property : new String[] {"allowLoadLocalInfile=true", "allowLocalInfile=true", "autoDeserialize=true",
                "allowUrlInLocalInfile=true", "socketFactory=x.Y", "useServerPrepStmts=false"}) {
            assertThatThrownBy(() -> MysqlConnectionString.parse("mysql://root:hunter2@127.0.0.1/test?" + property))
                    .isInstanceOfSatisfying(TidemarkException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
                        assertThat(e.getMessage()).contains("driver property " + property.split("=")[0] + " is not allowed")
                                .doesNotContain("hunter2").doesNotContain("\n");
                    });
        }
    }

    @Test
    void malformedStringsAreConfigErrors() {
        for (String url : new String[] {"mysql://127.0.0.1:notaport/test", "mysql://127.0.0.1:3306/", "mysql:///test",
                "mysql://127.0.0.1:70000/test"}) {
            assertThatThrownBy(() -> MysqlConnectionString.parse(url))
                    .isInstanceOfSatisfying(TidemarkException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG));
        }
    }

    private static void assertUnavailable(String url, String secret, String... expected) {
        Dialect dialect = Dialects.forUrl(url);
        assertThatThrownBy(() -> dialect.openSnapshot(SnapshotMode.ONLINE, 1).close())
                .isInstanceOfSatisfying(TidemarkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.DATABASE_UNAVAILABLE);
                    assertThat(e.oneLine()).doesNotContain("\n").doesNotContain(secret).contains(expected);
                });
        assertThatThrownBy(() -> dialect.openRestore(1).close())
                .isInstanceOfSatisfying(TidemarkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.DATABASE_UNAVAILABLE);
                    assertThat(e.oneLine()).doesNotContain(secret);
                });
    }

    @Test
    void anUnreachablePortIsReportedAsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertUnavailable("mysql://root:hunter2@127.0.0.1:" + closedPort + "/test", "hunter2",
                "127.0.0.1:" + closedPort + "/test");
    }

    @Test
    void aWrongPasswordIsReportedAsUnavailable() {
        assertUnavailable("mysql://tm_nobody:Wr0ngPassw0rd@127.0.0.1:3306/test", "Wr0ngPassw0rd", "127.0.0.1:3306/test",
                "Access denied");
    }

    @Test
    void aMissingDatabaseIsReportedAsUnavailable() {
        assertUnavailable("mysql://root:hunter2x@127.0.0.1:3306/tm_does_not_exist", "hunter2x", "tm_does_not_exist");
    }
}
