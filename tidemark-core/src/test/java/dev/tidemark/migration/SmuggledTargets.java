package dev.tidemark.migration;

import java.util.List;

/**
 * Connection strings that try to pass options to the driver through the database name or a query
 * parameter: each would create a table, log in as another user, change the session or leak a password if
 * it reached the driver. Shared by the CLI and server tests, which check that every entry point refuses
 * them before connecting.
 */
public final class SmuggledTargets {
    /** A password that must never appear in any answer. */
    public static final String SECRET = "Sm0ggled-Secret";

    /**
     * One connection string; {@code {db}} stands for the scratch database's name.
     *
     * @param problem what the refusal must say
     */
    public record Target(Backend backend, String template, String problem) {
        public String url(ScratchDatabase db) {
            return template.replace("{db}", db.name());
        }

        @Override
        public String toString() {
            return template;
        }
    }

    private static final String CREATE_TABLE = "CREATE%20TABLE%20{db}.smuggled%20(a%20int)";

    private SmuggledTargets() {
    }

    public static List<Target> all() {
        return List.of(
                mariadb("mysql://root@127.0.0.1:3306/{db}%3FinitSql%3D" + CREATE_TABLE, "may not contain '?'"),
                mariadb("mysql://tm_nobody@127.0.0.1:3306/{db}%3Fuser%3Droot%26initSql%3D" + CREATE_TABLE,
                        "may not contain '?'"),
                mariadb("mariadb://root@127.0.0.1:3306/{db}%3Fpassword%3D" + SECRET, "may not contain '?'"),
                mariadb("mysql://root:" + SECRET + "@127.0.0.1:3306/{db}%253FinitSql%253D" + CREATE_TABLE.replace("%", "%25"),
                        "may not contain '%'"),
                mariadb("mysql://root:" + SECRET + "@127.0.0.1:3306/{db};initSql=" + CREATE_TABLE, "may not contain ';'"),
                mariadb("jdbc:mariadb://127.0.0.1:3306/{db}?user=root&password=" + SECRET + "&initSql=" + CREATE_TABLE,
                        "driver property initSql is not allowed"),
                mariadb("jdbc:mysql://127.0.0.1:3306/{db}?user=root&sessionVariables=sql_log_bin=0",
                        "driver property sessionVariables is not allowed"),
                postgres("postgresql://tm_nobody@127.0.0.1:5432/{db}%3Fuser%3Dpostgres", "may not contain '?'"),
                postgres("postgresql://postgres:" + SECRET + "@127.0.0.1:5432/{db}%00options%00-c%20default_transaction_read_only%3Don",
                        "may not contain a control character (U+0000)"),
                postgres("postgres://postgres@127.0.0.1:5432/{db}%3Fpassword%3D" + SECRET, "may not contain '?'"),
                postgres("postgresql://postgres:" + SECRET + "@127.0.0.1:5432/{db}"
                        + "?currentSchema=public%00options%00-c%20session_replication_role%3Dreplica",
                        "the value of currentSchema may not contain a control character (U+0000)"),
                postgres("jdbc:postgresql://127.0.0.1:5432/{db}?user=postgres&password=" + SECRET
                        + "&options=-c%20default_transaction_read_only%3Don", "driver property options is not allowed"));
    }

    private static Target mariadb(String template, String problem) {
        return new Target(Backend.MARIADB, template, problem);
    }

    private static Target postgres(String template, String problem) {
        return new Target(Backend.POSTGRESQL, template, problem);
    }
}
