package dev.tidemark.dialect.mysql;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Connection strings are parsed strictly and every connection failure is one clear line without secrets. */
class MysqlConnectionTest {
    private static final String SECRET = "Sm0ggled-Secret";

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
                "mysql://127.0.0.1:70000/test", "mysql://127.0.0.1:3306/test%zz"}) {
            assertThatThrownBy(() -> MysqlConnectionString.parse(url))
                    .isInstanceOfSatisfying(TidemarkException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG));
        }
    }

    @Test
    void theDriverUrlHoldsOnlyHostAndPort() {
        MysqlConnectionString parsed = MysqlConnectionString.parse("mysql://app:" + SECRET + "@[::1]:3307/shop%20floor"
                + "?connectTimeout=5000").orElseThrow();
        assertThat(parsed.jdbcUrl()).isEqualTo("jdbc:mariadb://[::1]:3307/");
        assertThat(parsed.location()).isEqualTo("[::1]:3307/shop floor");
        assertThat(parsed.describe()).isEqualTo("mysql://app:***@[::1]:3307/shop floor?connectTimeout=5000");
        assertThat(parsed.toString()).doesNotContain(SECRET);
        assertThat(parsed.driverProperties(false)).containsEntry("database", "shop floor").containsEntry("user", "app")
                .containsEntry("password", SECRET).containsEntry("connectTimeout", "5000")
                .containsEntry("allowLocalInfile", "false");
    }

    /** Every way of hiding a driver option or a second part in the database name, with the problem named. */
    static Stream<Arguments> smuggledOptions() {
        Stream<String[]> paths = Stream.of(
                new String[] {"/db%3FinitSql%3DCREATE%20TABLE%20db.x%20(a%20int)", "may not contain '?'"},
                new String[] {"/db%3fsessionVariables%3dsql_log_bin%3d0", "may not contain '?'"},
                new String[] {"/x%3Fpassword%3D" + SECRET, "may not contain '?'"},
                new String[] {"/x%3Fuser%3Droot%26password%3D" + SECRET, "may not contain '?'"},
                new String[] {"/db%26allowLocalInfile%3Dtrue", "may not contain '&'"},
                new String[] {"/db%23autoDeserialize%3Dtrue", "may not contain '#'"},
                new String[] {"/db%2F..%2Fmysql", "may not contain '/'"},
                new String[] {"/db/mysql", "may not contain '/'"},
                new String[] {"/db%00mysql", "may not contain a control character (U+0000)"},
                new String[] {"/db%3BinitSql%3DDROP%20TABLE%20t", "may not contain ';'"},
                new String[] {"/db;autoDeserialize=true", "may not contain ';'"},
                new String[] {"/db%5Cx", "may not contain '\\'"},
                new String[] {"/db%253FinitSql%253DDROP%2520TABLE%2520t", "may not contain '%'"},
                new String[] {"/db?database=x%3FinitSql%3Dy", "may not contain '?'"},
                new String[] {"/db?initSql=CREATE%20TABLE%20x(a%20int)", "driver property initSql is not allowed"},
                new String[] {"/db?sessionVariables=sql_log_bin=0", "driver property sessionVariables is not allowed"},
                new String[] {"/db?allowLocalInfile=true", "driver property allowLocalInfile is not allowed"},
                new String[] {"/db?connectTimeout=5&autoDeserialize=true", "driver property autoDeserialize is not allowed"});
        return paths.flatMap(path -> Stream.of("mysql://", "mariadb://", "jdbc:mysql://", "jdbc:mariadb://")
                .map(scheme -> Arguments.of(scheme + "root:" + SECRET + "@127.0.0.1:3306" + path[0], path[1])));
    }

    @ParameterizedTest
    @MethodSource("smuggledOptions")
    void optionsHiddenInTheStringAreRefused(String url, String problem) {
        assertThatThrownBy(() -> Dialects.forUrl(url)).isInstanceOfSatisfying(TidemarkException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
            assertThat(e.getMessage()).startsWith("invalid MySQL/MariaDB connection string ").contains(problem)
                    .contains("root:***@127.0.0.1:3306/");
            assertThat(e.oneLine()).doesNotContain(SECRET).doesNotContain("\n").doesNotContain("\u0000");
        });
    }

    @Test
    void otherDriverUrlFormsAreRefused() {
        for (String url : new String[] {"jdbc:mysql://address=(host=127.0.0.1)(port=3306)/db",
                "jdbc:mariadb://127.0.0.1,127.0.0.2/db", "jdbc:mysql:replication://127.0.0.1/db",
                "jdbc:mariadb:loadbalance://127.0.0.1/db", "mysql://::1/db"}) {
            assertThatThrownBy(() -> Dialects.forUrl(url)).as(url)
                    .isInstanceOfSatisfying(TidemarkException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tm_%s", "tm-%s-$x", "tm %s mit Leerzeichen", "tm_%s_Zöe_データ"})
    void legitimateNamesConnectToThatDatabase(String pattern) throws Exception {
        String name = String.format(pattern, Long.toString(System.nanoTime(), 36));
        try (Connection admin = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", null)) {
            admin.createStatement().execute("CREATE DATABASE `" + name + "`");
            try {
                for (String path : new String[] {encoded(name), name.replace(" ", "%20")}) {
                    MysqlConnectionString target = MysqlConnectionString.parse("mysql://root@127.0.0.1:3306/" + path).orElseThrow();
                    assertThat(target.database()).isEqualTo(name);
                    try (Connection connection = MysqlConnections.open(target, false);
                         ResultSet rs = connection.createStatement().executeQuery("SELECT DATABASE()")) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo(name);
                    }
                }
            } finally {
                admin.createStatement().execute("DROP DATABASE `" + name + "`");
            }
        }
    }

    @Test
    void aSmuggledInitSqlNeverRunsAndASmuggledUserNeverLogsIn() throws Exception {
        try (ScratchDatabase db = new ScratchDatabase()) {
            String createTable = "%3FinitSql%3DCREATE%20TABLE%20" + db.name() + ".smuggled%20(a%20int)";
            for (String url : new String[] {"mysql://root@127.0.0.1:3306/" + db.name() + createTable,
                    "mysql://tm_nobody@127.0.0.1:3306/" + db.name() + "%3Fuser%3Droot" + createTable.replace("%3F", "%26"),
                    "mysql://root@127.0.0.1:3306/" + db.name() + "%253FinitSql%253DCREATE%2520TABLE%2520" + db.name()
                            + ".smuggled%2520(a%2520int)"}) {
                assertThatThrownBy(() -> Dialects.forUrl(url).openRestore(1).close())
                        .isInstanceOfSatisfying(TidemarkException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG));
            }
            try (Connection connection = db.connect();
                 ResultSet rs = connection.createStatement().executeQuery("SELECT COUNT(*) FROM information_schema.tables"
                         + " WHERE table_schema = DATABASE()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isZero();
            }
        }
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
        assertUnavailable("mysql://root@127.0.0.1:3306/tm_does_not_exist", "(conn=",
                "cannot connect to MySQL/MariaDB at 127.0.0.1:3306/tm_does_not_exist: database tm_does_not_exist does not exist");
    }
}
